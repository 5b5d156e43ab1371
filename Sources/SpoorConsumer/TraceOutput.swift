import SpoorCTF
import SpoorPosix

#if canImport(Glibc)
import Glibc
#endif

/// Where one stream's packets go: the stream's trace files and their indexes, inside the
/// directory of the current trace chunk.
///
/// `LocalTraceOutput` writes files on this machine; a relay output (`net://`) will send the same
/// packets and index entries to a relay daemon; `InMemoryTraceOutput` is for tests. The stream's
/// state machine decides every name and directory; an output only carries them out. Calls come
/// from the stream's consumer with its lock held.
public protocol TraceOutput {
    /// Makes trace chunk directory `directory` ready for the stream's files, before the first
    /// packet goes there (a new stream, a rotation).
    mutating func openChunk(directory: String) throws(SystemError)
    /// Closes the open trace file and its index, then creates (or truncates) trace file `name`
    /// in `directory` and its index, which then start empty but for the index header.
    mutating func openFile(named name: String, in directory: String) throws(SystemError)
    /// Appends `packet` (header and context, records, zero padding) to the open trace file, and
    /// the index entry made from its context and offset to its index.
    mutating func append(_ packet: FramedPacket) throws(SystemError)
    /// Removes trace file `name` in `directory` and its index (`lttng clear`).
    mutating func removeFile(named name: String, in directory: String)
    /// Closes the open trace file and its index: the chunk is done, or the stream is.
    mutating func closeFile()
}

/// A stream's trace files on this machine: `<directory>/<name>` and
/// `<directory>/index/<name>.idx` (spec/ctf-lttng.md §5), as lttng-tools'
/// `consumer_stream_create_output_files` lays them out.
public struct LocalTraceOutput: TraceOutput {
    /// The open trace file, nil before the first `openFile` and after `closeFile`.
    private var data: PacketFile?
    /// The open trace file's index.
    private var index: AppendFile?
    /// How trace files are written.
    private let mode: PacketFile.Mode

    /// An output with no file open yet, for packets of at most `maximumPacketSize` bytes: its
    /// trace files are written with direct I/O where packets are large (1 MiB and more) and
    /// through the page cache otherwise, unless `SPOOR_CONSUMER_IO` says `direct` or `buffered`.
    public init(maximumPacketSize: Int) { mode = PacketFile.Mode.forPackets(ofSize: maximumPacketSize) }

    /// An output for packets of unknown size: buffered, unless `SPOOR_CONSUMER_IO` says `direct`.
    public init() { mode = PacketFile.Mode.configured ?? .buffered }

    /// An output whose trace files are written with direct I/O where possible, or buffered.
    public init(directIO: Bool) { mode = directIO ? .direct : .buffered }

    /// Creates the chunk directory and its `index` directory.
    public mutating func openChunk(directory: String) throws(SystemError) {
        try FileSystem.makeDirectories(directory + "/index")
    }

    /// Closed first, as lttng-tools does: with `--tracefile-count 1` the next file is this one.
    public mutating func openFile(named name: String, in directory: String) throws(SystemError) {
        closeFile()
        let (data, index) = try Self.createFiles(directory: directory, name: name, mode: mode)
        self.data = data
        self.index = index
    }

    /// Writes the packet in one system call, then its index entry, whose offset is where the
    /// packet starts.
    public mutating func append(_ packet: FramedPacket) throws(SystemError) {
        guard let data, let index else { throw SystemError("write: no trace file is open", errno: EBADF) }
        let offset = data.size
        try data.write(packet)
        try PacketWrite.writeIndexEntry(for: packet.context, offset: offset, to: index.fd, path: index.path)
    }

    /// Unlinks both files; a missing one is not an error.
    public mutating func removeFile(named name: String, in directory: String) {
        FileSystem.remove(directory + "/" + name)
        FileSystem.remove(directory + "/index/" + name + ".idx")
    }

    /// Closes both files.
    public mutating func closeFile() {
        data?.close()
        index?.close()
        data = nil
        index = nil
    }

    /// Creates (or truncates) trace file `name` in `directory` and its index, which starts with
    /// the index header.
    static func createFiles(directory: String, name: String, mode: PacketFile.Mode) throws(SystemError)
        -> (PacketFile, AppendFile)
    {
        let data = try PacketFile(creating: directory + "/" + name, mode: mode)
        let index = try AppendFile(creating: directory + "/index/" + name + ".idx")
        try index.append(IndexFile.header)
        return (data, index)
    }
}
