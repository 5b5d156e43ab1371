/// The packets of a UST `metadata` file (spec/ctf-lttng.md §2): TSDL text cut into fixed-size packets.
///
/// ```
///  0      4                    20         24             28            32 33 34 35 36 37
///  +------+--------------------+----------+--------------+-------------+--+--+--+--+--+----------+---------+
///  |magic | uuid (16 bytes)    | checksum | content_size | packet_size |cs|es|ks|mj|mn| TSDL text| zeros   |
///  +------+--------------------+----------+--------------+-------------+--+--+--+--+--+----------+---------+
///   0x75D11D57                   0          bits, header   bits          0  0  0  1  8
///                                           included
/// ```
/// All header integers are little-endian (the trace's byte order on x86-64), packed.
public enum MetadataPacket {
    /// The size in bytes of a metadata packet header.
    public static let headerSize = 37
    /// The metadata packet magic number.
    public static let magic: UInt32 = 0x75D1_1D57

    /// Splits `text` into metadata packets of `packetSize` bytes, each filled with as much text as fits.
    ///
    /// LTTng fills every packet (4059 text bytes in a 4096-byte packet) and continues the text in the next
    /// one at an arbitrary byte; the last packet is zero-padded to `packetSize`. Empty text gives no bytes.
    ///
    /// - Precondition: `uuid` holds 16 bytes and `packetSize` is larger than the header.
    public static func packets(text: [UInt8], uuid: [UInt8], packetSize: Int = 4096) -> [UInt8] {
        precondition(uuid.count == TraceUUID.byteCount, "a UUID is 16 bytes")
        precondition(packetSize > headerSize, "a metadata packet must have room for text")
        let capacity = packetSize - headerSize
        let packetCount = (text.count + capacity - 1) / capacity
        var bytes: [UInt8] = []
        bytes.reserveCapacity(packetCount * packetSize)
        var start = 0
        while start < text.count {
            let end = min(start + capacity, text.count)
            let packetStart = bytes.count
            bytes.appendLittleEndian(magic)
            bytes.append(contentsOf: uuid)
            bytes.appendLittleEndian(UInt32(0))  // checksum
            bytes.appendLittleEndian(UInt32((headerSize + end - start) * 8))  // content_size, bits
            bytes.appendLittleEndian(UInt32(packetSize * 8))  // packet_size, bits
            bytes.append(contentsOf: [0, 0, 0, 1, 8] as [UInt8])  // schemes, CTF 1.8
            bytes.append(contentsOf: text[start..<end])
            bytes.append(contentsOf: repeatElement(0, count: packetStart + packetSize - bytes.count))
            start = end
        }
        return bytes
    }
}
