/// One entry of a CTF index file, version 1.1 (spec/ctf-lttng.md §5, `ctf-index.h`): where a packet is
/// in its stream file and copies of its header fields.
///
/// 72 bytes, **big-endian** (unlike the trace data), nine `u64` in this order:
/// ```
///  0        8             16             24                32              40                 48
///  +--------+-------------+--------------+-----------------+---------------+------------------+
///  | offset | packet_size | content_size | timestamp_begin | timestamp_end | events_discarded |
///  +--------+-------------+--------------+-----------------+---------------+------------------+
///  48          56                   64               72
///  +-----------+--------------------+----------------+
///  | stream_id | stream_instance_id | packet_seq_num |
///  +-----------+--------------------+----------------+
/// ```
public struct IndexEntry: Sendable, Hashable {
    /// The size in bytes of one version 1.1 entry.
    public static let size = 72

    /// Byte offset of the packet in the stream file.
    public var offset: UInt64
    /// Packet size in bits.
    public var packetSize: UInt64
    /// Content size in bits.
    public var contentSize: UInt64
    /// The packet's `timestamp_begin`.
    public var timestampBegin: UInt64
    /// The packet's `timestamp_end`.
    public var timestampEnd: UInt64
    /// The packet's cumulative `events_discarded`.
    public var eventsDiscarded: UInt64
    /// The stream class id.
    public var streamID: UInt64
    /// The packet's `stream_instance_id`.
    public var streamInstanceID: UInt64
    /// The packet's `packet_seq_num`.
    public var sequenceNumber: UInt64

    /// Creates an index entry.
    public init(
        offset: UInt64,
        packetSize: UInt64,
        contentSize: UInt64,
        timestampBegin: UInt64,
        timestampEnd: UInt64,
        eventsDiscarded: UInt64,
        streamID: UInt64,
        streamInstanceID: UInt64,
        sequenceNumber: UInt64
    ) {
        self.offset = offset
        self.packetSize = packetSize
        self.contentSize = contentSize
        self.timestampBegin = timestampBegin
        self.timestampEnd = timestampEnd
        self.eventsDiscarded = eventsDiscarded
        self.streamID = streamID
        self.streamInstanceID = streamInstanceID
        self.sequenceNumber = sequenceNumber
    }

    /// The 72 big-endian bytes.
    public var encoded: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.size)
        for value in [
            offset, packetSize, contentSize, timestampBegin, timestampEnd, eventsDiscarded, streamID,
            streamInstanceID, sequenceNumber,
        ] {
            bytes.appendBigEndian(value)
        }
        return bytes
    }
}

/// A CTF index file (`index/<stream file>.idx`): a 16-byte header, then one `IndexEntry` per packet.
///
/// babeltrace2 trusts a well-formed index even when its offsets are wrong, so an index must be exact
/// or absent (§5).
public enum IndexFile {
    /// The size in bytes of the file header.
    public static let headerSize = 16
    /// The index file magic number.
    public static let magic: UInt32 = 0xC1F1_DCC1

    /// The file header, big-endian: magic, major 1, minor 1, entry size 72.
    public static var header: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(headerSize)
        bytes.appendBigEndian(magic)
        bytes.appendBigEndian(UInt32(1))
        bytes.appendBigEndian(UInt32(1))
        bytes.appendBigEndian(UInt32(IndexEntry.size))
        return bytes
    }

    /// The entry for a packet written at byte `offset` of its stream file.
    public static func entry(for context: PacketContext, offset: UInt64) -> IndexEntry {
        IndexEntry(
            offset: offset,
            packetSize: context.packetSize,
            contentSize: context.contentSize,
            timestampBegin: context.timestampBegin,
            timestampEnd: context.timestampEnd,
            eventsDiscarded: context.eventsDiscarded,
            streamID: UInt64(context.streamID),
            streamInstanceID: context.streamInstanceID,
            sequenceNumber: context.sequenceNumber
        )
    }
}
