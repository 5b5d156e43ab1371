/// Parses TSDL text (CTF 1.8 §7) into a `MetadataSpec`: the subset LTTng-UST 2.13 writes and the
/// common CTF 1.8 constructs around it (typealias, typedef, named struct/enum/variant, nested scopes).
///
/// See spec/ctf-lttng.md §3 for the shape of LTTng's metadata.
struct TSDLParser {
    /// Type names declared in one lexical scope (the top level, a block, a struct or variant body).
    struct DeclarationScope {
        var aliases: [String: TypeSpec] = [:]
        var structs: [String: StructSpec] = [:]
        var variants: [String: VariantSpec] = [:]
        var enums: [String: EnumSpec] = [:]
    }

    /// A right-hand side in a block: `key = VALUE;`.
    enum Value: Equatable {
        case integer(Int128)
        case string(String)
        case path([String])
    }

    /// One `key = value;` or `key := type;` entry of a block.
    struct BlockEntry {
        enum Content {
            case value(Value)
            case type(TypeSpec)
        }

        var key: String
        var content: Content
        var line: Int
    }

    /// Deepest nesting of type declarations accepted (keeps recursion bounded on hostile input).
    static let maximumNesting = 64

    var tokens: [TSDLToken]
    var index = 0
    var scopes: [DeclarationScope] = [DeclarationScope()]
    var nesting = 0
    var byteOrder: ByteOrder

    /// Parses a whole TSDL text.
    static func parse(_ text: [UInt8]) throws(MetadataError) -> MetadataSpec {
        let tokens = try TSDLLexer.tokenize(text)
        guard let byteOrder = try traceByteOrder(in: tokens) else {
            throw MetadataError(line: 1, reason: "no `byte_order` in a `trace` block")
        }
        var parser = TSDLParser(tokens: tokens, byteOrder: byteOrder)
        return try parser.parseTopLevel()
    }

    /// Finds `trace { … byte_order = X; … }` before parsing, because `native` types declared
    /// before the trace block take the trace's byte order.
    static func traceByteOrder(in tokens: [TSDLToken]) throws(MetadataError) -> ByteOrder? {
        var depth = 0
        var position = 0
        while position < tokens.count {
            let token = tokens[position]
            if token.isPunctuation("{") {
                depth += 1
            } else if token.isPunctuation("}") {
                depth -= 1
            } else if depth == 0, token.isIdentifier("trace"), position + 1 < tokens.count,
                tokens[position + 1].isPunctuation("{")
            {
                var inner = 0
                var cursor = position + 1
                while cursor + 2 < tokens.count {
                    let current = tokens[cursor]
                    if current.isPunctuation("{") { inner += 1 }
                    if current.isPunctuation("}") {
                        inner -= 1
                        if inner == 0 { break }
                    }
                    if inner == 1, current.isIdentifier("byte_order"), tokens[cursor + 1].isPunctuation("="),
                        tokens[cursor + 2].kind == .identifier
                    {
                        switch tokens[cursor + 2].text {
                        case "le", "little_endian": return .littleEndian
                        case "be", "big_endian", "network": return .bigEndian
                        default:
                            throw MetadataError(
                                line: tokens[cursor + 2].line,
                                reason: "invalid trace byte order `\(tokens[cursor + 2].text)`")
                        }
                    }
                    cursor += 1
                }
            }
            position += 1
        }
        return nil
    }

    // MARK: Token helpers

    var current: TSDLToken { tokens[min(index, tokens.count - 1)] }

    func peek(_ ahead: Int) -> TSDLToken { tokens[min(index + ahead, tokens.count - 1)] }

    mutating func advance() -> TSDLToken {
        let token = current
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    func error(_ reason: String) -> MetadataError {
        MetadataError(line: current.line, reason: reason)
    }

    mutating func expect(_ symbol: String) throws(MetadataError) {
        guard current.isPunctuation(symbol) else {
            throw error("expected `\(symbol)`, found \(describe(current))")
        }
        _ = advance()
    }

    mutating func expectIdentifier() throws(MetadataError) -> String {
        guard current.kind == .identifier else {
            throw error("expected an identifier, found \(describe(current))")
        }
        return advance().text
    }

    func describe(_ token: TSDLToken) -> String {
        switch token.kind {
        case .identifier: "`\(token.text)`"
        case .integer: "integer \(token.value)"
        case .string: "a string literal"
        case .punctuation: "`\(token.text)`"
        case .end: "the end of the metadata"
        }
    }

    // MARK: Top level

    mutating func parseTopLevel() throws(MetadataError) -> MetadataSpec {
        var spec = MetadataSpec(byteOrder: byteOrder)
        while current.kind != .end {
            let token = current
            if token.isPunctuation(";") {
                _ = advance()
                continue
            }
            if token.isIdentifier("typealias") {
                try parseTypealias()
            } else if token.isIdentifier("typedef") {
                try parseTypedef()
            } else if token.kind == .identifier, peek(1).isPunctuation("{"),
                ["trace", "env", "clock", "stream", "event", "callsite"].contains(token.text)
            {
                _ = advance()
                switch token.text {
                case "trace": try parseTraceBlock(into: &spec)
                case "env": try parseEnvironmentBlock(into: &spec)
                case "clock": try parseClockBlock(into: &spec, line: token.line)
                case "stream": try parseStreamBlock(into: &spec, line: token.line)
                case "event": try parseEventBlock(into: &spec, line: token.line)
                default: try skipBlock()
                }
            } else if token.isIdentifier("struct") || token.isIdentifier("variant") || token.isIdentifier("enum") {
                // A named type declaration such as `struct packet_context { … };`.
                _ = try parseTypeSpecifier(declaratorFollows: true)
                try expect(";")
            } else {
                throw error("unexpected \(describe(token)) at top level")
            }
        }
        return spec
    }

    /// Skips `{ … };` of a block we do not use (`callsite`).
    mutating func skipBlock() throws(MetadataError) {
        var depth = 0
        repeat {
            let token = advance()
            if token.kind == .end { throw error("unterminated block") }
            if token.isPunctuation("{") { depth += 1 }
            if token.isPunctuation("}") { depth -= 1 }
        } while depth > 0
        try expect(";")
    }

    /// Consumes a stray `;`, or a `typealias` or `typedef` local to the current scope; returns
    /// whether it did.
    mutating func parseSeparatorOrLocalDeclaration() throws(MetadataError) -> Bool {
        if current.isPunctuation(";") {
            _ = advance()
            return true
        }
        if current.isIdentifier("typealias") {
            try parseTypealias()
            return true
        }
        if current.isIdentifier("typedef") {
            try parseTypedef()
            return true
        }
        return false
    }

    /// Parses `{ entries } ;` of a block, with its own declaration scope.
    mutating func parseBlockEntries() throws(MetadataError) -> [BlockEntry] {
        try expect("{")
        scopes.append(DeclarationScope())
        defer { scopes.removeLast() }
        var entries: [BlockEntry] = []
        while !current.isPunctuation("}") {
            if current.kind == .end { throw error("unterminated block") }
            if try parseSeparatorOrLocalDeclaration() { continue }
            let line = current.line
            var keyParts = [try expectIdentifier()]
            while current.isPunctuation(".") {
                _ = advance()
                keyParts.append(try expectIdentifier())
            }
            let key = keyParts.joined(separator: ".")
            if current.isPunctuation(":=") {
                _ = advance()
                let type = try parseTypeSpecifier(declaratorFollows: false)
                entries.append(BlockEntry(key: key, content: .type(type), line: line))
            } else {
                try expect("=")
                entries.append(BlockEntry(key: key, content: .value(try parseValue()), line: line))
            }
            try expect(";")
        }
        try expect("}")
        try expect(";")
        return entries
    }

    /// Parses a unary expression: a (signed) integer, a string literal or a dotted identifier path.
    mutating func parseValue() throws(MetadataError) -> Value {
        var negative = false
        if current.isPunctuation("-") || current.isPunctuation("+") {
            negative = advance().text == "-"
            guard current.kind == .integer else { throw error("expected an integer after a sign") }
        }
        switch current.kind {
        case .integer:
            let magnitude = Int128(advance().value)
            return .integer(negative ? -magnitude : magnitude)
        case .string:
            return .string(advance().text)
        case .identifier:
            var parts = [advance().text]
            while current.isPunctuation(".") {
                _ = advance()
                parts.append(try expectIdentifier())
            }
            return .path(parts)
        default:
            throw error("expected a value, found \(describe(current))")
        }
    }

    // MARK: Blocks

    static func unsigned(_ entry: BlockEntry) throws(MetadataError) -> UInt64 {
        guard case .value(.integer(let value)) = entry.content, value >= 0, value <= Int128(UInt64.max) else {
            throw MetadataError(line: entry.line, reason: "`\(entry.key)` must be an unsigned integer")
        }
        return UInt64(value)
    }

    static func signed(_ entry: BlockEntry) throws(MetadataError) -> Int128 {
        guard case .value(.integer(let value)) = entry.content else {
            throw MetadataError(line: entry.line, reason: "`\(entry.key)` must be an integer")
        }
        return value
    }

    static func text(_ entry: BlockEntry) throws(MetadataError) -> String {
        switch entry.content {
        case .value(.string(let text)): return text
        case .value(.path(let parts)): return parts.joined(separator: ".")
        default: throw MetadataError(line: entry.line, reason: "`\(entry.key)` must be a string")
        }
    }

    static func type(_ entry: BlockEntry) throws(MetadataError) -> TypeSpec {
        guard case .type(let type) = entry.content else {
            throw MetadataError(line: entry.line, reason: "`\(entry.key)` must be assigned a type with `:=`")
        }
        return type
    }

    static func uuid(_ entry: BlockEntry) throws(MetadataError) -> [UInt8] {
        guard case .value(.string(let text)) = entry.content, let bytes = parseUUID(text) else {
            throw MetadataError(line: entry.line, reason: "`\(entry.key)` must be a UUID string")
        }
        return bytes
    }

    mutating func parseTraceBlock(into spec: inout MetadataSpec) throws(MetadataError) {
        for entry in try parseBlockEntries() {
            switch entry.key {
            case "major": spec.major = try Self.unsigned(entry)
            case "minor": spec.minor = try Self.unsigned(entry)
            case "uuid": spec.uuid = try Self.uuid(entry)
            case "packet.header": spec.packetHeader = try Self.type(entry)
            default: break  // byte_order was read up front
            }
        }
    }

    mutating func parseEnvironmentBlock(into spec: inout MetadataSpec) throws(MetadataError) {
        for entry in try parseBlockEntries() {
            let value: EnvironmentValue
            switch entry.content {
            case .value(.integer(let number)):
                guard let fitted = Int64(exactly: number) else {
                    throw MetadataError(line: entry.line, reason: "env `\(entry.key)` does not fit in 64 bits")
                }
                value = .integer(fitted)
            case .value(.string(let text)):
                value = .string(text)
            default:
                continue
            }
            spec.environment.removeAll { $0.key == entry.key }
            spec.environment.append((entry.key, value))
        }
    }

    mutating func parseClockBlock(into spec: inout MetadataSpec, line: Int) throws(MetadataError) {
        var clock = ClockSpec(name: "", line: line)
        var hasName = false
        for entry in try parseBlockEntries() {
            switch entry.key {
            case "name":
                clock.name = try Self.text(entry)
                hasName = true
            case "uuid": clock.uuid = try Self.uuid(entry)
            case "freq":
                clock.frequency = try Self.unsigned(entry)
                guard clock.frequency > 0 else {
                    throw MetadataError(line: entry.line, reason: "clock frequency must not be 0")
                }
            case "offset": clock.offsetCycles = try Self.signed(entry)
            case "offset_s": clock.offsetSeconds = try Self.signed(entry)
            default: break
            }
        }
        guard hasName else { throw MetadataError(line: line, reason: "clock block without a name") }
        spec.clocks.append(clock)
    }

    mutating func parseStreamBlock(into spec: inout MetadataSpec, line: Int) throws(MetadataError) {
        var stream = StreamSpec(line: line)
        for entry in try parseBlockEntries() {
            switch entry.key {
            case "id": stream.id = try Self.unsigned(entry)
            case "packet.context": stream.packetContext = try Self.type(entry)
            case "event.header": stream.eventHeader = try Self.type(entry)
            case "event.context": stream.eventContext = try Self.type(entry)
            default: break
            }
        }
        spec.streams.append(stream)
    }

    mutating func parseEventBlock(into spec: inout MetadataSpec, line: Int) throws(MetadataError) {
        var event = EventSpec(line: line)
        for entry in try parseBlockEntries() {
            switch entry.key {
            case "name": event.name = try Self.text(entry)
            case "id": event.id = try Self.unsigned(entry)
            case "stream_id": event.streamID = try Self.unsigned(entry)
            case "loglevel":
                guard let level = Int64(exactly: try Self.signed(entry)) else {
                    throw MetadataError(line: entry.line, reason: "loglevel out of range")
                }
                event.logLevel = level
            case "model.emf.uri": event.emfURI = try Self.text(entry)
            case "context": event.context = try Self.type(entry)
            case "fields": event.payload = try Self.type(entry)
            default: break
            }
        }
        spec.events.append(event)
    }

    // MARK: Aliases

    /// `typealias TYPE := NAME;` (the name may be several words, like `unsigned long`).
    mutating func parseTypealias() throws(MetadataError) {
        _ = advance()
        let type = try parseTypeSpecifier(declaratorFollows: false)
        try expect(":=")
        var words: [String] = []
        while current.kind == .identifier { words.append(advance().text) }
        guard !words.isEmpty else { throw error("typealias without a name") }
        try expect(";")
        scopes[scopes.count - 1].aliases[words.joined(separator: " ")] = type
    }

    /// `typedef TYPE name[, name…];`.
    mutating func parseTypedef() throws(MetadataError) {
        _ = advance()
        let type = try parseTypeSpecifier(declaratorFollows: true)
        repeat {
            if current.isPunctuation(",") { _ = advance() }
            let (name, declared) = try parseDeclarator(base: type)
            scopes[scopes.count - 1].aliases[name] = declared
        } while current.isPunctuation(",")
        try expect(";")
    }

    func lookupAlias(_ name: String) -> TypeSpec? {
        for scope in scopes.reversed() {
            if let type = scope.aliases[name] { return type }
        }
        return nil
    }
}
