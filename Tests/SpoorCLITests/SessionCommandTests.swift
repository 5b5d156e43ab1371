import SpoorModel
import SpoorWire
import Testing

@testable import SpoorCLI

@Suite("create, destroy, set-session, start and stop")
struct SessionCommandTests {
    // MARK: create

    @Test("create names the session and its output, and makes it current")
    func create() {
        let harness = SpoorHarness()
        harness.daemon.answer = { _ in
            .sessionCreated(Fixtures.summary("s1", "/home/u/spoor-traces/s1-20261123-161446"))
        }
        let run = harness.run("create", "s1")
        #expect(run.status == .success)
        #expect(
            run.standardOutput
                == "Session s1 created.\nTraces will be output to /home/u/spoor-traces/s1-20261123-161446\n")
        #expect(run.standardError.isEmpty)
        #expect(harness.daemon.requests == [.createSession(name: "s1", outputPath: nil)])
        #expect(harness.daemon.autoStartFlags == [true])
        #expect(harness.home.read(".spoorrc") == "session=s1\n")
    }

    @Test("create without a name lets the daemon choose it")
    func createWithoutName() {
        let harness = SpoorHarness()
        harness.daemon.answer = { _ in .sessionCreated(Fixtures.summary("auto-20261123-161447", "/t/auto")) }
        let run = harness.run("create")
        #expect(run.standardOutput == "Session auto-20261123-161447 created.\nTraces will be output to /t/auto\n")
        #expect(harness.daemon.requests == [.createSession(name: nil, outputPath: nil)])
        #expect(harness.home.read(".spoorrc") == "session=auto-20261123-161447\n")
    }

    @Test(
        "create sends an absolute output directory",
        arguments: [
            (["create", "s2", "--output=out"], "/work/dir/out"), (["create", "s2", "-o", "/tmp/o"], "/tmp/o"),
            (["create", "s2", "--set-url=file:///tmp/u"], "/tmp/u"), (["create", "-U", "file:///x/y", "s2"], "/x/y"),
        ] as [([String], String)])
    func createWithOutput(arguments: [String], path: String) {
        let harness = SpoorHarness()
        harness.daemon.answer = { _ in .sessionCreated(Fixtures.summary("s2", path)) }
        let run = harness.run(arguments)
        #expect(run.status == .success)
        #expect(harness.daemon.requests == [.createSession(name: "s2", outputPath: path)])
        #expect(run.standardOutput.hasSuffix("Traces will be output to \(path)\n"))
    }

    @Test("create reports the daemon's refusal and leaves the current session alone")
    func createExistingSession() {
        let harness = SpoorHarness()
        harness.setCurrentSession("old")
        harness.daemon.answer = { _ throws(SpoorError) in throw SpoorError(.sessionExists) }
        let run = harness.run("create", "s1")
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: Session name already exists\n")
        #expect(harness.home.read(".spoorrc") == "session=old\n")
    }

    @Test(
        "create refuses bad names before it asks the daemon",
        arguments: [
            ("bad/name", "Invalid character found in session name"),
            ("auto", "auto is a reserved keyword for default session(s)"),
            ("auto-1", "auto is a reserved keyword for default session(s)"),
            (String(repeating: "a", count: 300), "Session name too long. Length must be lower or equal to 255"),
            ("..", "Invalid session name"),
        ])
    func createBadName(name: String, message: String) {
        let harness = SpoorHarness()
        let run = harness.run("create", name)
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: \(message)\n")
        #expect(harness.daemon.requests.isEmpty)
    }

    @Test(
        "create checks its options as lttng does",
        arguments: [
            (["create", "a", "b"], "Unknown argument: b"),
            (["create", "--live=0"], "Live timer interval must be greater than zero"),
            (["create", "--live=abc"], "Wrong value for --live parameter: abc"),
            (["create", "--snapshot", "--live"], "Snapshot and live modes are mutually exclusive."),
            (["create", "-C", "tcp://localhost"], "Both control and data URLs must be specified."),
            (["create", "-U", "file:relative"], "Unrecognized URL format."),
            (
                ["create", "-o", "/a", "-U", "file:///b"],
                "Only one of the --set-url, --ctrl-url/data-url, or --output options may be used at once."
            ),
        ] as [([String], String)])
    func createOptionErrors(arguments: [String], message: String) {
        let harness = SpoorHarness()
        let run = harness.run(arguments)
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: \(message)\n")
        #expect(harness.daemon.requests.isEmpty)
    }

    @Test("--no-consumer is obsolete, with a warning status")
    func createNoConsumer() {
        let run = SpoorHarness().run("create", "--no-consumer")
        #expect(run.status == .warning)
        #expect(run.standardOutput == "The option --no-consumer is obsolete. Use --no-output now.\n")
    }

    @Test("--no-sessiond keeps create from starting a daemon")
    func noSessiond() {
        let console = ConsoleTranscript().console()
        var options = GeneralOptions()
        #expect(
            (CommandContext.live(options: options, console: console).daemon as? ControlSocketDaemon)?.isSpawnAllowed
                == true)
        options.isSessionDaemonSpawnDisabled = true
        #expect(
            (CommandContext.live(options: options, console: console).daemon as? ControlSocketDaemon)?.isSpawnAllowed
                == false)
    }

    // MARK: destroy

    @Test("destroy destroys the current session and forgets it")
    func destroyCurrentSession() {
        let harness = SpoorHarness()
        harness.setCurrentSession("s1")
        harness.daemon.answer = { request in
            request == .listSessions ? .sessions([Fixtures.summary("s1", "/t/s1")]) : .ok
        }
        let run = harness.run("destroy")
        #expect(run.status == .success)
        #expect(run.standardOutput == "Session s1 destroyed\n")
        #expect(harness.daemon.requests == [.listSessions, .destroySession(name: "s1")])
        #expect(!harness.home.exists(".spoorrc"))
    }

    @Test("destroying an active session stops it first, shows the waits and warns of discarded events")
    func destroyActiveSession() {
        var harness = SpoorHarness()
        harness.setCurrentSession("s1")
        harness.clockMilliseconds = [0, 500, 1000, 1450]
        harness.daemon.answer = { request in
            switch request {
            case .listSessions: .sessions([Fixtures.summary("s1", "/t/s1", isActive: true)])
            case .stopSession: .stopped([Fixtures.channel("small", discarded: 624_999)])
            default: .ok
            }
        }
        let run = harness.run("destroy", "s1")
        #expect(run.status == .success)
        #expect(
            run.standardOutput == """
                Waiting for data availability..
                Destroying session s1..
                Session s1 destroyed
                Warning: 624999 events were discarded, please refer to the documentation on channel configuration.

                """)
        #expect(harness.daemon.requests == [.listSessions, .stopSession(name: "s1"), .destroySession(name: "s1")])
    }

    @Test("destroy --no-wait shows no wait")
    func destroyNoWait() {
        var harness = SpoorHarness()
        harness.clockMilliseconds = [0, 900]
        harness.daemon.answer = { request in request == .listSessions ? .sessions([Fixtures.summary("s1", "/t")]) : .ok
        }
        let run = harness.run("destroy", "--no-wait", "s1")
        #expect(run.standardOutput == "Session s1 destroyed\n")
    }

    @Test("destroying another session keeps the current one")
    func destroyOtherSession() {
        let harness = SpoorHarness()
        harness.setCurrentSession("s0")
        harness.daemon.answer = { request in request == .listSessions ? .sessions([Fixtures.summary("s1", "/t")]) : .ok
        }
        #expect(harness.run("destroy", "s1").status == .success)
        #expect(harness.home.read(".spoorrc") == "session=s0\n")
    }

    @Test("destroy --all destroys every session, or says there is none")
    func destroyAll() {
        let harness = SpoorHarness()
        harness.daemon.answer = { request in
            request == .listSessions ? .sessions([Fixtures.summary("a", "/a"), Fixtures.summary("b", "/b")]) : .ok
        }
        let run = harness.run("destroy", "-a")
        #expect(run.standardOutput == "Session a destroyed\nSession b destroyed\n")
        #expect(harness.daemon.requests == [.listSessions, .destroySession(name: "a"), .destroySession(name: "b")])
        harness.daemon.answer = { _ in .sessions([]) }
        #expect(harness.run("destroy", "--all").standardOutput == "No session found, nothing to do.\n")
    }

    @Test("destroy names the session it cannot find")
    func destroyMissingSession() {
        let harness = SpoorHarness()
        harness.daemon.answer = { _ in .sessions([]) }
        let run = harness.run("destroy", "nosuch")
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: Session name nosuch not found\n")
    }

    // MARK: set-session

    @Test("set-session makes an existing session current")
    func setSession() {
        let harness = SpoorHarness()
        harness.daemon.answer = { _ in .sessions([Fixtures.summary("s1", "/t")]) }
        let run = harness.run("set-session", "s1")
        #expect(run.standardOutput == "Session set to s1\n")
        #expect(harness.home.read(".spoorrc") == "session=s1\n")
    }

    @Test("set-session refuses a missing or unknown session")
    func setSessionErrors() {
        let harness = SpoorHarness()
        harness.daemon.answer = { _ in .sessions([]) }
        #expect(harness.run("set-session").standardError == "Error: Missing session name\n")
        let run = harness.run("set-session", "nosuch")
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: Session 'nosuch' not found\n")
        #expect(!harness.home.exists(".spoorrc"))
    }

    // MARK: start

    @Test("start starts the current session, or the one named")
    func start() {
        let harness = SpoorHarness()
        harness.setCurrentSession("s1")
        #expect(harness.run("start").standardOutput == "Tracing started for session s1\n")
        #expect(harness.run("start", "s2").standardOutput == "Tracing started for session s2\n")
        #expect(harness.daemon.requests == [.startSession(name: "s1"), .startSession(name: "s2")])
        #expect(harness.daemon.autoStartFlags == [false, false])
    }

    @Test(
        "start reports the daemon's errors as lttng does",
        arguments: [
            (
                ErrorCode.sessionAlreadyActive, CommandStatus.warning,
                "Warning: Tracing already started for session s1\n"
            ),
            (.sessionNotFound, .commandError, "Error: Session name not found\n"),
            (.noChannel, .commandError, "Error: No channel found in the session\n"),
        ])
    func startErrors(code: ErrorCode, status: CommandStatus, message: String) {
        let harness = SpoorHarness()
        harness.daemon.answer = { _ throws(SpoorError) in throw SpoorError(code) }
        let run = harness.run("start", "s1")
        #expect(run.status == status)
        #expect(run.standardError == message)
    }

    @Test("a command without session and without current session says how to create one")
    func noCurrentSession() {
        let harness = SpoorHarness()
        for command in ["start", "stop", "status", "destroy", "view"] {
            let run = harness.run(command)
            #expect(run.status == .commandError)
            #expect(run.standardError == "Error: Can't find valid spoor config \(harness.configFile)\n")
            #expect(run.standardOutput == "Did you create a session? (spoor create <my_session>)\n")
        }
        harness.home.write("foo=bar\n", to: ".spoorrc")
        #expect(harness.run("start").standardError == "Error: Missing session=NAME in config file.\n")
        #expect(harness.daemon.requests.isEmpty)
    }

    // MARK: stop

    @Test("stop waits for the data and warns of discarded events, as lttng stop does")
    func stopWithDiscardedEvents() {
        let harness = SpoorHarness()
        harness.setCurrentSession("s1")
        harness.daemon.answer = { _ in .stopped([Fixtures.channel("small", discarded: 350_163)]) }
        let run = harness.run("stop")
        #expect(run.status == .success)
        #expect(run.standardOutput == LTTngTranscripts.stopWithDiscardedEvents)
        #expect(harness.daemon.requests == [.stopSession(name: "s1")])
    }

    @Test("a slow stop shows a dot per 200 ms; --no-wait shows no wait")
    func stopWaits() {
        var harness = SpoorHarness()
        harness.clockMilliseconds = [0, 650]
        harness.daemon.answer = { _ in .stopped([]) }
        #expect(
            harness.run("stop", "s1").standardOutput
                == "Waiting for data availability...\nTracing stopped for session s1\n")
        #expect(harness.run("stop", "-n", "s1").standardOutput == "Tracing stopped for session s1\n")
    }

    @Test("stopping a stopped session is a warning")
    func stopStopped() {
        let harness = SpoorHarness()
        harness.daemon.answer = { _ throws(SpoorError) in throw SpoorError(.sessionAlreadyInactive) }
        let run = harness.run("stop", "s1")
        #expect(run.status == .warning)
        #expect(run.standardError == "Warning: Tracing already stopped for session s1\n")
        #expect(run.standardOutput.isEmpty)
    }
}
