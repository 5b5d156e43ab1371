import SpoorCTF
import SpoorTestSupport
import Testing

@Suite("Trace UUIDs")
struct TraceUUIDTests {
    static let bytes = hex("6d62de8b 9ec4442a ace71ded feacb4e3")

    @Test("formats 16 bytes as 8-4-4-4-12 lowercase hex")
    func formats() {
        #expect(TraceUUID.string(Self.bytes) == "6d62de8b-9ec4-442a-ace7-1dedfeacb4e3")
    }

    @Test("parses either case back to the same bytes")
    func parses() {
        #expect(TraceUUID.parse("6d62de8b-9ec4-442a-ace7-1dedfeacb4e3") == Self.bytes)
        #expect(TraceUUID.parse("6D62DE8B-9EC4-442A-ACE7-1DEDFEACB4E3") == Self.bytes)
    }

    @Test(
        "rejects text that is not a UUID",
        arguments: [
            "", "6d62de8b9ec4442aace71dedfeacb4e3", "6d62de8b-9ec4-442a-ace7-1dedfeacb4e",
            "6d62de8b-9ec4-442a-ace7-1dedfeacb4e3a",
            "6d62de8b-9ec4-442a-ace71-dedfeacb4e3", "6d62de8g-9ec4-442a-ace7-1dedfeacb4e3",
            "6d62de8b_9ec4_442a_ace7_1dedfeacb4e3",
            "6d62de8b-9ec4-442a-ace7-1dedfeacb4é",
        ]
    )
    func rejects(_ text: String) {
        #expect(TraceUUID.parse(text) == nil)
    }

    @Test("random UUIDs are version 4, variant 1, and differ")
    func random() {
        var seen = Set<[UInt8]>()
        for _ in 0..<100 {
            let uuid = TraceUUID.random()
            #expect(uuid.count == 16)
            #expect(uuid[6] >> 4 == 4)
            #expect(uuid[8] >> 6 == 0b10)
            #expect(TraceUUID.parse(TraceUUID.string(uuid)) == uuid)
            seen.insert(uuid)
        }
        #expect(seen.count == 100)
    }
}
