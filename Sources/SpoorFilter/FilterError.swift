/// Why a filter expression or a filter bytecode program was rejected.
///
/// An expression error names the problem and points at it, as in
///
/// ```
/// Invalid filter expression: unexpected ')' at column 19:
///   intfield > (3 | 4))
///                     ^
/// ```
///
/// A bytecode error (``FilterProgram/init(bytes:)``) names the byte offset of the bad part.
public struct FilterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The family of a ``FilterError``.
    public enum Kind: Sendable, Hashable {
        /// The text is not a filter expression (a bad token, a missing operand, an unbalanced parenthesis).
        case syntax
        /// The text is well formed but uses what LTTng 2.13 filters do not have (arithmetic operators,
        /// escapes other than `\\` and `\*`).
        case unsupported
        /// An operand can never have the type its operator needs (`"abc" == 1`, `-"abc"`).
        case type
        /// The expression is longer or deeper than ``FilterLimits`` allow.
        case limit
        /// Serialized bytecode is malformed (``FilterProgram/init(bytes:)``).
        case bytecode
    }

    /// The family of the problem.
    public var kind: Kind
    /// The problem, without position: `unexpected ')'`.
    public var reason: String
    /// The expression text, or the empty string for a bytecode error.
    public var expression: String
    /// The UTF-8 byte offset of the problem in `expression`, or in the bytecode for a bytecode error.
    public var offset: Int

    /// Creates an error about `expression` at UTF-8 byte `offset`.
    public init(_ kind: Kind, _ reason: String, expression: String, offset: Int) {
        self.kind = kind
        self.reason = reason
        self.expression = expression
        self.offset = offset
    }

    /// Creates a bytecode error at byte `offset` of the serialized program.
    static func bytecode(_ reason: String, at offset: Int) -> FilterError {
        FilterError(.bytecode, reason, expression: "", offset: offset)
    }

    /// The 1-based line of the problem in `expression`.
    public var line: Int { location.line }

    /// The 1-based column (in characters) of the problem on its line.
    public var column: Int { location.column }

    /// The full message: the reason, the position and, for an expression, a caret line under it.
    public var description: String {
        if kind == .bytecode {
            return "Invalid filter bytecode: \(reason) (at byte \(offset))"
        }
        let position = location.lineCount > 1 ? "line \(line), column \(column)" : "column \(column)"
        return "Invalid filter expression: \(reason) at \(position):\n  \(location.text)\n  \(location.caret)^"
    }

    /// The line holding `offset`, its number and count, and the caret indentation.
    private var location: (line: Int, column: Int, lineCount: Int, text: String, caret: String) {
        let bytes = Array(expression.utf8)
        let offset = min(max(self.offset, 0), bytes.count)
        var lineStart = 0
        var line = 1
        for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
            lineStart = index + 1
            line += 1
        }
        var lineEnd = offset
        while lineEnd < bytes.count && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
        let lineCount = bytes.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        let prefix = String(decoding: bytes[lineStart..<offset], as: UTF8.self)
        // Tabs stay tabs so that the caret lines up however the terminal expands them.
        let caret = String(prefix.map { $0 == "\t" ? "\t" : " " })
        let text = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
        return (line, prefix.count + 1, lineCount, text, caret)
    }
}

/// The limits a filter expression and its bytecode must respect.
///
/// LTTng 2.13 limits the filter text to 65,536 bytes and its bytecode to 65,536 bytes; Spoor
/// keeps the text limit, bounds nesting so that parsing and compiling never exhaust a thread's
/// stack, and bounds the interpreter stack so that it lives in a fixed buffer on the caller's stack.
public enum FilterLimits {
    /// The longest expression text, in UTF-8 bytes.
    public static let maximumExpressionLength = 65_536
    /// The deepest nesting of parentheses, unary operators and binary operators.
    public static let maximumNestingDepth = 128
    /// The most instructions a program may have.
    public static let maximumInstructionCount = 65_535
    /// The most values the interpreter stack holds at once. A computed constant, so that the
    /// inlined interpreter allocates its stack with a size known at compile time.
    @inlinable public static var maximumStackDepth: Int { 32 }
    /// The longest field or context name, in UTF-8 bytes.
    public static let maximumNameLength = 1024
}
