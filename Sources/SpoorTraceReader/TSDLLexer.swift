/// One token of TSDL text (CTF 1.8 §7: C-like lexical rules).
struct TSDLToken: Equatable {
    /// What the token is.
    enum Kind: Equatable {
        case identifier
        case integer
        case string
        case punctuation
        case end
    }

    var kind: Kind
    /// The identifier, the punctuation, or the decoded string literal.
    var text: String
    /// The value of an integer literal.
    var value: UInt64
    /// 1-based line in the metadata text.
    var line: Int

    func isPunctuation(_ symbol: String) -> Bool {
        kind == .punctuation && text == symbol
    }

    func isIdentifier(_ name: String) -> Bool {
        kind == .identifier && text == name
    }
}

/// Splits TSDL text into tokens, skipping comments and white space.
///
/// Works on bytes so that any input, valid UTF-8 or not, gives either tokens or a `MetadataError`.
struct TSDLLexer {
    private let bytes: [UInt8]
    private var position = 0
    private var line = 1

    init(text: [UInt8]) {
        self.bytes = text
    }

    /// All tokens of the text, ending with one `.end` token.
    static func tokenize(_ text: [UInt8]) throws(MetadataError) -> [TSDLToken] {
        var lexer = TSDLLexer(text: text)
        var tokens: [TSDLToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        let index = position + ahead
        return index < bytes.count ? bytes[index] : nil
    }

    private mutating func skipSpaceAndComments() throws(MetadataError) {
        while let byte = peek() {
            if byte == UInt8(ascii: "\n") {
                line += 1
                position += 1
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
                || byte == 0x0B || byte == 0x0C
            {
                position += 1
            } else if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                let startLine = line
                position += 2
                while true {
                    guard let current = peek() else {
                        throw MetadataError(line: startLine, reason: "unterminated comment")
                    }
                    if current == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                        position += 2
                        break
                    }
                    if current == UInt8(ascii: "\n") { line += 1 }
                    position += 1
                }
            } else if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "/") {
                while let current = peek(), current != UInt8(ascii: "\n") { position += 1 }
            } else {
                return
            }
        }
    }

    private static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func hexValue(_ byte: UInt8) -> UInt64? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt64(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt64(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt64(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private mutating func next() throws(MetadataError) -> TSDLToken {
        try skipSpaceAndComments()
        guard let byte = peek() else {
            return TSDLToken(kind: .end, text: "", value: 0, line: line)
        }
        if Self.isIdentifierStart(byte) {
            let start = position
            while let current = peek(), Self.isIdentifierStart(current) || Self.isDigit(current) { position += 1 }
            return TSDLToken(
                kind: .identifier, text: String(decoding: bytes[start..<position], as: UTF8.self), value: 0, line: line)
        }
        if Self.isDigit(byte) {
            return try integerLiteral()
        }
        if byte == UInt8(ascii: "\"") {
            return try stringLiteral()
        }
        if byte == UInt8(ascii: "'") {
            return try characterLiteral()
        }
        for symbol in [
            "...", ":=", "->", "{", "}", "[", "]", "(", ")", ";", ",", "=", ":", ".", "<", ">", "-", "+", "*",
        ] {
            let symbolBytes = Array(symbol.utf8)
            if position + symbolBytes.count <= bytes.count,
                bytes[position..<position + symbolBytes.count].elementsEqual(symbolBytes)
            {
                position += symbolBytes.count
                return TSDLToken(kind: .punctuation, text: symbol, value: 0, line: line)
            }
        }
        throw MetadataError(line: line, reason: "unexpected character (byte 0x\(String(byte, radix: 16)))")
    }

    private mutating func integerLiteral() throws(MetadataError) -> TSDLToken {
        var radix: UInt64 = 10
        if peek() == UInt8(ascii: "0"), let marker = peek(1), marker == UInt8(ascii: "x") || marker == UInt8(ascii: "X")
        {
            radix = 16
            position += 2
        } else if peek() == UInt8(ascii: "0"), let following = peek(1), Self.isDigit(following) {
            radix = 8
            position += 1
        }
        var value: UInt64 = 0
        var digitCount = 0
        while let current = peek(), let digit = Self.hexValue(current) {
            guard digit < radix else {
                throw MetadataError(line: line, reason: "invalid digit in integer literal")
            }
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: radix)
            let (sum, overflowB) = shifted.addingReportingOverflow(digit)
            guard !overflowA, !overflowB else {
                throw MetadataError(line: line, reason: "integer literal does not fit in 64 bits")
            }
            value = sum
            digitCount += 1
            position += 1
        }
        if radix == 16, digitCount == 0 {
            throw MetadataError(line: line, reason: "hexadecimal literal without digits")
        }
        // C integer suffixes (`U`, `L`, `UL`, `ULL`) carry no meaning here.
        while let current = peek(),
            current == UInt8(ascii: "u") || current == UInt8(ascii: "U") || current == UInt8(ascii: "l")
                || current == UInt8(ascii: "L")
        {
            position += 1
        }
        if let current = peek(), Self.isIdentifierStart(current) || Self.isDigit(current) {
            throw MetadataError(line: line, reason: "invalid integer literal")
        }
        return TSDLToken(kind: .integer, text: "", value: value, line: line)
    }

    /// Reads one escape sequence after a backslash; returns the bytes it stands for.
    private mutating func escapeSequence() throws(MetadataError) -> [UInt8] {
        guard let byte = peek() else {
            throw MetadataError(line: line, reason: "unterminated escape sequence")
        }
        position += 1
        switch byte {
        case UInt8(ascii: "n"): return [0x0A]
        case UInt8(ascii: "t"): return [0x09]
        case UInt8(ascii: "r"): return [0x0D]
        case UInt8(ascii: "a"): return [0x07]
        case UInt8(ascii: "b"): return [0x08]
        case UInt8(ascii: "f"): return [0x0C]
        case UInt8(ascii: "v"): return [0x0B]
        case UInt8(ascii: "e"): return [0x1B]
        case UInt8(ascii: "x"):
            var value: UInt64 = 0
            var count = 0
            while count < 2, let current = peek(), let digit = Self.hexValue(current) {
                value = value * 16 + digit
                count += 1
                position += 1
            }
            guard count > 0 else { throw MetadataError(line: line, reason: "invalid \\x escape") }
            return [UInt8(value)]
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            var value = UInt64(byte - UInt8(ascii: "0"))
            var count = 1
            while count < 3, let current = peek(), current >= UInt8(ascii: "0"), current <= UInt8(ascii: "7") {
                value = value * 8 + UInt64(current - UInt8(ascii: "0"))
                count += 1
                position += 1
            }
            return [UInt8(truncatingIfNeeded: value)]
        case UInt8(ascii: "\n"):
            line += 1
            return []
        default:
            // `\\`, `\"`, `\'`, `\?` and anything else stand for the character itself.
            return [byte]
        }
    }

    private mutating func stringLiteral() throws(MetadataError) -> TSDLToken {
        let startLine = line
        position += 1
        var content: [UInt8] = []
        while true {
            guard let byte = peek() else {
                throw MetadataError(line: startLine, reason: "unterminated string literal")
            }
            position += 1
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                content += try escapeSequence()
            } else {
                if byte == UInt8(ascii: "\n") { line += 1 }
                content.append(byte)
            }
        }
        return TSDLToken(kind: .string, text: String(decoding: content, as: UTF8.self), value: 0, line: startLine)
    }

    private mutating func characterLiteral() throws(MetadataError) -> TSDLToken {
        position += 1
        var content: [UInt8] = []
        while true {
            guard let byte = peek() else {
                throw MetadataError(line: line, reason: "unterminated character literal")
            }
            position += 1
            if byte == UInt8(ascii: "'") { break }
            if byte == UInt8(ascii: "\\") {
                content += try escapeSequence()
            } else {
                content.append(byte)
            }
        }
        guard content.count == 1 else {
            throw MetadataError(line: line, reason: "character literal must hold one character")
        }
        return TSDLToken(kind: .integer, text: "", value: UInt64(content[0]), line: line)
    }
}
