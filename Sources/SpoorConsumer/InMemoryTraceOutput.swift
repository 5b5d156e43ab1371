import SpoorCTF
import SpoorPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A trace output held in memory, for tests of a stream's consumer without files: each trace
/// file is a byte array and a list of index entries, keyed by its path.
public final class InMemoryTraceOutput: TraceOutput, Sendable {
    /// One trace file and its index.
    public struct File: Sendable, Hashable {
        /// The packets, back to back.
        public var bytes: [UInt8] = []
        /// One entry per packet, offsets from the start of `bytes`.
        public var index: [IndexEntry] = []

        /// An empty file.
        public init() {}
    }

    /// Something the output was asked to do, in order.
    public enum Event: Sendable, Hashable {
        /// `openChunk(directory:)`.
        case openChunk(directory: String)
        /// `openFile(named:in:)`, with the file's path.
        case openFile(path: String)
        /// `append(_:)` of packet `sequenceNumber` to the file at `path`.
        case append(path: String, sequenceNumber: UInt64)
        /// `removeFile(named:in:)`, with the file's path.
        case removeFile(path: String)
        /// `closeFile()`.
        case closeFile
    }

    private struct State {
        var files: [String: File] = [:]
        var open: String?
        var events: [Event] = []
        var failure: SystemError?
    }

    private let state = Mutex(State())

    /// An output with no file.
    public init() {}

    /// The files, by path (`<directory>/<name>`).
    public var files: [String: File] { state.withLock { $0.files } }

    /// The path of the open file, if any.
    public var openPath: String? { state.withLock { $0.open } }

    /// What was asked, in order.
    public var events: [Event] { state.withLock { $0.events } }

    /// Makes every later call that writes or opens fail with `error`, or none with nil (a full
    /// disk, a relay gone).
    public func failWrites(with error: SystemError?) { state.withLock { $0.failure = error } }

    /// Records the chunk.
    public func openChunk(directory: String) throws(SystemError) {
        try state.withLock { (state) throws(SystemError) in
            if let failure = state.failure { throw failure }
            state.events.append(.openChunk(directory: directory))
        }
    }

    /// Creates, or empties, the file.
    public func openFile(named name: String, in directory: String) throws(SystemError) {
        let path = directory + "/" + name
        try state.withLock { (state) throws(SystemError) in
            state.open = nil
            if let failure = state.failure { throw failure }
            state.files[path] = File()
            state.open = path
            state.events.append(.openFile(path: path))
        }
    }

    /// Appends to the open file and its index.
    public func append(_ packet: FramedPacket) throws(SystemError) {
        let context = packet.context
        try state.withLock { (state) throws(SystemError) in
            if let failure = state.failure { throw failure }
            guard let path = state.open, var file = state.files[path] else {
                throw SystemError("write: no trace file is open", errno: EBADF)
            }
            file.index.append(IndexFile.entry(for: context, offset: UInt64(file.bytes.count)))
            file.bytes += packet.header
            file.bytes += packet.records
            file.bytes += repeatElement(0, count: packet.paddingCount)
            state.files[path] = file
            state.events.append(.append(path: path, sequenceNumber: context.sequenceNumber))
        }
    }

    /// Forgets the file.
    public func removeFile(named name: String, in directory: String) {
        let path = directory + "/" + name
        state.withLock { state in
            state.files[path] = nil
            state.events.append(.removeFile(path: path))
        }
    }

    /// Leaves no file open.
    public func closeFile() {
        state.withLock { state in
            state.open = nil
            state.events.append(.closeFile)
        }
    }
}
