import SpoorModel
import SpoorWire
import Testing

@testable import SpoorCLI

extension TriggerCommandTests {
    // MARK: list-triggers

    static let transcriptListings: [TriggerListing] = {
        func listing(_ name: String, owner: UInt32 = 0, _ condition: TriggerCondition, _ actions: [TriggerAction])
            -> TriggerListing
        {
            TriggerListing(
                trigger: Trigger(name: name, ownerUID: owner, condition: condition, actions: actions),
                errors: TriggerErrorCounts(actionExecutionFailures: actions.map { _ in 0 }))
        }
        let notify = [TriggerAction(.notify)]
        return [
            listing(
                "T1",
                .eventRuleMatches(
                    EventRule(
                        pattern: "a*", logLevel: .atLeastAsSevereAs(.warning), exclusions: ["ab", "ac*"],
                        filter: "x > 3"),
                    captures: [
                        .payloadField("x"), .contextField("vpid"),
                        .applicationContextField(provider: "prov", type: "ctx"),
                        .arrayElement(.payloadField("arr"), index: 3),
                    ]),
                [
                    TriggerAction(.notify, ratePolicy: .every(10)),
                    TriggerAction(.startSession("s1"), ratePolicy: .onceAfter(40)), TriggerAction(.stopSession("s2")),
                    TriggerAction(.rotateSession("s3")), TriggerAction(.snapshotSession("s4", output: nil)),
                ]),
            listing("T2", .eventRuleMatches(EventRule(pattern: "*", logLevel: .exactly(.info)), captures: []), notify),
            listing("T3", anyEvent, notify),
            listing("T5", owner: 1000, anyEvent, notify),
            listing("trigger0", .eventRuleMatches(EventRule(pattern: "my_app:*"), captures: []), notify),
        ]
    }()

    @Test("list-triggers prints lttng 2.13's layout byte for byte")
    func listMatchesLTTng() {
        let harness = SpoorHarness()
        harness.daemon.answer = { _ in .triggers(Self.transcriptListings) }
        let run = harness.run("list-triggers")
        #expect(run.status == .success)
        #expect(run.standardOutput == LTTngTriggerTranscripts.listing)
        #expect(harness.daemon.requests == [.listTriggers])
    }

    @Test("list-triggers with no trigger prints nothing")
    func listEmpty() {
        let harness = SpoorHarness()
        harness.daemon.answer = { _ in .triggers([]) }
        let run = harness.run("list-triggers")
        #expect(run.status == .success)
        #expect(run.combined.isEmpty)
    }

    @Test("action, rule and capture lines match lttng's")
    func actionAndRuleLines() throws {
        let outputs: [SnapshotActionOutput] = [
            SnapshotActionOutput(destination: .path("/tmp/x")),
            SnapshotActionOutput(destination: .url("file:///tmp/y"), name: "out", maximumSize: 1_048_576),
            SnapshotActionOutput(destination: .url("net://localhost")),
            SnapshotActionOutput(destination: .controlAndData(control: "tcp://localhost:5342", data: "tcp://localhost:5343")),
            SnapshotActionOutput(destination: .path("/x"), maximumSize: 4096),
        ]
        let snapshotLines = outputs.map {
            "    " + TriggerListFormatter.description(of: TriggerAction(.snapshotSession("s", output: $0)))
        }
        #expect(snapshotLines.joined(separator: "\n") == LTTngTriggerTranscripts.snapshotOutputs)
        let ruleLines = [
            "    rule: " + TriggerListFormatter.ruleText(EventRule(pattern: "*", logLevel: .exactly(.emergency))),
            "    rule: " + TriggerListFormatter.ruleText(EventRule(pattern: "*", logLevel: .exactly(.debugLine))),
            "    rule: " + TriggerListFormatter.ruleText(EventRule(pattern: "*", exclusions: ["x"])),
            "    captures:", "      - " + (try CaptureDescriptor(parsing: " x ")).description,
        ]
        #expect(ruleLines.joined(separator: "\n") == LTTngTriggerTranscripts.ruleLines)
    }

    @Test("error counters above zero are listed by name, as lttng lists them")
    func errorCounters() {
        let listing = TriggerListing(
            trigger: Trigger(
                name: "t", ownerUID: 0, condition: Self.anyEvent,
                actions: [TriggerAction(.notify), TriggerAction(.stopSession("s"))]),
            errors: TriggerErrorCounts(discardedTracerMessages: 3, actionExecutionFailures: [0, 2]))
        #expect(
            TriggerListFormatter.lines(for: listing) == [
                "- name: t", "  owner uid: 0", "  condition: event rule matches", "    rule: * (type: user tracepoint)",
                "    errors:", "      discarded tracer messages: 3", "  actions:", "    notify", "      errors: none",
                "    stop session `s`", "      errors:", "        total execution failures: 2", "  errors: none",
            ])
    }

    @Test("Spoor's conditions are listed with lttng's words for them")
    func spoorConditionLines() {
        func lines(_ condition: TriggerCondition) -> [String] {
            let listing = TriggerListing(
                trigger: Trigger(name: "t", ownerUID: 0, condition: condition, actions: [TriggerAction(.notify)]),
                errors: TriggerErrorCounts(actionExecutionFailures: [0]))
            return Array(TriggerListFormatter.lines(for: listing).dropFirst(2).dropLast(4))
        }
        #expect(
            lines(.sessionConsumedSize(session: "s", thresholdBytes: 100)) == [
                "  condition: session consumed size", "    session name: s", "    threshold: 100 bytes",
            ])
        #expect(
            lines(.bufferUsageHigh(session: "s", channel: "c", threshold: .ratio(0.755))) == [
                "  condition: buffer usage high", "    session name: s", "    channel name: c", "    domain: ust",
                "    threshold (ratio): 0.76",
            ])
        #expect(
            lines(.bufferUsageLow(session: "s", channel: "c", threshold: .bytes(4096))) == [
                "  condition: buffer usage low", "    session name: s", "    channel name: c", "    domain: ust",
                "    threshold (bytes): 4096",
            ])
        #expect(
            lines(.sessionRotationOngoing(session: "s")) == [
                "  condition: session rotation ongoing", "    session name: s",
            ])
        #expect(
            lines(.sessionRotationCompleted(session: "s")) == [
                "  condition: session rotation completed", "    session name: s",
            ])
    }

    @Test("list-triggers refuses an argument")
    func listExtraArgument() {
        let harness = SpoorHarness()
        let run = harness.run("list-triggers", "extra")
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: Unexpected argument: extra\n")
        #expect(harness.daemon.requests.isEmpty)
    }

    // MARK: remove-trigger

    @Test("remove-trigger removes by name, for another user with --owner-uid")
    func remove() {
        let harness = SpoorHarness()
        #expect(harness.run("remove-trigger", "T2").standardOutput == "Removed trigger `T2`.\n")
        #expect(harness.run("remove-trigger", "--owner-uid", "5", "T3").status == .success)
        #expect(harness.run("remove-trigger", "T4", "--owner-uid=0").status == .success)
        #expect(
            harness.daemon.requests == [
                .removeTrigger(name: "T2", ownerUID: nil), .removeTrigger(name: "T3", ownerUID: 5),
                .removeTrigger(name: "T4", ownerUID: 0),
            ])
    }

    @Test(
        "remove-trigger's mistakes have lttng's messages",
        arguments: [
            (["remove-trigger"], "Error: Missing `name` argument.\n"),
            (["remove-trigger", "a", "b"], "Error: Unexpected argument 'b'\n"),
            (["remove-trigger", "--owner-uid=x", "a"], "Error: Failed to parse `x` as an integer.\n"),
        ])
    func removeMistakes(arguments: [String], error: String) {
        let harness = SpoorHarness()
        let run = harness.run(arguments)
        #expect(run.status == .commandError)
        #expect(run.standardError == error)
        #expect(harness.daemon.requests.isEmpty)
    }

    @Test("remove-trigger of a trigger that does not exist")
    func removeMissing() {
        let harness = SpoorHarness()
        harness.daemon.answer = { _ throws(SpoorError) in throw SpoorError(.triggerNotFound, "nope") }
        let run = harness.run("remove-trigger", "nope")
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: Couldn't find trigger with name `nope`.\n")
    }
}
