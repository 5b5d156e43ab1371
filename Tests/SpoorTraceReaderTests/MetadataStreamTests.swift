import Testing

@testable import SpoorTraceReader

@Suite("Metadata file decoding")
struct MetadataStreamTests {
    static let uuid = LTTngTraceWriter.uuidBytes(HandMadeTraces.uuidA)

    static func text(_ bytes: [UInt8]) throws(TraceReadError) -> String {
        String(decoding: try MetadataStream.text(of: bytes, path: "metadata"), as: UTF8.self)
    }

    static func header(contentBytes: Int, packetBytes: Int, bigEndian: Bool = false, version: [UInt8] = [1, 8])
        -> [UInt8]
    {
        var w = BitWriter()
        w.write(UInt64(MetadataStream.packetMagic), bits: 32, bigEndian: bigEndian)
        w.raw(uuid)
        w.write(0, bits: 32, bigEndian: bigEndian)
        w.write(UInt64((37 + contentBytes) * 8), bits: 32, bigEndian: bigEndian)
        w.write(UInt64(packetBytes * 8), bits: 32, bigEndian: bigEndian)
        w.raw([0, 0, 0] + version)
        return w.bytes
    }

    @Test("packetized metadata: the text parts of all packets, joined")
    func packetsAreJoined() throws {
        let text = String(repeating: "/* CTF 1.8 */ padding text ", count: 400)
        let bytes = LTTngTraceWriter.packetizeMetadata(text, uuid: Self.uuid)
        #expect(bytes.count == 3 * 4096)
        #expect(try Self.text(bytes) == text)
    }

    @Test("packet layout pinned: 37-byte header, sizes in bits")
    func headerLayout() {
        let bytes = LTTngTraceWriter.packetizeMetadata("ab", uuid: Self.uuid)
        #expect(Array(bytes[0..<4]) == [0x57, 0x1D, 0xD1, 0x75])
        #expect(Array(bytes[24..<28]) == [0x38, 0x01, 0, 0])  // (37 + 2) * 8 = 312 bits
        #expect(Array(bytes[28..<32]) == [0, 0x80, 0, 0])  // 4096 * 8
        #expect(Array(bytes[32..<39]) == [0, 0, 0, 1, 8, UInt8(ascii: "a"), UInt8(ascii: "b")])
    }

    @Test("big-endian metadata packets are read too")
    func bigEndianPackets() throws {
        let bytes = Self.header(contentBytes: 5, packetBytes: 42, bigEndian: true) + Array("hello".utf8)
        #expect(try Self.text(bytes) == "hello")
    }

    @Test("a missing final padding is tolerated")
    func missingPadding() throws {
        let bytes = Self.header(contentBytes: 3, packetBytes: 4096) + Array("abc".utf8)
        #expect(try Self.text(bytes) == "abc")
    }

    @Test("plain text needs the `/* CTF 1.` signature")
    func plainText() throws {
        #expect(try Self.text(Array("/* CTF 1.8 */ trace {};".utf8)) == "/* CTF 1.8 */ trace {};")
        #expect(throws: TraceReadError.self) { try Self.text(Array("trace {};".utf8)) }
        #expect(throws: TraceReadError.self) { try Self.text([]) }
    }

    @Test(
        "corrupt packets are refused with the file and offset",
        arguments: [
            (header(contentBytes: 3, packetBytes: 4096, version: [2, 0]) + Array("abc".utf8), 35, "not 1.8"),
            (header(contentBytes: 10, packetBytes: 4096) + Array("abc".utf8), 0, "past the end"),
            (header(contentBytes: 3, packetBytes: 2) + Array("abc".utf8), 24, "bad metadata packet sizes"),
            (header(contentBytes: 3, packetBytes: 40) + Array("abc".utf8) + [0x57, 0x1D], 40, "truncated"),
            (
                header(contentBytes: 0, packetBytes: 37) + [0x57, 0x1D, 0xD1, 0x75] + [UInt8](repeating: 9, count: 33),
                41, "different UUIDs"
            ),
        ])
    func corruptPackets(bytes: [UInt8], offset: Int, reason: String) {
        do {
            _ = try MetadataStream.text(of: bytes, path: "/t/metadata")
            Issue.record("accepted")
        } catch {
            #expect(error.path == "/t/metadata")
            #expect(error.byteOffset == offset)
            #expect(error.reason.contains(reason), "\(error)")
        }
    }
}
