import SpoorModel
import SpoorWire
import Testing

@Suite("Snapshot messages")
struct SnapshotWireTests {
    static let output = SnapshotOutput(id: 2, name: "n", maxSize: 0x0102, path: "/o")
    static let outputGolden: [UInt8] = [
        0x02, 0x00, 0x00, 0x00,  // id 2
        0x01, 0x00, 0x00, 0x00, 0x6E,  // name "n"
        0x02, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // max size
        0x02, 0x00, 0x00, 0x00, 0x2F, 0x6F,  // path "/o"
    ]
    static let session: [UInt8] = [0x01, 0x00, 0x00, 0x00, 0x73]  // "s"

    @Test("a snapshot output has pinned bytes and decodes one byte at a time")
    func outputGoldenBytes() throws {
        #expect(Self.output.wireBytes == Self.outputGolden)
        #expect(try SnapshotOutput.decode(Self.outputGolden) == Self.output)
        expectDecodingByteAtATime(Self.output)
        expectTrailingBytesRefused(Self.output, extra: 2)
    }

    @Test(
        "snapshot requests have pinned bytes",
        arguments: [
            (
                ControlRequest.createSnapshotSession(name: "s", outputPath: nil, hasOutput: true),
                [0x18, 0x01] + session + [0x00, 0x01]
            ),
            (
                .createSnapshotSession(name: nil, outputPath: "/o", hasOutput: false),
                [0x18, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x2F, 0x6F, 0x00]
            ),
            (.addSnapshotOutput(session: "s", output: output), [0x19] + session + outputGolden),
            (.deleteSnapshotOutput(session: "s", output: "1"), [0x1A] + session + [0x01, 0x00, 0x00, 0x00, 0x31]),
            (.listSnapshotOutputs(session: "s"), [0x1B] + session),
            (.recordSnapshot(session: "s", output: output), [0x1C] + session + outputGolden),
        ] as [(ControlRequest, [UInt8])])
    func requestGoldenBytes(request: ControlRequest, golden: [UInt8]) throws {
        #expect(request.wireBytes == golden)
        #expect(try ControlRequest.decode(golden) == request)
        expectDecodingByteAtATime(request)
    }

    @Test(
        "snapshot replies have pinned bytes",
        arguments: [
            (ControlReply.snapshotOutputs([]), [0x0D, 0x00, 0x00, 0x00, 0x00]),
            (.snapshotOutputs([output]), [0x0D, 0x01, 0x00, 0x00, 0x00] + outputGolden),
            (.snapshotRecorded(directory: "/o"), [0x0E, 0x02, 0x00, 0x00, 0x00, 0x2F, 0x6F]),
        ] as [(ControlReply, [UInt8])])
    func replyGoldenBytes(reply: ControlReply, golden: [UInt8]) throws {
        #expect(reply.wireBytes == golden)
        #expect(try ControlReply.decode(golden) == reply)
        expectDecodingByteAtATime(reply)
    }

    @Test("a snapshot session's summary ends with its snapshot flag")
    func summaryFlag() throws {
        let summary = SessionSummary(name: "s", outputPath: "", isActive: false, creationTime: 0, isSnapshot: true)
        let golden: [UInt8] = Self.session + [0x00, 0x00, 0x00, 0x00] + [0x00] + Array(repeating: 0, count: 8) + [0x01]
        #expect(summary.wireBytes == golden)
        #expect(try SessionSummary.decode(golden) == summary)
        var bad = golden
        bad[bad.count - 1] = 0x02
        #expect(decodingError(SessionSummary.self, bad) == .invalidValue("boolean 2"))
    }

    @Test("the snapshot error codes have pinned bytes")
    func errorGoldenBytes() throws {
        for (code, raw) in [
            (ErrorCode.notSnapshotSession, UInt8(30)), (.snapshotOutputExists, 31),
            (.snapshotMaxSizeInvalid, 32), (.snapshotFailed, 33),
        ] {
            let golden: [UInt8] = [0x01, raw, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
            #expect(ControlReply.error(SpoorError(code)).wireBytes == golden)
            #expect(try ControlReply.decode(golden) == .error(SpoorError(code)))
        }
    }

    @Test("a truncated record request is refused")
    func truncatedRecord() {
        #expect(decodingError(ControlRequest.self, [0x1C] + Self.session + [0x02, 0x00]) == .truncated)
    }
}
