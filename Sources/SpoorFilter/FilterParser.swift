/// A precedence-climbing parser for the filter language of lttng-event-rule(7).
///
/// Precedence, from loosest to tightest, as the man page's table has it (and as the real LTTng
/// 2.13 groups `2 & 2 == 2`: true, where C would say false):
///
/// | level | operators                 |
/// |-------|---------------------------|
/// | 1     | `\|\|`                    |
/// | 2     | `&&`                      |
/// | 3     | `==` `!=`                 |
/// | 4     | `<` `<=` `>` `>=`         |
/// | 5     | `\|`                      |
/// | 6     | `^`                       |
/// | 7     | `&`                       |
/// | 8     | `<<` `>>`                 |
/// | 9, 10 | `+` `-`, `*` `/` `%` (parsed, then refused) |
/// | unary | `!` `~` `-` `+`           |
///
/// The parser also checks what it can know without the event: a string literal is only an
/// operand of a comparison, never compared with a number, and a glob pattern only with `==` or
/// `!=`. LTTng 2.13 rejects the same expressions at `enable-event` time ("operand type
/// mismatch", "unary operation '-' not allowed on string literal", "Only the `==` and `!=`
/// operators are allowed with a globbing pattern").
struct FilterParser {
    /// What the parser knows about an operand's type before any event exists.
    enum StaticType {
        case integer, double, string
        /// A field, a context, or something computed from one.
        case dynamic
    }

    /// A parsed operand with what the checks need.
    struct Operand {
        var node: FilterNode
        var type: StaticType
        /// How many operators nest in `node` (0 for a leaf).
        var depth: Int
        /// Where the operand starts, for messages.
        var offset: Int
    }

    private let text: String
    private let tokens: [FilterToken]
    private var index = 0
    /// Open parentheses and unary operators around the current token.
    private var nesting = 0

    init(_ text: String) throws(FilterError) {
        guard text.utf8.count <= FilterLimits.maximumExpressionLength else {
            throw FilterError(
                .limit, "the expression is longer than \(FilterLimits.maximumExpressionLength) bytes",
                expression: text, offset: FilterLimits.maximumExpressionLength)
        }
        self.text = text
        self.tokens = try FilterLexer.tokenize(text)
    }

    /// Parses the whole text as one condition.
    mutating func parseFilter() throws(FilterError) -> FilterNode {
        if current.kind == .end {
            throw error(.syntax, "the expression is empty", at: current.offset)
        }
        let operand = try parseBinary(minimumPrecedence: 1)
        if current.kind != .end {
            throw error(.syntax, "unexpected \(describe(current))", at: current.offset)
        }
        if operand.type == .string {
            throw error(.type, "a string literal is not a condition; compare it with '==' or '!='", at: operand.offset)
        }
        return operand.node
    }

    // MARK: Tokens

    private var current: FilterToken { tokens[index] }

    private mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    private func error(_ kind: FilterError.Kind, _ reason: String, at offset: Int) -> FilterError {
        FilterError(kind, reason, expression: text, offset: offset)
    }

    /// How messages show a token: `')'`, `'my_field'`, or `end of expression`.
    private func describe(_ token: FilterToken) -> String {
        if token.kind == .end { return "end of expression" }
        let utf8 = Array(text.utf8)
        var shown = String(decoding: utf8[token.offset..<(token.offset + token.length)], as: UTF8.self)
        if shown.count > 24 { shown = String(shown.prefix(21)) + "..." }
        return "'\(shown)'"
    }

    private mutating func enterNesting(at offset: Int) throws(FilterError) {
        nesting += 1
        if nesting > FilterLimits.maximumNestingDepth {
            throw error(
                .limit, "the expression nests more than \(FilterLimits.maximumNestingDepth) levels deep", at: offset)
        }
    }

    // MARK: Binary operators

    private enum BinaryOperator {
        case binary(FilterBinaryOperator)
        case logical(FilterLogicalOperator)
        /// `+ - * / %`: LTTng's grammar knows them, its bytecode generator refuses them.
        case arithmetic(String)
    }

    private static func binaryOperator(_ kind: FilterToken.Kind) -> (BinaryOperator, precedence: Int)? {
        guard case .punctuator(let punctuator) = kind else { return nil }
        switch punctuator {
        case .logicalOr: return (.logical(.or), 1)
        case .logicalAnd: return (.logical(.and), 2)
        case .equal: return (.binary(.equal), 3)
        case .notEqual: return (.binary(.notEqual), 3)
        case .less: return (.binary(.less), 4)
        case .lessOrEqual: return (.binary(.lessOrEqual), 4)
        case .greater: return (.binary(.greater), 4)
        case .greaterOrEqual: return (.binary(.greaterOrEqual), 4)
        case .bar: return (.binary(.bitwiseOr), 5)
        case .caret: return (.binary(.bitwiseXor), 6)
        case .ampersand: return (.binary(.bitwiseAnd), 7)
        case .shiftLeft: return (.binary(.shiftLeft), 8)
        case .shiftRight: return (.binary(.shiftRight), 8)
        case .plus, .minus: return (.arithmetic(punctuator.rawValue), 9)
        case .star, .slash, .percent: return (.arithmetic(punctuator.rawValue), 10)
        default: return nil
        }
    }

    private mutating func parseBinary(minimumPrecedence: Int) throws(FilterError) -> Operand {
        var lhs = try parseUnary()
        while let (op, precedence) = FilterParser.binaryOperator(current.kind), precedence >= minimumPrecedence {
            let operatorToken = current
            if case .arithmetic(let symbol) = op {
                throw error(
                    .unsupported, "arithmetic operator '\(symbol)' is not supported in filter expressions",
                    at: operatorToken.offset)
            }
            advance()
            // Left associativity: the right operand only takes tighter operators.
            let rhs = try parseBinary(minimumPrecedence: precedence + 1)
            switch op {
            case .binary(let binary): lhs = try combine(binary, lhs, rhs, at: operatorToken.offset)
            case .logical(let logical): lhs = try combine(logical, lhs, rhs, at: operatorToken.offset)
            case .arithmetic: break
            }
        }
        return lhs
    }

    private func checkDepth(_ depth: Int, at offset: Int) throws(FilterError) {
        if depth > FilterLimits.maximumNestingDepth {
            throw error(
                .limit, "the expression nests more than \(FilterLimits.maximumNestingDepth) levels deep", at: offset)
        }
    }

    private func combine(
        _ op: FilterBinaryOperator, _ lhs: Operand, _ rhs: Operand, at offset: Int
    ) throws(FilterError) -> Operand {
        let depth = max(lhs.depth, rhs.depth) + 1
        try checkDepth(depth, at: offset)
        if op.isComparison {
            if lhs.type == .string || rhs.type == .string {
                let other = lhs.type == .string ? rhs.type : lhs.type
                if other == .integer || other == .double {
                    throw error(.type, "cannot compare a string literal with a number", at: offset)
                }
                if op != .equal && op != .notEqual {
                    for operand in [lhs, rhs] {
                        if case .string(let literal) = operand.node, !literal.isPlainOrPrefix {
                            throw error(
                                .unsupported, "only '==' and '!=' can compare with a glob pattern ('*' before the end)",
                                at: offset)
                        }
                    }
                }
            }
        } else {
            for operand in [lhs, rhs] {
                if operand.type == .string {
                    throw error(.type, "operator '\(op.rawValue)' cannot take a string", at: offset)
                }
                if operand.type == .double {
                    throw error(
                        .type, "operator '\(op.rawValue)' needs integers, not a floating-point number", at: offset)
                }
            }
        }
        return Operand(node: .binary(op, lhs.node, rhs.node), type: .integer, depth: depth, offset: lhs.offset)
    }

    private func combine(
        _ op: FilterLogicalOperator, _ lhs: Operand, _ rhs: Operand, at offset: Int
    ) throws(FilterError) -> Operand {
        for operand in [lhs, rhs] where operand.type == .string {
            throw error(.type, "operator '\(op.rawValue)' cannot take a string", at: offset)
        }
        // `a || b || c` is one node with three operands, so long chains stay shallow.
        var operands = [lhs.node]
        var depth = lhs.depth + 1
        if case .logical(op, let existing) = lhs.node {
            operands = existing
            depth = lhs.depth
        }
        operands.append(rhs.node)
        depth = max(depth, rhs.depth + 1)
        try checkDepth(depth, at: offset)
        return Operand(node: .logical(op, operands), type: .integer, depth: depth, offset: lhs.offset)
    }

    // MARK: Unary operators and primaries

    private mutating func parseUnary() throws(FilterError) -> Operand {
        let token = current
        let op: FilterUnaryOperator
        switch token.kind {
        case .punctuator(.minus): op = .negate
        case .punctuator(.plus): op = .plus
        case .punctuator(.bang): op = .logicalNot
        case .punctuator(.tilde): op = .bitwiseNot
        default: return try parsePostfix()
        }
        advance()
        try enterNesting(at: token.offset)
        let operand = try parseUnary()
        nesting -= 1
        try checkDepth(operand.depth + 1, at: token.offset)
        switch operand.type {
        case .string:
            throw error(.type, "unary operator '\(op.rawValue)' cannot take a string", at: token.offset)
        case .double where op == .bitwiseNot:
            throw error(.type, "operator '~' needs an integer, not a floating-point number", at: token.offset)
        default: break
        }
        let type: StaticType =
            switch op {
            case .negate, .plus: operand.type
            case .logicalNot, .bitwiseNot: .integer
            }
        return Operand(node: .unary(op, operand.node), type: type, depth: operand.depth + 1, offset: token.offset)
    }

    private mutating func parsePostfix() throws(FilterError) -> Operand {
        let token = current
        let scope: FilterFieldReference.Scope
        var name: String
        switch token.kind {
        case .identifier(let identifier):
            scope = .payload
            name = identifier
        case .context(let context):
            scope = .context
            name = context
        default:
            return try parsePrimary()
        }
        advance()
        // `a.b[1].c[2]` flattens to element 2 of the field named `a.b[1].c`.
        var element: Int?
        while true {
            if current.kind == .punctuator(.dot) {
                advance()
                guard case .identifier(let member) = current.kind else {
                    throw error(
                        .syntax, "expected a field name after '.', found \(describe(current))", at: current.offset)
                }
                if let index = element { name += "[\(index)]" }
                element = nil
                name += "." + member
                advance()
            } else if current.kind == .punctuator(.leftBracket) {
                advance()
                guard case .integer(let value) = current.kind else {
                    throw error(
                        .syntax, "an array index must be a non-negative integer constant, found \(describe(current))",
                        at: current.offset)
                }
                guard value <= UInt64(Int32.max) else {
                    throw error(.limit, "array index \(value) is larger than \(Int32.max)", at: current.offset)
                }
                advance()
                guard current.kind == .punctuator(.rightBracket) else {
                    throw error(.syntax, "expected ']', found \(describe(current))", at: current.offset)
                }
                advance()
                if let index = element { name += "[\(index)]" }
                element = Int(value)
            } else {
                break
            }
        }
        if name.utf8.count > FilterLimits.maximumNameLength {
            throw error(
                .limit, "the field name is longer than \(FilterLimits.maximumNameLength) bytes", at: token.offset)
        }
        let reference = FilterFieldReference(scope: scope, name: name, element: element)
        return Operand(node: .reference(reference), type: .dynamic, depth: 0, offset: token.offset)
    }

    private mutating func parsePrimary() throws(FilterError) -> Operand {
        let token = current
        switch token.kind {
        case .integer(let value):
            advance()
            // LTTng casts every integer to a signed 64-bit one: 0xffffffffffffffff is -1.
            return Operand(node: .integer(Int64(bitPattern: value)), type: .integer, depth: 0, offset: token.offset)
        case .double(let value):
            advance()
            return Operand(node: .double(value), type: .double, depth: 0, offset: token.offset)
        case .string(let literal):
            advance()
            return Operand(node: .string(literal), type: .string, depth: 0, offset: token.offset)
        case .punctuator(.leftParenthesis):
            advance()
            try enterNesting(at: token.offset)
            let inner = try parseBinary(minimumPrecedence: 1)
            nesting -= 1
            guard current.kind == .punctuator(.rightParenthesis) else {
                throw error(.syntax, "expected ')', found \(describe(current))", at: current.offset)
            }
            advance()
            return inner
        default:
            throw error(.syntax, "expected an operand, found \(describe(current))", at: token.offset)
        }
    }
}
