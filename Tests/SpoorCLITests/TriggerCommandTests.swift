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

    // MARK: Malformed command lines

    /// lttng's messages where lttng has one (recorded from lttng 2.13.9), Spoor's otherwise.
    static let malformed: [([String], [String])] = [
        ([], ["Missing --condition."]),
        (["--action=notify"], ["Missing --condition."]),
        (userEvents, ["Need at least one --action."]),
        (
            ["--condition=foo", "--action=notify"],
            [
                "While parsing argument #2 (`--condition=foo`): Unknown condition name 'foo'",
                "Valid condition names are:",
                "  event-rule-matches", "  session-consumed-size", "  buffer-usage-high", "  buffer-usage-low",
                "  session-rotation-ongoing", "  session-rotation-completed", "  process-crashed",
            ]
        ),
        (
            userEvents + ["--action=foo"],
            [
                "While parsing argument #4 (`--action=foo`): Unknown action name 'foo'", "Valid action names are:",
                "  notify", "  start-session", "  stop-session", "  rotate-session", "  snapshot-session",
            ]
        ),
        (["--condition=event-rule-matches", "--action=notify"], ["Event rule requires a --type."]),
        (["--condition=event-rule-matches", "--type=foo", "--action=notify"], ["Invalid `--type` value: foo"]),
        (
            ["--condition=event-rule-matches", "--type=jul", "--action=notify"],
            ["--type=jul: not supported yet by spoor"]
        ),
        (userEvents + ["--type=user", "--action=notify"], ["More than one `--type` was specified."]),
        (userEvents + ["--name=a", "--name=b", "--action=notify"], ["Duplicate '--name/-n' given."]),
        (["--name=a", "--name=b"] + userEvents + ["--action=notify"], ["Duplicate '--name' given."]),
        (userEvents + ["--filter=a", "--filter=b", "--action=notify"], ["Duplicate '--filter/-f' given."]),
        (
            userEvents + ["--log-level=INFO", "--log-level=ERR", "--action=notify"],
            ["Duplicate '--log-level/-l' given."]
        ),
        (userEvents + ["--log-level=FOO", "--action=notify"], ["Failed to parse log level string `FOO`."]),
        (userEvents + ["--log-level=6", "--action=notify"], ["Failed to parse log level string `6`."]),
        (
            userEvents + ["--log-level=..TRACE_INFO", "--action=notify"],
            ["Failed to parse log level string `..TRACE_INFO`."]
        ),
        (
            userEvents + ["--log-level=TRACE_INFO..TRACE_ERR", "--action=notify"],
            ["Failed to parse log level string `TRACE_INFO..TRACE_ERR`."]
        ),
        (userEvents + ["--name=", "--action=notify"], ["Failed to set user_tracepoint event rule's pattern to ''."]),
        (
            userEvents + ["--name=a", "--exclude-name=b", "--action=notify"],
            ["Event a: Exclusions can only be used with a globbing pattern"]
        ),
        (
            userEvents + ["--name=a*", "--exclude-name=a*", "--action=notify"],
            ["Event a*: a* excludes all events from a*"]
        ),
        (userEvents + ["--location=x", "--action=notify"], ["Can't use --location with user tracepoint event rules."]),
        (
            userEvents + ["--action=notify", "--condition=event-rule-matches", "--type=user"],
            ["A --condition was already given."]
        ),
        (
            ["--condition=event-rule-matches", "--condition=event-rule-matches", "--type=user", "--action=notify"],
            ["Event rule requires a --type."]
        ),
        (
            ["--rate-policy=every:2"] + userEvents + ["--action=notify"],
            ["While parsing argument #2 (`--rate-policy=every:2`): Unknown option `--rate-policy`"]
        ),
        (
            userEvents + ["--action=notify", "--capture=x"],
            ["While parsing argument #5 (`--capture=x`): Unknown option `--capture`"]
        ),
        (
            userEvents + ["--bogus", "--action=notify"],
            ["While parsing argument #4 (`--bogus`): Unknown option `--bogus`"]
        ),
        (
            userEvents + ["--action=notify", "--path=/x"],
            ["While parsing argument #5 (`--path=/x`): Unknown option `--path`"]
        ),
        (["--name"], ["While parsing argument #2 (`--name`): Missing required argument for option `--name`"]),
        (
            ["--name=S", "--condition"],
            [
                "While parsing argument #3 (`--condition`): Missing required argument for option `--condition`",
                "Valid condition names are:", "  event-rule-matches", "  session-consumed-size", "  buffer-usage-high",
                "  buffer-usage-low", "  session-rotation-ongoing", "  session-rotation-completed", "  process-crashed",
            ]
        ),
        (
            userEvents + ["--exclude-name"],
            ["While parsing argument #4 (`--exclude-name`): Missing required argument for option `--exclude-name`"]
        ),
        (userEvents + ["--action=notify", "extra"], ["Unexpected argument `extra`."]),
        (
            ["--name=S1", "-t", "user", "--action=notify"],
            ["While parsing argument #3 (`-t`): Unknown option `-t`"]
        ),
        (["extra"] + userEvents + ["--action=notify"], ["Unexpected argument `extra`."]),
        (userEvents + ["--action=start-session"], ["Missing session name."]),
        (userEvents + ["--action=start-session", "a", "b"], ["Unexpected argument `b`."]),
        (userEvents + ["--action=stop-session", "a/b"], ["Invalid character found in session name: `a/b`"]),
        (
            userEvents + ["--action=notify", "--name=x", "--rate-policy=every:2"],
            ["While parsing argument #6 (`--rate-policy=every:2`): Unknown option `--rate-policy`"]
        ),
        (
            ["--condition=event-rule-matches", "--owner-uid=0", "--type=user", "--action=notify"],
            ["Event rule requires a --type."]
        ),
        (userEvents + ["--action=start-session", ""], ["Failed to set action start session's session name to ''."]),
        (userEvents + ["--action=stop-session", ""], ["Failed to set action stop session's session name to ''."]),
        (userEvents + ["--action=rotate-session", ""], ["Failed to set action rotate session's session name to ''."]),
        (
            userEvents + ["--action=snapshot-session", ""],
            ["Failed to set action snapshot session's session name to ''."]
        ),
        (userEvents + ["--action=notify", "--rate-policy=every:0"], ["Rate policy value `0` must be > 0."]),
        (
            userEvents + ["--action=notify", "--rate-policy=every:"],
            ["Failed to parse rate policy value `` as an integer."]
        ),
        (
            userEvents + ["--action=notify", "--rate-policy=every:-1"],
            ["Failed to parse rate policy value `-1` as an integer."]
        ),
        (
            userEvents + ["--action=notify", "--rate-policy=every:18446744073709551616"],
            ["Failed to parse rate policy value `18446744073709551616` as an integer."]
        ),
        (userEvents + ["--action=notify", "--rate-policy=foo:3"], ["Rate policy type `foo` unknown."]),
        (
            userEvents + ["--action=notify", "--rate-policy=once-after:x"],
            ["Failed to parse rate policy value `x` as an integer."]
        ),
        (userEvents + ["--action=notify", "--rate-policy=every"], ["Rate policy format is invalid."]),
        (["--owner-uid=abc"] + userEvents + ["--action=notify"], ["Failed to parse `abc` as a user id."]),
        (["--owner-uid=1", "--owner-uid=2"] + userEvents + ["--action=notify"], ["Duplicate '--owner-uid' given."]),
        (["--name="] + userEvents + ["--action=notify"], ["Invalid trigger name ``: a trigger name cannot be empty"]),
        (
            userEvents + ["--capture=x[", "--action=notify"],
            [
                "Invalid capture descriptor `x[`: unbalanced `[`", "Failed to parse capture expression `x[`.",
            ]
        ),
        (
            userEvents + ["--capture=x[-1]", "--action=notify"],
            [
                "Invalid capture descriptor `x[-1]`: the array index must be a constant, positive integer",
                "Failed to parse capture expression `x[-1]`.",
            ]
        ),
        (
            userEvents + ["--capture=$foo.x", "--action=notify"],
            [
                "Invalid capture descriptor `$foo.x`: unexpected identifier `$foo`",
                "Failed to parse capture expression `$foo.x`.",
            ]
        ),
        (
            userEvents + ["--capture=", "--action=notify"],
            [
                "Invalid capture descriptor ``: invalid field name ``", "Failed to parse capture expression ``.",
            ]
        ),
        (
            userEvents + ["--capture=a[1][2]", "--action=notify"],
            [
                "Invalid capture descriptor `a[1][2]`: unbalanced `[`", "Failed to parse capture expression `a[1][2]`.",
            ]
        ),
        (
            userEvents + ["--capture=$app.a", "--action=notify"],
            ["Invalid app-specific context field name: missing colon in `a`."]
        ),
        (
            userEvents + ["--capture=a.b", "--action=notify"],
            ["While parsing expression `a.b`: Capturing subfields is not supported."]
        ),
        (
            userEvents + ["--action=snapshot-session", "s", "--max-size=abc", "--path=/x"],
            ["Failed to parse `abc` as a size."]
        ),
        (userEvents + ["--action=snapshot-session", "s", "--path=rel"], ["Failed to parse 'rel' as a local path."]),
        (userEvents + ["--action=snapshot-session", "s", "--url=bogus"], ["Failed to parse 'bogus' as an URL."]),
        (
            userEvents + ["--action=snapshot-session", "s", "--path=/x", "--url=file:///y"],
            ["The --ctrl-url/--data-url, --url, and --path options can't be used together."]
        ),
        (
            userEvents + ["--action=snapshot-session", "s", "--max-size=1M"],
            ["Can't provide a snapshot output max size without a snapshot output destination."]
        ),
        (
            userEvents + ["--action=snapshot-session", "s", "--name=n"],
            ["Can't provide a snapshot output name without a snapshot output destination."]
        ),
        (
            userEvents + ["--action=snapshot-session", "s", "--ctrl-url=tcp://h"],
            ["--ctrl-url is specified, but --data-url is missing."]
        ),
        (
            userEvents + ["--action=snapshot-session", "s", "--data-url=tcp://h"],
            ["--data-url is specified, but --ctrl-url is missing."]
        ),
        (
            userEvents + ["--action=snapshot-session", "s", "--ctrl-url=net://h", "--data-url=net://h:2"],
            ["Failed to parse `net://h` and `net://h:2` as control and data URLs."]
        ),
        (
            userEvents + ["--action=snapshot-session", "s", "--path=/x", "--name=a", "--name=b"],
            ["Duplicate '--name/-n' given."]
        ),
        (
            ["--condition=session-consumed-size", "--threshold-size=1M", "--action=notify"],
            ["Missing --session for a session-consumed-size condition."]
        ),
        (
            ["--condition=session-consumed-size", "--session=s", "--action=notify"],
            ["Missing --threshold-size for a session-consumed-size condition."]
        ),
        (
            ["--condition=buffer-usage-high", "--session=s", "--threshold-ratio=0.5", "--action=notify"],
            ["Missing --channel for a buffer-usage-high condition."]
        ),
        (
            ["--condition=buffer-usage-low", "--session=s", "--channel=c", "--action=notify"],
            ["Missing --threshold-ratio or --threshold-size for a buffer-usage-low condition."]
        ),
        (
            ["--condition=buffer-usage-low", "--session=s", "--channel=c", "--threshold-ratio=1.5", "--action=notify"],
            ["Failed to parse `1.5` as a ratio between 0 and 1."]
        ),
        (
            [
                "--condition=buffer-usage-high", "--session=s", "--channel=c", "--threshold-ratio=.5",
                "--threshold-size=1",
                "--action=notify",
            ],
            ["The --threshold-ratio and --threshold-size options can't be used together."]
        ),
        (
            ["--condition=session-rotation-ongoing", "--session=s", "--channel=c", "--action=notify"],
            ["While parsing argument #4 (`--channel=c`): Unknown option `--channel`"]
        ),
    ]

    @Test("a malformed command line is refused with an error that names the bad part", arguments: malformed)
    func malformedCommandLines(arguments: [String], errors: [String]) {
        let (run, request) = addTrigger(arguments)
        #expect(run.status == .commandError)
        #expect(run.standardError == errors.map { "Error: \($0)\n" }.joined())
        #expect(run.standardOutput.isEmpty)
        #expect(request == nil)
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

@Suite("spoor notifications")
struct NotificationsCommandTests {
    @Test("each notification is one JSON line, with what satisfied the condition, until --count")
    func jsonLines() {
        let harness = SpoorHarness()
        harness.daemon.notifications = [
            TriggerNotification(
                trigger: "t\"1", ownerUID: 0,
                condition: .eventRuleMatches(EventRule(pattern: "a:*"), captures: []),
                evaluation: .eventRuleMatched(captures: [
                    CapturedField(descriptor: "n", value: .signed(-1)),
                    CapturedField(descriptor: "s[0]", value: .array([.string("x\n"), .floatingPoint(0.5)])),
                    CapturedField(descriptor: "$ctx.gone", value: .unavailable),
                ]), time: 9, droppedBefore: 2),
            TriggerNotification(
                trigger: "u", ownerUID: 1, condition: .bufferUsageLow(session: "s", channel: "c", threshold: .bytes(1)),
                evaluation: .bufferUsage(bytes: 0, capacity: 8), time: 10),
            TriggerNotification(
                trigger: "never printed", ownerUID: 1, condition: .sessionRotationOngoing(session: "s"),
                evaluation: .sessionRotationOngoing(chunkID: 0), time: 11),
        ]
        let run = harness.run("notifications", "--trigger", "t\"1", "--trigger", "u", "--count", "2")
        #expect(run.status == .success)
        #expect(
            run.standardOutput.split(separator: "\n") == [
                #"{"trigger":"t\"1","owner_uid":0,"condition":"event-rule-matches","time_ns":9,"dropped_before":2,"captures":{"n":-1,"s[0]":["x\n",0.5],"$ctx.gone":null}}"#,
                #"{"trigger":"u","owner_uid":1,"condition":"buffer-usage-low","time_ns":10,"dropped_before":0,"session":"s","channel":"c","buffer_bytes":0,"buffer_capacity":8}"#,
            ])
        #expect(run.standardError == "Waiting for notifications of trigger t\"1, u\n")
        #expect(harness.daemon.subscriptions == [NotificationSubscription(triggerNames: ["t\"1", "u"])])
    }

    @Test("a stream that ends before --count is an error; --count must be positive")
    func endsEarly() {
        let harness = SpoorHarness()
        let run = harness.run("notifications", "--count", "3")
        #expect(run.status == .commandError)
        #expect(run.standardError.hasSuffix("Error: The session daemon went away after 0 of 3 notifications\n"))
        #expect(harness.run("notifications", "--count", "0").standardError == "Error: --count must be a positive number, not 0\n")
    }
}
