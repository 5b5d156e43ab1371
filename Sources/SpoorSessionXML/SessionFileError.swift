/// Why a session configuration file cannot be read or written.
public struct SessionFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// Not well-formed XML, or not UTF-8 (LTTng: "IO error while reading a session
        /// configuration").
        case malformed
        /// Well-formed, but not a session configuration as session.xsd defines it, or one that
        /// means nothing in the user-space domain (LTTng: "Invalid session configuration").
        case invalid
        /// Valid, but it asks for something Spoor does not do yet (LTTng would try).
        case unsupported
    }

    public var kind: Kind
    /// The line of the element at fault, when there is one.
    public var line: Int?
    public var message: String

    public init(_ kind: Kind, line: Int? = nil, _ message: String) {
        self.kind = kind
        self.line = line
        self.message = message
    }

    /// `line N: message`, or the message alone.
    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}
