import CSpoorABI

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
/// an `unsigned long` (this layout is the 64-bit ABI's). `spoor_packet_header` in `CSpoorABI.h`
/// defines it; the offsets below come from there.
public struct PacketContext: Sendable, Hashable {
    /// The size in bytes of the packet header plus packet context.
    public static let size = SPOOR_PACKET_HEADER_SIZE
    /// The CTF packet magic number.
    public static let magic: UInt32 = SPOOR_PACKET_MAGIC

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
        pointer.storeLittleEndian(Self.magic, at: SPOOR_PACKET_MAGIC_OFFSET)
        for (index, byte) in uuid.enumerated() {
            pointer.storeBytes(of: byte, toByteOffset: SPOOR_PACKET_UUID_OFFSET + index, as: UInt8.self)
        }
        pointer.storeLittleEndian(streamID, at: SPOOR_PACKET_STREAM_ID_OFFSET)
        pointer.storeLittleEndian(streamInstanceID, at: SPOOR_PACKET_STREAM_INSTANCE_ID_OFFSET)
        pointer.storeLittleEndian(timestampBegin, at: SPOOR_PACKET_TIMESTAMP_BEGIN_OFFSET)
        pointer.storeLittleEndian(timestampEnd, at: SPOOR_PACKET_TIMESTAMP_END_OFFSET)
        pointer.storeLittleEndian(contentSize, at: SPOOR_PACKET_CONTENT_SIZE_OFFSET)
        pointer.storeLittleEndian(packetSize, at: SPOOR_PACKET_PACKET_SIZE_OFFSET)
        pointer.storeLittleEndian(sequenceNumber, at: SPOOR_PACKET_SEQ_NUM_OFFSET)
        pointer.storeLittleEndian(eventsDiscarded, at: SPOOR_PACKET_EVENTS_DISCARDED_OFFSET)
        pointer.storeLittleEndian(cpuID, at: SPOOR_PACKET_CPU_ID_OFFSET)
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
        guard reader.read(UInt32.self, at: SPOOR_PACKET_MAGIC_OFFSET) == magic else { return nil }
        return PacketContext(
            uuid: reader.bytes(at: SPOOR_PACKET_UUID_OFFSET, count: TraceUUID.byteCount),
            streamID: reader.read(UInt32.self, at: SPOOR_PACKET_STREAM_ID_OFFSET),
            streamInstanceID: reader.read(UInt64.self, at: SPOOR_PACKET_STREAM_INSTANCE_ID_OFFSET),
            timestampBegin: reader.read(UInt64.self, at: SPOOR_PACKET_TIMESTAMP_BEGIN_OFFSET),
            timestampEnd: reader.read(UInt64.self, at: SPOOR_PACKET_TIMESTAMP_END_OFFSET),
            contentSize: reader.read(UInt64.self, at: SPOOR_PACKET_CONTENT_SIZE_OFFSET),
            packetSize: reader.read(UInt64.self, at: SPOOR_PACKET_PACKET_SIZE_OFFSET),
            sequenceNumber: reader.read(UInt64.self, at: SPOOR_PACKET_SEQ_NUM_OFFSET),
            eventsDiscarded: reader.read(UInt64.self, at: SPOOR_PACKET_EVENTS_DISCARDED_OFFSET),
            cpuID: reader.read(UInt32.self, at: SPOOR_PACKET_CPU_ID_OFFSET)
        )
    }
}
