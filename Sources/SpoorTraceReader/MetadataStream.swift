/// Reads the `metadata` file of a trace: LTTng's packetized form (spec/ctf-lttng.md §2) or plain
/// TSDL text starting with `/* CTF 1.8`.
enum MetadataStream {
    /// Magic number of a metadata packet header.
    static let packetMagic: UInt32 = 0x75D1_1D57
    /// Size of a metadata packet header in bytes.
    static let headerSize = 37

    /// The TSDL text of a metadata file.
    ///
    /// Metadata packet header (37 bytes, packed, in the metadata's byte order):
    /// ```
    ///  0       4                 20         24             28            32 33 34 35 36
    ///  | magic | uuid (16 bytes) | checksum | content_size | packet_size | c| e| k|mj|mn|
    /// ```
    /// `content_size` and `packet_size` are in bits and include the header.
    static func text(of bytes: [UInt8], path: String) throws(TraceReadError) -> [UInt8] {
        guard bytes.count >= 4 else {
            throw TraceReadError(path: path, byteOffset: 0, reason: "metadata file is too short")
        }
        let little = UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24
        let big = UInt32(bytes[3]) | UInt32(bytes[2]) << 8 | UInt32(bytes[1]) << 16 | UInt32(bytes[0]) << 24
        if little == packetMagic {
            return try packetizedText(bytes, path: path, order: .littleEndian)
        }
        if big == packetMagic {
            return try packetizedText(bytes, path: path, order: .bigEndian)
        }
        let signature = Array("/* CTF 1.".utf8)
        guard bytes.starts(with: signature) else {
            throw TraceReadError(
                path: path, byteOffset: 0,
                reason: "not CTF metadata: no packet magic and no `/* CTF 1.8` signature")
        }
        return bytes
    }

    static func packetizedText(_ bytes: [UInt8], path: String, order: ByteOrder) throws(TraceReadError) -> [UInt8] {
        func word(_ at: Int) -> UInt32 {
            let value =
                UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16
                | UInt32(bytes[at + 3]) << 24
            return order == .littleEndian ? value : value.byteSwapped
        }
        var text: [UInt8] = []
        var offset = 0
        var firstUUID: ArraySlice<UInt8>?
        while offset < bytes.count {
            guard bytes.count - offset >= headerSize else {
                throw TraceReadError(path: path, byteOffset: offset, reason: "truncated metadata packet header")
            }
            guard word(offset) == packetMagic else {
                throw TraceReadError(path: path, byteOffset: offset, reason: "bad metadata packet magic")
            }
            let uuid = bytes[offset + 4..<offset + 20]
            if let firstUUID, firstUUID != uuid {
                throw TraceReadError(
                    path: path, byteOffset: offset + 4, reason: "metadata packets carry different UUIDs")
            }
            firstUUID = uuid
            guard word(offset + 20) == 0, bytes[offset + 32] == 0, bytes[offset + 33] == 0, bytes[offset + 34] == 0
            else {
                throw TraceReadError(
                    path: path, byteOffset: offset + 20,
                    reason: "compressed, encrypted or checksummed metadata is not supported")
            }
            guard bytes[offset + 35] == 1, bytes[offset + 36] == 8 else {
                throw TraceReadError(
                    path: path, byteOffset: offset + 35,
                    reason: "metadata packet version \(bytes[offset + 35]).\(bytes[offset + 36]) is not 1.8")
            }
            let contentBits = Int(word(offset + 24))
            let packetBits = Int(word(offset + 28))
            guard contentBits % 8 == 0, contentBits >= headerSize * 8, packetBits >= contentBits else {
                throw TraceReadError(
                    path: path, byteOffset: offset + 24,
                    reason: "bad metadata packet sizes (content \(contentBits) bits, packet \(packetBits) bits)")
            }
            let contentEnd = offset + contentBits / 8
            guard contentEnd <= bytes.count else {
                throw TraceReadError(
                    path: path, byteOffset: offset, reason: "metadata packet content runs past the end of the file")
            }
            text += bytes[offset + headerSize..<contentEnd]
            // A missing padding after the last packet is tolerated, as babeltrace2 does.
            offset = min(offset + packetBits / 8, bytes.count)
        }
        return text
    }
}
