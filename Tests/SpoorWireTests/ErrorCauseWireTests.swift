import SpoorModel
import SpoorWire
import Testing

@Suite("Error causes on the wire")
struct ErrorCauseWireTests {
    static let errors: [SpoorError] = [
        SpoorError(.sessionNotFound),
        SpoorError(.outputError, "cannot write metadata"),
        SpoorError(.outputError, "d", cause: .init(operation: "open /tmp/t/metadata", errno: 13)),
        SpoorError(.snapshotFailed, "", cause: .init(operation: "", errno: -1)),
        SpoorError(.invalidTrigger, "x", cause: .init(operation: "mkdir", errno: Int32.max)),
    ]

    @Test("an error round-trips with or without a cause", arguments: errors)
    func roundTrips(error: SpoorError) {
        expectRoundTrip(error)
        expectRoundTrip(ControlReply.error(error))
        expectRoundTrip(ControlReply.sessionLoadFailed(session: "s", error: error))
    }

    @Test("an error decodes one byte at a time", arguments: errors)
    func byteAtATime(error: SpoorError) {
        expectDecodingByteAtATime(error)
        expectDecodingByteAtATime(ControlReply.error(error))
        expectTrailingBytesRefused(error, extra: 1)
    }

    @Test("an error without a cause has the bytes it had before causes existed")
    func bytesWithoutCause() throws {
        let golden: [UInt8] = [
            0x01,  // reply: error
            0x02, 0x00, 0x00, 0x00,  // sessionNotFound
            0x01, 0x00, 0x00, 0x00, 0x78,  // "x"
        ]
        #expect(ControlReply.error(SpoorError(.sessionNotFound, "x")).wireBytes == golden)
        #expect(try ControlReply.decode(golden) == .error(SpoorError(.sessionNotFound, "x")))
    }

    @Test("a cause sets bit 31 of the code and follows the detail")
    func bytesWithCause() throws {
        let error = SpoorError(.outputError, "d", cause: .init(operation: "op", errno: 28))
        let golden: [UInt8] = [
            0x0F, 0x00, 0x00, 0x80,  // outputError | cause
            0x01, 0x00, 0x00, 0x00, 0x64,  // "d"
            0x02, 0x00, 0x00, 0x00, 0x6F, 0x70,  // "op"
            0x1C, 0x00, 0x00, 0x00,  // ENOSPC
        ]
        #expect(error.wireBytes == golden)
        #expect(try SpoorError.decode(golden) == error)
    }

    @Test("an unknown code still decodes as unknown, keeping its cause")
    func unknownCode() throws {
        let bytes: [UInt8] = [0xFF, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0, 0, 0]
        #expect(try SpoorError.decode(bytes) == SpoorError(.unknown, cause: .init(operation: "", errno: 5)))
    }
}
