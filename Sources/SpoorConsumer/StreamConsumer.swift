import SpoorCTF
import SpoorPosix
import SpoorRingBuffer
import Synchronization

/// Drains one stream's ring buffer (one CPU of one channel) into its stream file and index,
/// as LTTng's consumer does: each complete sub-buffer becomes one CTF packet.
///
/// With `--tracefile-size` the stream is cut into several trace files, and with `--tracefile-count`
/// those files are reused as a ring (`TracefileRotation`).
///
/// The packet header and context are written by the consumer from the slot fields the
/// producers left, so a misbehaving app can garble its own events but never the framing that
/// readers depend on.
public final class StreamConsumer: Sendable {
    /// What the stream writes: the shared memory stays mapped for the stream's whole life.
    public let memory: SharedMemory
    public let buffer: RingBuffer
    /// The eventfd producers signal when a sub-buffer is complete.
    public let wakeFD: Int32
    public let streamID: UInt32
    public let cpu: UInt32
    /// The stream file, `<directory>/<channel>_<cpu>`; with a `tracefileSize` the files are this
    /// path followed by `_0`, `_1`, …
    public let dataPath: String
    /// `--tracefile-size`: bytes after which packets go to the next trace file, 0 for one file.
    public let tracefileSize: UInt64
    /// `--tracefile-count`: how many trace files a stream keeps (a ring), 0 for no limit.
    public let tracefileCount: UInt64
    /// `--switch-timer`: nanoseconds between forced sub-buffer switches, 0 for none.
    public let switchPeriod: UInt64
    /// `--read-timer`: nanoseconds between reads of the buffer, 0 to rely on wake-ups only.
    public let readPeriod: UInt64
    /// `--monitor-timer`: nanoseconds between samples of the buffer usage, 0 for none.
    public let monitorPeriod: UInt64
    let uuid: [UInt8]
    /// `<channel>_<cpu>`: the stream file's name without its trace file number.
    let streamName: String
    let files: Mutex<Files>

    struct Files: ~Copyable {
        /// The open trace file and its index; closed (and about to be replaced) while
        /// `rotation` waits for the next file to be opened.
        var data: AppendFile
        var index: AppendFile
        var rotation: TracefileRotation
        var packetCount: UInt64 = 0
        var lastDiscarded: UInt64 = 0
        /// The sequence number the next packet has when none is lost.
        var nextSequenceNumber: UInt64 = 0
        /// Packets lost: overwritten before they were read, or abandoned by a dead writer.
        var lostPacketCount: UInt64 = 0
        /// Since when (monotonic ns) the oldest packet at this consumed position is incomplete.
        var stuck: (position: UInt64, since: UInt64)?
        /// Set by `close()`: the memory and descriptors are gone, nothing may touch them.
        var isClosed = false
        /// Monotonic time of the next switch-timer flush.
        var nextSwitch: UInt64 = 0
        /// Monotonic time of the next read-timer read.
        var nextRead: UInt64 = 0
        /// Monotonic time of the next monitor-timer sample.
        var nextSample: UInt64 = 0
        var usage: BufferUsage?
        /// Packets numbered below this were recorded before a `clear`: they are released
        /// without being written.
        var discardBeforeSequenceNumber: UInt64 = 0
        /// Where the stream's files are: the trace directory of the current trace chunk.
        var directory: String
        /// A rotation under way: the packets from its first sequence number on go to its directory.
        var chunkSwitch: ChunkSwitch?
        /// Bytes written to trace files since the stream was created, across every trace chunk.
        var bytesWritten: UInt64 = 0
        /// Bytes written to the current trace chunk's files (`enable-rotation --size`).
        var chunkBytesWritten: UInt64 = 0
    }

    /// Creates the stream's files (`<channel>_<cpu>` and `index/<channel>_<cpu>.idx` in
    /// `directory`, or `<channel>_<cpu>_0` and its index with a `tracefileSize`) and takes
    /// ownership of `memory` and `wakeFD`.
    ///
    /// `tracefileSize` and `tracefileCount` are `lttng enable-channel`'s `--tracefile-size` and
    /// `--tracefile-count`; 0 means no limit, and a count without a size does nothing.
    public init(
        memory: SharedMemory, layout: RingBufferLayout, wakeFD: Int32, directory: String, channelName: String,
        streamID: UInt32, cpu: UInt32, uuid: [UInt8], switchTimerMicroseconds: UInt64 = 0,
        readTimerMicroseconds: UInt64 = 0, tracefileSize: UInt64 = 0, tracefileCount: UInt64 = 0,
        monitorTimerMicroseconds: UInt64 = 0
    ) throws(SystemError) {
        switchPeriod = switchTimerMicroseconds * 1000
        readPeriod = readTimerMicroseconds * 1000
        monitorPeriod = monitorTimerMicroseconds * 1000
        self.memory = memory
        self.buffer = RingBuffer(base: memory.base, layout: layout)
        self.wakeFD = wakeFD
        self.streamID = streamID
        self.cpu = cpu
        self.uuid = uuid
        self.tracefileSize = tracefileSize
        self.tracefileCount = tracefileCount
        streamName = "\(channelName)_\(cpu)"
        dataPath = directory + "/" + streamName
        let rotation = TracefileRotation(sizeLimit: tracefileSize, countLimit: tracefileCount)
        try FileSystem.makeDirectories(directory + "/index")
        let (data, index) = try Self.createFiles(
            directory: directory, name: rotation.fileName(stream: streamName, number: rotation.fileNumber))
        var state = Files(data: data, index: index, rotation: rotation, directory: directory)
        // The read timer's first read is one period after the stream starts, as any later one.
        state.nextRead = readPeriod > 0 ? Clock.monotonicNanoseconds + readPeriod : 0
        files = Mutex(state)
    }

    /// Creates (or truncates) trace file `name` in `directory` and its index, which starts with
    /// the index header, as lttng-tools' `consumer_stream_create_output_files` does.
    static func createFiles(directory: String, name: String) throws(SystemError) -> (AppendFile, AppendFile) {
        let data = try AppendFile(creating: directory + "/" + name)
        let index = try AppendFile(creating: directory + "/index/" + name + ".idx")
        try index.append(IndexFile.header)
        return (data, index)
    }

    /// How long the oldest packet may stay closed but incomplete before the consumer decides
    /// its writer died mid-record and gives the packet up: no live writer takes this long
    /// between reserving and committing a record.
    public static let abandonAfterNanoseconds: UInt64 = 1_000_000_000

    /// Writes every complete packet waiting in the buffer. Returns how many were written.
    @discardableResult
    public func drain() throws(SystemError) -> Int {
        try files.withLock { (files) throws(SystemError) -> Int in
            guard !files.isClosed else { return 0 }
            EventFD.drain(wakeFD)
            var written = 0
            while let packet = buffer.nextReadablePacket() {
                if packet.sequenceNumber < files.discardBeforeSequenceNumber {
                    _ = buffer.releasePacket(packet)
                    continue
                }
                let (bytes, context) = copy(packet, files: &files)
                // In overwrite mode a producer may have taken the sub-buffer back while we
                // copied it: then the copy is unreliable and the packet is lost.
                guard buffer.releasePacket(packet) else { continue }
                try write(bytes, context: context, to: &files)
                written += 1
            }
            abandonStuckPacket(in: &files, olderThan: Self.abandonAfterNanoseconds)
            return written
        }
    }

    /// Gives up the oldest packet if a dead writer left it incomplete for longer than `age`.
    private func abandonStuckPacket(in files: inout Files, olderThan age: UInt64) {
        guard buffer.isOldestPacketIncomplete else {
            files.stuck = nil
            return
        }
        let now = Clock.monotonicNanoseconds
        let position = buffer.consumedPosition
        guard let stuck = files.stuck, stuck.position == position else {
            files.stuck = (position, now)
            return
        }
        guard now - stuck.since >= age else { return }
        abandonOldestPacket(in: &files)
    }

    func abandonOldestPacket(in files: inout Files) {
        let position = buffer.consumedPosition
        guard buffer.abandonOldestPacket() else { return }
        files.stuck = nil
        files.lostPacketCount += 1
        files.nextSequenceNumber = position / UInt64(buffer.layout.subbufferSize) + 1
    }

    /// Packets this stream lost (overwrite mode, dead writers).
    public var lostPacketCount: UInt64 { files.withLock { $0.lostPacketCount } }

    /// The packet's bytes as they go to the file (header and context, records, zero padding),
    /// and the header and context they start with.
    private func copy(_ packet: ReadablePacket, files: inout Files) -> (bytes: [UInt8], context: PacketContext) {
        framed(packet, records: memory.base + packet.offset, discardedBefore: files.lastDiscarded)
    }

    /// The packet as it goes to a file, with the records of the sub-buffer at `records` (its
    /// first `PacketContext.size` bytes, the producers' header, are replaced by the consumer's).
    /// `discardedBefore` is the stream's count so far: cumulative counts never go backwards,
    /// even if shared memory lies.
    func framed(_ packet: ReadablePacket, records: UnsafeRawPointer, discardedBefore: UInt64)
        -> (bytes: [UInt8], context: PacketContext)
    {
        let pageSize = 4096
        let paddedSize = (packet.dataSize + pageSize - 1) / pageSize * pageSize
        let context = PacketContext(
            uuid: uuid, streamID: streamID, streamInstanceID: UInt64(cpu), timestampBegin: packet.timestampBegin,
            timestampEnd: packet.timestampEnd, contentSize: UInt64(packet.dataSize) * 8,
            packetSize: UInt64(paddedSize) * 8, sequenceNumber: packet.sequenceNumber,
            eventsDiscarded: max(packet.discardedRecords, discardedBefore), cpuID: cpu)
        var bytes = [UInt8](repeating: 0, count: paddedSize)
        bytes.withUnsafeMutableBytes { raw in
            context.write(to: raw.baseAddress!)
            let payload = packet.dataSize - PacketContext.size
            if payload > 0 {
                raw.baseAddress!.advanced(by: PacketContext.size).copyMemory(
                    from: records + PacketContext.size, byteCount: payload)
            }
        }
        return (bytes, context)
    }

    private func write(_ bytes: [UInt8], context: PacketContext, to files: inout Files) throws(SystemError) {
        try switchChunkIfDue(beforePacket: context.sequenceNumber, in: &files)
        files.lastDiscarded = context.eventsDiscarded
        if context.sequenceNumber > files.nextSequenceNumber {
            files.lostPacketCount += context.sequenceNumber - files.nextSequenceNumber
        }
        files.nextSequenceNumber = context.sequenceNumber + 1
        try selectFile(forPacketOfSize: UInt64(bytes.count), in: &files)
        let offset = files.data.size
        try files.data.append(bytes)
        try files.index.append(IndexFile.entry(for: context, offset: offset).encoded)
        files.rotation.packetWritten(size: UInt64(bytes.count))
        files.bytesWritten += UInt64(bytes.count)
        files.chunkBytesWritten += UInt64(bytes.count)
        files.packetCount += 1
    }

    /// Moves to the next trace file when the packet does not fit in the current one.
    private func selectFile(forPacketOfSize size: UInt64, in files: inout Files) throws(SystemError) {
        guard case .open(let number) = files.rotation.packetReady(size: size) else { return }
        // Closed first, as lttng-tools does: with a count of 1 the next file is this one.
        // If creating the next file fails, the rotation asks for it again on the next packet.
        files.data.close()
        files.index.close()
        let (data, index) = try Self.createFiles(
            directory: files.directory, name: files.rotation.fileName(stream: streamName, number: number))
        files.data = data
        files.index = index
        files.rotation.fileOpened()
    }

    /// Runs the switch timer: when its period has passed, closes the open packet so that a
    /// quiet stream still reaches disk within the period. Returns when it is next due.
    public func runSwitchTimer(now: UInt64) -> UInt64? {
        guard switchPeriod > 0 else { return nil }
        return files.withLock { files -> UInt64? in
            guard !files.isClosed else { return nil }
            if files.nextSwitch == 0 { files.nextSwitch = now + switchPeriod }
            if now >= files.nextSwitch {
                buffer.flush(allowEmpty: false) { now }
                files.nextSwitch = now + switchPeriod
            }
            return files.nextSwitch
        }
    }

    /// Whether the consumer should read this stream now: always without a read timer; with one,
    /// once per period (its producers do not wake the consumer). Returns when it is next due.
    public func readTimer(now: UInt64) -> (isDue: Bool, next: UInt64?) {
        guard readPeriod > 0 else { return (true, nil) }
        return files.withLock { files in
            guard now >= files.nextRead else { return (false, files.nextRead) }
            files.nextRead = now + readPeriod
            return (true, files.nextRead)
        }
    }

    /// Runs the monitor timer: once per period, samples how much of the buffer holds data not
    /// yet consumed (what buffer-usage trigger conditions read). Returns when it is next due.
    public func runMonitorTimer(now: UInt64) -> UInt64? {
        guard monitorPeriod > 0 else { return nil }
        return files.withLock { files -> UInt64? in
            guard !files.isClosed else { return nil }
            if now >= files.nextSample {
                files.usage = BufferUsage(
                    bytes: buffer.writePosition &- buffer.consumedPosition,
                    capacity: UInt64(buffer.layout.dataSize), time: now)
                files.nextSample = now + monitorPeriod
            }
            return files.nextSample
        }
    }

    /// The monitor timer's latest sample, or nil before the first (or without a monitor timer).
    public var bufferUsage: BufferUsage? { files.withLock { $0.usage } }

    /// Records dropped by producers so far in this stream.
    public var discardedEventCount: UInt64 { buffer.discardedRecordCount }

    /// Closes the open packet (or writes an empty one), then writes everything until the buffer
    /// is drained or `timeoutMilliseconds` pass (a writer that died mid-record never commits).
    /// Returns whether the buffer was fully drained.
    @discardableResult
    public func flushAndDrain(timeoutMilliseconds: Int, clock: () -> UInt64) throws(SystemError) -> Bool {
        buffer.flush(allowEmpty: true, clock: clock)
        var waited = 0
        while true {
            try drain()
            if buffer.isDrained { return true }
            if waited >= timeoutMilliseconds {
                // What is still incomplete now belongs to writers that died mid-record: give it
                // up so that everything after it reaches the disk.
                for _ in 0..<buffer.layout.subbufferCount {
                    files.withLock { files in
                        if !files.isClosed && buffer.isOldestPacketIncomplete { abandonOldestPacket(in: &files) }
                    }
                    try drain()
                }
                return buffer.isDrained
            }
            Spawn.pause(milliseconds: 1)
            waited += 1
        }
    }

    /// Closes the files and the wake-up eventfd and unmaps the buffer. Apps keep their own
    /// mappings until the daemon tells them to drop them; the memory goes when the last one does.
    /// Waits for a drain in progress on another thread.
    public func close() {
        files.withLock { files in
            guard !files.isClosed else { return }
            files.isClosed = true
            files.data.close()
            files.index.close()
            memory.unmap()
            EventFD.close(wakeFD)
        }
    }
}

/// Which trace file of a stream each packet goes to under `lttng enable-channel --tracefile-size`
/// and `--tracefile-count` (lttng-enable-channel(1); spec/ctf-lttng.md §1.1).
///
/// As lttng-tools' consumer does (`lttng_consumer_on_read_subbuffer_mmap`,
/// `consumer_stream_rotate_output_files`): a packet that would take the current file past the size
/// limit starts the next file, numbered from 0; with a count limit the numbers wrap, so file 0 is
/// truncated and reused and its older packets are lost. A packet is never split, and one larger than
/// the limit is written alone in its file. babeltrace2 reads the files of a stream as one stream:
/// they share `stream_instance_id` and are ordered by their first `timestamp_begin`.
///
/// Each file's index holds offsets from the start of that file.
package struct TracefileRotation: Sendable, Hashable {
    /// What to do before writing a packet.
    package enum Action: Sendable, Hashable {
        /// Append the packet to the open file.
        case append
        /// Create, or truncate, trace file `number` and its index, call `fileOpened()`, then append.
        case open(number: UInt64)
    }

    /// `--tracefile-size` in bytes, 0 for a single file without a number.
    package let sizeLimit: UInt64
    /// `--tracefile-count`, 0 for no limit; only meaningful with a size limit.
    package let countLimit: UInt64
    /// The number of the current trace file.
    package private(set) var fileNumber: UInt64 = 0
    /// Bytes written to the current trace file.
    package private(set) var fileSize: UInt64 = 0
    /// False between an `.open` action and `fileOpened()`: until then every packet asks for the
    /// same file again, so that a failed creation is retried rather than skipped.
    private var isFileOpen = true

    /// A rotation whose file 0 is already open and empty.
    package init(sizeLimit: UInt64, countLimit: UInt64) {
        self.sizeLimit = sizeLimit
        self.countLimit = countLimit
    }

    /// The name of trace file `number` of `stream` (`<channel>_<cpu>`): `stream_<number>` with a
    /// size limit, `stream` alone without (lttng-tools' `utils_stream_file_path`).
    package func fileName(stream: String, number: UInt64) -> String {
        sizeLimit > 0 ? "\(stream)_\(number)" : stream
    }

    /// Where a packet of `size` bytes goes.
    package mutating func packetReady(size: UInt64) -> Action {
        if isFileOpen {
            // Not `fileSize + size > sizeLimit`, which could overflow.
            guard sizeLimit > 0, fileSize > 0, size > sizeLimit || fileSize > sizeLimit - size else {
                return .append
            }
            fileNumber = countLimit > 0 ? (fileNumber + 1) % countLimit : fileNumber + 1
            isFileOpen = false
        }
        return .open(number: fileNumber)
    }

    /// The file that `.open` asked for now exists and is empty.
    package mutating func fileOpened() {
        isFileOpen = true
        fileSize = 0
    }

    /// A packet of `size` bytes was appended to the current file.
    package mutating func packetWritten(size: UInt64) {
        fileSize += size
    }
}

/// One monitor-timer sample of a stream's ring buffer.
public struct BufferUsage: Sendable, Hashable {
    /// Bytes reserved by producers and not yet consumed.
    public var bytes: UInt64
    /// Bytes the ring holds in all.
    public var capacity: UInt64
    /// Monotonic time of the sample, nanoseconds.
    public var time: UInt64

    public init(bytes: UInt64, capacity: UInt64, time: UInt64) {
        self.bytes = bytes
        self.capacity = capacity
        self.time = time
    }

    /// The used part of the buffer, from 0 to 1.
    public var ratio: Double { capacity == 0 ? 0 : min(1, Double(bytes) / Double(capacity)) }
}
