extension TSDLParser {
    /// Words that start a type specifier and so are never a declarator name.
    static let typeKeywords: Set<String> = ["integer", "floating_point", "string", "struct", "variant", "enum"]

    /// Parses a type specifier.
    ///
    /// - Parameter declaratorFollows: a field name comes next, so in a run of plain identifiers
    ///   (`unsigned long events_discarded`) the last one is the declarator, not part of the type name.
    mutating func parseTypeSpecifier(declaratorFollows: Bool) throws(MetadataError) -> TypeSpec {
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= Self.maximumNesting else { throw error("types nested too deeply") }
        guard current.kind == .identifier else {
            throw error("expected a type, found \(describe(current))")
        }
        switch current.text {
        case "integer":
            _ = advance()
            return .integer(try parseIntegerBody())
        case "floating_point":
            _ = advance()
            return .floatingPoint(try parseFloatBody())
        case "string":
            _ = advance()
            if current.isPunctuation("{") {
                // Only `encoding` can be set; it does not change how the string is read or shown.
                _ = try parseAttributes()
            }
            return .string
        case "struct":
            _ = advance()
            return .structure(try parseStruct())
        case "variant":
            _ = advance()
            return .variant(try parseVariant())
        case "enum":
            _ = advance()
            return .enumeration(try parseEnum())
        default:
            return try parseTypeName(declaratorFollows: declaratorFollows)
        }
    }

    /// A type given by its alias name, possibly several words (`unsigned long`).
    mutating func parseTypeName(declaratorFollows: Bool) throws(MetadataError) -> TypeSpec {
        var count = 0
        while peek(count).kind == .identifier, !Self.typeKeywords.contains(peek(count).text) { count += 1 }
        let after = peek(count)
        if declaratorFollows, count >= 2,
            after.isPunctuation(";") || after.isPunctuation("[") || after.isPunctuation(",")
                || after.isPunctuation(":")
        {
            count -= 1
        }
        var words: [String] = []
        for _ in 0..<count { words.append(advance().text) }
        let name = words.joined(separator: " ")
        guard let type = lookupAlias(name) else { throw error("unknown type `\(name)`") }
        return type
    }

    /// `name`, `name[4]`, `name[ length_field ]`, `name[2][3]`.
    mutating func parseDeclarator(base: TypeSpec) throws(MetadataError) -> (String, TypeSpec) {
        let name = try expectIdentifier()
        enum Dimension {
            case fixed(Int)
            case field([String])
        }
        var dimensions: [Dimension] = []
        while current.isPunctuation("[") {
            _ = advance()
            if current.kind == .integer {
                let length = advance().value
                guard length <= UInt64(Int32.max) else { throw error("array length \(length) is too large") }
                dimensions.append(.fixed(Int(length)))
            } else {
                var path = [try expectIdentifier()]
                while current.isPunctuation(".") || current.isPunctuation("->") {
                    _ = advance()
                    path.append(try expectIdentifier())
                }
                dimensions.append(.field(path))
            }
            try expect("]")
        }
        guard dimensions.count <= Self.maximumNesting else { throw error("too many array dimensions") }
        // C order: `a[2][3]` is two elements of `[3]`, so the last dimension is innermost.
        var type = base
        for dimension in dimensions.reversed() {
            switch dimension {
            case .fixed(let length): type = .array(element: type, length: length)
            case .field(let path): type = .sequence(element: type, lengthPath: path)
            }
        }
        return (name, type)
    }

    /// Parses `{ key = value; … }` of `integer`, `floating_point` and `string`.
    mutating func parseAttributes() throws(MetadataError) -> [BlockEntry] {
        try expect("{")
        var entries: [BlockEntry] = []
        while !current.isPunctuation("}") {
            if current.kind == .end { throw error("unterminated attribute list") }
            if current.isPunctuation(";") {
                _ = advance()
                continue
            }
            let line = current.line
            let key = try expectIdentifier()
            try expect("=")
            entries.append(BlockEntry(key: key, content: .value(try parseValue()), line: line))
            guard current.isPunctuation(";") || current.isPunctuation("}") else {
                throw error("expected `;` after attribute `\(key)`")
            }
        }
        try expect("}")
        return entries
    }

    func byteOrderAttribute(_ entry: BlockEntry) throws(MetadataError) -> ByteOrder {
        guard case .value(.path(let parts)) = entry.content, parts.count == 1 else {
            throw MetadataError(line: entry.line, reason: "invalid byte_order")
        }
        switch parts[0] {
        case "native": return byteOrder
        case "le", "little_endian": return .littleEndian
        case "be", "big_endian", "network": return .bigEndian
        default: throw MetadataError(line: entry.line, reason: "invalid byte_order `\(parts[0])`")
        }
    }

    static func alignmentAttribute(_ entry: BlockEntry) throws(MetadataError) -> Int {
        let value = try unsigned(entry)
        guard value > 0, value <= 1 << 20, value & (value - 1) == 0 else {
            throw MetadataError(line: entry.line, reason: "alignment must be a power of two")
        }
        return Int(value)
    }

    mutating func parseIntegerBody() throws(MetadataError) -> IntegerSpec {
        let line = current.line
        var size: Int?
        var alignment: Int?
        var spec = IntegerSpec(size: 0, alignment: 1, byteOrder: byteOrder)
        for entry in try parseAttributes() {
            switch entry.key {
            case "size":
                let value = try Self.unsigned(entry)
                guard value >= 1, value <= 64 else {
                    throw MetadataError(line: entry.line, reason: "integer size must be 1 to 64 bits")
                }
                size = Int(value)
            case "align":
                alignment = try Self.alignmentAttribute(entry)
            case "signed":
                switch entry.content {
                case .value(.integer(let value)): spec.isSigned = value != 0
                case .value(.path(let parts)) where parts == ["true"] || parts == ["TRUE"]: spec.isSigned = true
                case .value(.path(let parts)) where parts == ["false"] || parts == ["FALSE"]: spec.isSigned = false
                default: throw MetadataError(line: entry.line, reason: "invalid `signed` value")
                }
            case "byte_order":
                spec.byteOrder = try byteOrderAttribute(entry)
            case "base":
                spec.base = try Self.baseAttribute(entry)
            case "encoding":
                guard case .value(.path(let parts)) = entry.content, parts.count == 1 else {
                    throw MetadataError(line: entry.line, reason: "invalid encoding")
                }
                switch parts[0].lowercased() {
                case "none": spec.isText = false
                case "utf8", "ascii": spec.isText = true
                default: throw MetadataError(line: entry.line, reason: "invalid encoding `\(parts[0])`")
                }
            case "map":
                guard case .value(.path(let parts)) = entry.content, parts.count == 3, parts[0] == "clock",
                    parts[2] == "value"
                else {
                    throw MetadataError(line: entry.line, reason: "`map` must be `clock.NAME.value`")
                }
                spec.clockName = parts[1]
            default:
                break
            }
        }
        guard let size else { throw MetadataError(line: line, reason: "integer without a size") }
        spec.size = size
        spec.alignment = alignment ?? (size % 8 == 0 ? 8 : 1)
        return spec
    }

    static func baseAttribute(_ entry: BlockEntry) throws(MetadataError) -> Int {
        switch entry.content {
        case .value(.integer(let value)) where [2, 8, 10, 16].contains(value):
            return Int(value)
        case .value(.path(let parts)) where parts.count == 1:
            switch parts[0] {
            case "decimal", "dec", "d", "i", "u": return 10
            case "hexadecimal", "hex", "x", "X", "p": return 16
            case "octal", "oct", "o": return 8
            case "binary", "bin", "b": return 2
            default: break
            }
        default:
            break
        }
        throw MetadataError(line: entry.line, reason: "invalid integer base")
    }

    mutating func parseFloatBody() throws(MetadataError) -> FloatSpec {
        let line = current.line
        var exponent: Int?
        var mantissa: Int?
        var alignment: Int?
        var order = byteOrder
        for entry in try parseAttributes() {
            switch entry.key {
            case "exp_dig": exponent = Int(clamping: try Self.unsigned(entry))
            case "mant_dig": mantissa = Int(clamping: try Self.unsigned(entry))
            case "align": alignment = try Self.alignmentAttribute(entry)
            case "byte_order": order = try byteOrderAttribute(entry)
            default: break
            }
        }
        guard let exponent, let mantissa else {
            throw MetadataError(line: line, reason: "floating_point needs exp_dig and mant_dig")
        }
        guard (exponent == 8 && mantissa == 24) || (exponent == 11 && mantissa == 53) else {
            throw MetadataError(
                line: line, reason: "only 32-bit and 64-bit floating_point types are supported")
        }
        let size = exponent + mantissa
        return FloatSpec(
            exponentDigits: exponent, mantissaDigits: mantissa, alignment: alignment ?? (size % 8 == 0 ? 8 : 1),
            byteOrder: order)
    }

    /// `struct [name] [{ … }] [align(N)]` after the `struct` keyword.
    mutating func parseStruct() throws(MetadataError) -> StructSpec {
        var name: String?
        if current.kind == .identifier, !current.isIdentifier("align") || !peek(1).isPunctuation("(") {
            name = advance().text
        }
        var spec: StructSpec
        if current.isPunctuation("{") {
            _ = advance()
            scopes.append(DeclarationScope())
            let members = try parseMembers()
            scopes.removeLast()
            try expect("}")
            spec = StructSpec(members: members, minimumAlignment: 1)
        } else {
            guard let name else { throw error("`struct` needs a name or a body") }
            guard let declared = scopes.reversed().lazy.compactMap({ $0.structs[name] }).first else {
                throw error("unknown struct `\(name)`")
            }
            spec = declared
        }
        if current.isIdentifier("align"), peek(1).isPunctuation("(") {
            _ = advance()
            _ = advance()
            guard current.kind == .integer else { throw error("expected an alignment") }
            let value = advance().value
            guard value > 0, value <= 1 << 20, value & (value - 1) == 0 else {
                throw error("alignment must be a power of two")
            }
            spec.minimumAlignment = max(spec.minimumAlignment, Int(value))
            try expect(")")
        }
        if let name { scopes[scopes.count - 1].structs[name] = spec }
        return spec
    }

    /// Members of a struct or options of a variant, up to the closing `}` (not consumed).
    mutating func parseMembers() throws(MetadataError) -> [MemberSpec] {
        var members: [MemberSpec] = []
        while !current.isPunctuation("}") {
            if current.kind == .end { throw error("unterminated struct or variant") }
            if try parseSeparatorOrLocalDeclaration() { continue }
            let type = try parseTypeSpecifier(declaratorFollows: true)
            if current.isPunctuation(";") {
                // A named type declared inside the body, without a field.
                _ = advance()
                continue
            }
            repeat {
                if current.isPunctuation(",") { _ = advance() }
                let (name, declared) = try parseDeclarator(base: type)
                members.append(MemberSpec(name: name, type: declared))
            } while current.isPunctuation(",")
            try expect(";")
        }
        return members
    }

    /// `variant [name] [<tag>] [{ … }]` after the `variant` keyword.
    mutating func parseVariant() throws(MetadataError) -> VariantSpec {
        var name: String?
        if current.kind == .identifier { name = advance().text }
        var tag: [String]?
        if current.isPunctuation("<") {
            _ = advance()
            var path = [try expectIdentifier()]
            while current.isPunctuation(".") || current.isPunctuation("->") {
                _ = advance()
                path.append(try expectIdentifier())
            }
            try expect(">")
            tag = path
        }
        var spec: VariantSpec
        if current.isPunctuation("{") {
            _ = advance()
            scopes.append(DeclarationScope())
            let options = try parseMembers()
            scopes.removeLast()
            try expect("}")
            spec = VariantSpec(tag: nil, options: options)
            if let name { scopes[scopes.count - 1].variants[name] = spec }
        } else {
            guard let name else { throw error("`variant` needs a name or a body") }
            guard let declared = scopes.reversed().lazy.compactMap({ $0.variants[name] }).first else {
                throw error("unknown variant `\(name)`")
            }
            spec = declared
        }
        if let tag { spec.tag = tag }
        return spec
    }

    /// `enum [name] [: container] [{ … }]` after the `enum` keyword.
    mutating func parseEnum() throws(MetadataError) -> EnumSpec {
        var name: String?
        if current.kind == .identifier { name = advance().text }
        var container: IntegerSpec?
        if current.isPunctuation(":") {
            _ = advance()
            guard case .integer(let integer) = try parseTypeSpecifier(declaratorFollows: false) else {
                throw error("an enum container must be an integer type")
            }
            container = integer
        }
        guard current.isPunctuation("{") else {
            guard let name else { throw error("`enum` needs a name or a body") }
            guard let declared = scopes.reversed().lazy.compactMap({ $0.enums[name] }).first else {
                throw error("unknown enum `\(name)`")
            }
            return declared
        }
        if container == nil {
            // CTF 1.8 §4.1.8: without a container the enum uses the `int` alias.
            guard case .integer(let integer) = lookupAlias("int") else {
                throw error("enum without a container type and no `int` alias")
            }
            container = integer
        }
        _ = advance()
        var entries: [EnumEntrySpec] = []
        var next: Int128 = 0
        while !current.isPunctuation("}") {
            let label: String
            switch current.kind {
            case .string, .identifier: label = advance().text
            default: throw error("expected an enum label, found \(describe(current))")
            }
            var lower = next
            var upper = next
            if current.isPunctuation("=") {
                _ = advance()
                lower = try parseEnumValue()
                upper = lower
                if current.isPunctuation("...") {
                    _ = advance()
                    upper = try parseEnumValue()
                }
            }
            if lower > upper { swap(&lower, &upper) }
            entries.append(EnumEntrySpec(label: label, lower: lower, upper: upper))
            next = upper + 1
            if current.isPunctuation(",") {
                _ = advance()
            } else if !current.isPunctuation("}") {
                throw error("expected `,` or `}` in enum, found \(describe(current))")
            }
        }
        try expect("}")
        guard let container else { throw error("enum without a container") }
        let spec = EnumSpec(container: container, entries: entries)
        if let name { scopes[scopes.count - 1].enums[name] = spec }
        return spec
    }

    mutating func parseEnumValue() throws(MetadataError) -> Int128 {
        guard case .integer(let value) = try parseValue() else { throw error("expected an enum value") }
        return value
    }
}
