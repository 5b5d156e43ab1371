/// One complete packet a `PacketSource` holds until the consumer releases it: the slot fields
/// the consumer writes the packet header and context from (CTF `packet.header` and
/// `packet.context`, spec/ctf-lttng.md §1). Each source has its own packet type, which also says
/// where the packet's bytes are in terms only that source understands.
public protocol SourcePacket: Sendable {
    /// The packet's position in the stream: its `packet_seq_num`.
    var sequenceNumber: UInt64 { get }
    /// Bytes used, the reserved packet header included (`content_size / 8`); at least
    /// `PacketContext.size` and at most the source's `maximumPacketSize`.
    var dataSize: Int { get }
    /// `timestamp_begin`: the clock when the packet was opened.
    var timestampBegin: UInt64 { get }
    /// `timestamp_end`: the clock when it was closed, never before `timestampBegin`.
    var timestampEnd: UInt64 { get }
    /// Cumulative events the stream's producers discarded when the packet closed.
    var discardedEvents: UInt64 { get }
}

/// What a source has counted by itself, as `lttng list` shows it for a channel.
public struct PacketSourceCounters: Sendable, Hashable {
    /// Events the producers dropped because the buffer was full (discard mode), cumulative.
    public var discardedEvents: UInt64
    /// Packets the source itself lost before the consumer could see them (a kernel reader's
    /// overrun). Packets lost in the buffer show as gaps in the sequence numbers instead, which
    /// the consumer counts.
    public var lostPackets: UInt64

    /// Counters with the given values.
    public init(discardedEvents: UInt64, lostPackets: UInt64 = 0) {
        self.discardedEvents = discardedEvents
        self.lostPackets = lostPackets
    }
}

/// What a stream consumer drains: one stream's packets, in sequence order, each held by the
/// source until it is released.
///
/// The user-space ring buffer conforms (`RingBufferPacketSource`); a kernel stream (tracefs or
/// perf reader) conforms through a packetizer that cuts its records into packets;
/// `InMemoryPacketSource` is for tests. Every call comes from the consumer of the stream with
/// its lock held, except `flush`, which writers may race with and which must therefore be safe
/// at any time.
public protocol PacketSource: Sendable {
    /// The source's description of one of its complete packets.
    associatedtype Packet: SourcePacket

    /// A descriptor that becomes readable when a packet completes, or nil when the stream is read
    /// only on timers. Reading it is the consumer's business (`acknowledgeWakeUp`).
    var wakeDescriptor: Int32? { get }
    /// The largest `dataSize` a packet can have (the sub-buffer size).
    var maximumPacketSize: Int { get }
    /// How many packets the source holds at most (the sub-buffer count).
    var packetCapacity: Int { get }
    /// Packets are padded with zeros to a multiple of this many bytes in the trace files.
    var packetAlignment: Int { get }
    /// Whether a packet's bytes stay as they are until it is released (no producer can take it
    /// back, as in discard mode): the consumer then writes them where they lie, without a copy.
    /// When false, it copies each packet and writes the copy only once `release` vouches for it.
    var packetsStayPutUntilReleased: Bool { get }

    /// Clears the wake-up descriptor, so that the next wait sleeps until a new packet completes.
    func acknowledgeWakeUp()
    /// The oldest complete packet not yet released, or nil if it is still being written.
    func nextPacket() -> Packet?
    /// Calls `body` with `packet`'s bytes, its first `PacketContext.size` bytes reserved for the
    /// header the consumer writes. The bytes may change under the reader (overwrite mode): only
    /// a successful `release` says the copy is good.
    func withBytes<Result>(of packet: Packet, _ body: (UnsafeRawBufferPointer) -> Result) -> Result
    /// Hands `packet` back to the producers. Returns false when a producer took it back while it
    /// was being read: the copy is then unreliable and the packet is lost.
    func release(_ packet: Packet) -> Bool
    /// Closes the open packet now (a sub-buffer switch) so that its records become readable; with
    /// `allowEmpty`, writes an empty packet when none is open. Returns whether a packet was closed.
    @discardableResult
    func flush(allowEmpty: Bool, clock: () -> UInt64) -> Bool

    /// The sequence number of the oldest packet not yet released.
    var consumedSequenceNumber: UInt64 { get }
    /// The sequence number of the packet producers write into now (or open next): everything
    /// recorded before a `flush` sits in packets numbered below the value read after it.
    var writeSequenceNumber: UInt64 { get }
    /// Whether the oldest packet was closed but some of its space never committed: after a
    /// while, only a writer that died mid-record leaves that.
    var isOldestPacketIncomplete: Bool { get }
    /// Gives up the oldest packet, left incomplete by a dead writer. Returns false if it
    /// completed or moved meanwhile.
    func abandonOldestPacket() -> Bool
    /// Whether nothing is left to read: every byte reserved is committed and released.
    var isDrained: Bool { get }

    /// What the source has counted by itself.
    var counters: PacketSourceCounters { get }
    /// Bytes held and not yet consumed, and bytes the source holds at most (buffer-usage
    /// conditions, the monitor timer).
    var usage: (bytes: UInt64, capacity: UInt64) { get }

    /// Lets go of the source's memory and descriptors; nothing is called after this.
    func close()
}

extension PacketSource {
    /// A source says so only when it knows: copying is always safe.
    public var packetsStayPutUntilReleased: Bool { false }
}
