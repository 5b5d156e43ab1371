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
        #expect(harness.daemon.requests == [.enableEvent(session: "s1", channel: nil, patterns: ["specapp:*"])])
    }

    @Test("each name of a list gets its own rule and line, in the channel named")
    func enableEvents() {
        let harness = harness(channel: "ch1")
        let run = harness.run("enable-event", "-u", "c:c,d:d", "-c", "ch1", "-s", "s2")
        #expect(run.standardOutput == "ust event c:c created in channel ch1\nust event d:d created in channel ch1\n")
        #expect(
            harness.daemon.requests == [
                .enableEvent(session: "s2", channel: "ch1", patterns: ["c:c"]),
                .enableEvent(session: "s2", channel: "ch1", patterns: ["d:d"]),
            ])
    }

    @Test("--all is the name *")
    func enableAll() {
        let harness = harness()
        let run = harness.run("enable-event", "-u", "-a")
        #expect(run.standardOutput == "All ust events are enabled in channel channel0\n")
        #expect(harness.daemon.requests == [.enableEvent(session: "s1", channel: nil, patterns: ["*"])])
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
            if case .enableEvent(_, _, ["bad"]) = request { throw SpoorError(.invalidArgument) }
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
