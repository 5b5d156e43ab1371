import SpoorCTF

/// A complete packet as it goes to a trace file: header and context, records, zero padding.
/// The bytes live in the framer's buffer and stay valid until the framer frames the next packet.
struct FramedPacket {
    /// The whole packet, padded to the source's packet alignment.
    var bytes: UnsafeRawBufferPointer
    /// The header and context it starts with, which its index entry repeats.
    var context: PacketContext
}

/// Writes each packet's header and context from the slot fields the producers left, so that a
/// misbehaving app can garble its own events but never the framing readers depend on.
///
/// One buffer, allocated with the stream, holds every packet in turn: the drain loop copies
/// each packet once and allocates nothing.
struct PacketFramer: ~Copyable {
    let uuid: [UInt8]
    let streamID: UInt32
    let cpu: UInt32
    /// Packets are padded to a multiple of this (the page size, as LTTng does).
    let alignment: Int
    private let buffer: UnsafeMutableRawBufferPointer

    /// A framer for packets of at most `maximumPacketSize` bytes (data, before padding).
    init(uuid: [UInt8], streamID: UInt32, cpu: UInt32, alignment: Int, maximumPacketSize: Int) {
        precondition(alignment > 0, "packets are padded to a positive alignment")
        self.uuid = uuid
        self.streamID = streamID
        self.cpu = cpu
        self.alignment = alignment
        let capacity = Self.padded(max(maximumPacketSize, PacketContext.size), to: alignment)
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 8)
    }

    deinit { buffer.deallocate() }

    private static func padded(_ size: Int, to alignment: Int) -> Int {
        (size + alignment - 1) / alignment * alignment
    }

    /// Frames `packet`, whose bytes (from the reserved header on) are `contents`.
    /// `discardedBefore` is the stream's count so far: cumulative counts never go backwards.
    func frame(_ packet: some SourcePacket, contents: UnsafeRawBufferPointer, discardedBefore: UInt64) -> FramedPacket {
        // Sources clamp sizes read from shared memory; a size outside them is a source's bug.
        precondition(
            packet.dataSize >= PacketContext.size && packet.dataSize <= buffer.count,
            "a source's packet does not fit its own maximum size")
        let paddedSize = Self.padded(packet.dataSize, to: alignment)
        let context = PacketContext(
            uuid: uuid, streamID: streamID, streamInstanceID: UInt64(cpu), timestampBegin: packet.timestampBegin,
            timestampEnd: packet.timestampEnd, contentSize: UInt64(packet.dataSize) * 8,
            packetSize: UInt64(paddedSize) * 8, sequenceNumber: packet.sequenceNumber,
            eventsDiscarded: max(packet.discardedEvents, discardedBefore), cpuID: cpu)
        guard let base = buffer.baseAddress else { preconditionFailure("the framer's buffer is never empty") }
        context.write(to: base)
        // The buffer holds the previous packet: every byte past the header is written again.
        let payload = min(packet.dataSize, contents.count) - PacketContext.size
        if payload > 0 {
            UnsafeMutableRawBufferPointer(rebasing: buffer[PacketContext.size..<PacketContext.size + payload])
                .copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: contents[PacketContext.size..<PacketContext.size + payload]))
        }
        let used = PacketContext.size + max(payload, 0)
        if paddedSize > used { (base + used).initializeMemory(as: UInt8.self, repeating: 0, count: paddedSize - used) }
        return FramedPacket(bytes: UnsafeRawBufferPointer(start: base, count: paddedSize), context: context)
    }
}
