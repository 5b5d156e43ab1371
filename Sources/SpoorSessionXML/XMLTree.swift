import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// One element of a parsed document: its name, the line it starts on, its attributes, child
/// elements and text.
struct XMLTreeElement: Sendable, Hashable {
    var name: String
    var line: Int
    var attributeNames: [String] = []
    var children: [XMLTreeElement] = []
    /// The character data directly inside the element, CDATA sections included.
    var text = ""

    /// The first child named `name`.
    func child(_ name: String) -> XMLTreeElement? { children.first { $0.name == name } }

    /// The children named `name`, in document order.
    func children(_ name: String) -> [XMLTreeElement] { children.filter { $0.name == name } }
}

/// Parses a session configuration file into a tree of elements, with Foundation's `XMLParser`
/// (libxml2), refusing what a session file never needs and a hostile one might use.
///
/// Every byte of the file is hostile: the input must be UTF-8 (libxml2 hands invalid bytes in
/// names straight to Swift, which traps on them), at most `maximumSize` bytes and
/// `maximumDepth` elements deep (the schema needs 10), and may declare no entities or other
/// DTD content (no entity expansion, no external files).
enum XMLTree {
    static let maximumSize = 16 << 20
    static let maximumDepth = 32

    static func parse(_ bytes: [UInt8]) throws(SessionFileError) -> XMLTreeElement {
        guard bytes.count <= maximumSize else {
            throw SessionFileError(.malformed, "the file is larger than \(maximumSize >> 20) MiB")
        }
        if let offset = invalidUTF8Offset(bytes) {
            throw SessionFileError(
                .malformed, line: bytes[..<offset].count { $0 == 0x0A } + 1, "the file is not valid UTF-8")
        }
        if let line = documentTypeLine(bytes) {
            throw SessionFileError(.malformed, line: line, "a document type declaration (<!DOCTYPE …>) is not allowed")
        }
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        let builder = TreeBuilder()
        parser.delegate = builder
        let isParsed = parser.parse()
        if let refusal = builder.refusal { throw refusal }
        // `parse()` answers true for some errors, such as content after the document element.
        guard isParsed, parser.parserError == nil, let root = builder.root else {
            let code = (parser.parserError as NSError?)?.code ?? 0
            throw SessionFileError(
                .malformed, line: parser.lineNumber,
                "not well-formed XML (libxml2 error \(code) at column \(parser.columnNumber))")
        }
        return root
    }

    /// The line of a `<!DOCTYPE` in the prolog (before the document element), if any.
    ///
    /// A session file has no use for a DTD, and refusing one rules out entity expansion and
    /// external entities whatever the parser does with them (Foundation's parser on Linux
    /// reports no declarations to its delegate).
    static func documentTypeLine(_ bytes: [UInt8]) -> Int? {
        func starts(with text: String, at index: Int) -> Bool {
            let prefix = Array(text.utf8)
            return bytes.count - index >= prefix.count && Array(bytes[index..<index + prefix.count]) == prefix
        }
        func position(after terminator: String, from start: Int) -> Int {
            let end = Array(terminator.utf8)
            var index = start
            while index + end.count <= bytes.count {
                if Array(bytes[index..<index + end.count]) == end { return index + end.count }
                index += 1
            }
            return bytes.count
        }
        var index = starts(with: "\u{FEFF}", at: 0) ? 3 : 0
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D:
                index += 1
            case _ where starts(with: "<?", at: index):
                index = position(after: "?>", from: index + 2)
            case _ where starts(with: "<!--", at: index):
                index = position(after: "-->", from: index + 4)
            case _ where starts(with: "<!DOCTYPE", at: index):
                return bytes[..<index].count { $0 == 0x0A } + 1
            default:
                return nil
            }
        }
        return nil
    }

    /// The offset of the first byte that is not part of valid UTF-8, if any.
    static func invalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}

/// Builds the element tree from the parser's events; stops the parser at the first thing a
/// session file must not contain.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    var root: XMLTreeElement?
    var refusal: SessionFileError?
    private var stack: [XMLTreeElement] = []

    private func refuse(_ parser: XMLParser, _ message: String) {
        guard refusal == nil else { return }
        refusal = SessionFileError(.malformed, line: parser.lineNumber, message)
        parser.abortParsing()
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        guard stack.count < XMLTree.maximumDepth else {
            refuse(parser, "elements are nested more than \(XMLTree.maximumDepth) deep")
            return
        }
        stack.append(
            XMLTreeElement(name: elementName, line: parser.lineNumber, attributeNames: attributes.keys.sorted()))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard let element = stack.popLast() else { return }
        if stack.isEmpty {
            root = element
        } else {
            stack[stack.count - 1].children.append(element)
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        guard !stack.isEmpty else { return }
        guard let text = String(bytes: block, encoding: .utf8) else {
            refuse(parser, "a CDATA section is not valid UTF-8")
            return
        }
        stack[stack.count - 1].text += text
    }

    // Declarations never get here (the prolog check refuses a DTD first); should a parser
    // report them, they are refused all the same.

    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        refuse(parser, "entity declarations are not allowed (entity \(name))")
    }

    func parser(
        _ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?,
        systemID: String?
    ) {
        refuse(parser, "entity declarations are not allowed (entity \(name))")
    }

    func parser(
        _ parser: XMLParser, foundUnparsedEntityDeclarationWithName name: String, publicID: String?,
        systemID: String?, notationName: String?
    ) {
        refuse(parser, "entity declarations are not allowed (entity \(name))")
    }

    func parser(_ parser: XMLParser, foundElementDeclarationWithName elementName: String, model: String) {
        refuse(parser, "DTD declarations are not allowed (element \(elementName))")
    }

    func parser(
        _ parser: XMLParser, foundAttributeDeclarationWithName attributeName: String, forElement elementName: String,
        type: String?, defaultValue: String?
    ) {
        refuse(parser, "DTD declarations are not allowed (attribute \(attributeName))")
    }

    func parser(
        _ parser: XMLParser, foundNotationDeclarationWithName name: String, publicID: String?, systemID: String?
    ) {
        refuse(parser, "DTD declarations are not allowed (notation \(name))")
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        refuse(parser, "external entities are not allowed (\(name))")
        return nil
    }
}
