import SpoorControl
import SpoorModel
import SpoorWire
import Testing

@testable import SpoorCLI

@Suite("Typed control calls")
struct TypedControlTests {
    @Test("each typed call sends its request and returns the reply's value")
    func typedCalls() throws {
        let daemon = ScriptedDaemon { request in
            switch request {
            case .listSessions: .sessions([Fixtures.summary("s", "/t")])
            case .createSession: .sessionCreated(Fixtures.summary("c", "/c"))
            case .rotateSession: .rotation(RotationInfo(session: "s", chunkID: 3, state: .ongoing, archivePath: "/a"))
            case .addTrigger: .triggerAdded(name: "trigger0")
            case .recordSnapshot: .snapshotRecorded(directory: "/snap")
            case .stopSession: .stopped([Fixtures.channel("ch", discarded: 2)])
            default: .ok
            }
        }
        #expect(try daemon.listSessions() == [Fixtures.summary("s", "/t")])
        #expect(try daemon.createSession(name: "c", outputPath: nil).name == "c")
        #expect(daemon.autoStartFlags.last == true)
        #expect(try daemon.rotateSession("s").chunkID == 3)
        let condition = TriggerCondition.sessionRotationOngoing(session: "s")
        #expect(try daemon.addTrigger(name: nil, ownerUID: nil, condition: condition, actions: []) == "trigger0")
        #expect(try daemon.recordSnapshot(session: "s", output: SnapshotOutput()) == "/snap")
        #expect(try daemon.stopSession("s").first?.discardedEventCount == 2)
        try daemon.startSession("s")
        #expect(daemon.requests.last == .startSession(name: "s"))
        #expect(daemon.autoStartFlags.last == false)
    }

    @Test("a reply of the wrong kind is a protocol error, from one place")
    func wrongReply() {
        let daemon = ScriptedDaemon { _ in .ok }
        #expect(throws: SpoorError.self) { try daemon.listSessions() }
        do {
            _ = try daemon.sessionDetail("s")
        } catch {
            #expect(error.code == .protocolError)
            #expect(error.detail.hasPrefix("Unexpected reply from the session daemon"))
        }
    }

    @Test("calls whose reply may carry nothing accept a bare ok")
    func lenientCalls() throws {
        let daemon = ScriptedDaemon { _ in .ok }
        #expect(try daemon.destroySession("s") == nil)
        #expect(try daemon.stopSession("s").isEmpty)
        #expect(try daemon.enableEvents(session: "s", channel: nil, rules: []) == nil)
        #expect(try daemon.loadSessions([], overwrite: false) == nil)
    }

    @Test("a daemon error is thrown with its cause")
    func daemonError() {
        let failure = SpoorError(.outputError, "d", cause: .init(operation: "open /t", errno: 13))
        let daemon = ScriptedDaemon { _ throws(SpoorError) in throw failure }
        do {
            try daemon.clearSession("s")
            Issue.record("no error")
        } catch {
            #expect(error == failure)
            #expect(error.cause?.errno == 13)
        }
    }

    @Test("a load refusal names the session and keeps its error")
    func loadRefusal() throws {
        let daemon = ScriptedDaemon { _ in .sessionLoadFailed(session: "x", error: SpoorError(.sessionExists)) }
        let refusal = try daemon.loadSessions([], overwrite: false)
        #expect(refusal == SessionLoadRefusal(session: "x", error: SpoorError(.sessionExists)))
    }

    @Test("listing schedules does not fail when the daemon cannot say")
    func schedulesIfKnown() throws {
        let daemon = ScriptedDaemon { request throws(SpoorError) in
            if case .rotationStatus = request { throw SpoorError(.unsupported) }
            return .sessionDetail(SessionDetail(summary: Fixtures.summary("s", "/t"), channels: []))
        }
        let (detail, schedules) = try daemon.sessionDetailAndSchedules("s")
        #expect(detail.summary.name == "s")
        #expect(schedules.isEmpty)
    }
}

@Suite("The error text table")
struct ErrorTextTests {
    @Test("every code has a one-line, capitalised text", arguments: ErrorCode.allCases)
    func everyCode(code: ErrorCode) {
        let text = ErrorText.message(code)
        #expect(!text.isEmpty)
        #expect(!text.contains("\n"))
        #expect(text.first?.isUppercase == true)
    }

    @Test("texts are distinct")
    func distinct() {
        let texts = ErrorCode.allCases.map(ErrorText.message)
        #expect(Set(texts).count == texts.count)
    }

    @Test("the texts are lttng_strerror()'s for the user-space domain")
    func lttngTexts() {
        #expect(ErrorText.message(.channelNotFound) == "UST channel not found")
        #expect(ErrorText.message(.channelExists) == "UST channel already exist")
        #expect(ErrorText.message(.eventRuleNotFound) == "UST event not found")
        #expect(ErrorText.message(.sessionNotFound) == "Session name not found")
        #expect(ErrorText.message(.sessionAlreadyActive) == "Tracing has already been started once")
        #expect(ErrorText.message(.sessionNeverStarted) == "Session needs to be started once")
    }

    @Test("a detail is added where lttng prints one, and replaces the text where it says more")
    func details() {
        #expect(ErrorText.describe(SpoorError(.invalidArgument, "x")) == "Invalid parameter: x")
        #expect(ErrorText.describe(SpoorError(.channelNotFound, "x")) == "UST channel not found")
        #expect(
            ErrorText.describe(SpoorError(.snapshotFailed, "Snapshot record failed: disk"))
                == "Snapshot record failed: disk")
        #expect(ErrorText.describe(SpoorError(.unknown)) == "Unknown error")
        #expect(
            ErrorText.describe(SpoorError(.outputError, "d", cause: .init(operation: "o", errno: 5)))
                == "Cannot write the trace output: d")
    }
}

@Suite("The human renderer")
struct HumanRendererTests {
    private func render(_ body: (HumanRenderer) -> CommandStatus) -> (CommandStatus, String) {
        let transcript = ConsoleTranscript()
        let status = body(HumanRenderer(console: transcript.console()))
        return (status, transcript.combined)
    }

    @Test("a command's report is printed without the command, as lttng prints it")
    func reports() {
        let (status, text) = render { $0.render(.success(StopReport(session: "s", waitedMilliseconds: 450))) }
        #expect(status == .success)
        #expect(text == "Waiting for data availability..\nTracing stopped for session s\n")
        let (warned, warning) = render { $0.render(.success(StartReport(session: "s", wasAlreadyActive: true))) }
        #expect(warned == .warning)
        #expect(warning == "Warning: Tracing already started for session s\n")
    }

    @Test("typed errors are printed in lttng's words, with lttng's statuses")
    func errors() {
        let cases: [(CommandError, CommandStatus, String)] = [
            (.daemon(SpoorError(.sessionNotFound)), .commandError, "Error: Session name not found\n"),
            (.unsupported(option: "--live"), .commandError, "Error: --live: not supported yet by spoor\n"),
            (.missingSessionEntry, .commandError, "Error: Missing session=NAME in config file.\n"),
            (.exitStatus(.sessionFileExists, .refused("x")), .sessionFileExists, "Error: x\n"),
            (.warned(["w"], then: .refused("x")), .commandError, "Warning: w\nError: x\n"),
            (
                .operationFailed(.listTriggers, SpoorError(.permissionDenied)), .commandError,
                "Error: Error listing triggers: Permission denied.\n"
            ),
        ]
        for (error, expectedStatus, expectedText) in cases {
            let (status, text) = render { $0.fail(error) }
            #expect(status == expectedStatus)
            #expect(text == expectedText)
        }
    }
}

@Suite("add-trigger's condition and action tables")
struct TriggerTypeTableTests {
    @Test("the names lttng lists come from the enums, in lttng's order")
    func names() {
        #expect(
            TriggerCommandLine.conditionNames == [
                "event-rule-matches", "session-consumed-size", "buffer-usage-high", "buffer-usage-low",
                "session-rotation-ongoing", "session-rotation-completed", "process-crashed",
            ])
        #expect(
            TriggerCommandLine.actionNames == [
                "notify", "start-session", "stop-session", "rotate-session", "snapshot-session",
            ])
    }

    @Test("every condition and action option starts with two dashes, once per type", arguments: ConditionType.allCases)
    func conditionOptions(type: ConditionType) {
        #expect(type.options.allSatisfy { $0.hasPrefix("--") })
        #expect(Set(type.options).count == type.options.count)
    }

    @Test("only the snapshot action takes output options")
    func actionOptions() {
        for type in ActionType.allCases where type != .snapshotSession { #expect(type.options == ["--rate-policy"]) }
        #expect(ActionType.snapshotSession.options.contains("--url"))
    }
}
