import SpoorCTF
import SpoorTestSupport
import Testing

/// The annotated packet of spec/ctf-lttng.md §4.1 (`s_uid/.../chan0_1`, CPU 1).
enum ExamplePacket {
    static let uuid = hex("6d62de8b 9ec4442a ace71ded feacb4e3")
    static let context = PacketContext(
        uuid: uuid,
        streamID: 0,
        streamInstanceID: 1,
        timestampBegin: 0x0281_E805_F7CB,
        timestampEnd: 0x0281_F462_28DD,
        contentSize: 21616,
        packetSize: 32768,
        sequenceNumber: 0,
        eventsDiscarded: 0,
        cpuID: 1
    )
    static let bytes = hex(
        """
        c11f fcc1 | 6d62de8b 9ec4442a ace71ded feacb4e3
        0000 0000 | 0100 0000 0000 0000
        cbf7 05e8 8102 0000 | dd28 62f4 8102 0000
        7054 0000 0000 0000 | 0080 0000 0000 0000
        0000 0000 0000 0000 | 0000 0000 0000 0000
        0100 0000
        """)
}

@Suite("Packet header and context")
struct PacketContextTests {
    /// A context whose every field has a distinct value, to find each one at its offset.
    static let distinct = PacketContext(
        uuid: Array(0xA0...0xAF),
        streamID: 0x1111_1111,
        streamInstanceID: 0x2222_2222_2222_2222,
        timestampBegin: 0x3333_3333_3333_3333,
        timestampEnd: 0x4444_4444_4444_4444,
        contentSize: 0x5555_5555_5555_5555,
        packetSize: 0x6666_6666_6666_6666,
        sequenceNumber: 0x7777_7777_7777_7777,
        eventsDiscarded: 0x8888_8888_8888_8888,
        cpuID: 0x9999_9999
    )

    @Test("is 84 bytes")
    func size() {
        #expect(PacketContext.size == 84)
        #expect(ExamplePacket.context.encoded.count == 84)
    }

    @Test("encodes the annotated packet of the spec byte for byte")
    func goldenBytes() {
        #expect(ExamplePacket.context.encoded == ExamplePacket.bytes)
    }

    @Test(
        "puts every field at its offset",
        arguments: [
            (20, 4, UInt8(0x11)), (24, 8, 0x22), (32, 8, 0x33), (40, 8, 0x44), (48, 8, 0x55), (56, 8, 0x66),
            (64, 8, 0x77), (72, 8, 0x88), (80, 4, 0x99),
        ] as [(Int, Int, UInt8)]
    )
    func offsets(offset: Int, size: Int, byte: UInt8) {
        let bytes = Self.distinct.encoded
        #expect(Array(bytes[offset..<offset + size]) == Array(repeating: byte, count: size))
    }

    @Test("starts with the magic and the uuid")
    func magicAndUUID() {
        let bytes = Self.distinct.encoded
        #expect(Array(bytes[0..<4]) == [0xC1, 0x1F, 0xFC, 0xC1])
        #expect(Array(bytes[4..<20]) == Array(0xA0...0xAF))
    }

    @Test("writes at an unaligned address without touching its neighbours")
    func unalignedWrite() {
        var buffer = [UInt8](repeating: 0xEE, count: 90)
        buffer.withUnsafeMutableBytes { ExamplePacket.context.write(to: $0.baseAddress! + 3) }
        #expect(Array(buffer[0..<3]) == [0xEE, 0xEE, 0xEE])
        #expect(Array(buffer[3..<87]) == ExamplePacket.bytes)
        #expect(Array(buffer[87...]) == [0xEE, 0xEE, 0xEE])
    }

    @Test("round-trips through decode")
    func roundTrip() {
        #expect(PacketContext.decode(ExamplePacket.bytes) == ExamplePacket.context)
        #expect(PacketContext.decode(Self.distinct.encoded) == Self.distinct)
    }

    @Test("decodes from a slice that does not start at index 0, ignoring what follows")
    func decodesSlice() {
        let bytes = [0xFF, 0xFF] + ExamplePacket.bytes + [0x01]
        #expect(PacketContext.decode(bytes[2...]) == ExamplePacket.context)
    }

    @Test("fed one byte at a time, decodes nothing until the 84th byte")
    func decodesOnlyWhenComplete() {
        let bytes = ExamplePacket.bytes
        for count in 0..<PacketContext.size {
            #expect(PacketContext.decode(bytes.prefix(count)) == nil)
        }
        #expect(PacketContext.decode(bytes.prefix(PacketContext.size)) == ExamplePacket.context)
    }

    @Test("rejects a wrong magic")
    func rejectsBadMagic() {
        var bytes = ExamplePacket.bytes
        bytes[0] ^= 1
        #expect(PacketContext.decode(bytes) == nil)
    }
}

@Suite("Event headers")
struct EventHeaderTests {
    static func written(id: UInt32, timestamp: UInt64, extended: Bool) -> (Int, [UInt8]) {
        var buffer = [UInt8](repeating: 0xEE, count: 16)
        let count = buffer.withUnsafeMutableBytes {
            EventHeaderLayout.write(id: id, timestamp: timestamp, extended: extended, to: $0.baseAddress! + 1)
        }
        #expect(buffer[0] == 0xEE)
        #expect(buffer[(1 + count)...].allSatisfy { $0 == 0xEE })
        return (count, Array(buffer[1..<1 + count]))
    }

    @Test("the extended form is 0xFFFF, the 32-bit id and the full timestamp (spec §4.1 example)")
    func extended() {
        let (count, bytes) = Self.written(id: 0, timestamp: 0x0281_E85C_39A5, extended: true)
        #expect(count == EventHeaderLayout.extendedSize)
        #expect(count == 14)
        #expect(bytes == hex("ffff | 0000 0000 | a539 5ce8 8102 0000"))
    }

    @Test("the compact form is the 16-bit id and the low 32 bits of the timestamp (spec §4.1 example)")
    func compact() {
        let (count, bytes) = Self.written(id: 1, timestamp: 0x0281_E85C_4E59, extended: false)
        #expect(count == EventHeaderLayout.compactSize)
        #expect(count == 6)
        #expect(bytes == hex("0100 | 594e 5ce8"))
    }

    @Test("large ids fit the extended form")
    func largeID() {
        let (_, bytes) = Self.written(id: 0x0001_0203, timestamp: 0x0102_0304_0506_0708, extended: true)
        #expect(bytes == hex("ffff 03020100 0807060504030201"))
        #expect(EventHeaderLayout.extendedID == 0xFFFF)
    }
}

@Suite("Index files")
struct IndexFileTests {
    @Test("the header is magic, 1, 1, 72, big-endian")
    func header() {
        #expect(IndexFile.header == hex("c1f1dcc1 00000001 00000001 00000048"))
        #expect(IndexFile.headerSize == 16)
        #expect(IndexEntry.size == 72)
    }

    @Test("the one-packet index of the spec is 88 bytes")
    func onePacketFile() {
        let entry = IndexFile.entry(for: ExamplePacket.context, offset: 0)
        let file = IndexFile.header + entry.encoded
        let expected = hex(
            """
            c1f1dcc1 00000001 00000001 00000048
            0000000000000000 0000000000008000 0000000000005470
            00000281e805f7cb 00000281f46228dd
            0000000000000000 0000000000000000 0000000000000001 0000000000000000
            """)
        #expect(file.count == 88)
        #expect(file == expected)
    }

    @Test("an entry copies the packet's fields in index order, big-endian")
    func entryFieldOrder() {
        let entry = IndexFile.entry(for: PacketContextTests.distinct, offset: 0x0102_0304_0506_0708)
        #expect(
            entry
                == IndexEntry(
                    offset: 0x0102_0304_0506_0708,
                    packetSize: 0x6666_6666_6666_6666,
                    contentSize: 0x5555_5555_5555_5555,
                    timestampBegin: 0x3333_3333_3333_3333,
                    timestampEnd: 0x4444_4444_4444_4444,
                    eventsDiscarded: 0x8888_8888_8888_8888,
                    streamID: 0x1111_1111,
                    streamInstanceID: 0x2222_2222_2222_2222,
                    sequenceNumber: 0x7777_7777_7777_7777
                ))
        let bytes = entry.encoded
        #expect(bytes.count == 72)
        #expect(Array(bytes[0..<8]) == [1, 2, 3, 4, 5, 6, 7, 8])
        for (slot, byte) in [0x66, 0x55, 0x33, 0x44, 0x88].enumerated() {
            #expect(bytes[(8 + 8 * slot)..<(16 + 8 * slot)].allSatisfy { $0 == byte })
        }
        #expect(Array(bytes[48..<56]) == [0, 0, 0, 0, 0x11, 0x11, 0x11, 0x11])
        #expect(bytes[56..<64].allSatisfy { $0 == 0x22 })
        #expect(bytes[64..<72].allSatisfy { $0 == 0x77 })
    }
}

@Suite("Metadata packets")
struct MetadataPacketTests {
    static let text = Array("/* CTF 1.8 */\n\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: 4985)

    /// The text parts of packetized metadata, checked against each packet's header.
    static func textParts(_ bytes: [UInt8], packetSize: Int = 4096) -> [[UInt8]] {
        stride(from: 0, to: bytes.count, by: packetSize).map { start in
            let packet = Array(bytes[start..<start + packetSize])
            let contentBits = packet[24..<28].reversed().reduce(0) { $0 << 8 | Int($1) }
            #expect(contentBits % 8 == 0)
            let content = Array(packet[MetadataPacket.headerSize..<contentBits / 8])
            #expect(packet[(contentBits / 8)...].allSatisfy { $0 == 0 })
            return content
        }
    }

    @Test("the header of a full packet matches the first bytes of a real metadata file")
    func goldenHeader() {
        let bytes = MetadataPacket.packets(text: Self.text, uuid: ExamplePacket.uuid)
        let expected = hex(
            "57 1d d1 75 | 6d 62 de 8b 9e c4 44 2a ac e7 1d ed fe ac b4 e3 | 00 00 00 00 | 00 80 00 00 | 00 80 00 00 | 00 00 00 01 08"
        )
        #expect(MetadataPacket.headerSize == 37)
        #expect(Array(bytes[0..<37]) == expected)
        #expect(Array(bytes[37..<50]) == Array("/* CTF 1.8 */".utf8))
    }

    @Test("a text longer than one packet is split at 4059 bytes and reassembles to the input")
    func splitsLongText() {
        let bytes = MetadataPacket.packets(text: Self.text, uuid: ExamplePacket.uuid)
        #expect(bytes.count == 8192)
        let parts = Self.textParts(bytes)
        #expect(parts.map(\.count) == [4059, 941])
        #expect(parts.joined().elementsEqual(Self.text))
        // Second packet: same header but for content_size = (37 + 941) * 8 = 7824 = 0x1E90.
        #expect(Array(bytes[4096..<4133]) == Array(bytes[0..<24]) + hex("901e0000 00800000 0000000108"))
    }

    @Test("a short text gives one zero-padded packet whose content size counts the header")
    func shortText() {
        let text = Array(repeating: UInt8(ascii: "a"), count: 106)
        let bytes = MetadataPacket.packets(text: text, uuid: ExamplePacket.uuid)
        #expect(bytes.count == 4096)
        #expect(Array(bytes[24..<28]) == hex("78040000"))  // 1144 bits = 37 + 106 bytes
        #expect(Self.textParts(bytes) == [text])
    }

    @Test("a text of exactly one packet's room fills one packet")
    func exactFit() {
        let text = Array(repeating: UInt8(ascii: "b"), count: 4059)
        let bytes = MetadataPacket.packets(text: text, uuid: ExamplePacket.uuid)
        #expect(bytes.count == 4096)
        #expect(Array(bytes[24..<28]) == hex("00800000"))
    }

    @Test("empty text gives no bytes")
    func emptyText() {
        #expect(MetadataPacket.packets(text: [], uuid: ExamplePacket.uuid).isEmpty)
    }

    @Test("another packet size is honoured")
    func otherPacketSize() {
        let bytes = MetadataPacket.packets(text: Self.text, uuid: ExamplePacket.uuid, packetSize: 1024)
        #expect(bytes.count == 6 * 1024)
        #expect(Array(bytes[28..<32]) == hex("00200000"))
        let parts = Self.textParts(bytes, packetSize: 1024)
        #expect(parts.map(\.count) == [987, 987, 987, 987, 987, 65])
        #expect(parts.joined().elementsEqual(Self.text))
    }
}
