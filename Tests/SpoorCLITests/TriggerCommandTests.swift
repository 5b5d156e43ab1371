import SpoorModel
import SpoorWire
import Testing

@testable import SpoorCLI

@Suite("add-trigger, list-triggers and remove-trigger")
struct TriggerCommandTests {
    static let userEvents = ["--condition=event-rule-matches", "--type=user"]
    static let anyEvent = TriggerCondition.eventRuleMatches(EventRule(pattern: "*"), captures: [])

    /// Runs `add-trigger ARGUMENTS` against a daemon that accepts it, and returns the request sent.
    func addTrigger(_ arguments: [String]) -> (run: SpoorRun, request: ControlRequest?) {
        let harness = SpoorHarness()
        harness.daemon.answer = { request in
            if case .addTrigger(let name, _, _, _) = request { return .triggerAdded(name: name ?? "trigger0") }
            return .ok
        }
        let run = harness.run(["add-trigger"] + arguments)
        return (run, harness.daemon.requests.first)
    }

    func expectAdded(
        _ arguments: [String], name: String? = nil, ownerUID: UInt32? = nil, condition: TriggerCondition,
        actions: [TriggerAction], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let (run, request) = addTrigger(arguments)
        #expect(run.status == .success, "\(run.standardError)", sourceLocation: sourceLocation)
        #expect(
            request == .addTrigger(name: name, ownerUID: ownerUID, condition: condition, actions: actions),
            sourceLocation: sourceLocation)
        #expect(run.standardOutput == "Added trigger `\(name ?? "trigger0")`.\n", sourceLocation: sourceLocation)
    }

    // MARK: Conditions

    @Test("an event-rule-matches condition takes every event rule option, in any order")
    func eventRuleMatches() {
        expectAdded(
            [
                "--name=T1", "--condition=event-rule-matches", "--capture=x", "--type=user", "--name=a*",
                "--exclude-name=ab", "--exclude-name", "ac*", "--log-level=TRACE_WARNING..", "--filter", "x > 3",
                "--capture=$ctx.vpid", "--capture=$app.prov:ctx", "--capture=arr[3]", "--action=notify",
            ],
            name: "T1",
            condition: .eventRuleMatches(
                EventRule(
                    pattern: "a*", logLevel: .atLeastAsSevereAs(.warning), exclusions: ["ab", "ac*"], filter: "x > 3"),
                captures: [
                    .payloadField("x"), .contextField("vpid"), .applicationContextField(provider: "prov", type: "ctx"),
                    .arrayElement(.payloadField("arr"), index: 3),
                ]),
            actions: [TriggerAction(.notify)])
    }

    @Test(
        "log levels: LEVEL is exactly, LEVEL.. at least, .. any, and EMERG.. is EMERG as lttng has it",
        arguments: [
            ("TRACE_INFO", LogLevelCondition.exactly(.info)), ("INFO..", .atLeastAsSevereAs(.info)), ("..", .any),
            ("TRACE_EMERG..", .exactly(.emergency)), ("LINE", .exactly(.debugLine)), ("DEBUG", .exactly(.debug)),
        ] as [(String, LogLevelCondition)])
    func logLevels(text: String, condition: LogLevelCondition) {
        expectAdded(
            Self.userEvents + ["--log-level=\(text)", "--action=notify"],
            condition: .eventRuleMatches(EventRule(pattern: "*", logLevel: condition), captures: []),
            actions: [TriggerAction(.notify)])
    }

    @Test("user:tracepoint is the same type as user")
    func userTracepointType() {
        expectAdded(
            ["--condition=event-rule-matches", "--type=user:tracepoint", "--action=notify"], condition: Self.anyEvent,
            actions: [TriggerAction(.notify)])
    }

    @Test("Spoor's session-consumed-size, buffer-usage and rotation conditions")
    func spoorConditions() {
        let notify = [TriggerAction(.notify)]
        expectAdded(
            ["--condition=session-consumed-size", "--session=s", "--threshold-size=1M", "--action=notify"],
            condition: .sessionConsumedSize(session: "s", thresholdBytes: 1 << 20), actions: notify)
        expectAdded(
            [
                "--condition=buffer-usage-high", "--session", "s", "--channel=c", "--threshold-ratio=0.75",
                "--action=notify",
            ],
            condition: .bufferUsageHigh(session: "s", channel: "c", threshold: .ratio(0.75)), actions: notify)
        expectAdded(
            ["--condition=buffer-usage-low", "--session=s", "--channel=c", "--threshold-size=4k", "--action=notify"],
            condition: .bufferUsageLow(session: "s", channel: "c", threshold: .bytes(4096)), actions: notify)
        expectAdded(
            ["--condition=session-rotation-ongoing", "--session=s", "--action=notify"],
            condition: .sessionRotationOngoing(session: "s"), actions: notify)
        expectAdded(
            ["--condition=session-rotation-completed", "--session=s", "--action=notify"],
            condition: .sessionRotationCompleted(session: "s"), actions: notify)
        expectAdded(
            ["--condition=process-crashed", "--action=notify"],
            condition: .processCrashed(namePattern: nil, uid: nil), actions: notify)
        expectAdded(
            ["--condition=process-crashed", "--process-name=my-*", "--uid=1000", "--action=notify"],
            condition: .processCrashed(namePattern: "my-*", uid: 1000), actions: notify)
    }

    // MARK: Actions and rate policies

    @Test("every action, in order, each with its rate policy; the last --rate-policy of an action counts")
    func actions() {
        expectAdded(
            ["--owner-uid=1000", "--action=notify", "--rate-policy=every:10"] + Self.userEvents
                + [
                    "--action=start-session", "s1", "--rate-policy", "once-after:40", "--action=stop-session", "s2",
                    "--rate-policy=every:2", "--rate-policy=every:3", "--action=rotate-session", "s3",
                    "--action=snapshot-session", "s4",
                ],
            ownerUID: 1000, condition: Self.anyEvent,
            actions: [
                TriggerAction(.notify, ratePolicy: .every(10)),
                TriggerAction(.startSession("s1"), ratePolicy: .onceAfter(40)),
                TriggerAction(.stopSession("s2"), ratePolicy: .every(3)), TriggerAction(.rotateSession("s3")),
                TriggerAction(.snapshotSession("s4", output: nil)),
            ])
    }

    @Test("an option the condition or action does not know ends it and is read as a trigger option, as lttng reads it")
    func optionsEndSpecifiers() {
        expectAdded(
            Self.userEvents + ["--action=notify", "--name=x"], name: "x", condition: Self.anyEvent,
            actions: [TriggerAction(.notify)])
        expectAdded(
            Self.userEvents + ["--owner-uid=0", "--name=y", "--action=notify"], name: "y", ownerUID: 0,
            condition: Self.anyEvent, actions: [TriggerAction(.notify)])
        expectAdded(
            Self.userEvents + [
                "--action=start-session", "--rate-policy=every:2", "s", "--action=notify", "--action=notify",
            ],
            condition: Self.anyEvent,
            actions: [
                TriggerAction(.startSession("s"), ratePolicy: .every(2)), TriggerAction(.notify),
                TriggerAction(.notify),
            ])
        expectAdded(
            Self.userEvents + ["--action=snapshot-session", "s", "--rate-policy=every:2", "--path=/x"],
            condition: Self.anyEvent,
            actions: [
                TriggerAction(
                    .snapshotSession("s", output: SnapshotActionOutput(destination: .path("/x"))), ratePolicy: .every(2))
            ])
    }

    @Test("action lines with rate policies match lttng's")
    func actionLines() {
        let actions = [
            TriggerAction(
                .snapshotSession("s", output: SnapshotActionOutput(destination: .path("/x"))), ratePolicy: .every(2)),
            TriggerAction(.startSession("s"), ratePolicy: .every(2)), TriggerAction(.notify, ratePolicy: .onceAfter(1)),
        ]
        #expect(
            actions.map { "    " + TriggerListFormatter.description(of: $0) }.joined(separator: "\n")
                == LTTngTriggerTranscripts.actionLines)
    }

    @Test(
        "snapshot-session takes lttng's output options",
        arguments: [
            (["--path=/tmp/x"], SnapshotActionOutput(destination: .path("/tmp/x"))),
            (
                ["--url=file:///tmp/y", "--name=out", "--max-size=1M"],
                SnapshotActionOutput(destination: .url("file:///tmp/y"), name: "out", maximumSize: 1 << 20)
            ),
            (["--url=net://localhost"], SnapshotActionOutput(destination: .url("net://localhost"))),
            (
                ["--ctrl-url=tcp://localhost:5342", "--data-url=tcp://localhost:5343"],
                SnapshotActionOutput(
                    destination: .controlAndData(control: "tcp://localhost:5342", data: "tcp://localhost:5343"))
            ),
            (["--max-size=4k", "--path=/x"], SnapshotActionOutput(destination: .path("/x"), maximumSize: 4096)),
        ] as [([String], SnapshotActionOutput)])
    func snapshotOutputs(options: [String], output: SnapshotActionOutput) {
        expectAdded(
            Self.userEvents + ["--action=snapshot-session", "s"] + options, condition: Self.anyEvent,
            actions: [TriggerAction(.snapshotSession("s", output: output))])
    }

    @Test("an exclusion that excludes nothing is a warning, and the trigger is added")
    func exclusionWarning() {
        let (run, request) = addTrigger(Self.userEvents + ["--name=a*", "--exclude-name=b", "--action=notify"])
        #expect(run.status == .success)
        #expect(run.combined == "Warning: Event a*: b does not exclude any events from a*\nAdded trigger `trigger0`.\n")
        #expect(
            request
                == .addTrigger(
                    name: nil, ownerUID: nil,
                    condition: .eventRuleMatches(EventRule(pattern: "a*", exclusions: ["b"]), captures: []),
                    actions: [TriggerAction(.notify)]))
    }

    @Test("a filter that does not compile is refused before the daemon is asked, saying where")
    func invalidFilter() {
        let (run, request) = addTrigger(Self.userEvents + ["--filter=x >", "--action=notify"])
        #expect(run.status == .commandError)
        #expect(run.standardError.hasPrefix("Error: Invalid filter expression"))
        #expect(run.standardError.hasSuffix("Error: Failed to register trigger: Invalid filter bytecode.\n"))
        #expect(request == nil)
    }

    @Test("the daemon's refusals are printed as lttng prints them")
    func daemonErrors() {
        let harness = SpoorHarness()
        harness.daemon.answer = { _ throws(SpoorError) in throw SpoorError(.triggerExists, "T1") }
        let run = harness.run(["add-trigger", "--name=T1"] + Self.userEvents + ["--action=notify"])
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: Failed to register trigger: Trigger already registered.\n")
        harness.daemon.answer = { _ throws(SpoorError) in
            throw SpoorError(.permissionDenied, "only root may act for another user (--owner-uid=5)")
        }
        #expect(
            harness.run(["add-trigger", "--owner-uid=5"] + Self.userEvents + ["--action=notify"]).standardError
                == "Error: Failed to set trigger's user identity.\n")
    }

    @Test("--list-options lists lttng's options of each command")
    func listOptions() {
        let harness = SpoorHarness()
        #expect(
            harness.run("add-trigger", "--list-options").standardOutput
                == "--help\n-h\n--list-options\n--condition\n--action\n--name\n--owner-uid\n")
        #expect(harness.run("list-triggers", "--list-options").standardOutput == "--help\n-h\n--list-options\n")
        #expect(
            harness.run("remove-trigger", "--list-options").standardOutput
                == "--help\n-h\n--list-options\n--owner-uid\n")
        #expect(harness.run("add-trigger", "--help").standardOutput.contains("--condition=CONDTYPE"))
        #expect(harness.daemon.requests.isEmpty)
    }

    @Test("the trigger commands are spoor commands now")
    func commandTable() {
        for name in ["add-trigger", "list-triggers", "remove-trigger"] {
            #expect(CommandTable.command(named: name) != nil)
            #expect(CommandTable.usage.contains("\n  \(name) "))
        }
    }
}
