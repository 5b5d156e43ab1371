/// Writes an XML document one element at a time, indented with tabs as LTTng's files are.
struct XMLTextWriter {
    private(set) var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private var openElements: [String] = []

    private var indentation: String { String(repeating: "\t", count: openElements.count) }

    mutating func open(_ name: String) {
        text += "\(indentation)<\(name)>\n"
        openElements.append(name)
    }

    mutating func close() {
        guard let name = openElements.popLast() else { return }
        text += "\(indentation)</\(name)>\n"
    }

    /// `<name/>`.
    mutating func empty(_ name: String) {
        text += "\(indentation)<\(name)/>\n"
    }

    /// `<name>value</name>`, the value escaped.
    mutating func element(_ name: String, _ value: String) throws(SessionFileError) {
        text += "\(indentation)<\(name)>\(try Self.escaped(value, in: name))</\(name)>\n"
    }

    mutating func element(_ name: String, _ value: some BinaryInteger) {
        text += "\(indentation)<\(name)>\(value)</\(name)>\n"
    }

    mutating func element(_ name: String, _ value: Bool) {
        text += "\(indentation)<\(name)>\(value ? "true" : "false")</\(name)>\n"
    }

    /// Character data as XML 1.0 allows it: the markup characters as entities, a carriage
    /// return as a character reference (a literal one would read back as a line feed). The
    /// other control characters cannot be written at all.
    static func escaped(_ value: String, in element: String) throws(SessionFileError) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\r": result += "&#13;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                throw SessionFileError(
                    .invalid,
                    "<\(element)> holds the control character U+\(String(scalar.value, radix: 16, uppercase: true)), "
                        + "which XML 1.0 cannot represent")
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
