/// The packet header and packet context that start every data packet (spec/ctf-lttng.md §4.1).
///
/// 84 bytes, little-endian, byte-packed (`trace.packet.header` then `struct packet_context`):
/// ```
///  0        4                     20          24                   32                40
///  +--------+---------------------+-----------+--------------------+-----------------+
///  | magic  | uuid (16 bytes)     | stream_id | stream_instance_id | timestamp_begin |
///  +--------+---------------------+-----------+--------------------+-----------------+
///  40               48             56            64               72                 80       84
///  +----------------+--------------+-------------+----------------+------------------+--------+
///  | timestamp_end  | content_size | packet_size | packet_seq_num | events_discarded | cpu_id |
///  +----------------+--------------+-------------+----------------+------------------+--------+
/// ```
/// `magic` is 0xC1FC1FC1; sizes are in bits; `events_discarded` is cumulative for the stream and is
/// an `unsigned long` (this layout is the 64-bit ABI's).
public struct PacketContext: Sendable, Hashable {
    /// The size in bytes of the packet header plus packet context.
    public static let size = 84
    /// The CTF packet magic number.
    public static let magic: UInt32 = 0xC1FC_1FC1

    /// The trace UUID (16 bytes).
    public var uuid: [UInt8]
    /// The stream class: the channel's id in the trace.
    public var streamID: UInt32
    /// The per-CPU buffer this packet comes from (equals `cpuID` in LTTng traces).
    public var streamInstanceID: UInt64
    /// Clock value when the packet was opened.
    public var timestampBegin: UInt64
    /// Clock value when the packet was closed; not before any event timestamp in the packet.
    public var timestampEnd: UInt64
    /// Bits from the packet start to the end of the last event.
    public var contentSize: UInt64
    /// Bits in the whole packet, padding included.
    public var packetSize: UInt64
    /// The per-stream packet counter (`packet_seq_num`); a gap means lost packets.
    public var sequenceNumber: UInt64
    /// Events discarded in this stream so far, cumulative.
    public var eventsDiscarded: UInt64
    /// The CPU number.
    public var cpuID: UInt32

    /// Creates a packet header and context.
    public init(
        uuid: [UInt8],
        streamID: UInt32,
        streamInstanceID: UInt64,
        timestampBegin: UInt64,
        timestampEnd: UInt64,
        contentSize: UInt64,
        packetSize: UInt64,
        sequenceNumber: UInt64,
        eventsDiscarded: UInt64,
        cpuID: UInt32
    ) {
        self.uuid = uuid
        self.streamID = streamID
        self.streamInstanceID = streamInstanceID
        self.timestampBegin = timestampBegin
        self.timestampEnd = timestampEnd
        self.contentSize = contentSize
        self.packetSize = packetSize
        self.sequenceNumber = sequenceNumber
        self.eventsDiscarded = eventsDiscarded
        self.cpuID = cpuID
    }

    /// Writes the 84 bytes at `pointer`, which needs no alignment.
    ///
    /// - Precondition: `uuid` holds 16 bytes.
    public func write(to pointer: UnsafeMutableRawPointer) {
        precondition(uuid.count == TraceUUID.byteCount, "a UUID is 16 bytes")
        pointer.storeLittleEndian(Self.magic, at: 0)
        for (index, byte) in uuid.enumerated() {
            pointer.storeBytes(of: byte, toByteOffset: 4 + index, as: UInt8.self)
        }
        pointer.storeLittleEndian(streamID, at: 20)
        pointer.storeLittleEndian(streamInstanceID, at: 24)
        pointer.storeLittleEndian(timestampBegin, at: 32)
        pointer.storeLittleEndian(timestampEnd, at: 40)
        pointer.storeLittleEndian(contentSize, at: 48)
        pointer.storeLittleEndian(packetSize, at: 56)
        pointer.storeLittleEndian(sequenceNumber, at: 64)
        pointer.storeLittleEndian(eventsDiscarded, at: 72)
        pointer.storeLittleEndian(cpuID, at: 80)
    }

    /// The 84 encoded bytes.
    public var encoded: [UInt8] {
        var bytes = [UInt8](repeating: 0, count: Self.size)
        bytes.withUnsafeMutableBytes { buffer in
            if let base = buffer.baseAddress { write(to: base) }
        }
        return bytes
    }

    /// Decodes the first 84 bytes of `bytes`; `nil` if there are fewer or the magic is wrong.
    public static func decode(_ bytes: some Collection<UInt8>) -> PacketContext? {
        guard bytes.count >= size else { return nil }
        let reader = LittleEndianReader(bytes: bytes)
        guard reader.read(UInt32.self, at: 0) == magic else { return nil }
        return PacketContext(
            uuid: reader.bytes(at: 4, count: TraceUUID.byteCount),
            streamID: reader.read(UInt32.self, at: 20),
            streamInstanceID: reader.read(UInt64.self, at: 24),
            timestampBegin: reader.read(UInt64.self, at: 32),
            timestampEnd: reader.read(UInt64.self, at: 40),
            contentSize: reader.read(UInt64.self, at: 48),
            packetSize: reader.read(UInt64.self, at: 56),
            sequenceNumber: reader.read(UInt64.self, at: 64),
            eventsDiscarded: reader.read(UInt64.self, at: 72),
            cpuID: reader.read(UInt32.self, at: 80)
        )
    }
}
