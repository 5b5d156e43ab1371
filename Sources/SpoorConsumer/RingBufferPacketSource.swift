import SpoorPosix
import SpoorRingBuffer

/// A user-space stream's packets: the ring buffer one app (or every app of a user) writes into,
/// in shared memory the consumer keeps mapped for the stream's whole life.
public struct RingBufferPacketSource: PacketSource {
    /// The shared memory the buffer lives in.
    public let memory: SharedMemory
    /// The ring buffer, viewed in `memory`.
    public let buffer: RingBuffer
    /// The eventfd producers signal when a sub-buffer is complete.
    public let wakeFD: Int32

    /// The buffer laid out as `layout` in `memory`, whose producers signal `wakeFD`; the source
    /// owns both until `close()`.
    public init(memory: SharedMemory, layout: RingBufferLayout, wakeFD: Int32) {
        self.memory = memory
        self.buffer = RingBuffer(base: memory.base, layout: layout)
        self.wakeFD = wakeFD
    }

    /// The eventfd: producers of a buffer read on a timer do not signal it, and polling it
    /// then only costs nothing.
    public var wakeDescriptor: Int32? { wakeFD }

    /// A sub-buffer.
    public var maximumPacketSize: Int { buffer.layout.subbufferSize }

    /// The sub-buffer count.
    public var packetCapacity: Int { buffer.layout.subbufferCount }

    /// The layout's page size, as LTTng pads packets to whole pages.
    public var packetAlignment: Int { buffer.layout.pageSize }

    /// In discard mode producers never enter a sub-buffer the consumer has not released; in
    /// overwrite mode they may, at any time.
    public var packetsStayPutUntilReleased: Bool { !buffer.isOverwriteMode }

    /// Resets the eventfd's counter.
    public func acknowledgeWakeUp() { EventFD.drain(wakeFD) }

    /// The oldest complete sub-buffer not yet released.
    public func nextPacket() -> ReadablePacket? { buffer.nextReadablePacket() }

    /// The sub-buffer in place, without a copy.
    public func withBytes<Result>(of packet: ReadablePacket, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        body(UnsafeRawBufferPointer(start: memory.base + packet.offset, count: packet.dataSize))
    }

    /// Moves the consumed position past the packet, unless a producer (overwrite mode) already did.
    public func release(_ packet: ReadablePacket) -> Bool { buffer.releasePacket(packet) }

    /// A forced sub-buffer switch.
    @discardableResult
    public func flush(allowEmpty: Bool, clock: () -> UInt64) -> Bool {
        buffer.flush(allowEmpty: allowEmpty, clock: clock)
    }

    /// The consumed position in sub-buffers.
    public var consumedSequenceNumber: UInt64 { buffer.consumedPosition / UInt64(buffer.layout.subbufferSize) }

    /// The write position in sub-buffers.
    public var writeSequenceNumber: UInt64 { buffer.writePosition / UInt64(buffer.layout.subbufferSize) }

    /// Whether the oldest sub-buffer is closed and some of it never committed.
    public var isOldestPacketIncomplete: Bool { buffer.isOldestPacketIncomplete }

    /// Commits what a dead writer left out of the oldest sub-buffer and moves past it.
    public func abandonOldestPacket() -> Bool { buffer.abandonOldestPacket() }

    /// Whether every reserved byte is committed and consumed.
    public var isDrained: Bool { buffer.isDrained }

    /// The producers' discarded-event count (the ring buffer calls an event a record); the
    /// ring buffer loses no packet by itself.
    public var counters: PacketSourceCounters { PacketSourceCounters(discardedEvents: buffer.discardedRecordCount) }

    /// Bytes between the consumed and the write position, out of the whole ring.
    public var usage: (bytes: UInt64, capacity: UInt64) {
        (buffer.writePosition &- buffer.consumedPosition, UInt64(buffer.layout.dataSize))
    }

    /// Unmaps the buffer and closes the eventfd. Apps keep their own mappings until the daemon
    /// tells them to drop them; the memory goes when the last one does.
    public func close() {
        memory.unmap()
        EventFD.close(wakeFD)
    }
}

/// A sub-buffer ready to be read is the ring buffer's packet.
extension ReadablePacket: SourcePacket {
    /// The ring buffer's name for it: a record is an event.
    public var discardedEvents: UInt64 { discardedRecords }
}
