import SpoorCTF

/// A complete packet as it goes to a trace file, in three parts written back to back: the
/// header and context, the records, and zero padding up to the packet alignment.
///
/// The parts point into memory someone else owns (the framer's buffer, the source's memory):
/// they stay valid only until the framer frames the next packet or the source lets the packet go.
public struct FramedPacket {
    /// The `PacketContext.size` bytes of header and context.
    public var header: UnsafeRawBufferPointer
    /// The records, which follow the header in the source's packet.
    public var records: UnsafeRawBufferPointer
    /// Zero bytes to write after the records.
    public var paddingCount: Int
    /// The header and context, which the packet's index entry repeats.
    public var context: PacketContext

    /// A packet of `header`, `records` and `paddingCount` zeros.
    public init(
        header: UnsafeRawBufferPointer, records: UnsafeRawBufferPointer, paddingCount: Int, context: PacketContext
    ) {
        self.header = header
        self.records = records
        self.paddingCount = paddingCount
        self.context = context
    }

    /// The whole packet's size in bytes, padding included.
    public var size: Int { header.count + records.count + paddingCount }
}

/// Writes each packet's header and context from the slot fields the producers left, so that a
/// misbehaving app can garble its own events but never the framing readers depend on.
///
/// A framer either copies each packet into its own buffer (`copiesRecords`: for sources whose
/// bytes may change until released, where only a checked copy is safe to write) or frames the
/// packet where it lies, adding only its header: the records then go from the source's memory
/// straight to the file, with no copy in between. Either way the drain loop allocates nothing.
struct PacketFramer: ~Copyable {
    let uuid: [UInt8]
    let streamID: UInt32
    let cpu: UInt32
    /// Packets are padded to a multiple of this (the page size, as LTTng does).
    let alignment: Int
    /// Whether `frame` copies the records into `buffer`.
    let copiesRecords: Bool
    /// The largest packet (data, before padding) a source may hand over.
    let maximumPacketSize: Int
    /// The header, and with `copiesRecords` the records after it.
    private let buffer: UnsafeMutableRawBufferPointer

    /// A framer for packets of at most `maximumPacketSize` bytes (data, before padding).
    init(uuid: [UInt8], streamID: UInt32, cpu: UInt32, alignment: Int, maximumPacketSize: Int, copiesRecords: Bool) {
        precondition(alignment > 0, "packets are padded to a positive alignment")
        self.uuid = uuid
        self.streamID = streamID
        self.cpu = cpu
        self.alignment = alignment
        self.copiesRecords = copiesRecords
        let capacity = copiesRecords ? max(maximumPacketSize, PacketContext.size) : PacketContext.size
        self.maximumPacketSize = max(maximumPacketSize, PacketContext.size)
        // Page-aligned, so that copied records sit on page boundaries for direct I/O.
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: PacketFile.unit)
    }

    deinit { buffer.deallocate() }

    private static func padded(_ size: Int, to alignment: Int) -> Int {
        (size + alignment - 1) / alignment * alignment
    }

    /// The header and context of `packet`. `discardedBefore` is the stream's count so far:
    /// cumulative counts never go backwards.
    func context(of packet: some SourcePacket, discardedBefore: UInt64) -> PacketContext {
        // Sources clamp sizes read from shared memory; a size outside them is a source's bug.
        precondition(
            packet.dataSize >= PacketContext.size && packet.dataSize <= maximumPacketSize,
            "a source's packet does not fit its own maximum size")
        return PacketContext(
            uuid: uuid, streamID: streamID, streamInstanceID: UInt64(cpu), timestampBegin: packet.timestampBegin,
            timestampEnd: packet.timestampEnd, contentSize: UInt64(packet.dataSize) * 8,
            packetSize: UInt64(Self.padded(packet.dataSize, to: alignment)) * 8, sequenceNumber: packet.sequenceNumber,
            eventsDiscarded: max(packet.discardedEvents, discardedBefore), cpuID: cpu)
    }

    /// Frames `packet`, whose bytes (from the reserved header on) are `contents`: a copy in the
    /// framer's buffer with `copiesRecords`, else the header here and the records in `contents`.
    func frame(_ packet: some SourcePacket, contents: UnsafeRawBufferPointer, discardedBefore: UInt64) -> FramedPacket {
        let context = context(of: packet, discardedBefore: discardedBefore)
        guard let base = buffer.baseAddress else { preconditionFailure("the framer's buffer is never empty") }
        context.write(to: base)
        let header = UnsafeRawBufferPointer(start: base, count: PacketContext.size)
        // A source hands over at least the packet; if it were shorter, zeros would stand in.
        let count = max(min(packet.dataSize, contents.count) - PacketContext.size, 0)
        var records =
            count > 0
            ? UnsafeRawBufferPointer(rebasing: contents[PacketContext.size..<PacketContext.size + count])
            : UnsafeRawBufferPointer(start: nil, count: 0)
        if copiesRecords && !records.isEmpty {
            let copy = UnsafeMutableRawBufferPointer(start: base + PacketContext.size, count: records.count)
            copy.copyMemory(from: records)
            records = UnsafeRawBufferPointer(copy)
        }
        let paddedSize = Int(context.packetSize / 8)
        return FramedPacket(
            header: header, records: records, paddingCount: paddedSize - PacketContext.size - records.count,
            context: context)
    }

    /// Frames a packet whose whole copy, reserved header included, is `copy` (a snapshot's):
    /// writes the header over the reserved bytes, so nothing is copied again.
    func frame(_ packet: some SourcePacket, inPlace copy: UnsafeMutableRawBufferPointer, discardedBefore: UInt64)
        -> FramedPacket
    {
        let context = context(of: packet, discardedBefore: discardedBefore)
        precondition(copy.count >= packet.dataSize, "the copy holds the whole packet")
        guard let base = copy.baseAddress else { preconditionFailure("a packet is never empty") }
        context.write(to: base)
        return FramedPacket(
            header: UnsafeRawBufferPointer(start: base, count: PacketContext.size),
            records: UnsafeRawBufferPointer(
                start: base + PacketContext.size, count: packet.dataSize - PacketContext.size),
            paddingCount: Int(context.packetSize / 8) - packet.dataSize, context: context)
    }
}
