import SpoorCTF
import SpoorPosix
import SpoorRingBuffer
import Synchronization

/// Drains one stream's ring buffer (one CPU of one channel) into its stream file and index,
/// as LTTng's consumer does: each complete sub-buffer becomes one CTF packet.
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
    public let dataPath: String
    /// `--switch-timer`: nanoseconds between forced sub-buffer switches, 0 for none.
    public let switchPeriod: UInt64
    /// `--read-timer`: nanoseconds between reads of the buffer, 0 to rely on wake-ups only.
    public let readPeriod: UInt64
    private let uuid: [UInt8]
    private let files: Mutex<Files>

    struct Files: ~Copyable {
        var data: AppendFile
        var index: AppendFile
        var packetCount: UInt64 = 0
        var lastDiscarded: UInt64 = 0
        /// Set by `close()`: the memory and descriptors are gone, nothing may touch them.
        var isClosed = false
        /// Monotonic time of the next switch-timer flush.
        var nextSwitch: UInt64 = 0
    }

    /// Creates the stream's files (`<channel>_<cpu>` and `index/<channel>_<cpu>.idx` in
    /// `directory`) and takes ownership of `memory` and `wakeFD`.
    public init(
        memory: SharedMemory, layout: RingBufferLayout, wakeFD: Int32, directory: String, channelName: String,
        streamID: UInt32, cpu: UInt32, uuid: [UInt8], switchTimerMicroseconds: UInt64 = 0,
        readTimerMicroseconds: UInt64 = 0
    ) throws(SystemError) {
        switchPeriod = switchTimerMicroseconds * 1000
        readPeriod = readTimerMicroseconds * 1000
        self.memory = memory
        self.buffer = RingBuffer(base: memory.base, layout: layout)
        self.wakeFD = wakeFD
        self.streamID = streamID
        self.cpu = cpu
        self.uuid = uuid
        let name = "\(channelName)_\(cpu)"
        dataPath = directory + "/" + name
        try FileSystem.makeDirectories(directory + "/index")
        let data = try AppendFile(creating: dataPath)
        let index = try AppendFile(creating: directory + "/index/" + name + ".idx")
        try index.append(IndexFile.header)
        files = Mutex(Files(data: data, index: index))
    }

    /// Writes every complete packet waiting in the buffer. Returns how many were written.
    @discardableResult
    public func drain() throws(SystemError) -> Int {
        try files.withLock { (files) throws(SystemError) -> Int in
            guard !files.isClosed else { return 0 }
            EventFD.drain(wakeFD)
            var written = 0
            while let packet = buffer.nextReadablePacket() {
                try write(packet, to: &files)
                buffer.releasePacket()
                written += 1
            }
            return written
        }
    }

    private func write(_ packet: ReadablePacket, to files: inout Files) throws(SystemError) {
        let pageSize = 4096
        let paddedSize = (packet.dataSize + pageSize - 1) / pageSize * pageSize
        // Discarded counts are cumulative and must never go backwards, even if shared memory lies.
        let discarded = max(packet.discardedRecords, files.lastDiscarded)
        files.lastDiscarded = discarded
        let context = PacketContext(
            uuid: uuid, streamID: streamID, streamInstanceID: UInt64(cpu), timestampBegin: packet.timestampBegin,
            timestampEnd: packet.timestampEnd, contentSize: UInt64(packet.dataSize) * 8,
            packetSize: UInt64(paddedSize) * 8, sequenceNumber: packet.sequenceNumber, eventsDiscarded: discarded,
            cpuID: cpu)
        var bytes = [UInt8](repeating: 0, count: paddedSize)
        bytes.withUnsafeMutableBytes { raw in
            context.write(to: raw.baseAddress!)
            let payload = packet.dataSize - PacketContext.size
            if payload > 0 {
                raw.baseAddress!.advanced(by: PacketContext.size).copyMemory(
                    from: memory.base + packet.offset + PacketContext.size, byteCount: payload)
            }
        }
        let offset = files.data.size
        try files.data.append(bytes)
        try files.index.append(IndexFile.entry(for: context, offset: offset).encoded)
        files.packetCount += 1
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
            if waited >= timeoutMilliseconds { return false }
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
