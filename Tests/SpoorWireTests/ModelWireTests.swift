import SpoorModel
import SpoorWire
import Testing

/// `ChannelAttributes(name: "channel0")`: LTTng's user-space defaults, byte by byte.
let channel0AttributesGolden: [UInt8] = [
    0x08, 0x00, 0x00, 0x00, 0x63, 0x68, 0x61, 0x6E, 0x6E, 0x65, 0x6C, 0x30,  // name "channel0"
    0x00,  // loss mode: discard
    0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00,  // sub-buffer size 524288
    0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // sub-buffer count 4
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // switch timer: inactive
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // read timer: inactive
    0x40, 0x42, 0x0F, 0x00, 0x00, 0x00, 0x00, 0x00,  // monitor timer 1000000 µs
    0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // blocking timeout: some(0)
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // trace file size: unlimited
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // trace file count: unlimited
    0x00,  // buffering: per UID
]

/// Offsets into `channel0AttributesGolden`.
enum Channel0Offset {
    static let lossMode = 12
    static let blockingPresence = 53
    static let buffering = 78
}

@Suite("Model types on the wire")
struct ModelWireTests {
    // MARK: Round trips and byte-at-a-time decoding

    @Test("every integer type round-trips", arguments: Samples.integerTypes)
    func integerTypeRoundTrips(type: IntegerType) {
        expectRoundTrip(type)
        expectDecodingByteAtATime(type)
    }

    @Test("every field type case round-trips", arguments: Samples.fieldTypes)
    func fieldTypeRoundTrips(type: FieldType) {
        expectRoundTrip(type)
        expectDecodingByteAtATime(type)
        expectTrailingBytesRefused(type, extra: 1)
    }

    @Test("the field type samples cover every case")
    func fieldTypeSamplesCoverEveryCase() {
        let tags = Set(Samples.fieldTypes.map { $0.wireBytes[0] })
        #expect(tags == Set(0...6))
    }

    @Test(
        "enumeration mappings round-trip, down to the extreme ranges",
        arguments: Samples.enumerationMappings)
    func enumerationMappingRoundTrips(mapping: EnumerationMapping) {
        expectRoundTrip(mapping)
        expectDecodingByteAtATime(mapping)
    }

    @Test("field descriptors round-trip", arguments: Samples.fieldDescriptors)
    func fieldDescriptorRoundTrips(field: FieldDescriptor) {
        expectRoundTrip(field)
        expectDecodingByteAtATime(field)
    }

    @Test("event descriptors round-trip at every log level", arguments: Samples.eventDescriptors)
    func eventDescriptorRoundTrips(event: EventDescriptor) {
        expectRoundTrip(event)
        expectDecodingByteAtATime(event)
    }

    @Test("channel attributes round-trip", arguments: Samples.channelAttributes)
    func channelAttributesRoundTrip(attributes: ChannelAttributes) {
        expectRoundTrip(attributes)
        expectDecodingByteAtATime(attributes)
    }

    @Test("every log-level condition round-trips", arguments: Samples.logLevelConditions)
    func logLevelConditionRoundTrips(condition: LogLevelCondition) {
        expectRoundTrip(condition)
        expectDecodingByteAtATime(condition)
        expectTrailingBytesRefused(condition, extra: 1)
    }

    @Test("the log-level condition samples cover every case")
    func logLevelConditionSamplesCoverEveryCase() {
        #expect(Set(Samples.logLevelConditions.map { $0.wireBytes[0] }) == [0, 1, 2])
    }

    @Test("event rules round-trip, with log levels, exclusions and filters", arguments: Samples.eventRules)
    func eventRuleRoundTrips(rule: EventRule) {
        expectRoundTrip(rule)
        expectDecodingByteAtATime(rule)
        expectTrailingBytesRefused(rule, extra: 1)
    }

    @Test("every tracker policy round-trips", arguments: Samples.trackerPolicies)
    func trackerPolicyRoundTrips(policy: TrackerPolicy) {
        expectRoundTrip(policy)
        expectDecodingByteAtATime(policy)
        expectTrailingBytesRefused(policy, extra: 8)
    }

    @Test("process attribute trackers round-trip", arguments: Samples.processAttributeTrackers)
    func processAttributeTrackersRoundTrip(trackers: ProcessAttributeTrackers) {
        expectRoundTrip(trackers)
        expectDecodingByteAtATime(trackers)
        expectTrailingBytesRefused(trackers, extra: 1)
    }

    @Test("session summaries round-trip", arguments: Samples.sessionSummaries)
    func sessionSummaryRoundTrips(summary: SessionSummary) {
        expectRoundTrip(summary)
        expectDecodingByteAtATime(summary)
    }

    @Test("channel infos round-trip", arguments: Samples.channelInfos)
    func channelInfoRoundTrips(info: ChannelInfo) {
        expectRoundTrip(info)
        expectDecodingByteAtATime(info)
    }

    @Test("session details round-trip", arguments: Samples.sessionDetails)
    func sessionDetailRoundTrips(detail: SessionDetail) {
        expectRoundTrip(detail)
        expectDecodingByteAtATime(detail)
    }

    @Test("app tracepoint lists round-trip", arguments: Samples.appTracepoints)
    func appTracepointsRoundTrip(app: AppTracepoints) {
        expectRoundTrip(app)
        expectDecodingByteAtATime(app)
    }

    @Test("errors round-trip with every code", arguments: Samples.spoorErrors)
    func spoorErrorRoundTrips(error: SpoorError) {
        expectRoundTrip(error)
        expectDecodingByteAtATime(error)
    }

    // MARK: Golden bytes

    @Test("an integer type is width, signedness, base and text flag")
    func integerTypeGoldenBytes() {
        let type = IntegerType(bitWidth: 32, isSigned: true, base: .hexadecimal, isText: false)
        #expect(type.wireBytes == [0x20, 0x01, 0x10, 0x00])
    }

    @Test(
        "each field type case has pinned bytes",
        arguments: [
            (
                FieldType.integer(IntegerType(bitWidth: 8, isSigned: false)),
                [0x00, 0x08, 0x00, 0x0A, 0x00]
            ),
            (.float, [0x01]),
            (.double, [0x02]),
            (.string, [0x03]),
            (
                .enumeration(
                    IntegerType(bitWidth: 16, isSigned: true),
                    [
                        EnumerationMapping(label: "A", value: -1),
                        EnumerationMapping(label: "B", range: 1...0x7F),
                    ]),
                [
                    0x04,  // tag
                    0x10, 0x01, 0x0A, 0x00,  // s16, decimal
                    0x02, 0x00, 0x00, 0x00,  // two mappings
                    0x01, 0x00, 0x00, 0x00, 0x41,  // "A"
                    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,  // -1
                    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,  // -1
                    0x01, 0x00, 0x00, 0x00, 0x42,  // "B"
                    0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // 1
                    0x7F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // 127
                ]
            ),
            (
                .array(IntegerType(bitWidth: 8, isSigned: false, isText: true), count: 300),
                [0x05, 0x08, 0x00, 0x0A, 0x01, 0x2C, 0x01, 0x00, 0x00]
            ),
            (
                .sequence(IntegerType(bitWidth: 64, isSigned: false, base: .hexadecimal)),
                [0x06, 0x40, 0x00, 0x10, 0x00]
            ),
        ] as [(FieldType, [UInt8])])
    func fieldTypeGoldenBytes(type: FieldType, golden: [UInt8]) throws {
        #expect(type.wireBytes == golden)
        #expect(try FieldType.decode(golden) == type)
    }

    @Test("a field descriptor is its name then its type")
    func fieldDescriptorGoldenBytes() {
        #expect(
            FieldDescriptor(name: "x", type: .double).wireBytes == [0x01, 0x00, 0x00, 0x00, 0x78, 0x02])
    }

    @Test("an event descriptor is provider, event, log level as i32, then fields")
    func eventDescriptorGoldenBytes() {
        let event = EventDescriptor(provider: "p", event: "e", logLevel: .critical, fields: [])
        #expect(
            event.wireBytes == [
                0x01, 0x00, 0x00, 0x00, 0x70,
                0x01, 0x00, 0x00, 0x00, 0x65,
                0x02, 0x00, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x00,
            ])
    }

    @Test("default channel attributes have pinned bytes")
    func channelAttributesGoldenBytes() throws {
        #expect(ChannelAttributes(name: "channel0").wireBytes == channel0AttributesGolden)
        #expect(
            try ChannelAttributes.decode(channel0AttributesGolden) == ChannelAttributes(name: "channel0"))
    }

    @Test("an infinite blocking timeout is an absent value")
    func infiniteBlockingTimeoutGoldenBytes() {
        var golden = channel0AttributesGolden
        golden.replaceSubrange(
            Channel0Offset.blockingPresence..<Channel0Offset.blockingPresence + 9, with: [0x00])
        var attributes = ChannelAttributes(name: "channel0")
        attributes.blockingTimeout = nil
        #expect(attributes.wireBytes == golden)
    }

    @Test(
        "a log-level condition is a tag, then the level as i32 unless any",
        arguments: [
            (LogLevelCondition.any, [0x00]),
            (.atLeastAsSevereAs(.info), [0x01, 0x06, 0x00, 0x00, 0x00]),
            (.atLeastAsSevereAs(.emergency), [0x01, 0x00, 0x00, 0x00, 0x00]),
            (.exactly(.debug), [0x02, 0x0E, 0x00, 0x00, 0x00]),
            (.exactly(.warning), [0x02, 0x04, 0x00, 0x00, 0x00]),
        ] as [(LogLevelCondition, [UInt8])])
    func logLevelConditionGoldenBytes(condition: LogLevelCondition, golden: [UInt8]) throws {
        #expect(condition.wireBytes == golden)
        #expect(try LogLevelCondition.decode(golden) == condition)
    }

    @Test("a plain event rule is its pattern, any level, no exclusion, no filter and its enabled flag")
    func eventRuleGoldenBytes() throws {
        let golden: [UInt8] = [
            0x02, 0x00, 0x00, 0x00, 0x61, 0x2A,  // pattern "a*"
            0x00,  // any log level
            0x00, 0x00, 0x00, 0x00,  // no exclusions
            0x00,  // no filter
            0x00,  // disabled
        ]
        let rule = EventRule(pattern: "a*", isEnabled: false)
        #expect(rule.wireBytes == golden)
        #expect(try EventRule.decode(golden) == rule)
    }

    @Test("an event rule carries its log-level condition, exclusions and filter in that order")
    func fullEventRuleGoldenBytes() throws {
        let golden: [UInt8] = [
            0x03, 0x00, 0x00, 0x00, 0x63, 0x3A, 0x2A,  // pattern "c:*"
            0x02, 0x06, 0x00, 0x00, 0x00,  // exactly TRACE_INFO
            0x02, 0x00, 0x00, 0x00,  // two exclusions
            0x03, 0x00, 0x00, 0x00, 0x63, 0x3A, 0x78,  // "c:x"
            0x04, 0x00, 0x00, 0x00, 0x63, 0x3A, 0x79, 0x2A,  // "c:y*"
            0x01, 0x03, 0x00, 0x00, 0x00, 0x76, 0x3E, 0x31,  // filter "v>1"
            0x01,  // enabled
        ]
        let rule = EventRule(pattern: "c:*", logLevel: .exactly(.info), exclusions: ["c:x", "c:y*"], filter: "v>1")
        #expect(rule.wireBytes == golden)
        #expect(try EventRule.decode(golden) == rule)
    }

    @Test("an empty filter is present, unlike no filter")
    func emptyFilterGoldenBytes() throws {
        let golden: [UInt8] = [
            0x00, 0x00, 0x00, 0x00,  // pattern ""
            0x01, 0x0D, 0x00, 0x00, 0x00,  // at least as severe as TRACE_DEBUG_LINE
            0x00, 0x00, 0x00, 0x00,  // no exclusions
            0x01, 0x00, 0x00, 0x00, 0x00,  // filter ""
            0x01,  // enabled
        ]
        let rule = EventRule(pattern: "", logLevel: .atLeastAsSevereAs(.debugLine), filter: "")
        #expect(rule.wireBytes == golden)
        #expect(try EventRule.decode(golden) == rule)
        #expect(try EventRule.decode(golden) != EventRule(pattern: "", logLevel: .atLeastAsSevereAs(.debugLine)))
    }

    @Test(
        "a tracker policy is tag 0 for all, or tag 1, a count and the values in increasing order",
        arguments: [
            (TrackerPolicy.all, [0x00]),
            (.only([]), [0x01, 0x00, 0x00, 0x00, 0x00]),
            (
                .only([256, -1, 3]),
                [
                    0x01,  // only
                    0x03, 0x00, 0x00, 0x00,  // three values
                    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,  // -1
                    0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // 3
                    0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // 256
                ]
            ),
            (
                .only([Int64.max, Int64.min]),
                [
                    0x01, 0x02, 0x00, 0x00, 0x00,
                    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80,  // Int64.min
                    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F,  // Int64.max
                ]
            ),
        ] as [(TrackerPolicy, [UInt8])])
    func trackerPolicyGoldenBytes(policy: TrackerPolicy, golden: [UInt8]) throws {
        #expect(policy.wireBytes == golden)
        #expect(try TrackerPolicy.decode(golden) == policy)
    }

    @Test("equal tracker sets encode the same whatever their insertion history")
    func trackerPolicyEncodingIsCanonical() {
        let values = (0..<200).map { Int64($0) * 104_729 - 5_000_000 }
        var roomy = Set<Int64>(minimumCapacity: 4096)
        for value in values.reversed() { roomy.insert(value) }
        let bytes = TrackerPolicy.only(Set(values)).wireBytes
        #expect(TrackerPolicy.only(roomy).wireBytes == bytes)
        var expected: [UInt8] = [0x01] + littleEndian(200)
        for value in values.sorted() {
            expected += (0..<8).map { UInt8(truncatingIfNeeded: UInt64(bitPattern: value) >> (8 * $0)) }
        }
        #expect(bytes == expected)
    }

    @Test("process attribute trackers are the vpid, vuid and vgid policies in that order")
    func processAttributeTrackersGoldenBytes() throws {
        #expect(ProcessAttributeTrackers().wireBytes == [0x00, 0x00, 0x00])
        var trackers = ProcessAttributeTrackers()
        trackers.virtualUserIDs = .only([1000])
        trackers.virtualGroupIDs = .only([])
        let golden: [UInt8] = [
            0x00,  // vpid: all
            0x01, 0x01, 0x00, 0x00, 0x00, 0xE8, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // vuid: only 1000
            0x01, 0x00, 0x00, 0x00, 0x00,  // vgid: none
        ]
        #expect(trackers.wireBytes == golden)
        #expect(try ProcessAttributeTrackers.decode(golden) == trackers)
    }

    @Test("a channel info is attributes, state, rules and loss counters")
    func channelInfoGoldenBytes() {
        let info = ChannelInfo(
            attributes: ChannelAttributes(name: "channel0"), isEnabled: true,
            rules: [EventRule(pattern: "a*", isEnabled: false)], discardedEventCount: 5,
            lostPacketCount: 0x100)
        let golden: [UInt8] =
            channel0AttributesGolden + [
                0x01,  // enabled
                0x01, 0x00, 0x00, 0x00,  // one rule
                0x02, 0x00, 0x00, 0x00, 0x61, 0x2A,  // "a*"
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // any level, no exclusions, no filter
                0x00,  // disabled
                0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // discarded events
                0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // lost packets
            ]
        #expect(info.wireBytes == golden)
    }

    @Test("an error is its code as u32 then its detail")
    func spoorErrorGoldenBytes() {
        #expect(
            SpoorError(.protocolError).wireBytes == [0x11, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00])
    }

    // MARK: Hostile input

    @Test(
        "error codes this version does not know decode as unknown",
        // Bit 31 says a cause follows (ErrorCauseWireTests); below it, any unknown code.
        arguments: [UInt32(0), 1000, 0x7FFF_FFFF])
    func unknownErrorCodesDecodeAsUnknown(raw: UInt32) throws {
        #expect(ErrorCode(rawValue: raw) == nil, "\(raw) is a known code: pick another")
        let decoded = try SpoorError.decode(littleEndian(raw) + [0x01, 0x00, 0x00, 0x00, 0x21])
        #expect(decoded == SpoorError(.unknown, "!"))
    }

    @Test(
        "integer widths other than 8, 16, 32 and 64 are refused",
        arguments: [UInt8(0), 1, 7, 9, 24, 65, 128, 255])
    func invalidIntegerWidths(width: UInt8) {
        #expect(decodingError(IntegerType.self, [width, 0x00, 0x0A, 0x00])?.isInvalidValue == true)
        #expect(decodingError(FieldType.self, [0x00, width, 0x00, 0x0A, 0x00])?.isInvalidValue == true)
        #expect(decodingError(FieldType.self, [0x06, width, 0x00, 0x0A, 0x00])?.isInvalidValue == true)
    }

    @Test("display bases other than 10 and 16 are refused", arguments: [UInt8(0), 2, 8, 11, 255])
    func invalidDisplayBases(base: UInt8) {
        #expect(decodingError(IntegerType.self, [0x08, 0x00, base, 0x00])?.isInvalidValue == true)
    }

    @Test("integer type flags other than 0 or 1 are refused")
    func invalidIntegerTypeFlags() {
        #expect(
            decodingError(IntegerType.self, [0x08, 0x02, 0x0A, 0x00]) == .invalidValue("boolean 2"))
        #expect(
            decodingError(IntegerType.self, [0x08, 0x00, 0x0A, 0xFF]) == .invalidValue("boolean 255"))
    }

    @Test("unknown field type tags are refused", arguments: [UInt8(7), 8, 0x80, 0xFF])
    func unknownFieldTypeTags(tag: UInt8) {
        #expect(decodingError(FieldType.self, [tag]) == .invalidValue("field type \(tag)"))
    }

    @Test(
        "enumeration ranges whose lower bound exceeds the upper are refused",
        arguments: [
            (Int64(1), Int64(0)), (Int64.max, Int64.min), (Int64(0), Int64(-1)),
        ])
    func invertedEnumerationRanges(lower: Int64, upper: Int64) {
        var writer = WireWriter()
        writer.write("X")
        writer.write(lower)
        writer.write(upper)
        #expect(decodingError(EnumerationMapping.self, writer.bytes)?.isInvalidValue == true)
        let field: [UInt8] = [0x04, 0x08, 0x00, 0x0A, 0x00] + littleEndian(1) + writer.bytes
        #expect(decodingError(FieldType.self, field)?.isInvalidValue == true)
    }

    @Test(
        "array lengths beyond a million elements are refused",
        arguments: [
            UInt32(1 << 20) + 1, 0x8000_0000, UInt32.max,
        ])
    func absurdArrayLengths(count: UInt32) {
        let bytes: [UInt8] = [0x05, 0x08, 0x00, 0x0A, 0x00] + littleEndian(count)
        #expect(decodingError(FieldType.self, bytes)?.isTooLarge == true)
    }

    @Test("the longest array length is accepted")
    func longestArrayLength() throws {
        let bytes: [UInt8] = [0x05, 0x08, 0x00, 0x0A, 0x00] + littleEndian(1 << 20)
        #expect(
            try FieldType.decode(bytes)
                == .array(IntegerType(bitWidth: 8, isSigned: false), count: 1 << 20))
    }

    @Test("absurd enumeration mapping counts are refused", arguments: [UInt32.max, 0x0100_0001])
    func absurdMappingCounts(count: UInt32) {
        let bytes: [UInt8] = [0x04, 0x08, 0x00, 0x0A, 0x00] + littleEndian(count)
        #expect(decodingError(FieldType.self, bytes)?.isTooLarge == true)
    }

    @Test(
        "log levels outside 0 through 14 are refused",
        arguments: [Int32(15), 16, -1, Int32.min, Int32.max])
    func invalidLogLevels(raw: Int32) {
        var writer = WireWriter()
        writer.write("p")
        writer.write("e")
        writer.write(raw)
        writer.write(UInt32(0))
        #expect(decodingError(EventDescriptor.self, writer.bytes) == .invalidValue("log level \(raw)"))
    }

    @Test(
        "unknown loss modes, buffering schemes and presence bytes in channel attributes are refused",
        arguments: [
            Channel0Offset.lossMode, Channel0Offset.blockingPresence, Channel0Offset.buffering,
        ])
    func invalidChannelAttributes(offset: Int) {
        var bytes = channel0AttributesGolden
        bytes[offset] = 0x02
        #expect(decodingError(ChannelAttributes.self, bytes)?.isInvalidValue == true)
    }

    @Test("booleans other than 0 or 1 in rules, summaries and channel infos are refused")
    func invalidBooleansInModelTypes() {
        let rule: [UInt8] = [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
        #expect(decodingError(EventRule.self, rule + [0x02]) == .invalidValue("boolean 2"))
        // The filter's presence byte.
        #expect(
            decodingError(EventRule.self, [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x01])
                == .invalidValue("boolean 2"))
        let summary: [UInt8] =
            [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03] + Array(repeating: 0, count: 9)
        #expect(decodingError(SessionSummary.self, summary) == .invalidValue("boolean 3"))
        let info = channel0AttributesGolden + [0x80] + Array(repeating: 0, count: 20)
        #expect(decodingError(ChannelInfo.self, info) == .invalidValue("boolean 128"))
    }

    @Test("unknown log-level condition tags are refused", arguments: [UInt8(3), 4, 0x80, 0xFF])
    func unknownLogLevelConditionTags(tag: UInt8) {
        #expect(
            decodingError(LogLevelCondition.self, [tag, 0x06, 0x00, 0x00, 0x00])
                == .invalidValue("log-level condition \(tag)"))
        let rule: [UInt8] = [0x01, 0x00, 0x00, 0x00, 0x2A, tag, 0x06, 0x00, 0x00, 0x00]
        #expect(decodingError(EventRule.self, rule) == .invalidValue("log-level condition \(tag)"))
    }

    @Test(
        "log-level conditions with a level outside 0 through 14 are refused",
        arguments: [Int32(15), -1, Int32.min, Int32.max])
    func invalidLogLevelConditionLevels(raw: Int32) {
        for tag in [UInt8(1), 2] {
            var writer = WireWriter()
            writer.write(tag)
            writer.write(raw)
            #expect(decodingError(LogLevelCondition.self, writer.bytes) == .invalidValue("log level \(raw)"))
        }
    }

    @Test("a level-less condition with a level after it has a trailing level")
    func anyConditionTakesNoLevel() {
        #expect(decodingError(LogLevelCondition.self, [0x00, 0x06, 0x00, 0x00, 0x00]) == .trailingBytes(4))
    }

    @Test("absurd exclusion counts in a rule are refused", arguments: [UInt32.max, 0x0100_0001])
    func absurdExclusionCounts(count: UInt32) {
        let rule: [UInt8] = [0x01, 0x00, 0x00, 0x00, 0x2A, 0x00] + littleEndian(count)
        #expect(decodingError(EventRule.self, rule)?.isTooLarge == true)
    }

    @Test("an exclusion count larger than the message is truncated")
    func exclusionCountBeyondMessage() {
        let rule: [UInt8] = [0x01, 0x00, 0x00, 0x00, 0x2A, 0x00] + littleEndian(0x00FF_FFFF) + [0x00, 0x01]
        #expect(decodingError(EventRule.self, rule) == .truncated)
    }

    @Test("unknown tracker policy tags are refused", arguments: [UInt8(2), 3, 0x80, 0xFF])
    func unknownTrackerPolicyTags(tag: UInt8) {
        #expect(decodingError(TrackerPolicy.self, [tag]) == .invalidValue("tracker policy \(tag)"))
        #expect(
            decodingError(ProcessAttributeTrackers.self, [0x00, tag, 0x00])
                == .invalidValue("tracker policy \(tag)"))
    }

    @Test(
        "absurd tracker value counts are refused before anything is allocated",
        arguments: [UInt32.max, 0x8000_0000, UInt32(WireReader.maximumCount) + 1])
    func absurdTrackerValueCounts(count: UInt32) {
        #expect(decodingError(TrackerPolicy.self, [0x01] + littleEndian(count))?.isTooLarge == true)
        #expect(
            decodingError(ProcessAttributeTrackers.self, [0x00, 0x00, 0x01] + littleEndian(count))?.isTooLarge
                == true)
    }

    @Test(
        "tracker value counts larger than the message are truncated",
        arguments: [UInt32(WireReader.maximumCount), 0x00FF_FFFF, 2])
    func trackerValueCountsBeyondMessage(count: UInt32) {
        // One value (8 bytes) follows, whatever the count says.
        let bytes: [UInt8] = [0x01] + littleEndian(count) + Array(repeating: 0x00, count: 8)
        #expect(decodingError(TrackerPolicy.self, bytes) == .truncated)
    }

    @Test("session details carry their trackers after their channels")
    func sessionDetailTrackersGoldenBytes() throws {
        var trackers = ProcessAttributeTrackers()
        trackers.virtualProcessIDs = .only([7])
        let detail = SessionDetail(summary: Samples.sessionSummaries[1], channels: [], trackers: trackers)
        let golden: [UInt8] =
            Samples.sessionSummaries[1].wireBytes + [
                0x00, 0x00, 0x00, 0x00,  // no channels
                0x01, 0x01, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // vpid: only 7
                0x00,  // vuid: all
                0x00,  // vgid: all
            ]
        #expect(detail.wireBytes == golden)
        #expect(try SessionDetail.decode(golden) == detail)
        // A detail without its trackers, as an older daemon would send it, is truncated.
        #expect(decodingError(SessionDetail.self, Array(golden.prefix(golden.count - 15))) == .truncated)
    }

    @Test("trailing bytes after a model value are refused")
    func trailingBytesAfterModelValues() {
        expectTrailingBytesRefused(ChannelAttributes(name: "channel0"), extra: 1)
        expectTrailingBytesRefused(Samples.sessionDetails[1], extra: 4)
        expectTrailingBytesRefused(Samples.appTracepoints[1], extra: 2)
    }
}
