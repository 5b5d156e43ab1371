import SpoorModel
import SpoorWire
import Testing

@Suite("Clear and regenerate requests")
struct ClearRegenerateWireTests {
    @Test(
        "clear and regenerate requests have pinned bytes",
        arguments: [
            (ControlRequest.clearSession(name: "s"), [0x11, 0x01, 0x00, 0x00, 0x00, 0x73]),
            (.clearSession(name: ""), [0x11, 0x00, 0x00, 0x00, 0x00]),
            (.regenerateMetadata(session: "s"), [0x12, 0x01, 0x00, 0x00, 0x00, 0x73]),
            (.regenerateStatedump(session: "ab"), [0x13, 0x02, 0x00, 0x00, 0x00, 0x61, 0x62]),
        ] as [(ControlRequest, [UInt8])])
    func requestGoldenBytes(request: ControlRequest, golden: [UInt8]) throws {
        #expect(request.wireBytes == golden)
        #expect(try ControlRequest.decode(golden) == request)
    }

    @Test("the new error codes have pinned bytes")
    func errorGoldenBytes() throws {
        let error = ControlReply.error(SpoorError(.perPIDSessionUnsupported))
        let golden: [UInt8] = [0x01, 0x18, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
        #expect(error.wireBytes == golden)
        #expect(try ControlReply.decode(golden) == error)
        #expect(
            try ControlReply.decode([0x01, 0x17, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00])
                == .error(SpoorError(.sessionNotStarted)))
    }

    @Test("a truncated clear request is refused")
    func truncatedClear() {
        #expect(decodingError(ControlRequest.self, [0x11, 0x01, 0x00, 0x00, 0x00]) != nil)
    }
}
