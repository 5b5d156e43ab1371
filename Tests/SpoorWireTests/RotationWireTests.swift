import SpoorModel
import SpoorWire
import Testing

@Suite("Rotation messages")
struct RotationWireTests {
    @Test(
        "rotation requests have pinned bytes",
        arguments: [
            (ControlRequest.rotateSession(name: "s"), [0x14, 0x01, 0x00, 0x00, 0x00, 0x73]),
            (
                .enableRotation(session: "s", schedule: .periodic(microseconds: 1_000_000)),
                [0x15, 0x01, 0x00, 0x00, 0x00, 0x73, 0x00, 0x40, 0x42, 0x0F, 0x00, 0x00, 0x00, 0x00, 0x00]
            ),
            (
                .enableRotation(session: "s", schedule: .sizeThreshold(bytes: 4096)),
                [0x15, 0x01, 0x00, 0x00, 0x00, 0x73, 0x01, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
            ),
            (.disableRotation(session: "s", kind: .periodic), [0x16, 0x01, 0x00, 0x00, 0x00, 0x73, 0x00]),
            (.disableRotation(session: "s", kind: .sizeThreshold), [0x16, 0x01, 0x00, 0x00, 0x00, 0x73, 0x01]),
            (.rotationStatus(session: "s", chunkID: nil), [0x17, 0x01, 0x00, 0x00, 0x00, 0x73, 0x00]),
            (
                .rotationStatus(session: "s", chunkID: 2),
                [0x17, 0x01, 0x00, 0x00, 0x00, 0x73, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
            ),
        ] as [(ControlRequest, [UInt8])])
    func requestGoldenBytes(request: ControlRequest, golden: [UInt8]) throws {
        #expect(request.wireBytes == golden)
        #expect(try ControlRequest.decode(golden) == request)
        expectDecodingByteAtATime(request)
    }

    static let info = RotationInfo(session: "s", chunkID: 1, state: .completed, archivePath: "/a")
    static let infoGolden: [UInt8] = [
        0x01, 0x00, 0x00, 0x00, 0x73,  // session "s"
        0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // chunk 1
        0x01,  // completed
        0x02, 0x00, 0x00, 0x00, 0x2F, 0x61,  // "/a"
    ]

    @Test(
        "rotation replies have pinned bytes",
        arguments: [
            (ControlReply.rotation(info), [0x0B] + infoGolden),
            (.rotationStatus(nil, RotationSchedules()), [0x0C, 0x00, 0x00, 0x00]),
            (
                .rotationStatus(info, RotationSchedules(periodMicroseconds: 1, sizeThresholdBytes: 2)),
                [0x0C, 0x01] + infoGolden + [
                    0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                    0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                ]
            ),
        ] as [(ControlReply, [UInt8])])
    func replyGoldenBytes(reply: ControlReply, golden: [UInt8]) throws {
        #expect(reply.wireBytes == golden)
        #expect(try ControlReply.decode(golden) == reply)
        expectDecodingByteAtATime(reply)
    }

    @Test("the rotation error codes have pinned bytes")
    func errorGoldenBytes() throws {
        for (code, raw) in [
            (ErrorCode.sessionNeverStarted, 25), (.rotationPending, 26), (.rotationAfterStopAlreadyDone, 27),
            (.rotationNotAvailable, 28), (.rotationScheduleConflict, 29),
        ] as [(ErrorCode, UInt8)] {
            let golden: [UInt8] = [0x01, raw, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
            #expect(ControlReply.error(SpoorError(code)).wireBytes == golden)
            #expect(try ControlReply.decode(golden) == .error(SpoorError(code)))
        }
    }

    @Test("an unknown schedule kind or rotation state is refused")
    func unknownValuesRefused() {
        #expect(decodingError(ControlRequest.self, [0x16, 0x01, 0x00, 0x00, 0x00, 0x73, 0x02])?.isInvalidValue == true)
        var state = [0x0B] + Self.infoGolden
        state[14] = 0x04
        #expect(decodingError(ControlReply.self, state)?.isInvalidValue == true)
    }

    @Test("a session configuration keeps its rotation schedules")
    func sessionConfigurationSchedules() {
        let session = SessionConfiguration(
            name: "s", outputPath: nil, rotationSchedules: RotationSchedules(periodMicroseconds: 7))
        expectRoundTrip(session)
        expectDecodingByteAtATime(session)
    }
}
