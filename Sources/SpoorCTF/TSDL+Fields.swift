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
