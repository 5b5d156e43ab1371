import SpoorCTF
import SpoorModel
import SpoorSessionCore
import Testing

@Suite("Trace metadata: preamble, declarations and event ids in one place")
struct TraceMetadataTests {
    let uuid: [UInt8] = Array(0..<16)

    func description(offset: Int64 = 7) -> TraceDescription {
        TraceDescription(
            uuid: uuid,
            environment: TraceEnvironment(
                bufferingScheme: .perUID, bufferingID: 1000, traceName: "s", creationDatetime: "20260101T000000+0000",
                hostname: "host", spoorVersion: "test"),
            clock: ClockDescription(uuid: nil, offset: offset))
    }

    func event(_ name: String) -> EventDescriptor {
        EventDescriptor(provider: "app", event: name, fields: [])
    }

    func text(_ packets: [UInt8]) -> String {
        // Each packet: a header, then text padded with zeros; the text is what matters here.
        String(decoding: packets.filter { $0 >= 0x20 || $0 == 0x0A }, as: UTF8.self)
    }

    @Test("nothing is written before the preamble")
    func emptyBeforePreamble() {
        var metadata = TraceMetadata(uuid: uuid)
        #expect(metadata.wholeMetadata().isEmpty)
        #expect(metadata.wholeMetadataCopy().isEmpty)
    }

    @Test("the whole metadata is the preamble followed by every declaration, in order")
    func wholeIsPreamblePlusDeclarations() {
        var metadata = TraceMetadata(uuid: uuid)
        let preamble = metadata.start(with: description())
        let stream = metadata.declare(TSDL.streamClass(id: 0))
        let (id, declaration) = metadata.allocateEventID(for: event("a"), channelIndex: 0)
        #expect(id == 0)
        let expected = TSDL.preamble(description()) + TSDL.streamClass(id: 0) + metadata.declarations[1]
        #expect(
            metadata.wholeMetadataCopy() == MetadataPacket.packets(text: Array(expected.utf8), uuid: uuid))
        #expect(!preamble.isEmpty && !stream.isEmpty && declaration != nil)
    }

    @Test("event ids count per channel, and an event declared once is not declared again")
    func eventIDs() {
        var metadata = TraceMetadata(uuid: uuid)
        _ = metadata.start(with: description())
        #expect(metadata.allocateEventID(for: event("a"), channelIndex: 0).id == 0)
        #expect(metadata.allocateEventID(for: event("b"), channelIndex: 0).id == 1)
        #expect(metadata.allocateEventID(for: event("b"), channelIndex: 1).id == 0)
        let again = metadata.allocateEventID(for: event("a"), channelIndex: 0)
        #expect(again.id == 0 && again.packets == nil)
        #expect(metadata.declarations.count == 3)
        #expect(metadata.eventID(of: event("b"), channelIndex: 1) == 0)
    }

    @Test("regenerating keeps every declaration and the new clock offset stays")
    func regenerateKeepsDeclarations() {
        var metadata = TraceMetadata(uuid: uuid)
        _ = metadata.start(with: description(offset: 7))
        _ = metadata.allocateEventID(for: event("a"), channelIndex: 0)
        let regenerated = metadata.wholeMetadata(clockOffset: 99)
        #expect(metadata.description?.clock.offset == 99)
        let expected = TSDL.preamble(description(offset: 99)) + metadata.declarations.joined()
        #expect(regenerated == MetadataPacket.packets(text: Array(expected.utf8), uuid: uuid))
        #expect(text(regenerated).contains("offset = 99"))
    }
}
