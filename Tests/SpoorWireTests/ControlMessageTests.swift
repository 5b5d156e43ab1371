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
        #expect(Set(Samples.controlRequests.map { $0.wireBytes[0] }) == Set(0...28).union([32, 33]))
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
                .enableEvent(
                    session: "s", channel: nil,
                    rules: [
                        EventRule(pattern: "a:*", logLevel: .atLeastAsSevereAs(.warning), exclusions: ["a:b"]),
                        EventRule(pattern: "b", filter: "x"),
                    ]),
                [
                    0x07,
                    0x01, 0x00, 0x00, 0x00, 0x73,  // session "s"
                    0x00,  // default channel
                    0x02, 0x00, 0x00, 0x00,  // two rules
                    0x03, 0x00, 0x00, 0x00, 0x61, 0x3A, 0x2A,  // "a:*"
                    0x01, 0x04, 0x00, 0x00, 0x00,  // at least as severe as TRACE_WARNING
                    0x01, 0x00, 0x00, 0x00,  // one exclusion
                    0x03, 0x00, 0x00, 0x00, 0x61, 0x3A, 0x62,  // "a:b"
                    0x00,  // no filter
                    0x01,  // enabled
                    0x01, 0x00, 0x00, 0x00, 0x62,  // "b"
                    0x00,  // any level
                    0x00, 0x00, 0x00, 0x00,  // no exclusions
                    0x01, 0x01, 0x00, 0x00, 0x00, 0x78,  // filter "x"
                    0x01,  // enabled
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
            (
                .track(session: "s", attribute: .virtualUserID, values: [1000]),
                [
                    0x0C,
                    0x01, 0x00, 0x00, 0x00, 0x73,  // session "s"
                    0x01,  // vuid
                    0x01,  // values present
                    0x01, 0x00, 0x00, 0x00,  // one value
                    0xE8, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // 1000
                ]
            ),
            (
                .track(session: "s", attribute: .virtualProcessID, values: nil),
                [0x0C, 0x01, 0x00, 0x00, 0x00, 0x73, 0x00, 0x00]
            ),
            (
                .untrack(session: "s", attribute: .virtualGroupID, values: nil),
                [0x0D, 0x01, 0x00, 0x00, 0x00, 0x73, 0x02, 0x00]
            ),
            (
                .untrack(session: "s", attribute: .virtualProcessID, values: []),
                [0x0D, 0x01, 0x00, 0x00, 0x00, 0x73, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00]
            ),
            (
                // Values keep the order and the repetitions they were sent with.
                .untrack(session: "s", attribute: .virtualProcessID, values: [5, -1, 5]),
                [
                    0x0D,
                    0x01, 0x00, 0x00, 0x00, 0x73,  // session "s"
                    0x00,  // vpid
                    0x01,  // values present
                    0x03, 0x00, 0x00, 0x00,  // three values
                    0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // 5
                    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,  // -1
                    0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // 5
                ]
            ),
            (
                .addContext(session: "s", channel: "c", contexts: ["vpid", "procname"]),
                [
                    0x0E,
                    0x01, 0x00, 0x00, 0x00, 0x73,  // session "s"
                    0x01, 0x01, 0x00, 0x00, 0x00, 0x63,  // channel "c"
                    0x02, 0x00, 0x00, 0x00,  // two contexts
                    0x04, 0x00, 0x00, 0x00, 0x76, 0x70, 0x69, 0x64,  // "vpid"
                    0x08, 0x00, 0x00, 0x00, 0x70, 0x72, 0x6F, 0x63, 0x6E, 0x61, 0x6D, 0x65,  // "procname"
                ]
            ),
            (
                .addContext(session: "s", channel: nil, contexts: []),
                [0x0E, 0x01, 0x00, 0x00, 0x00, 0x73, 0x00, 0x00, 0x00, 0x00, 0x00]
            ),
        ] as [(ControlRequest, [UInt8])])
    func goldenBytes(request: ControlRequest, golden: [UInt8]) throws {
        #expect(request.wireBytes == golden)
        #expect(try ControlRequest.decode(golden) == request)
    }

    @Test("unknown request tags are refused", arguments: [UInt8(0x40), 0x41, 0x80, 0xFF])
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
        "absurd string lengths, rule, pattern and tracker value counts in requests are refused",
        arguments: [UInt32.max, 0x0100_0001])
    func absurdLengths(count: UInt32) {
        #expect(decodingError(ControlRequest.self, [0x02] + littleEndian(count))?.isTooLarge == true)
        let rules: [UInt8] = [0x07, 0x01, 0x00, 0x00, 0x00, 0x73, 0x00] + littleEndian(count)
        #expect(decodingError(ControlRequest.self, rules)?.isTooLarge == true)
        let exclusions: [UInt8] =
            Array(rules.dropLast(4)) + [0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x2A, 0x00]
        #expect(decodingError(ControlRequest.self, exclusions + littleEndian(count))?.isTooLarge == true)
        let patterns: [UInt8] = [0x08, 0x01, 0x00, 0x00, 0x00, 0x73, 0x00] + littleEndian(count)
        #expect(decodingError(ControlRequest.self, patterns)?.isTooLarge == true)
        for tag in [UInt8(0x0C), 0x0D] {
            let values: [UInt8] = [tag, 0x01, 0x00, 0x00, 0x00, 0x73, 0x00, 0x01] + littleEndian(count)
            #expect(decodingError(ControlRequest.self, values)?.isTooLarge == true)
        }
    }

    @Test("rule and pattern counts larger than the message are truncated")
    func countsBeyondMessage() {
        let rules: [UInt8] = [0x07, 0x01, 0x00, 0x00, 0x00, 0x73, 0x00] + littleEndian(0x00FF_FFFF)
        #expect(decodingError(ControlRequest.self, rules) == .truncated)
        let patterns: [UInt8] = [0x08, 0x01, 0x00, 0x00, 0x00, 0x73, 0x00] + littleEndian(0x00FF_FFFF)
        #expect(decodingError(ControlRequest.self, patterns + [0x00]) == .truncated)
    }

    @Test(
        "tracker value counts larger than the message are truncated",
        arguments: [UInt32(WireReader.maximumCount), 0x00FF_FFFF, 2])
    func trackerValueCountsBeyondMessage(count: UInt32) {
        for tag in [UInt8(0x0C), 0x0D] {
            // One value (8 bytes) follows, whatever the count says.
            let values: [UInt8] =
                [tag, 0x01, 0x00, 0x00, 0x00, 0x73, 0x00, 0x01] + littleEndian(count) + Array(repeating: 0, count: 8)
            #expect(decodingError(ControlRequest.self, values) == .truncated)
        }
    }

    @Test("unknown process attributes in track and untrack are refused", arguments: [UInt8(3), 4, 0x80, 0xFF])
    func unknownProcessAttributes(raw: UInt8) {
        for tag in [UInt8(0x0C), 0x0D] {
            let request: [UInt8] = [tag, 0x01, 0x00, 0x00, 0x00, 0x73, raw, 0x00]
            #expect(decodingError(ControlRequest.self, request) == .invalidValue("process attribute \(raw)"))
        }
    }

    @Test("a values presence byte other than 0 or 1 in track and untrack is refused")
    func invalidTrackerValuesPresence() {
        for tag in [UInt8(0x0C), 0x0D] {
            let request: [UInt8] = [tag, 0x01, 0x00, 0x00, 0x00, 0x73, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00]
            #expect(decodingError(ControlRequest.self, request) == .invalidValue("boolean 2"))
        }
    }

    @Test("invalid rules inside an enable-event request are refused")
    func invalidRulesInRequest() {
        let header: [UInt8] = [
            0x07, 0x01, 0x00, 0x00, 0x00, 0x73, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
        ]
        // "*" with an unknown log-level condition.
        #expect(
            decodingError(ControlRequest.self, header + [0x2A, 0x03]) == .invalidValue("log-level condition 3"))
        // "*", at least as severe as level 15.
        #expect(
            decodingError(ControlRequest.self, header + [0x2A, 0x01, 0x0F, 0x00, 0x00, 0x00])
                == .invalidValue("log level 15"))
        // "*", any level, no exclusions, a filter presence byte of 7.
        #expect(
            decodingError(ControlRequest.self, header + [0x2A, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07])
                == .invalidValue("boolean 7"))
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
        #expect(Set(Samples.controlReplies.map { $0.wireBytes[0] }) == Set(0...14).union([17]))
    }

    static let summary = SessionSummary(
        name: "s", outputPath: "/o", isActive: false, creationTime: 0x0102_0304_0506_0708)
    static let summaryGolden: [UInt8] = [
        0x01, 0x00, 0x00, 0x00, 0x73,  // name "s"
        0x02, 0x00, 0x00, 0x00, 0x2F, 0x6F,  // output "/o"
        0x00,  // inactive
        0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,  // creation time
        0x00,  // not a snapshot session
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
                    0x00, 0x00, 0x00,  // every tracker: all
                ]
            ),
            (
                .sessionDetail(
                    SessionDetail(
                        summary: summary, channels: [],
                        trackers: {
                            var trackers = ProcessAttributeTrackers()
                            trackers.virtualProcessIDs = .only([])
                            trackers.virtualGroupIDs = .only([2, 1])
                            return trackers
                        }())),
                [0x05] + summaryGolden + [
                    0x00, 0x00, 0x00, 0x00,  // no channels
                    0x01, 0x00, 0x00, 0x00, 0x00,  // vpid: none
                    0x00,  // vuid: all
                    0x01, 0x02, 0x00, 0x00, 0x00,  // vgid: two values
                    0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // 1
                    0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // 2
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

    @Test("unknown reply tags are refused", arguments: [UInt8(0x40), 0x41, 0x80, 0xFF])
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
