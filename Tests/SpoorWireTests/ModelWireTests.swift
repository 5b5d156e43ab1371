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

    @Test("event rules round-trip", arguments: Samples.eventRules)
    func eventRuleRoundTrips(rule: EventRule) {
        expectRoundTrip(rule)
        expectDecodingByteAtATime(rule)
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

    @Test("an event rule is its pattern then its enabled flag")
    func eventRuleGoldenBytes() {
        #expect(
            EventRule(pattern: "a*", isEnabled: false).wireBytes == [
                0x02, 0x00, 0x00, 0x00, 0x61, 0x2A, 0x00,
            ])
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
                0x02, 0x00, 0x00, 0x00, 0x61, 0x2A, 0x00,  // "a*", disabled
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
        arguments: [UInt32(0), 20, 99, UInt32.max])
    func unknownErrorCodesDecodeAsUnknown(raw: UInt32) throws {
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
        #expect(
            decodingError(EventRule.self, [0x00, 0x00, 0x00, 0x00, 0x02]) == .invalidValue("boolean 2"))
        let summary: [UInt8] =
            [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03] + Array(repeating: 0, count: 8)
        #expect(decodingError(SessionSummary.self, summary) == .invalidValue("boolean 3"))
        let info = channel0AttributesGolden + [0x80] + Array(repeating: 0, count: 20)
        #expect(decodingError(ChannelInfo.self, info) == .invalidValue("boolean 128"))
    }

    @Test("trailing bytes after a model value are refused")
    func trailingBytesAfterModelValues() {
        expectTrailingBytesRefused(ChannelAttributes(name: "channel0"), extra: 1)
        expectTrailingBytesRefused(Samples.sessionDetails[1], extra: 4)
        expectTrailingBytesRefused(Samples.appTracepoints[1], extra: 2)
    }
}
