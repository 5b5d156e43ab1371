/// A trace could not be read: names the file and, when known, the byte offset of the problem.
///
/// Every malformed byte in a metadata or stream file ends up here; the reader never traps on input.
public struct TraceReadError: Error, CustomStringConvertible, Sendable {
    /// The file that is wrong (a `metadata` file, a stream file or a directory), if any.
    public var path: String?
    /// The byte offset in `path` where decoding failed, if it applies.
    public var byteOffset: Int?
    /// What is wrong, in words.
    public var reason: String

    /// Creates an error about `path` at `byteOffset`.
    public init(path: String?, byteOffset: Int? = nil, reason: String) {
        self.path = path
        self.byteOffset = byteOffset
        self.reason = reason
    }

    /// `PATH: at byte N: REASON`, leaving out the parts that are unknown.
    public var description: String {
        var text = ""
        if let path { text += "\(path): " }
        if let byteOffset { text += "at byte \(byteOffset): " }
        return text + reason
    }
}

/// An error found while decoding bytes whose file is not known yet (the caller adds it).
struct DecodeError: Error {
    /// Byte offset relative to the start of the buffer being decoded.
    var byteOffset: Int
    var reason: String
    /// The data ended before the field did (more bytes could make it decodable).
    var isTruncation = false

    func located(in path: String, at base: Int) -> TraceReadError {
        TraceReadError(path: path, byteOffset: base + byteOffset, reason: reason)
    }
}

/// An error in the TSDL text of a metadata file; `line` is 1-based.
struct MetadataError: Error {
    var line: Int
    var reason: String

    func located(in path: String) -> TraceReadError {
        TraceReadError(path: path, reason: "TSDL line \(line): \(reason)")
    }
}
