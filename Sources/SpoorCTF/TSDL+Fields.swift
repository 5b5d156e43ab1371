import SpoorModel

extension TSDL {
    /// The declaration line(s) of one payload or context field, indented by two tabs, each line
    /// ending with a newline (spec/ctf-lttng.md §3.3, `_lttng_field_statedump` in `ust-metadata.c`).
    ///
    /// Names get LTTng's leading `_`. A sequence is two declarations: its unsigned 32-bit length field
    /// `__<name>_length`, then `_<name>[ __<name>_length ]`. Enumeration field names have `.`, `$` and
    /// `:` replaced by `_`, as LTTng sanitizes them; other names are written as given.
    public static func declaration(of field: FieldDescriptor) -> String {
        declaration(of: field, nesting: 2)
    }

    static func declaration(of field: FieldDescriptor, nesting: Int) -> String {
        let indent = String(repeating: "\t", count: nesting)
        switch field.type {
        case .integer(let type):
            return "\(indent)\(integer(type)) _\(field.name);\n"
        case .float:
            return "\(indent)floating_point { exp_dig = 8; mant_dig = 24; align = 8; } _\(field.name);\n"
        case .double:
            return "\(indent)floating_point { exp_dig = 11; mant_dig = 53; align = 8; } _\(field.name);\n"
        case .string:
            return "\(indent)string _\(field.name);\n"
        case .array(let element, let count):
            return "\(indent)\(integer(element)) _\(field.name)[\(count)];\n"
        case .sequence(let element):
            let length = IntegerType(bitWidth: 32, isSigned: false)
            return "\(indent)\(integer(length)) __\(field.name)_length;\n"
                + "\(indent)\(integer(element)) _\(field.name)[ __\(field.name)_length ];\n"
        case .enumeration(let container, let mappings):
            var text = "\(indent)enum : \(integer(container)) {\n"
            for mapping in mappings {
                text += "\(indent)\t\"\(escapedLabel(mapping.label))\" = "
                text += value(mapping.range.lowerBound, in: container)
                if mapping.range.upperBound != mapping.range.lowerBound {
                    text += " ... " + value(mapping.range.upperBound, in: container)
                }
                text += ",\n"
            }
            text += "\(indent)} _\(sanitizedIdentifier(field.name));\n"
            return text
        }
    }

    /// `integer { size = 32; align = 8; signed = 1; encoding = none; base = 10; }`
    static func integer(_ type: IntegerType) -> String {
        let signed = type.isSigned ? 1 : 0
        let encoding = type.isText ? "UTF8" : "none"
        return "integer { size = \(type.bitWidth); align = 8; signed = \(signed); encoding = \(encoding);"
            + " base = \(type.base.rawValue); }"
    }

    /// An enumeration bound: unsigned containers show the bit pattern as unsigned, as `%llu` would.
    private static func value(_ value: Int64, in container: IntegerType) -> String {
        container.isSigned ? String(value) : String(UInt64(bitPattern: value))
    }

    /// Enumeration labels escape only `"` and `\` (`ust_metadata_enum_statedump`).
    static func escapedLabel(_ label: String) -> String {
        var text = ""
        for scalar in label.unicodeScalars {
            if scalar == "\"" || scalar == "\\" { text.unicodeScalars.append("\\") }
            text.unicodeScalars.append(scalar)
        }
        return text
    }

    /// `sanitize_ctf_identifier`: `.`, `$` and `:` become `_`.
    static func sanitizedIdentifier(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.map { [".", "$", ":"].contains($0) ? "_" : $0 }))
    }
}

extension TSDL {
    /// A value of LTTng's dynamic type named `name`: the tag enumeration `_NAME_tag`, then the
    /// variant `_NAME` it selects from (options named as the labels, with the leading
    /// underscore CTF readers remove).
    static func dynamicDeclaration(name: String) -> String {
        let tag = IntegerType(bitWidth: 8, isSigned: false)
        var text = "\t\tenum : \(integer(tag)) {\n"
        for kind in ApplicationContext.Kind.allCases {
            text += "\t\t\t\"_\(kind.label)\" = \(kind.rawValue),\n"
        }
        text += "\t\t} _\(name)_tag;\n"
        text += "\t\tvariant <_\(name)_tag> {\n"
        for kind in ApplicationContext.Kind.allCases {
            let option: String
            switch kind {
            case .none: option = "struct { }"
            case .int8, .int16, .int32, .int64:
                option = integer(IntegerType(bitWidth: UInt8(8 << (kind.rawValue - 1)), isSigned: true))
            case .uint8, .uint16, .uint32, .uint64:
                option = integer(IntegerType(bitWidth: UInt8(8 << (kind.rawValue - 5)), isSigned: false))
            case .float: option = "floating_point { exp_dig = 8; mant_dig = 24; align = 8; }"
            case .double: option = "floating_point { exp_dig = 11; mant_dig = 53; align = 8; }"
            case .string: option = "string"
            }
            text += "\t\t\t\(option) _\(kind.label);\n"
        }
        text += "\t\t} _\(name);\n"
        return text
    }
}
