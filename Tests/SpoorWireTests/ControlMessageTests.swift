import SpoorModel
import SpoorWire
import Testing

@Suite("Control requests on the wire")
struct ControlRequestWireTests {
    @Test("every request round-trips", arguments: Samples.controlRequests)
    func roundTrips(request: ControlRequest) {
        expectRoundTrip(request)
    }

    @Test("every request decodes when fed one byte at a time", arguments: Samples.controlRequests)
    func decodesByteAtATime(request: ControlRequest) {
        expectDecodingByteAtATime(request)
    }

    @Test("trailing bytes after a request are refused", arguments: Samples.controlRequests)
    func trailingBytesAreRefused(request: ControlRequest) {
        expectTrailingBytesRefused(request, extra: 1)
        expectTrailingBytesRefused(request, extra: 5)
    }

    @Test("the samples cover every request tag")
    func samplesCoverEveryTag() {
        #expect(Set(Samples.controlRequests.map { $0.wireBytes[0] }) == Set(0...11))
    }

    @Test(
        "each request has pinned bytes",
        arguments: [
            (ControlRequest.version, [0x00]),
            (
                .createSession(name: "s", outputPath: nil),
                [0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x73, 0x00]
            ),
            (
                .createSession(name: nil, outputPath: "/t"),
                [0x01, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x2F, 0x74]
            ),
            (.destroySession(name: "ab"), [0x02, 0x02, 0x00, 0x00, 0x00, 0x61, 0x62]),
            (.listSessions, [0x03]),
            (.sessionDetail(name: "s"), [0x04, 0x01, 0x00, 0x00, 0x00, 0x73]),
            (
                .enableChannel(
                    session: "s",
                    attributes: ChannelAttributes(
                        name: "c", lossMode: .overwrite, subbufferSize: 0x1000, subbufferCount: 2,
                        switchTimerPeriod: 3,
                        readTimerPeriod: 4, monitorTimerPeriod: 5, blockingTimeout: nil, tracefileSize: 6,
                        tracefileCount: 7, buffering: .perPID)),
                [
                    0x05,  // tag
                    0x01, 0x00, 0x00, 0x00, 0x73,  // session "s"
                    0x01, 0x00, 0x00, 0x00, 0x63,  // channel "c"
                    0x01,  // overwrite
                    0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // sub-buffer size
                    0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // sub-buffer count
                    0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // switch timer
                    0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // read timer
                    0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // monitor timer
                    0x00,  // blocking timeout: infinite
                    0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // trace file size
                    0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // trace file count
                    0x01,  // per PID
                ]
            ),
            (
                .disableChannel(session: "s", channel: "c"),
                [0x06, 0x01, 0x00, 0x00, 0x00, 0x73, 0x01, 0x00, 0x00, 0x00, 0x63]
            ),
            (
                .enableEvent(session: "s", channel: nil, patterns: ["a:*", "b"]),
                [
                    0x07,
                    0x01, 0x00, 0x00, 0x00, 0x73,  // session "s"
                    0x00,  // default channel
                    0x02, 0x00, 0x00, 0x00,  // two patterns
                    0x03, 0x00, 0x00, 0x00, 0x61, 0x3A, 0x2A,  // "a:*"
                    0x01, 0x00, 0x00, 0x00, 0x62,  // "b"
                ]
            ),
            (
                .disableEvent(session: "s", channel: "c", patterns: [], all: true),
                [
                    0x08,
                    0x01, 0x00, 0x00, 0x00, 0x73,  // session "s"
                    0x01, 0x01, 0x00, 0x00, 0x00, 0x63,  // channel "c"
                    0x00, 0x00, 0x00, 0x00,  // no patterns
                    0x01,  // all
                ]
            ),
            (.startSession(name: "s"), [0x09, 0x01, 0x00, 0x00, 0x00, 0x73]),
            (.stopSession(name: "s"), [0x0A, 0x01, 0x00, 0x00, 0x00, 0x73]),
            (.listTracepoints, [0x0B]),
        ] as [(ControlRequest, [UInt8])])
    func goldenBytes(request: ControlRequest, golden: [UInt8]) throws {
        #expect(request.wireBytes == golden)
        #expect(try ControlRequest.decode(golden) == request)
    }

    @Test("unknown request tags are refused", arguments: [UInt8(12), 13, 0x80, 0xFF])
    func unknownTags(tag: UInt8) {
        #expect(decodingError(ControlRequest.self, [tag]) == .invalidValue("control request \(tag)"))
    }

    @Test("invalid presence and boolean bytes in requests are refused")
    func invalidBooleans() {
        // createSession with a name presence byte of 2.
        #expect(decodingError(ControlRequest.self, [0x01, 0x02, 0x00])?.isInvalidValue == true)
        // enableEvent with a channel presence byte of 0xFF.
        #expect(
            decodingError(
                ControlRequest.self, [0x07, 0x01, 0x00, 0x00, 0x00, 0x73, 0xFF, 0x00, 0x00, 0x00, 0x00])?
                .isInvalidValue == true)
        // disableEvent with `all` = 2.
        let disable: [UInt8] = [0x08, 0x01, 0x00, 0x00, 0x00, 0x73, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02]
        #expect(decodingError(ControlRequest.self, disable) == .invalidValue("boolean 2"))
    }

    @Test("invalid channel attributes inside a request are refused")
    func invalidAttributesInRequest() {
        var attributes = channel0AttributesGolden
        attributes[Channel0Offset.buffering] = 0x07
        let bytes: [UInt8] = [0x05, 0x01, 0x00, 0x00, 0x00, 0x73] + attributes
        #expect(decodingError(ControlRequest.self, bytes) == .invalidValue("buffering scheme 7"))
    }

    @Test(
        "absurd string lengths and pattern counts in requests are refused",
        arguments: [UInt32.max, 0x0100_0001])
    func absurdLengths(count: UInt32) {
        #expect(decodingError(ControlRequest.self, [0x02] + littleEndian(count))?.isTooLarge == true)
        let patterns: [UInt8] = [0x07, 0x01, 0x00, 0x00, 0x00, 0x73, 0x00] + littleEndian(count)
        #expect(decodingError(ControlRequest.self, patterns)?.isTooLarge == true)
    }

    @Test("a pattern count larger than the message is truncated")
    func patternCountBeyondMessage() {
        let patterns: [UInt8] = [0x07, 0x01, 0x00, 0x00, 0x00, 0x73, 0x00] + littleEndian(0x00FF_FFFF)
        #expect(decodingError(ControlRequest.self, patterns) == .truncated)
    }
}

@Suite("Control replies on the wire")
struct ControlReplyWireTests {
    @Test("every reply round-trips", arguments: Samples.controlReplies)
    func roundTrips(reply: ControlReply) {
        expectRoundTrip(reply)
    }

    @Test("every reply decodes when fed one byte at a time", arguments: Samples.controlReplies)
    func decodesByteAtATime(reply: ControlReply) {
        expectDecodingByteAtATime(reply)
    }

    @Test("trailing bytes after a reply are refused", arguments: Samples.controlReplies)
    func trailingBytesAreRefused(reply: ControlReply) {
        expectTrailingBytesRefused(reply, extra: 1)
        expectTrailingBytesRefused(reply, extra: 8)
    }

    @Test("the samples cover every reply tag")
    func samplesCoverEveryTag() {
        #expect(Set(Samples.controlReplies.map { $0.wireBytes[0] }) == Set(0...8))
    }

    static let summary = SessionSummary(
        name: "s", outputPath: "/o", isActive: false, creationTime: 0x0102_0304_0506_0708)
    static let summaryGolden: [UInt8] = [
        0x01, 0x00, 0x00, 0x00, 0x73,  // name "s"
        0x02, 0x00, 0x00, 0x00, 0x2F, 0x6F,  // output "/o"
        0x00,  // inactive
        0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,  // creation time
    ]

    @Test(
        "each reply has pinned bytes",
        arguments: [
            (ControlReply.ok, [0x00]),
            (
                .error(SpoorError(.sessionNotFound, "x")),
                [0x01, 0x02, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x78]
            ),
            (.version("2.13"), [0x02, 0x04, 0x00, 0x00, 0x00, 0x32, 0x2E, 0x31, 0x33]),
            (.sessionCreated(summary), [0x03] + summaryGolden),
            (.sessions([]), [0x04, 0x00, 0x00, 0x00, 0x00]),
            (
                .sessions([summary, summary]),
                [0x04, 0x02, 0x00, 0x00, 0x00] + summaryGolden + summaryGolden
            ),
            (
                .sessionDetail(
                    SessionDetail(
                        summary: summary,
                        channels: [
                            ChannelInfo(
                                attributes: ChannelAttributes(name: "channel0"), isEnabled: false, rules: [])
                        ]
                    )),
                [0x05] + summaryGolden + [0x01, 0x00, 0x00, 0x00] + channel0AttributesGolden + [
                    0x00,  // disabled
                    0x00, 0x00, 0x00, 0x00,  // no rules
                    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // discarded events
                    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // lost packets
                ]
            ),
            (
                .eventRulesChanged(channel: "channel0"),
                [0x06, 0x08, 0x00, 0x00, 0x00, 0x63, 0x68, 0x61, 0x6E, 0x6E, 0x65, 0x6C, 0x30]
            ),
            (.stopped([]), [0x07, 0x00, 0x00, 0x00, 0x00]),
            (
                .tracepoints([
                    AppTracepoints(
                        pid: 42, processName: "p",
                        events: [
                            EventDescriptor(
                                provider: "p", event: "e", logLevel: .info,
                                fields: [FieldDescriptor(name: "f", type: .string)])
                        ])
                ]),
                [
                    0x08,  // tag
                    0x01, 0x00, 0x00, 0x00,  // one app
                    0x2A, 0x00, 0x00, 0x00,  // pid 42
                    0x01, 0x00, 0x00, 0x00, 0x70,  // process "p"
                    0x01, 0x00, 0x00, 0x00,  // one event
                    0x01, 0x00, 0x00, 0x00, 0x70,  // provider "p"
                    0x01, 0x00, 0x00, 0x00, 0x65,  // event "e"
                    0x06, 0x00, 0x00, 0x00,  // TRACE_INFO
                    0x01, 0x00, 0x00, 0x00,  // one field
                    0x01, 0x00, 0x00, 0x00, 0x66,  // "f"
                    0x03,  // string
                ]
            ),
        ] as [(ControlReply, [UInt8])])
    func goldenBytes(reply: ControlReply, golden: [UInt8]) throws {
        #expect(reply.wireBytes == golden)
        #expect(try ControlReply.decode(golden) == reply)
    }

    @Test("unknown reply tags are refused", arguments: [UInt8(9), 10, 0x80, 0xFF])
    func unknownTags(tag: UInt8) {
        #expect(decodingError(ControlReply.self, [tag]) == .invalidValue("control reply \(tag)"))
    }

    @Test("invalid values nested deep in a reply are refused")
    func invalidNestedValues() {
        // tracepoints → app → event with log level 15.
        let badLevel: [UInt8] =
            [
                0x08, 0x01, 0x00, 0x00, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
                0x00, 0x00,
            ]
            + [
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                0x00,
            ]
        #expect(decodingError(ControlReply.self, badLevel) == .invalidValue("log level 15"))
        // sessions → summary with an active flag of 2.
        var summary = Self.summaryGolden
        summary[11] = 0x02
        #expect(
            decodingError(ControlReply.self, [0x04, 0x01, 0x00, 0x00, 0x00] + summary)
                == .invalidValue("boolean 2"))
    }

    @Test("absurd array counts in replies are refused", arguments: [UInt8(4), 7, 8])
    func absurdCounts(tag: UInt8) {
        #expect(decodingError(ControlReply.self, [tag] + littleEndian(UInt32.max))?.isTooLarge == true)
        #expect(decodingError(ControlReply.self, [tag] + littleEndian(0x00FF_FFFF)) == .truncated)
    }
}
