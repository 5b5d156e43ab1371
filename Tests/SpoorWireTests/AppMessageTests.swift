import SpoorModel
import SpoorWire
import Testing

@Suite("App messages on the wire")
struct AppMessageWireTests {
    @Test("every app message round-trips", arguments: Samples.appMessages)
    func roundTrips(message: AppMessage) {
        expectRoundTrip(message)
    }

    @Test("every app message decodes when fed one byte at a time", arguments: Samples.appMessages)
    func decodesByteAtATime(message: AppMessage) {
        expectDecodingByteAtATime(message)
    }

    @Test("trailing bytes after an app message are refused", arguments: Samples.appMessages)
    func trailingBytesAreRefused(message: AppMessage) {
        expectTrailingBytesRefused(message, extra: 1)
    }

    @Test("registrations round-trip on their own", arguments: Samples.appRegistrations)
    func registrationRoundTrips(registration: AppRegistration) {
        expectRoundTrip(registration)
        expectDecodingByteAtATime(registration)
    }

    @Test("the samples cover every app message tag")
    func samplesCoverEveryTag() {
        #expect(Set(Samples.appMessages.map { $0.wireBytes[0] }) == Set(0...4))
    }

    @Test("a registration has pinned bytes")
    func registerGoldenBytes() throws {
        let message = AppMessage.register(
            AppRegistration(
                pid: 0x1234, uid: 1000, gid: 100, processName: "app", bitWidth: 64, events: []))
        let golden: [UInt8] = [
            0x00,  // tag
            0x01, 0x00, 0x00, 0x00,  // protocol version 1
            0x34, 0x12, 0x00, 0x00,  // pid
            0xE8, 0x03, 0x00, 0x00,  // uid 1000
            0x64, 0x00, 0x00, 0x00,  // gid 100
            0x03, 0x00, 0x00, 0x00, 0x61, 0x70, 0x70,  // "app"
            0x40,  // 64-bit
            0x00, 0x00, 0x00, 0x00,  // no events
        ]
        #expect(message.wireBytes == golden)
        #expect(try AppMessage.decode(golden) == message)
    }

    @Test("an event declaration has pinned bytes")
    func declareEventsGoldenBytes() throws {
        let message = AppMessage.declareEvents(
            firstIndex: 3,
            events: [
                EventDescriptor(
                    provider: "p", event: "e", logLevel: .debugLine,
                    fields: [
                        FieldDescriptor(
                            name: "n",
                            type: .integer(IntegerType(bitWidth: 32, isSigned: true, base: .hexadecimal)))
                    ])
            ])
        let golden: [UInt8] = [
            0x01,  // tag
            0x03, 0x00, 0x00, 0x00,  // first index
            0x01, 0x00, 0x00, 0x00,  // one event
            0x01, 0x00, 0x00, 0x00, 0x70,  // provider "p"
            0x01, 0x00, 0x00, 0x00, 0x65,  // event "e"
            0x0D, 0x00, 0x00, 0x00,  // TRACE_DEBUG_LINE
            0x01, 0x00, 0x00, 0x00,  // one field
            0x01, 0x00, 0x00, 0x00, 0x6E,  // "n"
            0x00, 0x20, 0x01, 0x10, 0x00,  // integer: 32 bits, signed, hexadecimal, not text
        ]
        #expect(message.wireBytes == golden)
        #expect(try AppMessage.decode(golden) == message)
    }

    @Test("an event notification has pinned bytes")
    func eventNotificationGoldenBytes() throws {
        let message = AppMessage.eventNotification(
            token: 0x0102, captures: [.signed(-1), .string("a"), .unavailable], discardedBefore: 3)
        let golden: [UInt8] = [
            0x03,  // tag
            0x02, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // token 0x0102
            0x03, 0x00, 0x00, 0x00,  // three captured values
            0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,  // signed -1
            0x03, 0x01, 0x00, 0x00, 0x00, 0x61,  // string "a"
            0x05,  // unavailable
            0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // three dropped before
        ]
        #expect(message.wireBytes == golden)
        #expect(try AppMessage.decode(golden) == message)
    }

    @Test("captured doubles travel as their bits", arguments: [2.5, -0.0, .infinity, .greatestFiniteMagnitude])
    func capturedDoubles(value: Double) throws {
        let message = AppMessage.eventNotification(token: 1, captures: [.floatingPoint(value)])
        let bits = (0..<8).map { UInt8(truncatingIfNeeded: value.bitPattern >> ($0 * 8)) }
        // After the tag, token and count: the value's tag and bits, then no drops.
        #expect(Array(message.wireBytes[13...]) == [0x02] + bits + Array(repeating: 0, count: 8))
        #expect(try AppMessage.decode(message.wireBytes) == message)
        expectDecodingByteAtATime(message)
    }

    @Test("an event notification with more values than its bytes hold is refused")
    func absurdCaptureCounts() {
        let header: [UInt8] = [0x03] + Array(repeating: 0, count: 8)
        #expect(decodingError(AppMessage.self, header + littleEndian(UInt32.max))?.isTooLarge == true)
        #expect(decodingError(AppMessage.self, header + littleEndian(1000) + [0x05]) == .truncated)
        #expect(decodingError(AppMessage.self, header + littleEndian(1) + [0x09]) == .invalidValue("captured value 9"))
    }

    @Test("a report of discarded notifications has pinned bytes")
    func notificationsDiscardedGoldenBytes() throws {
        let message = AppMessage.notificationsDiscarded(token: 2, count: 0x0100)
        let golden: [UInt8] = [0x04, 2, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x01, 0, 0, 0, 0, 0, 0]
        #expect(message.wireBytes == golden)
        #expect(try AppMessage.decode(golden) == message)
    }

    @Test("unknown app message tags are refused", arguments: [UInt8(5), 6, 0xFF])
    func unknownTags(tag: UInt8) {
        #expect(decodingError(AppMessage.self, [tag]) == .invalidValue("app message \(tag)"))
    }

    @Test("invalid field types in a declaration are refused")
    func invalidFieldTypesInDeclaration() {
        let prefix: [UInt8] = [
            0x01, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0D, 0x00, 0x00, 0x00,
            0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        ]
        #expect(decodingError(AppMessage.self, prefix + [0x03]) == nil)
        #expect(decodingError(AppMessage.self, prefix + [0x09]) == .invalidValue("field type 9"))
        #expect(
            decodingError(AppMessage.self, prefix + [0x00, 0x0C, 0x00, 0x0A, 0x00])
                == .invalidValue("integer width 12"))
    }

    @Test("absurd event counts are refused")
    func absurdEventCounts() {
        #expect(
            decodingError(AppMessage.self, [0x01, 0x00, 0x00, 0x00, 0x00] + littleEndian(UInt32.max))?
                .isTooLarge == true)
        #expect(
            decodingError(AppMessage.self, [0x01, 0x00, 0x00, 0x00, 0x00] + littleEndian(0x00FF_FFFF))
                == .truncated)
        // pid, uid, gid, an empty process name and a zero bit width, then the event count.
        let register: [UInt8] =
            [0x00, 0x01, 0x00, 0x00, 0x00] + Array(repeating: 0, count: 17) + littleEndian(UInt32.max)
        #expect(decodingError(AppMessage.self, register) == .tooLarge("array"))
    }
}

@Suite("Daemon messages on the wire")
struct DaemonMessageWireTests {
    @Test("every daemon message round-trips", arguments: Samples.daemonMessages)
    func roundTrips(message: DaemonMessage) {
        expectRoundTrip(message)
    }

    @Test(
        "every daemon message decodes when fed one byte at a time", arguments: Samples.daemonMessages)
    func decodesByteAtATime(message: DaemonMessage) {
        expectDecodingByteAtATime(message)
    }

    @Test("trailing bytes after a daemon message are refused", arguments: Samples.daemonMessages)
    func trailingBytesAreRefused(message: DaemonMessage) {
        expectTrailingBytesRefused(message, extra: 1)
    }

    @Test("event targets and destinations round-trip on their own")
    func destinationsRoundTrip() {
        for target in Samples.eventTargets {
            expectRoundTrip(target)
            expectDecodingByteAtATime(target)
        }
        for destinations in Samples.eventDestinations {
            expectRoundTrip(destinations)
            expectDecodingByteAtATime(destinations)
        }
    }

    @Test("the samples cover every daemon message tag")
    func samplesCoverEveryTag() {
        #expect(Set(Samples.daemonMessages.map { $0.wireBytes[0] }) == Set(0...7))
    }

    @Test(
        "each daemon message has pinned bytes",
        arguments: [
            (
                DaemonMessage.addStream(channelKey: 0x0102_0304_0506_0708, cpu: 3, streamCount: 4),
                [
                    0x00,  // tag
                    0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,  // channel key
                    0x03, 0x00, 0x00, 0x00,  // CPU
                    0x04, 0x00, 0x00, 0x00,  // stream count
                ]
            ),
            (.removeChannel(channelKey: 7), [0x01, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]),
            (
                .setDestinations([
                    EventDestinations(eventIndex: 2, targets: [EventTarget(channelKey: 1, eventID: 5)]),
                    EventDestinations(eventIndex: 3, targets: []),
                ]),
                [
                    0x02,  // tag
                    0x02, 0x00, 0x00, 0x00,  // two events
                    0x02, 0x00, 0x00, 0x00,  // event index 2
                    0x01, 0x00, 0x00, 0x00,  // one target
                    0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // channel key 1
                    0x05, 0x00, 0x00, 0x00,  // event ID 5
                    0x00, 0x00, 0x00, 0x00,  // no filters
                    0x03, 0x00, 0x00, 0x00,  // event index 3
                    0x00, 0x00, 0x00, 0x00,  // no targets
                ]
            ),
            (.registrationDone, [0x03]),
            (
                .setChannelContexts(channelKey: 9, contexts: [ContextType.vpid.code, ContextType.procname.code]),
                [
                    0x04,  // tag
                    0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // channel key 9
                    0x02, 0x00, 0x00, 0x00,  // two contexts
                    0x00,  // vpid
                    0x02,  // procname
                    0x00, 0x00, 0x00, 0x00,  // no application contexts
                ]
            ),
            (
                .setChannelContexts(channelKey: 1, contexts: [], namedContexts: ["$app.p:t"]),
                [
                    0x04,  // tag
                    0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // channel key 1
                    0x00, 0x00, 0x00, 0x00,  // no contexts
                    0x01, 0x00, 0x00, 0x00,  // one application context
                    0x08, 0x00, 0x00, 0x00,  // 8 bytes
                ] + Array("$app.p:t".utf8)
            ),
            (
                .statedump(channelKeys: [3, 0x0102]),
                [
                    0x06,  // tag
                    0x02, 0x00, 0x00, 0x00,  // two channels
                    0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // channel key 3
                    0x02, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // channel key 0x0102
                ]
            ),
        ] as [(DaemonMessage, [UInt8])])
    func goldenBytes(message: DaemonMessage, golden: [UInt8]) throws {
        #expect(message.wireBytes == golden)
        #expect(try DaemonMessage.decode(golden) == message)
    }

    @Test("context codes this version does not know are refused", arguments: [UInt8(20), 21, 0xFF])
    func unknownContextCodes(code: UInt8) {
        #expect(ContextType(code: code) == nil, "\(code) is a known context: pick another")
        let message: [UInt8] = [0x04] + Array(repeating: 0, count: 8) + littleEndian(2) + [0x00, code] + littleEndian(0)
        #expect(decodingError(DaemonMessage.self, message) == .invalidValue("context code"))
    }

    @Test("a state dump request with more channel keys than its bytes hold is refused")
    func absurdStatedumpCounts() {
        #expect(decodingError(DaemonMessage.self, [0x06] + littleEndian(UInt32.max))?.isTooLarge == true)
        #expect(decodingError(DaemonMessage.self, [0x06] + littleEndian(2) + Array(repeating: 0, count: 15)) == .truncated)
    }

    @Test("absurd context counts are refused, and counts beyond the message truncated")
    func absurdContextCounts() {
        let header: [UInt8] = [0x04] + Array(repeating: 0, count: 8)
        #expect(decodingError(DaemonMessage.self, header + littleEndian(UInt32.max))?.isTooLarge == true)
        #expect(decodingError(DaemonMessage.self, header + littleEndian(3) + [0x00, 0x01]) == .truncated)
    }

    @Test("notifiers round-trip on their own")
    func notifiersRoundTrip() {
        for notifiers in Samples.eventNotifiers {
            expectRoundTrip(notifiers)
            expectDecodingByteAtATime(notifiers)
            for notifier in notifiers.notifiers { expectRoundTrip(notifier) }
        }
    }

    @Test("a notifier list has pinned bytes")
    func setNotifiersGoldenBytes() throws {
        let message = DaemonMessage.setNotifiers([
            EventNotifiers(
                eventIndex: 2,
                notifiers: [
                    EventNotifier(
                        token: 5, filter: [0xAA],
                        captures: [.contextField("vpid"), .arrayElement(.payloadField("t"), index: 1)])
                ])
        ])
        let golden: [UInt8] = [
            0x07,  // tag
            0x01, 0x00, 0x00, 0x00,  // one event
            0x02, 0x00, 0x00, 0x00,  // event index 2
            0x01, 0x00, 0x00, 0x00,  // one notifier
            0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // token 5
            0x01, 0x00, 0x00, 0x00, 0xAA,  // one byte of filter bytecode
            0x02, 0x00, 0x00, 0x00,  // two captures
            0x01, 0x04, 0x00, 0x00, 0x00, 0x76, 0x70, 0x69, 0x64,  // $ctx.vpid
            0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x74, 0x01, 0x00, 0x00, 0x00,  // t[1]
        ]
        #expect(message.wireBytes == golden)
        #expect(try DaemonMessage.decode(golden) == message)
    }

    @Test("notifiers with captures add-trigger refuses, or absurd counts, are refused")
    func hostileNotifiers() {
        // One event (index 0), one notifier, token 0.
        let header: [UInt8] =
            [0x07] + littleEndian(1) + littleEndian(0) + littleEndian(1) + Array(repeating: 0, count: 8)
        // A payload field with a dot: a subfield, which captures do not support.
        let subfield: [UInt8] =
            header + littleEndian(0) + littleEndian(1) + [0x00] + littleEndian(3) + Array("a.b".utf8)
        #expect(decodingError(DaemonMessage.self, subfield) == .invalidValue("capture descriptor"))
        #expect(decodingError(DaemonMessage.self, [0x07] + littleEndian(UInt32.max))?.isTooLarge == true)
        #expect(decodingError(DaemonMessage.self, header + littleEndian(0xFFFF_FFF0))?.isTooLarge == true)
        #expect(decodingError(DaemonMessage.self, header + littleEndian(0) + littleEndian(500)) == .truncated)
    }

    @Test("unknown daemon message tags are refused", arguments: [UInt8(8), 9, 0xFF])
    func unknownTags(tag: UInt8) {
        #expect(decodingError(DaemonMessage.self, [tag]) == .invalidValue("daemon message \(tag)"))
    }

    @Test("absurd destination and target counts are refused")
    func absurdCounts() {
        #expect(
            decodingError(DaemonMessage.self, [0x02] + littleEndian(UInt32.max))?.isTooLarge == true)
        let targets: [UInt8] = [0x02] + littleEndian(1) + littleEndian(0) + littleEndian(0xFFFF_FFF0)
        #expect(decodingError(DaemonMessage.self, targets)?.isTooLarge == true)
        let lying: [UInt8] = [0x02] + littleEndian(1) + littleEndian(0) + littleEndian(1000)
        #expect(decodingError(DaemonMessage.self, lying) == .truncated)
    }
}

@Suite("Synchronization messages")
struct SynchronizationMessageTests {
    @Test("acknowledge and synchronize have pinned bytes: a tag, then the token little-endian")
    func goldenBytes() throws {
        #expect(AppMessage.acknowledge(token: 0x0102_0304_0506_0708).wireBytes == [2, 8, 7, 6, 5, 4, 3, 2, 1])
        #expect(DaemonMessage.synchronize(token: 1).wireBytes == [5, 1, 0, 0, 0, 0, 0, 0, 0])
        #expect(try AppMessage.decode([2, 1, 0, 0, 0, 0, 0, 0, 0]) == .acknowledge(token: 1))
        #expect(throws: WireError.truncated) { try DaemonMessage.decode([5, 1, 0, 0]) }
    }
}
