import SpoorModel
import Testing

@Suite("Trigger model")
struct TriggerModelTests {
    static let notify = [TriggerAction(.notify)]
    static let anyEvent = TriggerCondition.eventRuleMatches(EventRule(pattern: "*"), captures: [])

    // MARK: Capture descriptors

    @Test(
        "capture descriptors parse as lttng-add-trigger(1) writes them",
        arguments: [
            ("x", CaptureDescriptor.payloadField("x")),
            (" my_field ", .payloadField("my_field")),
            ("$ctx.vpid", .contextField("vpid")),
            ("$ctx.perf:cpu:stalled-cycles-frontend", .contextField("perf:cpu:stalled-cycles-frontend")),
            ("$app.server:cur_user", .applicationContextField(provider: "server", type: "cur_user")),
            ("ip[3]", .arrayElement(.payloadField("ip"), index: 3)),
            ("$app.p:t[2]", .arrayElement(.applicationContextField(provider: "p", type: "t"), index: 2)),
            ("$ctx.x[ 0 ]", .arrayElement(.contextField("x"), index: 0)),
        ] as [(String, CaptureDescriptor)])
    func captureParsing(text: String, expected: CaptureDescriptor) throws {
        let descriptor = try CaptureDescriptor(parsing: text)
        #expect(descriptor == expected)
        // What list-triggers prints parses back to the same descriptor.
        #expect(try CaptureDescriptor(parsing: descriptor.description) == descriptor)
    }

    @Test(
        "malformed capture descriptors are refused",
        arguments: [
            "", "x[", "x]", "x[-1]", "x[a]", "x[]", "a[1][2]", "$ctx.", "$foo.x", "x + 1", "1x", "a.b",
            "$app.a", "$app.:t", "$app.p:", "[3]", "$ctx.a b",
        ])
    func malformedCaptures(text: String) {
        #expect(throws: TriggerValidationError.self) { try CaptureDescriptor(parsing: text) }
    }

    @Test("a subfield capture says subfields are not supported")
    func subfieldCapture() {
        #expect(CaptureDescriptor.payloadField("a.b").problem == "capturing subfields is not supported")
    }

    // MARK: Rate policies

    @Test("every:N runs on every N-th request, once-after:N on the N-th only")
    func ratePolicies() {
        let every3 = (1...9).filter { RatePolicy.every(3).allowsExecution(atRequest: UInt64($0)) }
        #expect(every3 == [3, 6, 9])
        let onceAfter4 = (1...9).filter { RatePolicy.onceAfter(4).allowsExecution(atRequest: UInt64($0)) }
        #expect(onceAfter4 == [4])
        #expect((1...5).allSatisfy { RatePolicy.default.allowsExecution(atRequest: UInt64($0)) })
        #expect(!RatePolicy.every(0).allowsExecution(atRequest: 0))
    }

    // MARK: Validation

    @Test("a valid trigger of every condition and action passes validation")
    func validTriggers() throws {
        let conditions: [TriggerCondition] = [
            Self.anyEvent,
            .eventRuleMatches(
                EventRule(pattern: "a*", logLevel: .atLeastAsSevereAs(.warning), exclusions: ["ab"], filter: "x > 1"),
                captures: [.payloadField("x"), .arrayElement(.contextField("vpid"), index: 1)]),
            .sessionConsumedSize(session: "s", thresholdBytes: 1 << 20),
            .bufferUsageHigh(session: "s", channel: "c", threshold: .ratio(0.75)),
            .bufferUsageLow(session: "s", channel: "c", threshold: .bytes(4096)),
            .sessionRotationOngoing(session: "s"),
            .sessionRotationCompleted(session: "s"),
        ]
        let actions: [TriggerAction] = [
            TriggerAction(.notify, ratePolicy: .every(10)),
            TriggerAction(.startSession("s"), ratePolicy: .onceAfter(40)),
            TriggerAction(.stopSession("s")),
            TriggerAction(.rotateSession("s")),
            TriggerAction(.snapshotSession("s", output: nil)),
            TriggerAction(
                .snapshotSession(
                    "s", output: SnapshotActionOutput(destination: .path("/tmp/x"), name: "n", maximumSize: 4096))),
            TriggerAction(.snapshotSession("s", output: SnapshotActionOutput(destination: .url("net://localhost")))),
            TriggerAction(.snapshotSession("s", output: SnapshotActionOutput(destination: .url("file:///tmp/y")))),
            TriggerAction(
                .snapshotSession(
                    "s",
                    output: SnapshotActionOutput(destination: .controlAndData(control: "tcp://h:5342", data: "tcp://h:5343")))
            ),
        ]
        for condition in conditions {
            try Trigger(name: "t", ownerUID: 0, condition: condition, actions: actions).validate()
        }
    }

    @Test(
        "invalid triggers are refused with a reason",
        arguments: [
            (Trigger(name: "", ownerUID: 0, condition: anyEvent, actions: notify), "a trigger name cannot be empty"),
            (
                Trigger(name: "a\nb", ownerUID: 0, condition: anyEvent, actions: notify),
                "a trigger name cannot hold control characters"
            ),
            (Trigger(name: "t", ownerUID: 0, condition: anyEvent, actions: []), "a trigger needs at least one action"),
            (
                Trigger(
                    name: "t", ownerUID: 0, condition: anyEvent,
                    actions: [TriggerAction(.notify, ratePolicy: .every(0))]),
                "the count of a rate policy must be above 0"
            ),
            (
                Trigger(name: "t", ownerUID: 0, condition: anyEvent, actions: [TriggerAction(.startSession("a/b"))]),
                "Invalid character found in session name"
            ),
            (
                Trigger(
                    name: "t", ownerUID: 0, condition: .eventRuleMatches(EventRule(pattern: ""), captures: []),
                    actions: notify), "the event rule's name pattern is empty"
            ),
            (
                Trigger(
                    name: "t", ownerUID: 0,
                    condition: .eventRuleMatches(EventRule(pattern: "*", isEnabled: false), captures: []),
                    actions: notify), "the event rule of a trigger cannot be disabled"
            ),
            (
                Trigger(
                    name: "t", ownerUID: 0,
                    condition: .bufferUsageHigh(session: "s", channel: "c", threshold: .ratio(1.5)), actions: notify),
                "the buffer usage ratio must be between 0 and 1"
            ),
            (
                Trigger(
                    name: "t", ownerUID: 0, condition: .bufferUsageLow(session: "s", channel: "", threshold: .bytes(1)),
                    actions: notify), "Channel name cannot be empty"
            ),
            (
                Trigger(
                    name: "t", ownerUID: 0, condition: .sessionRotationOngoing(session: ""), actions: notify),
                "Session name cannot be empty"
            ),
            (
                Trigger(
                    name: "t", ownerUID: 0,
                    condition: .eventRuleMatches(EventRule(pattern: "*"), captures: [.payloadField("1x")]),
                    actions: notify), "invalid capture descriptor `1x`: invalid field name `1x`"
            ),
            (
                Trigger(
                    name: "t", ownerUID: 0, condition: anyEvent,
                    actions: [TriggerAction(.snapshotSession("s", output: SnapshotActionOutput(destination: .path("rel"))))]),
                "the snapshot path must be absolute: rel"
            ),
            (
                Trigger(
                    name: "t", ownerUID: 0, condition: anyEvent,
                    actions: [TriggerAction(.snapshotSession("s", output: SnapshotActionOutput(destination: .url("bogus"))))]),
                "unsupported snapshot URL: bogus"
            ),
        ] as [(Trigger, String)])
    func invalidTriggers(trigger: Trigger, reason: String) {
        #expect(throws: TriggerValidationError.self) { try trigger.validate() }
        do {
            try trigger.validate()
        } catch {
            #expect(error.description == reason)
        }
    }

    @Test("condition names are lttng's")
    func conditionNames() {
        #expect(Self.anyEvent.typeName == "event rule matches")
        #expect(
            TriggerCondition.sessionConsumedSize(session: "s", thresholdBytes: 1).typeName == "session consumed size")
        #expect(
            TriggerCondition.bufferUsageHigh(session: "s", channel: "c", threshold: .bytes(1)).typeName
                == "buffer usage high")
        #expect(
            TriggerCondition.bufferUsageLow(session: "s", channel: "c", threshold: .bytes(1)).typeName
                == "buffer usage low")
        #expect(TriggerCondition.sessionRotationOngoing(session: "s").typeName == "session rotation ongoing")
        #expect(TriggerCondition.sessionRotationCompleted(session: "s").typeName == "session rotation completed")
    }
}

@Suite("Trigger registry")
struct TriggerRegistryTests {
    static let condition = TriggerCondition.eventRuleMatches(EventRule(pattern: "*"), captures: [])
    static let notify = [TriggerAction(.notify)]

    func add(_ registry: inout TriggerRegistry, _ name: String?, owner: UInt32? = nil, client: UInt32)
        throws(SpoorError)
        -> String
    {
        try registry.add(
            name: name, ownerUID: owner, condition: Self.condition, actions: Self.notify, clientUID: client
        ).name
    }

    @Test("generated names count up from trigger0 and skip names the user already has")
    func generatedNames() throws {
        var registry = TriggerRegistry()
        #expect(try add(&registry, nil, client: 1000) == "trigger0")
        #expect(try add(&registry, "trigger1", client: 1000) == "trigger1")
        #expect(try add(&registry, nil, client: 1000) == "trigger2")
        #expect(try add(&registry, nil, client: 1000) == "trigger3")
        // Removing a trigger does not make the counter go back, as in LTTng.
        _ = try registry.remove(name: "trigger3", ownerUID: nil, clientUID: 1000)
        #expect(try add(&registry, nil, client: 1000) == "trigger4")
    }

    @Test("the name counter is the daemon's, and skips only the names the owner has (as lttng 2.13.9 does)")
    func generatedNamesAcrossUsers() throws {
        var registry = TriggerRegistry()
        #expect(try add(&registry, nil, client: 0) == "trigger0")
        #expect(try add(&registry, nil, owner: 65534, client: 0) == "trigger1")
        #expect(try add(&registry, "trigger2", owner: 65534, client: 0) == "trigger2")
        #expect(try add(&registry, nil, client: 0) == "trigger2")
        #expect(try add(&registry, nil, owner: 65534, client: 0) == "trigger3")
        #expect(try add(&registry, nil, client: 0) == "trigger4")
        #expect(registry.visible(to: 0).map { "\($0.name)/\($0.ownerUID)" } == [
            "trigger0/0", "trigger1/65534", "trigger2/0", "trigger2/65534", "trigger3/65534", "trigger4/0",
        ])
    }

    @Test("names are unique per user, not per daemon")
    func namesArePerUser() throws {
        var registry = TriggerRegistry()
        _ = try add(&registry, "t", client: 1000)
        #expect(throws: SpoorError(.triggerExists, "t")) { try add(&registry, "t", client: 1000) }
        #expect(try add(&registry, "t", client: 1001) == "t")
        #expect(registry.triggers.count == 2)
    }

    @Test("only root may add or remove a trigger for another user")
    func ownerUIDIsForRoot() throws {
        var registry = TriggerRegistry()
        #expect(throws: SpoorError.self) { try add(&registry, "t", owner: 5, client: 1000) }
        do {
            _ = try add(&registry, "t", owner: 5, client: 1000)
        } catch {
            #expect(error.code == .permissionDenied)
        }
        #expect(registry.triggers.isEmpty)
        // A user naming itself is fine.
        #expect(try add(&registry, "mine", owner: 1000, client: 1000) == "mine")
        #expect(try add(&registry, "theirs", owner: 5, client: 0) == "theirs")
        #expect(registry.triggers.last?.ownerUID == 5)
        #expect(throws: SpoorError.self) { try registry.remove(name: "theirs", ownerUID: 5, clientUID: 1000) }
        #expect(throws: SpoorError(.triggerNotFound, "theirs")) {
            try registry.remove(name: "theirs", ownerUID: nil, clientUID: 0)
        }
        #expect(try registry.remove(name: "theirs", ownerUID: 5, clientUID: 0).ownerUID == 5)
    }

    @Test("users see their own triggers, root sees everyone's, ordered by name bytes")
    func visibility() throws {
        var registry = TriggerRegistry()
        for name in ["b", "trigger10", "a", "trigger2", "B"] { _ = try add(&registry, name, client: 1000) }
        _ = try add(&registry, "a", client: 1001)
        #expect(registry.visible(to: 1000).map(\.name) == ["B", "a", "b", "trigger10", "trigger2"])
        #expect(registry.visible(to: 1001).map(\.name) == ["a"])
        #expect(
            registry.visible(to: 0).map { "\($0.name)/\($0.ownerUID)" } == [
                "B/1000", "a/1000", "a/1001", "b/1000", "trigger10/1000", "trigger2/1000",
            ])
    }

    @Test("an invalid trigger is refused and takes no generated name")
    func invalidTriggerIsRefused() throws {
        var registry = TriggerRegistry()
        #expect(throws: SpoorError(.invalidTrigger, "a trigger needs at least one action")) {
            try registry.add(name: nil, ownerUID: nil, condition: Self.condition, actions: [], clientUID: 0)
        }
        #expect(try add(&registry, nil, client: 0) == "trigger0")
    }
}
