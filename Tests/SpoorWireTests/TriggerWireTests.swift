import SpoorModel
import SpoorTestSupport
import SpoorWire
import Testing

extension Samples {
    static let captureDescriptors: [CaptureDescriptor] = [
        .payloadField("x"), .contextField("vpid"), .applicationContextField(provider: "p", type: "t"),
        .arrayElement(.payloadField("arr"), index: 3),
        .arrayElement(.applicationContextField(provider: "a", type: "b"), index: 0),
    ]

    static let triggerConditions: [TriggerCondition] = [
        .eventRuleMatches(EventRule(pattern: "*"), captures: []),
        .eventRuleMatches(
            EventRule(pattern: "a*", logLevel: .exactly(.info), exclusions: ["ab", "ac*"], filter: "x > 3"),
            captures: captureDescriptors),
        .sessionConsumedSize(session: "s", thresholdBytes: 1 << 30),
        .bufferUsageHigh(session: "s", channel: "c", threshold: .ratio(0.75)),
        .bufferUsageLow(session: "s", channel: "c", threshold: .bytes(4096)),
        .sessionRotationOngoing(session: "s"),
        .sessionRotationCompleted(session: "r"),
    ]

    static let triggerActions: [TriggerAction] = [
        TriggerAction(.notify),
        TriggerAction(.startSession("s"), ratePolicy: .onceAfter(40)),
        TriggerAction(.stopSession("s"), ratePolicy: .every(10)),
        TriggerAction(.rotateSession("s")),
        TriggerAction(.snapshotSession("s", output: nil)),
        TriggerAction(
            .snapshotSession("s", output: SnapshotActionOutput(destination: .path("/x"), name: "n", maximumSize: 4096))),
        TriggerAction(.snapshotSession("s", output: SnapshotActionOutput(destination: .url("net://h")))),
        TriggerAction(
            .snapshotSession(
                "s", output: SnapshotActionOutput(destination: .controlAndData(control: "tcp://h:1", data: "tcp://h:2")))),
    ]

    static let triggers: [Trigger] = triggerConditions.enumerated().map { index, condition in
        Trigger(
            name: "trigger\(index)", ownerUID: UInt32(index * 500), condition: condition,
            actions: Array(triggerActions.prefix(index + 1)))
    }

    static let triggerRequests: [ControlRequest] = [
        .addTrigger(name: nil, ownerUID: nil, condition: triggerConditions[0], actions: [TriggerAction(.notify)]),
        .addTrigger(name: "T1", ownerUID: 1000, condition: triggerConditions[1], actions: triggerActions),
        .addTrigger(name: "B", ownerUID: nil, condition: triggerConditions[3], actions: [triggerActions[1]]),
        .listTriggers,
        .removeTrigger(name: "T1", ownerUID: nil),
        .removeTrigger(name: "T1", ownerUID: 5),
    ]

    static let triggerReplies: [ControlReply] = [
        .triggerAdded(name: "trigger0"),
        .triggers([]),
        .triggers(
            triggers.map {
                TriggerListing(
                    trigger: $0,
                    errors: TriggerErrorCounts(
                        discardedTracerMessages: 2, actionExecutionFailures: $0.actions.indices.map(UInt64.init)))
            }),
        .error(SpoorError(.triggerExists, "T1")),
    ]
}

@Suite("Trigger wire codec")
struct TriggerWireTests {
    @Test(
        "trigger requests have pinned bytes",
        arguments: [
            (ControlRequest.listTriggers, [0x1E]),
            (.removeTrigger(name: "t", ownerUID: nil), [0x1F, 0x01, 0x00, 0x00, 0x00, 0x74, 0x00]),
            (
                .removeTrigger(name: "t", ownerUID: 5),
                [0x1F, 0x01, 0x00, 0x00, 0x00, 0x74, 0x01, 0x05, 0x00, 0x00, 0x00]
            ),
            (
                .addTrigger(
                    name: nil, ownerUID: nil,
                    condition: .eventRuleMatches(
                        EventRule(pattern: "*"), captures: [.arrayElement(.payloadField("a"), index: 2)]),
                    actions: [TriggerAction(.notify, ratePolicy: .every(2))]),
                [
                    0x1D,  // tag 29
                    0x00,  // no name
                    0x00,  // no owner uid
                    0x00,  // event-rule-matches
                    0x01, 0x00, 0x00, 0x00, 0x2A,  // pattern "*"
                    0x00,  // any log level
                    0x00, 0x00, 0x00, 0x00,  // no exclusions
                    0x00,  // no filter
                    0x01,  // enabled
                    0x01, 0x00, 0x00, 0x00,  // one capture
                    0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x61, 0x02, 0x00, 0x00, 0x00,  // a[2]
                    0x01, 0x00, 0x00, 0x00,  // one action
                    0x00,  // notify
                    0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // every:2
                ]
            ),
            (
                .addTrigger(
                    name: "n", ownerUID: 7, condition: .sessionRotationCompleted(session: "s"),
                    actions: [TriggerAction(.startSession("s"), ratePolicy: .onceAfter(1))]),
                [
                    0x1D, 0x01, 0x01, 0x00, 0x00, 0x00, 0x6E, 0x01, 0x07, 0x00, 0x00, 0x00,
                    0x05, 0x01, 0x00, 0x00, 0x00, 0x73,
                    0x01, 0x00, 0x00, 0x00,
                    0x01, 0x01, 0x00, 0x00, 0x00, 0x73,
                    0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                ]
            ),
        ] as [(ControlRequest, [UInt8])])
    func requestGoldenBytes(request: ControlRequest, golden: [UInt8]) throws {
        #expect(request.wireBytes == golden)
        #expect(try ControlRequest.decode(golden) == request)
    }

    @Test("trigger replies and error codes have pinned bytes")
    func replyGoldenBytes() throws {
        let added = ControlReply.triggerAdded(name: "t")
        #expect(added.wireBytes == [0x0F, 0x01, 0x00, 0x00, 0x00, 0x74])
        #expect(ControlReply.triggers([]).wireBytes == [0x10, 0x00, 0x00, 0x00, 0x00])
        let listing = TriggerListing(
            trigger: Trigger(
                name: "t", ownerUID: 0, condition: .bufferUsageHigh(session: "s", channel: "c", threshold: .ratio(0.5)),
                actions: [TriggerAction(.notify)]),
            errors: TriggerErrorCounts(discardedTracerMessages: 1, actionExecutionFailures: [3]))
        let golden: [UInt8] = [
            0x10, 0x01, 0x00, 0x00, 0x00,  // triggers, one
            0x01, 0x00, 0x00, 0x00, 0x74, 0x00, 0x00, 0x00, 0x00,  // "t", uid 0
            0x02, 0x01, 0x00, 0x00, 0x00, 0x73, 0x01, 0x00, 0x00, 0x00, 0x63,  // buffer-usage-high s c
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xE0, 0x3F,  // ratio 0.5
            0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // notify every:1
            0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // 1 discarded
            0x01, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // failures [3]
        ]
        #expect(ControlReply.triggers([listing]).wireBytes == golden)
        #expect(try ControlReply.decode(golden) == .triggers([listing]))
        #expect(ControlReply.error(SpoorError(.triggerExists)).wireBytes == [0x01, 0x22, 0, 0, 0, 0, 0, 0, 0])
        #expect(ControlReply.error(SpoorError(.triggerNotFound)).wireBytes == [0x01, 0x23, 0, 0, 0, 0, 0, 0, 0])
        #expect(ControlReply.error(SpoorError(.invalidTrigger)).wireBytes == [0x01, 0x24, 0, 0, 0, 0, 0, 0, 0])
    }

    @Test("every trigger value round-trips and decodes fed one byte at a time")
    func byteAtATime() {
        for request in Samples.triggerRequests { expectDecodingByteAtATime(request) }
        for reply in Samples.triggerReplies { expectDecodingByteAtATime(reply) }
        for trigger in Samples.triggers {
            expectDecodingByteAtATime(trigger)
            expectTrailingBytesRefused(trigger, extra: 2)
        }
        for descriptor in Samples.captureDescriptors { expectDecodingByteAtATime(descriptor) }
    }

    @Test("hostile values are refused, not trusted")
    func hostileValues() {
        // An array element of an array element.
        #expect(
            decodingError(CaptureDescriptor.self, [0x03, 0x03, 0x00, 0x01, 0, 0, 0, 0x61, 1, 0, 0, 0, 2, 0, 0, 0])?
                .isInvalidValue == true)
        // A ratio above 1, and a NaN.
        #expect(
            decodingError(BufferUsageThreshold.self, [0x00] + (2.0).bitPattern.littleEndianBytes)?.isInvalidValue
                == true)
        #expect(
            decodingError(BufferUsageThreshold.self, [0x00] + Double.nan.bitPattern.littleEndianBytes)?.isInvalidValue
                == true)
        // A rate policy of 0, and an unknown one.
        #expect(decodingError(RatePolicy.self, [0x00, 0, 0, 0, 0, 0, 0, 0, 0])?.isInvalidValue == true)
        #expect(decodingError(RatePolicy.self, [0x02, 1, 0, 0, 0, 0, 0, 0, 0])?.isInvalidValue == true)
        // Unknown condition, action and destination tags.
        #expect(decodingError(TriggerCondition.self, [0x07])?.isInvalidValue == true)
        #expect(decodingError(TriggerAction.self, [0x05])?.isInvalidValue == true)
        #expect(decodingError(SnapshotActionOutput.self, [0x03])?.isInvalidValue == true)
        // A count of failures larger than the message.
        var listing = Samples.triggers[0].wireBytes + [UInt8](repeating: 0, count: 8)
        listing += littleEndian(UInt32(WireReader.maximumCount) + 1)
        #expect(decodingError(TriggerListing.self, listing)?.isTooLarge == true)
        #expect(
            decodingError(
                TriggerListing.self, Samples.triggers[0].wireBytes + [UInt8](repeating: 0, count: 8) + littleEndian(3))
                == .truncated)
    }
}

extension UInt64 {
    fileprivate var littleEndianBytes: [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: self >> (8 * $0)) } }
}

@Suite("Mutation fuzzing of the trigger decoders")
struct TriggerWireFuzzTests {
    @Test("mutated trigger requests never trap the decoder")
    func triggerRequests() {
        let tally = fuzz(ControlRequest.self, seeds: Samples.triggerRequests, iterations: 4000, seed: 29)
        expectEveryOutcome(tally, iterations: 4000)
    }

    @Test("mutated trigger replies never trap the decoder")
    func triggerReplies() {
        let tally = fuzz(ControlReply.self, seeds: Samples.triggerReplies, iterations: 4000, seed: 15)
        expectEveryOutcome(tally, iterations: 4000)
    }

    @Test("mutated triggers never trap the decoder")
    func triggers() {
        let tally = fuzz(Trigger.self, seeds: Samples.triggers, iterations: 4000, seed: 31)
        expectEveryOutcome(tally, iterations: 4000)
    }

    @Test("random byte strings never trap the trigger decoders")
    func randomBytes() {
        var generator = SplitMix64(seed: 36)
        for _ in 0..<2000 {
            let length = Int.random(in: 0...64, using: &generator)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = try? Trigger.decode(bytes)
            _ = try? TriggerListing.decode(bytes)
            _ = try? TriggerCondition.decode(bytes)
            _ = try? TriggerAction.decode(bytes)
            _ = try? CaptureDescriptor.decode(bytes)
        }
    }

    func expectEveryOutcome(_ tally: FuzzTally, iterations: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(tally.decoded + tally.rejected == iterations, sourceLocation: sourceLocation)
        #expect(tally.decoded > 0, "\(tally)", sourceLocation: sourceLocation)
        #expect(tally.truncated > 0, "\(tally)", sourceLocation: sourceLocation)
        #expect(tally.invalidValue > 0, "\(tally)", sourceLocation: sourceLocation)
        #expect(tally.tooLarge > 0, "\(tally)", sourceLocation: sourceLocation)
        #expect(tally.trailingBytes > 0, "\(tally)", sourceLocation: sourceLocation)
    }
}
