/// One token of a filter expression, with its place in the UTF-8 text.
struct FilterToken {
    enum Kind: Equatable {
        /// An integer literal, as written (LTTng casts it to `Int64` later).
        case integer(UInt64)
        case double(Double)
        case string(FilterStringLiteral)
        case identifier(String)
        /// `$ctx.NAME` (the name) or `$app.PROVIDER:TYPE` (the whole text, `$app.` included).
        case context(String)
        case punctuator(FilterPunctuator)
        case end
    }

    var kind: Kind
    /// UTF-8 byte offset of the token's first byte.
    var offset: Int
    /// Length in UTF-8 bytes.
    var length: Int
}

/// The operators and punctuation of the filter language (lttng-event-rule(7)), plus the C
/// arithmetic operators, which LTTng's grammar parses and then refuses.
enum FilterPunctuator: String, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case lessOrEqual = "<="
    case greaterOrEqual = ">="
    case shiftLeft = "<<"
    case shiftRight = ">>"
    case logicalAnd = "&&"
    case logicalOr = "||"
    case less = "<"
    case greater = ">"
    case bang = "!"
    case tilde = "~"
    case minus = "-"
    case plus = "+"
    case star = "*"
    case slash = "/"
    case percent = "%"
    case ampersand = "&"
    case bar = "|"
    case caret = "^"
    case leftParenthesis = "("
    case rightParenthesis = ")"
    case leftBracket = "["
    case rightBracket = "]"
    case dot = "."
}

/// Splits a filter expression into tokens (lttng-event-rule(7), FILTER EXPRESSION).
///
/// What the real LTTng 2.13 lexer accepts, checked with `lttng enable-event --filter`:
/// decimal, octal (`010` is 8; `08` is an error) and hexadecimal integers with C suffixes
/// (`u`, `l`, `ul`, `ll`, `llu`, any case); C floating-point literals including `.5e1`, `1.`,
/// hexadecimal `0x1.8p0` and one `f`/`l` suffix; strings in double or single quotes with only
/// the `\\` and `\*` escapes (`\"` cannot be written, `"a\tb"` is "Unsupported escape character").
/// Spoor differs on purpose in two places: an integer literal wider than 64 bits is an error,
/// where LTTng silently saturates it to `UINT64_MAX` (-1); and an `0X` prefix reads as `0x`
/// does, as in C, where LTTng's lexer takes it and its conversion then fails ("cannot scanf
/// hexadecimal constant").
struct FilterLexer {
    let text: String
    let bytes: [UInt8]
    private var position = 0

    init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    /// All tokens, ending with `.end`.
    static func tokenize(_ text: String) throws(FilterError) -> [FilterToken] {
        var lexer = FilterLexer(text)
        var tokens: [FilterToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func error(_ kind: FilterError.Kind, _ reason: String, at offset: Int) -> FilterError {
        FilterError(kind, reason, expression: text, offset: offset)
    }

    private func byte(at index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isIdentifierContinuation(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || isDigit(byte) }

    private static func hexValue(_ byte: UInt8) -> UInt64? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt64(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt64(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt64(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)  // space, \t \n \v \f \r
    }

    private mutating func skipWhitespace() {
        while let byte = byte(at: position), FilterLexer.isWhitespace(byte) { position += 1 }
    }

    /// The character at `offset`, for messages.
    private func character(at offset: Int) -> String {
        var end = offset + 1
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }

    mutating func next() throws(FilterError) -> FilterToken {
        skipWhitespace()
        let start = position
        guard let first = byte(at: position) else { return FilterToken(kind: .end, offset: start, length: 0) }
        let kind: FilterToken.Kind
        if FilterLexer.isIdentifierStart(first) {
            kind = .identifier(scanIdentifier())
        } else if FilterLexer.isDigit(first)
            || (first == UInt8(ascii: ".") && byte(at: position + 1).map(FilterLexer.isDigit) == true)
        {
            kind = try scanNumber()
        } else if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            kind = .string(try scanString())
        } else if first == UInt8(ascii: "$") {
            kind = .context(try scanContext())
        } else {
            kind = .punctuator(try scanPunctuator())
        }
        return FilterToken(kind: kind, offset: start, length: position - start)
    }

    private mutating func scanIdentifier() -> String {
        let start = position
        while let byte = byte(at: position), FilterLexer.isIdentifierContinuation(byte) { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func scanPunctuator() throws(FilterError) -> FilterPunctuator {
        let first = bytes[position]
        if let second = byte(at: position + 1) {
            let pair = String(decoding: [first, second], as: UTF8.self)
            if let punctuator = FilterPunctuator(rawValue: pair) {
                position += 2
                return punctuator
            }
        }
        if first < 0x80, let punctuator = FilterPunctuator(rawValue: String(UnicodeScalar(first))) {
            position += 1
            return punctuator
        }
        if first == 0 {
            throw error(.syntax, "unexpected NUL character", at: position)
        }
        if first == UInt8(ascii: "=") {
            throw error(.syntax, "unexpected '=' (compare with '==')", at: position)
        }
        throw error(.syntax, "unexpected character '\(character(at: position))'", at: position)
    }

    // MARK: Numbers

    private mutating func scanNumber() throws(FilterError) -> FilterToken.Kind {
        let start = position
        if bytes[position] == UInt8(ascii: "0"), let x = byte(at: position + 1), x | 0x20 == UInt8(ascii: "x") {
            position += 2
            return try scanHexadecimal(start: start)
        }
        while let byte = byte(at: position), FilterLexer.isDigit(byte) { position += 1 }
        if let byte = byte(at: position), byte == UInt8(ascii: ".") || byte | 0x20 == UInt8(ascii: "e") {
            return try scanDecimalFloat(start: start)
        }
        let digits = bytes[start..<position]
        var value: UInt64 = 0
        let radix: UInt64 = digits.count > 1 && digits.first == UInt8(ascii: "0") ? 8 : 10
        for (index, digit) in zip(digits.indices, digits) {
            let digitValue = UInt64(digit - UInt8(ascii: "0"))
            if digitValue >= radix {
                throw error(.syntax, "invalid digit '\(character(at: index))' in octal literal", at: index)
            }
            let (product, overflow1) = value.multipliedReportingOverflow(by: radix)
            let (sum, overflow2) = product.addingReportingOverflow(digitValue)
            if overflow1 || overflow2 {
                throw error(.syntax, "integer literal does not fit in 64 bits", at: start)
            }
            value = sum
        }
        try scanIntegerSuffix()
        return .integer(value)
    }

    private mutating func scanHexadecimal(start: Int) throws(FilterError) -> FilterToken.Kind {
        let digitsStart = position
        var value: UInt64 = 0
        var overflow = false
        while let byte = byte(at: position), let digit = FilterLexer.hexValue(byte) {
            if value >> 60 != 0 { overflow = true }
            value = value << 4 | digit
            position += 1
        }
        let hasDigits = position > digitsStart
        if let byte = byte(at: position), byte == UInt8(ascii: ".") || byte | 0x20 == UInt8(ascii: "p") {
            // A hexadecimal floating-point literal: 0x1.8p0.
            if byte == UInt8(ascii: ".") {
                position += 1
                while let byte = self.byte(at: position), FilterLexer.hexValue(byte) != nil { position += 1 }
            }
            guard let p = self.byte(at: position), p | 0x20 == UInt8(ascii: "p") else {
                throw error(.syntax, "hexadecimal floating-point literal needs a 'p' exponent", at: position)
            }
            position += 1
            try scanExponentDigits()
            return try finishFloat(start: start)
        }
        guard hasDigits else {
            throw error(.syntax, "expected hexadecimal digits after '0x'", at: position)
        }
        if overflow { throw error(.syntax, "integer literal does not fit in 64 bits", at: start) }
        try scanIntegerSuffix()
        return .integer(value)
    }

    private mutating func scanDecimalFloat(start: Int) throws(FilterError) -> FilterToken.Kind {
        if byte(at: position) == UInt8(ascii: ".") {
            position += 1
            while let byte = byte(at: position), FilterLexer.isDigit(byte) { position += 1 }
        }
        if let e = byte(at: position), e | 0x20 == UInt8(ascii: "e") {
            position += 1
            try scanExponentDigits()
        }
        return try finishFloat(start: start)
    }

    private mutating func scanExponentDigits() throws(FilterError) {
        if let sign = byte(at: position), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { position += 1 }
        let digitsStart = position
        while let byte = byte(at: position), FilterLexer.isDigit(byte) { position += 1 }
        if position == digitsStart { throw error(.syntax, "expected digits in the exponent", at: position) }
    }

    /// Reads an optional `f`/`l` suffix and converts the literal.
    private mutating func finishFloat(start: Int) throws(FilterError) -> FilterToken.Kind {
        let end = position
        if let suffix = byte(at: position), suffix | 0x20 == UInt8(ascii: "f") || suffix | 0x20 == UInt8(ascii: "l") {
            position += 1
        }
        try rejectTrailingIdentifier()
        guard let value = Double(String(decoding: bytes[start..<end], as: UTF8.self)) else {
            throw error(.syntax, "invalid floating-point literal", at: start)
        }
        return .double(value)
    }

    /// Reads a C integer suffix: `u`, `l`, `ll` and their combinations, in any case.
    private mutating func scanIntegerSuffix() throws(FilterError) {
        func scanLong(_ lexer: inout FilterLexer) {
            guard let l = lexer.byte(at: lexer.position), l | 0x20 == UInt8(ascii: "l") else { return }
            lexer.position += 1
            if lexer.byte(at: lexer.position) == l { lexer.position += 1 }  // `ll` or `LL`, not `lL`
        }
        if let u = byte(at: position), u | 0x20 == UInt8(ascii: "u") {
            position += 1
            scanLong(&self)
        } else {
            let before = position
            scanLong(&self)
            if position > before, let u = byte(at: position), u | 0x20 == UInt8(ascii: "u") { position += 1 }
        }
        try rejectTrailingIdentifier()
    }

    /// `1abc` and `1.5fl` are errors, as in LTTng.
    private func rejectTrailingIdentifier() throws(FilterError) {
        guard let byte = byte(at: position), FilterLexer.isIdentifierContinuation(byte) || byte == UInt8(ascii: ".")
        else {
            return
        }
        var end = position
        while let next = self.byte(at: end), FilterLexer.isIdentifierContinuation(next) || next == UInt8(ascii: ".") {
            end += 1
        }
        let suffix = String(decoding: bytes[position..<end], as: UTF8.self)
        throw error(.syntax, "invalid suffix '\(suffix)' on number", at: position)
    }

    // MARK: Strings

    private mutating func scanString() throws(FilterError) -> FilterStringLiteral {
        let start = position
        let quote = bytes[position]
        position += 1
        var pattern: [UInt8] = []
        while true {
            guard let byte = byte(at: position) else {
                throw error(.syntax, "unterminated string literal", at: start)
            }
            position += 1
            switch byte {
            case quote:
                return FilterStringLiteral(pattern: pattern)
            case UInt8(ascii: "*"):
                pattern.append(FilterStringLiteral.wildcard)
            case UInt8(ascii: "\\"):
                guard let escaped = self.byte(at: position) else {
                    throw error(.syntax, "unterminated string literal", at: start)
                }
                guard escaped == UInt8(ascii: "\\") || escaped == UInt8(ascii: "*") else {
                    throw error(
                        .unsupported,
                        "unsupported escape sequence '\\\(character(at: position))' (only '\\\\' and '\\*' are allowed)",
                        at: position - 1)
                }
                pattern.append(escaped)
                position += 1
            case 0:
                // 0 encodes a wildcard; LTTng's C strings cannot hold NUL either.
                throw error(.syntax, "unexpected NUL character in string literal", at: position - 1)
            default:
                pattern.append(byte)
            }
        }
    }

    // MARK: Contexts

    /// `$ctx.NAME` or `$app.PROVIDER:TYPE`, with optional blanks around the dot as in LTTng.
    ///
    /// A context name may hold `:` and, after one, `-`, so that `$ctx.perf:thread:cpu-cycles`
    /// (the perf counter context names of lttng-add-context(1)) is one name. The real LTTng 2.13
    /// lexes the `-` as a minus and then refuses it as arithmetic, so no perf counter name with a
    /// dash can appear in its filters; Spoor accepts them on purpose.
    private mutating func scanContext() throws(FilterError) -> String {
        let dollar = position
        position += 1
        let scope = scanIdentifier()
        guard scope == "ctx" || scope == "app" else {
            throw error(.syntax, "unknown scope '$\(scope)' (expected '$ctx' or '$app')", at: dollar)
        }
        skipWhitespace()
        guard byte(at: position) == UInt8(ascii: ".") else {
            throw error(.syntax, "expected '.' after '$\(scope)'", at: position)
        }
        position += 1
        skipWhitespace()
        guard let first = byte(at: position), FilterLexer.isIdentifierStart(first) else {
            let what = scope == "ctx" ? "a context name" : "PROVIDER:TYPE"
            throw error(.syntax, "expected \(what) after '$\(scope).'", at: position)
        }
        let name = scanIdentifier()
        if scope == "app" {
            guard byte(at: position) == UInt8(ascii: ":"), let next = byte(at: position + 1),
                FilterLexer.isIdentifierStart(next)
            else {
                throw error(.syntax, "expected ':TYPE' after '$app.\(name)'", at: position)
            }
            position += 1
            return "$app.\(name):\(scanIdentifier())"
        }
        var full = name
        while byte(at: position) == UInt8(ascii: ":"), let next = byte(at: position + 1),
            FilterLexer.isIdentifierContinuation(next)
        {
            let segmentStart = position
            position += 1
            while let byte = byte(at: position), FilterLexer.isIdentifierContinuation(byte) || byte == UInt8(ascii: "-")
            {
                position += 1
            }
            full += String(decoding: bytes[segmentStart..<position], as: UTF8.self)
        }
        return full
    }
}
