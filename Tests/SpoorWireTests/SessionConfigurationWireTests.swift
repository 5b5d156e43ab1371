import SpoorModel
import SpoorWire
import Testing

@Suite("Session configurations on the wire")
struct SessionConfigurationWireTests {
    @Test("channel configurations round-trip", arguments: Samples.channelConfigurations)
    func channelConfigurationsRoundTrip(channel: ChannelConfiguration) {
        expectRoundTrip(channel)
        expectDecodingByteAtATime(channel)
        expectTrailingBytesRefused(channel, extra: 1)
    }

    @Test("session configurations round-trip", arguments: Samples.sessionConfigurations)
    func sessionConfigurationsRoundTrip(session: SessionConfiguration) {
        expectRoundTrip(session)
        expectDecodingByteAtATime(session)
        expectTrailingBytesRefused(session, extra: 3)
    }

    static let session = SessionConfiguration(
        name: "s", outputPath: "/o", isActive: true,
        channels: [
            ChannelConfiguration(
                attributes: ChannelAttributes(name: "channel0"), isEnabled: false,
                rules: [EventRule(pattern: "a", isEnabled: false)], contexts: [.vpid, .procname],
                namedContexts: ["$app.p:c"])
        ])

    static let sessionGolden: [UInt8] =
        [
            0x01, 0x00, 0x00, 0x00, 0x73,  // name "s"
            0x01, 0x02, 0x00, 0x00, 0x00, 0x2F, 0x6F,  // output "/o"
            0x01,  // active
            0x01, 0x00, 0x00, 0x00,  // one channel
        ] + channel0AttributesGolden + [
            0x00,  // disabled
            0x01, 0x00, 0x00, 0x00,  // one rule
            0x01, 0x00, 0x00, 0x00, 0x61,  // "a"
            0x00,  // any level
            0x00, 0x00, 0x00, 0x00,  // no exclusions
            0x00,  // no filter
            0x00,  // disabled
            0x02, 0x00, 0x00, 0x00,  // two contexts, by name
            0x04, 0x00, 0x00, 0x00, 0x76, 0x70, 0x69, 0x64,  // "vpid"
            0x08, 0x00, 0x00, 0x00, 0x70, 0x72, 0x6F, 0x63, 0x6E, 0x61, 0x6D, 0x65,  // "procname"
            0x01, 0x00, 0x00, 0x00,  // one named context
            0x08, 0x00, 0x00, 0x00, 0x24, 0x61, 0x70, 0x70, 0x2E, 0x70, 0x3A, 0x63,  // "$app.p:c"
            0x00, 0x00, 0x00,  // every tracker: all
            0x00, 0x00,  // no rotation schedule
            0x00,  // not a snapshot session
            0x00, 0x00, 0x00, 0x00,  // no snapshot outputs
        ]

    @Test("a session configuration has pinned bytes")
    func sessionGoldenBytes() throws {
        #expect(Self.session.wireBytes == Self.sessionGolden)
        #expect(try SessionConfiguration.decode(Self.sessionGolden) == Self.session)
    }

    @Test(
        "save and load requests have pinned bytes",
        arguments: [
            (ControlRequest.sessionConfigurations(name: nil), [0x0F, 0x00]),
            (.sessionConfigurations(name: "s"), [0x0F, 0x01, 0x01, 0x00, 0x00, 0x00, 0x73]),
            (.loadSessions([], overwrite: false), [0x10, 0x00, 0x00, 0x00, 0x00, 0x00]),
            (.loadSessions([session], overwrite: true), [0x10, 0x01, 0x00, 0x00, 0x00] + sessionGolden + [0x01]),
        ] as [(ControlRequest, [UInt8])])
    func requestGoldenBytes(request: ControlRequest, golden: [UInt8]) throws {
        #expect(request.wireBytes == golden)
        #expect(try ControlRequest.decode(golden) == request)
    }

    @Test(
        "save and load replies have pinned bytes",
        arguments: [
            (ControlReply.sessionConfigurations([]), [0x09, 0x00, 0x00, 0x00, 0x00]),
            (.sessionConfigurations([session]), [0x09, 0x01, 0x00, 0x00, 0x00] + sessionGolden),
            (
                .sessionLoadFailed(session: "s", error: SpoorError(.sessionExists, "t")),
                [
                    0x0A,
                    0x01, 0x00, 0x00, 0x00, 0x73,  // session "s"
                    0x03, 0x00, 0x00, 0x00,  // session exists
                    0x01, 0x00, 0x00, 0x00, 0x74,  // detail "t"
                ]
            ),
        ] as [(ControlReply, [UInt8])])
    func replyGoldenBytes(reply: ControlReply, golden: [UInt8]) throws {
        #expect(reply.wireBytes == golden)
        #expect(try ControlReply.decode(golden) == reply)
    }

    @Test("a context name this version does not know is refused")
    func unknownContextName() {
        var bytes = Self.sessionGolden
        // "vpid" becomes "vpiX": its last byte is before "procname", the named contexts, the
        // trackers, the rotation schedules and the snapshot mode and outputs.
        let offset = bytes.count - 5 - 2 - 3 - 16 - 12 - 1
        #expect(bytes[offset] == 0x64)
        bytes[offset] = 0x58
        #expect(decodingError(SessionConfiguration.self, bytes) == .invalidValue("context vpiX"))
    }

    @Test("an absurd channel count is refused before anything is allocated")
    func absurdChannelCount() {
        let bytes: [UInt8] = [0x00, 0x00, 0x00, 0x00, 0x00, 0x00] + littleEndian(UInt32.max)
        #expect(decodingError(SessionConfiguration.self, bytes)?.isTooLarge == true)
    }
}
