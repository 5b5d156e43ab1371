/// A parsed filter expression: the `--filter` argument of `lttng enable-event` and of an event
/// rule (lttng-event-rule(7), "Event payload and context filter condition").
///
/// Parse with ``parse(_:)``, compile with ``FilterProgram/init(compiling:)``. The tree keeps
/// what the user wrote (no constant folding), and its ``description`` prints it back fully
/// parenthesised, which shows how precedence grouped it: `2 & 2 == 2` is `((2 & 2) == 2)` in
/// LTTng, unlike C.
///
/// ## Semantics
///
/// Checked against LTTng 2.13.9 / LTTng-UST 2.13.5 by running the same expressions on the same
/// events through both (the table in `Tests/SpoorFilterTests/ConformanceTests.swift`):
///
/// - Every integer, signed or not, is a signed 64-bit value: a `uint64_t` field holding
///   `UINT64_MAX` equals `-1`. An integer and a double compare as doubles.
/// - `&`, `|`, `^`, `<<`, `>>` bind tighter than comparisons. They work on the `UInt64` bit
///   patterns; a shift amount outside 0...63 makes the filter false.
/// - `+ - * / %` are parsed and refused, as LTTng refuses them ("binary operation '+' not
///   supported"), so there is no division by zero to define. Unary `-`, `+`, `!`, `~` exist.
/// - Strings compare with `==` and `!=` against a literal glob (`*` anywhere matches any run;
///   `\*` is a star, `\\` a backslash, no other escape exists). `<`, `<=`, `>`, `>=` compare
///   bytewise and only allow a literal whose one `*` ends it (the strings are then equal from it).
///   Two string fields compare without globbing.
/// - A reference to a field or context the event does not have makes the whole filter false,
///   even in a branch the short circuit skips. An element past the end of an array or sequence,
///   an operator applied to the wrong type (`s == 1`, `~d`, `s && 1`) make it false when evaluated.
///
/// Where Spoor departs from LTTng on purpose (each case is in the conformance table):
///
/// - A double is true when non-zero, everywhere. LTTng truncates it to an integer in `&&` and
///   `||` (`0.1 && 1` is false), does not in `!`, and rejects a double as the whole result.
/// - LTTng reads past the end of a non-empty sequence (`seq[2]` of a 2-element sequence); Spoor
///   treats it as missing. LTTng ignores a second index (`arr[1][0]` is `arr[1]`); Spoor looks
///   up the field `arr[1]`, which an integer array does not have.
/// - LTTng fails a whole filter for a type error it can see at link time, even in a branch
///   not taken (`row == 1 || s == 1` never matches); Spoor only fails what it evaluates. LTTng
///   also fails any bitwise result used directly as a `&&`/`||` operand (`x || 1 << 2`).
/// - Spoor refuses at parse time what LTTng accepts and then never matches: an integer literal
///   wider than 64 bits (LTTng saturates it to -1), `$app.provider` without `:type`, a bitwise
///   operator on a floating-point literal.
/// - `$ctx.perf:thread:cpu-cycles` is one context name; LTTng lexes its dashes as minus signs.
/// - Ordering of strings is by unsigned byte (UTF-8 code point order); LTTng compares signed `char`s.
public struct FilterExpression: Sendable, Hashable, CustomStringConvertible {
    /// The expression as the user wrote it.
    public let text: String
    /// The root of the expression tree.
    public let root: FilterNode

    init(text: String, root: FilterNode) {
        self.text = text
        self.root = root
    }

    /// Parses `text`, or throws a ``FilterError`` that points at the first problem.
    public static func parse(_ text: String) throws(FilterError) -> FilterExpression {
        var parser = try FilterParser(text)
        return FilterExpression(text: text, root: try parser.parseFilter())
    }

    /// The distinct payload field references, in order of first appearance.
    public var fieldReferences: [FilterFieldReference] { references(in: .payload) }

    /// The distinct context references (`$ctx.NAME`, `$app.PROVIDER:TYPE`), in order of first appearance.
    public var contextReferences: [FilterFieldReference] { references(in: .context) }

    /// The fully parenthesised expression.
    public var description: String { root.description }

    private func references(in scope: FilterFieldReference.Scope) -> [FilterFieldReference] {
        var found: [FilterFieldReference] = []
        var seen: Set<FilterFieldReference> = []
        root.forEachReference { reference in
            if reference.scope == scope && seen.insert(reference).inserted { found.append(reference) }
        }
        return found
    }
}

/// One node of a filter expression tree.
public indirect enum FilterNode: Sendable, Hashable, CustomStringConvertible {
    /// An integer literal, as the 64-bit two's complement value LTTng casts every integer to
    /// (`0xffffffffffffffff` is -1).
    case integer(Int64)
    /// A floating-point literal.
    case double(Double)
    /// A string literal, possibly a glob pattern.
    case string(FilterStringLiteral)
    /// A payload field, context or application context reference.
    case reference(FilterFieldReference)
    /// A unary operator applied to an operand.
    case unary(FilterUnaryOperator, FilterNode)
    /// A binary operator (comparison or bitwise) applied to two operands.
    case binary(FilterBinaryOperator, FilterNode, FilterNode)
    /// `&&` or `||` over two or more operands, evaluated left to right with short circuit.
    case logical(FilterLogicalOperator, [FilterNode])

    public var description: String {
        switch self {
        case .integer(let value): String(value)
        case .double(let value): String(value)
        case .string(let literal): literal.description
        case .reference(let reference): reference.description
        case .unary(let op, let operand): "(\(op.rawValue)\(operand))"
        case .binary(let op, let lhs, let rhs): "(\(lhs) \(op.rawValue) \(rhs))"
        case .logical(let op, let operands):
            "(" + operands.map(\.description).joined(separator: " \(op.rawValue) ") + ")"
        }
    }

    /// Calls `body` for every reference in the tree, left to right.
    func forEachReference(_ body: (FilterFieldReference) -> Void) {
        switch self {
        case .integer, .double, .string: break
        case .reference(let reference): body(reference)
        case .unary(_, let operand): operand.forEachReference(body)
        case .binary(_, let lhs, let rhs):
            lhs.forEachReference(body)
            rhs.forEachReference(body)
        case .logical(_, let operands):
            for operand in operands { operand.forEachReference(body) }
        }
    }
}

/// A reference to a value of the event: a payload field, a context field or an application
/// context field, possibly one element of an array or sequence.
///
/// Nested references are flattened into a dotted name: `a.b` binds the field named `a.b`, and
/// `msg.user[1].data[2][17]` binds element 17 of the field named `msg.user[1].data[2]`.
public struct FilterFieldReference: Sendable, Hashable, CustomStringConvertible {
    /// Where the value comes from.
    public enum Scope: Sendable, Hashable {
        /// The event payload (`my_field`).
        case payload
        /// The event context (`$ctx.vpid`) or an application context (`$app.provider:type`).
        case context
    }

    /// Where the value comes from.
    public var scope: Scope
    /// The name to bind: `my_field`, `a.b`, `vpid`, `perf:thread:cpu-cycles`, or `$app.provider:type`
    /// for an application context (the name `lttng add-context --type` takes).
    public var name: String
    /// The constant index of `name[N]`, or `nil` when the whole field is read.
    public var element: Int?

    /// Creates a reference.
    public init(scope: Scope, name: String, element: Int? = nil) {
        self.scope = scope
        self.name = name
        self.element = element
    }

    /// The reference in filter syntax: `my_array[3]`, `$ctx.vpid`, `$app.provider:type`.
    public var description: String {
        let base =
            switch scope {
            case .payload: name
            case .context: name.hasPrefix("$app.") ? name : "$ctx." + name
            }
        return element.map { "\(base)[\($0)]" } ?? base
    }
}

/// A string literal of a filter expression, with its escapes resolved.
///
/// lttng-event-rule(7): "When comparing to a string literal, the `*` character means 'match
/// anything'. To match a literal `*` character, use `\*`." The real LTTng 2.13 also accepts
/// `\\` for a backslash and rejects every other escape ("Unsupported escape character detected").
public struct FilterStringLiteral: Sendable, Hashable, CustomStringConvertible {
    /// The literal's bytes; a 0 byte stands for a `*` wildcard. Filter text cannot contain NUL,
    /// and the interpreter ends field strings at their first NUL, so 0 is free for this use.
    public let pattern: [UInt8]

    /// Creates a literal from its encoded pattern (0 bytes are wildcards).
    public init(pattern: [UInt8]) {
        self.pattern = pattern
    }

    /// Whether the literal has at least one wildcard.
    public var hasWildcard: Bool { pattern.contains(FilterStringLiteral.wildcard) }

    /// Whether the literal's only wildcard, if any, is its last character: LTTng lets `<`, `<=`,
    /// `>` and `>=` use such a literal (comparing up to the wildcard), and only `==` and `!=` use
    /// any other pattern.
    public var isPlainOrPrefix: Bool {
        guard let first = pattern.firstIndex(of: FilterStringLiteral.wildcard) else { return true }
        return first == pattern.count - 1
    }

    /// The literal in filter syntax, double-quoted, with `\\` and `\*` escapes.
    public var description: String {
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        for byte in pattern {
            switch byte {
            case FilterStringLiteral.wildcard: bytes.append(UInt8(ascii: "*"))
            case UInt8(ascii: "*"), UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), byte]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The byte that encodes a wildcard in ``pattern``.
    public static let wildcard: UInt8 = 0
}

/// A unary operator of the filter language.
public enum FilterUnaryOperator: String, Sendable, Hashable, CaseIterable {
    /// `-`: negation (two's complement wrap for integers).
    case negate = "-"
    /// `+`: the operand itself, which must be a number.
    case plus = "+"
    /// `!`: 1 when the operand is 0, else 0.
    case logicalNot = "!"
    /// `~`: `(int64_t) ~((uint64_t) value)`.
    case bitwiseNot = "~"
}

/// A binary, non-short-circuit operator of the filter language.
public enum FilterBinaryOperator: String, Sendable, Hashable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case bitwiseAnd = "&"
    case bitwiseOr = "|"
    case bitwiseXor = "^"
    case shiftLeft = "<<"
    case shiftRight = ">>"

    /// Whether the operator compares its operands (and yields 0 or 1).
    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: true
        default: false
        }
    }

    /// The comparison that gives the same result with the operands swapped (`a < b` is `b > a`).
    var swapped: FilterBinaryOperator {
        switch self {
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        default: self
        }
    }
}

/// A short-circuit logical operator.
public enum FilterLogicalOperator: String, Sendable, Hashable, CaseIterable {
    case and = "&&"
    case or = "||"
}
