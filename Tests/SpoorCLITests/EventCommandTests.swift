import SpoorModel
import SpoorWire
import Testing

@testable import SpoorCLI

@Suite("enable-event and disable-event")
struct EventCommandTests {
    static let needsChannelName =
        "Non-default channel exists within session: channel name needs to be specified with '-c name'"

    func harness(channel: String = "channel0") -> SpoorHarness {
        let harness = SpoorHarness()
        harness.setCurrentSession("s1")
        harness.daemon.answer = { _ in .eventRulesChanged(channel: channel) }
        return harness
    }

    @Test("without --channel the rule goes where the daemon puts it")
    func enableEventInDefaultChannel() {
        let harness = harness()
        let run = harness.run("enable-event", "-u", "specapp:*")
        #expect(run.status == .success)
        #expect(run.standardOutput == "ust event specapp:* created in channel channel0\n")
        #expect(
            harness.daemon.requests == [
                .enableEvent(session: "s1", channel: nil, rules: [EventRule(pattern: "specapp:*")])
            ])
    }

    @Test("each name of a list gets its own rule and line, in the channel named")
    func enableEvents() {
        let harness = harness(channel: "ch1")
        let run = harness.run("enable-event", "-u", "c:c,d:d", "-c", "ch1", "-s", "s2")
        #expect(run.standardOutput == "ust event c:c created in channel ch1\nust event d:d created in channel ch1\n")
        #expect(
            harness.daemon.requests == [
                .enableEvent(session: "s2", channel: "ch1", rules: [EventRule(pattern: "c:c")]),
                .enableEvent(session: "s2", channel: "ch1", rules: [EventRule(pattern: "d:d")]),
            ])
    }

    @Test("--all is the name *")
    func enableAll() {
        let harness = harness()
        let run = harness.run("enable-event", "-u", "-a")
        #expect(run.standardOutput == "All ust events are enabled in channel channel0\n")
        #expect(
            harness.daemon.requests == [.enableEvent(session: "s1", channel: nil, rules: [EventRule(pattern: "*")])])
    }

    @Test("a session with another channel needs --channel, in lttng's words")
    func enableEventNeedsChannel() {
        let harness = harness()
        harness.daemon.answer = { _ throws(SpoorError) in throw SpoorError(.nonDefaultChannelExists) }
        let run = harness.run("enable-event", "-u", "foo:*")
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: Event foo:*: \(Self.needsChannelName) (channel <default>, session s1)\n")
    }

    @Test("one refused name does not stop the others")
    func enableEventPartialFailure() {
        let harness = harness()
        harness.daemon.answer = { request throws(SpoorError) in
            if case .enableEvent(_, _, [EventRule(pattern: "bad")]) = request { throw SpoorError(.invalidArgument) }
            return .eventRulesChanged(channel: "channel0")
        }
        let run = harness.run("enable-event", "-u", "bad,good")
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: Event bad: Invalid parameter (channel channel0, session s1)\n")
        #expect(run.standardOutput == "ust event good created in channel channel0\n")
    }

    @Test(
        "enable-event checks its arguments as lttng does",
        arguments: [
            (["enable-event", "a:a"], "Please specify a domain (--kernel/--userspace/--jul/--log4j/--python)."),
            (["enable-event", "-u", "-j", "a:a"], "Only one domain must be specified."),
            (["enable-event", "-u"], "Missing event name(s)."),
            (["enable-event", "-u", "a", "b"], "Unknown argument: b"),
            (["enable-event", "-u", "--loglevel=BOGUS", "a"], "Unknown loglevel BOGUS"),
            (["enable-event", "-u", "--loglevel-only", "TRACE_BOGUS", "a"], "Unknown loglevel TRACE_BOGUS"),
            (["enable-event", "-u", "--loglevel=15", "a"], "Unknown loglevel 15"),
            (
                ["enable-event", "-u", "--loglevel=INFO", "--loglevel-only=INFO", "a:*"],
                "Options --loglevel and --loglevel-only are mutually exclusive"
            ),
            (
                ["enable-event", "-u", "-a", "--loglevel-only=ERR", "--loglevel=ERR"],
                "Options --loglevel and --loglevel-only are mutually exclusive"
            ),
            (
                ["enable-event", "-u", "-x", "a:b", "a:b"],
                "Event a:b: Exclusions can only be used with a globbing pattern"
            ),
            (
                ["enable-event", "-u", "--exclude=a:\\*", "a:\\*"],
                "Event a:\\*: Exclusions can only be used with a globbing pattern"
            ),
            (["disable-event", "a:a"], "Please specify a domain (--kernel/--userspace/--jul/--log4j/--python)."),
            (["disable-event", "-u"], "Missing event name(s).\n"),
        ] as [([String], String)])
    func argumentErrors(arguments: [String], message: String) {
        let harness = harness()
        let run = harness.run(arguments)
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: \(message)\n")
        #expect(harness.daemon.requests.isEmpty)
    }

    // MARK: Log levels, exclusions

    @Test(
        "--loglevel asks for levels at least as severe, in any of lttng's spellings",
        arguments: [
            ("TRACE_INFO", LogLevel.info), ("INFO", .info), ("info", .info), ("6", .info), ("EMERG", .emergency),
            ("LINE", .debugLine), ("TRACE_DEBUG", .debug), ("debug_system", .debugSystem),
        ])
    func logLevelRange(text: String, level: LogLevel) {
        let harness = harness()
        let run = harness.run("enable-event", "-u", "--loglevel", text, "a:*")
        #expect(run.status == .success)
        #expect(run.standardOutput == "ust event a:* created in channel channel0\n")
        #expect(
            harness.daemon.requests == [
                .enableEvent(
                    session: "s1", channel: nil, rules: [EventRule(pattern: "a:*", logLevel: .atLeastAsSevereAs(level))]
                )
            ])
    }

    @Test("--loglevel-only asks for exactly one level")
    func logLevelOnly() {
        let harness = harness()
        let run = harness.run("enable-event", "-u", "--loglevel-only=TRACE_WARNING", "a:a")
        #expect(run.status == .success)
        #expect(run.standardOutput == "ust event a:a created in channel channel0\n")
        #expect(
            harness.daemon.requests == [
                .enableEvent(
                    session: "s1", channel: nil, rules: [EventRule(pattern: "a:a", logLevel: .exactly(.warning))])
            ])
    }

    @Test("the log-level condition goes with every name of the list and with --all")
    func logLevelForEveryName() {
        let harness = harness(channel: "ch1")
        #expect(harness.run("enable-event", "-u", "-c", "ch1", "--loglevel=ERR", "a:a,b:*").status == .success)
        #expect(harness.run("enable-event", "-u", "-c", "ch1", "--loglevel-only=ERR", "-a").status == .success)
        #expect(
            harness.daemon.requests == [
                .enableEvent(
                    session: "s1", channel: "ch1",
                    rules: [EventRule(pattern: "a:a", logLevel: .atLeastAsSevereAs(.error))]),
                .enableEvent(
                    session: "s1", channel: "ch1",
                    rules: [EventRule(pattern: "b:*", logLevel: .atLeastAsSevereAs(.error))]),
                .enableEvent(
                    session: "s1", channel: "ch1", rules: [EventRule(pattern: "*", logLevel: .exactly(.error))]),
            ])
    }

    @Test("--filter sends the expression with each rule and answers as lttng 2.13 does")
    func filterIsSet() {
        let harness = harness()
        let run = harness.run("enable-event", "-u", "a:b,c:d", "--filter", "x == \"y*\"")
        #expect(run.status == .success)
        #expect(
            run.standardOutput
                == "Event a:b: Filter 'x == \"y*\"' successfully set\nEvent c:d: Filter 'x == \"y*\"' successfully set\n")
        #expect(
            harness.daemon.requests == [
                .enableEvent(session: "s1", channel: nil, rules: [EventRule(pattern: "a:b", filter: "x == \"y*\"")]),
                .enableEvent(session: "s1", channel: nil, rules: [EventRule(pattern: "c:d", filter: "x == \"y*\"")]),
            ])
        let all = self.harness().run("enable-event", "-u", "-a", "-f", "v > 4")
        #expect(all.standardOutput == "Filter 'v > 4' successfully set\n")
    }

    @Test("a malformed filter is refused before the daemon hears of it, with the place of the problem")
    func malformedFilter() {
        let harness = harness()
        let run = harness.run("enable-event", "-u", "q:e", "--filter", "v > > 3")
        #expect(run.status == .commandError)
        #expect(harness.daemon.requests.isEmpty)
        #expect(
            run.standardError == """
                Error: Invalid filter expression: expected an operand, found '>' at column 5:
                  v > > 3
                      ^
                Error: Event q:e: Invalid filter bytecode (channel channel0, session s1, filter 'v > > 3')

                """)
    }

    @Test("errors about a rule with a filter name the filter, as lttng does")
    func filterInErrorLocation() {
        let harness = harness()
        harness.daemon.answer = { _ throws(SpoorError) in throw SpoorError(.eventRuleExists) }
        let run = harness.run("enable-event", "-u", "d:e", "--filter", "v > 3")
        #expect(
            run.standardError
                == "Error: Event d:e: UST event already enabled (channel channel0, session s1, filter 'v > 3')\n")
    }

    @Test("without a log-level option, the rule matches any level, without exclusions or filter")
    func plainRule() {
        let harness = harness()
        _ = harness.run("enable-event", "-u", "a:a")
        guard case .enableEvent(_, _, let rules) = harness.daemon.requests.first else {
            Issue.record("no enable-event request: \(harness.daemon.requests)")
            return
        }
        #expect(rules.count == 1)
        #expect(rules.first?.logLevel == .any)
        #expect(rules.first?.exclusions == [])
        #expect(rules.first?.filter == nil)
        #expect(rules.first?.isEnabled == true)
    }

    @Test("--exclude names the exclusions in lttng's words and sends them with the rule")
    func exclusions() {
        let harness = harness()
        let run = harness.run("enable-event", "-u", "c:*", "--exclude", "c:x,c:y*")
        #expect(run.status == .success)
        #expect(run.standardOutput == "ust event c:* excluding \"c:x\", \"c:y*\" created in channel channel0\n")
        #expect(run.standardError.isEmpty)
        #expect(
            harness.daemon.requests == [
                .enableEvent(
                    session: "s1", channel: nil, rules: [EventRule(pattern: "c:*", exclusions: ["c:x", "c:y*"])])
            ])
    }

    @Test("-x and --exclude=LIST are --exclude; empty names between commas are dropped")
    func exclusionSpellings() {
        let harness = harness()
        #expect(
            harness.run("enable-event", "-u", "-x", "a:b", "a:*").standardOutput
                == "ust event a:* excluding \"a:b\" created in channel channel0\n")
        #expect(
            harness.run("enable-event", "-u", "--exclude=a:b,,a:c,", "a:*").standardOutput
                == "ust event a:* excluding \"a:b\", \"a:c\" created in channel channel0\n")
        #expect(
            harness.daemon.requests == [
                .enableEvent(session: "s1", channel: nil, rules: [EventRule(pattern: "a:*", exclusions: ["a:b"])]),
                .enableEvent(
                    session: "s1", channel: nil, rules: [EventRule(pattern: "a:*", exclusions: ["a:b", "a:c"])]),
            ])
    }

    @Test("a name without wildcard cannot take exclusions; the other names of the list still can")
    func exclusionsNeedAGlob() {
        let harness = harness()
        let run = harness.run("enable-event", "-u", "-x", "a:x", "a:*,b:b,c*")
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: Event b:b: Exclusions can only be used with a globbing pattern\n")
        #expect(
            run.standardOutput
                == "ust event a:* excluding \"a:x\" created in channel channel0\n"
                + "ust event c* excluding \"a:x\" created in channel channel0\n")
        #expect(
            harness.daemon.requests == [
                .enableEvent(session: "s1", channel: nil, rules: [EventRule(pattern: "a:*", exclusions: ["a:x"])]),
                .enableEvent(session: "s1", channel: nil, rules: [EventRule(pattern: "c*", exclusions: ["a:x"])]),
            ])
    }

    @Test("--all with --exclude sends the rule * with its exclusions")
    func enableAllWithExclusions() {
        let harness = harness()
        let run = harness.run("enable-event", "-u", "-a", "-x", "a:*,b:c")
        #expect(run.status == .success)
        #expect(
            harness.daemon.requests == [
                .enableEvent(session: "s1", channel: nil, rules: [EventRule(pattern: "*", exclusions: ["a:*", "b:c"])])
            ])
    }

    @Test("log level and exclusions combine in one rule")
    func logLevelAndExclusions() {
        let harness = harness(channel: "ch1")
        let run = harness.run(
            "enable-event", "-u", "-s", "s2", "-c", "ch1", "--loglevel-only=NOTICE", "-x", "p:q", "p:*")
        #expect(run.standardOutput == "ust event p:* excluding \"p:q\" created in channel ch1\n")
        #expect(
            harness.daemon.requests == [
                .enableEvent(
                    session: "s2", channel: "ch1",
                    rules: [EventRule(pattern: "p:*", logLevel: .exactly(.notice), exclusions: ["p:q"])])
            ])
    }

    @Test("a rule that exists already is lttng's UST event already enabled")
    func ruleExists() {
        let harness = harness()
        harness.daemon.answer = { _ throws(SpoorError) in throw SpoorError(.eventRuleExists) }
        let run = harness.run("enable-event", "-u", "--loglevel=INFO", "a:a")
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: Event a:a: UST event already enabled (channel channel0, session s1)\n")
        #expect(run.standardOutput.isEmpty)
    }

    @Test("disable-event names the rule, its type, channel and session")
    func disableEvent() {
        let harness = harness()
        #expect(
            harness.run("disable-event", "-u", "a:a").standardOutput
                == "ust a:a of type any disabled in channel channel0 for session s1\n")
        #expect(
            harness.run("disable-event", "-u", "--tracepoint", "a:a").standardOutput
                == "ust a:a of type tracepoint disabled in channel channel0 for session s1\n")
        #expect(
            harness.daemon.requests == [
                .disableEvent(session: "s1", channel: nil, patterns: ["a:a"], all: false),
                .disableEvent(session: "s1", channel: nil, patterns: ["a:a"], all: false),
            ])
    }

    @Test("--all-events (and lttng's hidden --all) disable every rule of the channel")
    func disableAll() {
        let harness = harness()
        for option in ["-a", "--all-events", "--all"] {
            #expect(
                harness.run("disable-event", "-u", option).standardOutput
                    == "All ust events of type any are disabled in channel channel0\n")
        }
        #expect(
            harness.daemon.requests
                == Array(repeating: .disableEvent(session: "s1", channel: nil, patterns: [], all: true), count: 3))
    }

    @Test(
        "disable-event errors read as lttng's",
        arguments: [
            (
                ["disable-event", "-u", "foo:*"], ErrorCode.nonDefaultChannelExists,
                "Error: foo:* of type any : \(Self.needsChannelName) (channel <default>, session s1)\n"
            ),
            (
                ["disable-event", "-u", "nope"], .eventRuleNotFound,
                "Error: nope of type any : UST event not found (channel channel0, session s1)\n"
            ),
            (
                ["disable-event", "-u", "-c", "nochan", "a:a"], .channelNotFound,
                "Error: a:a of type any : UST channel not found (channel nochan, session s1)\n"
            ),
        ] as [([String], ErrorCode, String)])
    func disableEventErrors(arguments: [String], code: ErrorCode, message: String) {
        let harness = harness()
        harness.daemon.answer = { _ throws(SpoorError) in throw SpoorError(code) }
        let run = harness.run(arguments)
        #expect(run.status == .commandError)
        #expect(run.standardError == message)
    }
}
