import SpoorCTF
import Synchronization

/// A packet source held in memory, for tests of a stream's consumer without shared memory:
/// records go into an open packet, `flush` closes it, and the consumer drains closed packets
/// in order. Losses, overwrites and dead writers are staged by hand.
public final class InMemoryPacketSource: PacketSource {
    /// One packet of an in-memory source.
    public struct Packet: SourcePacket, Hashable {
        /// The packet's `packet_seq_num`.
        public var sequenceNumber: UInt64
        /// The header space and the records.
        public var dataSize: Int
        /// When the packet was opened.
        public var timestampBegin: UInt64
        /// When it was closed.
        public var timestampEnd: UInt64
        /// Cumulative discarded events when it closed.
        public var discardedEvents: UInt64
    }

    private struct Stored {
        var packet: Packet
        /// `PacketContext.size` bytes of header space, then the records.
        var bytes: [UInt8]
        /// A dead writer's packet: closed, never complete.
        var isIncomplete: Bool
    }

    private struct State {
        var closed: [Stored] = []
        /// The records of the open packet, nil while no packet is open.
        var open: (records: [UInt8], begin: UInt64)?
        var nextSequenceNumber: UInt64 = 0
        var consumedSequenceNumber: UInt64 = 0
        var discardedEvents: UInt64 = 0
        var lostPackets: UInt64 = 0
        var overwriteOnRelease: Set<UInt64> = []
        var flushCount = 0
        var isClosed = false
    }

    private let state = Mutex(State())
    /// The largest packet, header included.
    public let maximumPacketSize: Int
    /// How many packets the source holds at most.
    public let packetCapacity: Int
    /// The padding unit of packets in the trace files.
    public let packetAlignment: Int
    /// Whether the consumer writes packets in place rather than from a copy; a test that stages
    /// `overwriteOnRelease` wants the copy.
    public let packetsStayPutUntilReleased: Bool

    /// An empty source of packets of at most `maximumPacketSize` bytes, padded to `packetAlignment`,
    /// which the consumer copies before writing them unless `packetsStayPut`.
    public init(
        maximumPacketSize: Int = 4096, packetCapacity: Int = 4, packetAlignment: Int = 4096,
        packetsStayPut: Bool = false
    ) {
        self.maximumPacketSize = maximumPacketSize
        self.packetCapacity = packetCapacity
        self.packetAlignment = packetAlignment
        self.packetsStayPutUntilReleased = packetsStayPut
    }

    /// No descriptor: tests drain by hand.
    public var wakeDescriptor: Int32? { nil }

    /// Nothing to acknowledge.
    public func acknowledgeWakeUp() {}

    /// Adds `bytes` to the open packet, opening one at `timestamp` if none is.
    public func record(_ bytes: [UInt8], at timestamp: UInt64) {
        state.withLock { state in
            if state.open == nil { state.open = ([], timestamp) }
            state.open?.records += bytes
        }
    }

    /// Closes the open packet at `timestamp`, as a producer does when its sub-buffer is full.
    public func closePacket(at timestamp: UInt64) {
        state.withLock { Self.close(&$0, at: timestamp, isIncomplete: false) }
    }

    /// Closes the open packet at `timestamp` as a writer that died mid-record leaves it: closed,
    /// but never complete.
    public func closeIncompletePacket(at timestamp: UInt64) {
        state.withLock { Self.close(&$0, at: timestamp, isIncomplete: true) }
    }

    /// Producers drop `count` events (buffer full).
    public func discard(_ count: UInt64) { state.withLock { $0.discardedEvents += count } }

    /// The next `count` packets to be opened are lost inside the source (a kernel overrun): their
    /// sequence numbers are skipped and counted.
    public func losePackets(_ count: UInt64) {
        state.withLock { state in
            state.nextSequenceNumber += count
            state.lostPackets += count
        }
    }

    /// Packet `sequenceNumber`'s release will fail, as when an overwrite-mode producer takes the
    /// packet back while the consumer copies it.
    public func overwriteOnRelease(_ sequenceNumber: UInt64) {
        state.withLock { _ = $0.overwriteOnRelease.insert(sequenceNumber) }
    }

    /// How many times the consumer flushed the source.
    public var flushCount: Int { state.withLock { $0.flushCount } }

    /// Whether `close()` was called.
    public var isClosed: Bool { state.withLock { $0.isClosed } }

    private static func close(_ state: inout State, at timestamp: UInt64, isIncomplete: Bool) {
        let open = state.open ?? ([], timestamp)
        let bytes = [UInt8](repeating: 0, count: PacketContext.size) + open.records
        let packet = Packet(
            sequenceNumber: state.nextSequenceNumber, dataSize: bytes.count, timestampBegin: open.begin,
            timestampEnd: max(open.begin, timestamp), discardedEvents: state.discardedEvents)
        state.closed.append(Stored(packet: packet, bytes: bytes, isIncomplete: isIncomplete))
        state.nextSequenceNumber += 1
        state.open = nil
    }

    /// The oldest closed packet, unless a dead writer left it incomplete.
    public func nextPacket() -> Packet? {
        state.withLock { state in
            guard let first = state.closed.first, !first.isIncomplete else { return nil }
            return first.packet
        }
    }

    /// The stored bytes.
    public func withBytes<Result>(of packet: Packet, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        let bytes = state.withLock { state in
            state.closed.first { $0.packet.sequenceNumber == packet.sequenceNumber }?.bytes ?? []
        }
        return bytes.withUnsafeBytes(body)
    }

    /// Removes the packet; fails for one staged by `overwriteOnRelease`.
    public func release(_ packet: Packet) -> Bool {
        state.withLock { state in
            guard state.closed.first?.packet.sequenceNumber == packet.sequenceNumber else { return false }
            state.closed.removeFirst()
            state.consumedSequenceNumber = packet.sequenceNumber + 1
            return state.overwriteOnRelease.remove(packet.sequenceNumber) == nil
        }
    }

    /// Closes the open packet at `clock()`; with `allowEmpty`, an empty one when none is open.
    @discardableResult
    public func flush(allowEmpty: Bool, clock: () -> UInt64) -> Bool {
        let now = clock()
        return state.withLock { state in
            state.flushCount += 1
            guard state.open != nil || allowEmpty else { return false }
            Self.close(&state, at: now, isIncomplete: false)
            return true
        }
    }

    /// The oldest packet not yet released.
    public var consumedSequenceNumber: UInt64 {
        state.withLock { $0.closed.first?.packet.sequenceNumber ?? $0.nextSequenceNumber }
    }

    /// The open packet's number, or the next one's.
    public var writeSequenceNumber: UInt64 { state.withLock { $0.nextSequenceNumber } }

    /// Whether a dead writer's packet is the oldest.
    public var isOldestPacketIncomplete: Bool { state.withLock { $0.closed.first?.isIncomplete ?? false } }

    /// Drops a dead writer's packet.
    public func abandonOldestPacket() -> Bool {
        state.withLock { state in
            guard state.closed.first?.isIncomplete == true else { return false }
            state.closed.removeFirst()
            return true
        }
    }

    /// Nothing closed and nothing open.
    public var isDrained: Bool { state.withLock { $0.closed.isEmpty && $0.open == nil } }

    /// The staged counts.
    public var counters: PacketSourceCounters {
        state.withLock { PacketSourceCounters(discardedEvents: $0.discardedEvents, lostPackets: $0.lostPackets) }
    }

    /// The closed packets' sizes and the open packet's records, out of the whole capacity.
    public var usage: (bytes: UInt64, capacity: UInt64) {
        state.withLock { state in
            let closed = state.closed.reduce(0) { $0 + $1.bytes.count }
            let open = state.open.map { PacketContext.size + $0.records.count } ?? 0
            return (UInt64(closed + open), UInt64(maximumPacketSize * packetCapacity))
        }
    }

    /// Marks the source closed.
    public func close() { state.withLock { $0.isClosed = true } }
}
