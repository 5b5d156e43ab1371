import SpoorModel
import SpoorWire
import Testing

@testable import SpoorCLI

@Suite("clear, regenerate and metadata")
struct ClearRegenerateCommandTests {
    // MARK: clear

    @Test("clear clears the current session")
    func clearCurrentSession() {
        let harness = SpoorHarness()
        harness.setCurrentSession("s1")
        let run = harness.run("clear")
        #expect(run.status == .success)
        #expect(run.standardOutput == "Session \"s1\" cleared\n")
        #expect(run.standardError.isEmpty)
        #expect(harness.daemon.requests == [.clearSession(name: "s1")])
    }

    @Test("a clear that takes a while shows lttng's wait, one dot per 200 ms")
    func clearShowsWait() {
        var harness = SpoorHarness()
        harness.clockMilliseconds = [0, 450]
        let run = harness.run("clear", "s1")
        #expect(run.standardOutput == "Waiting for clear of session \"s1\"..\nSession \"s1\" cleared\n")
    }

    @Test("clear --all clears every session, or says there is none")
    func clearAll() {
        let harness = SpoorHarness()
        harness.daemon.answer = { request in
            request == .listSessions ? .sessions([Fixtures.summary("a", "/a"), Fixtures.summary("b", "/b")]) : .ok
        }
        let run = harness.run("clear", "-a")
        #expect(run.standardOutput == "Session \"a\" cleared\nSession \"b\" cleared\n")
        #expect(harness.daemon.requests == [.listSessions, .clearSession(name: "a"), .clearSession(name: "b")])
        harness.daemon.answer = { _ in .sessions([]) }
        #expect(harness.run("clear", "--all").standardOutput == "No session found, nothing to do.\n")
    }

    @Test("clear names the session it cannot find and exits with lttng's code")
    func clearMissingSession() {
        let harness = SpoorHarness()
        harness.daemon.answer = { _ throws(SpoorError) in throw SpoorError(.sessionNotFound, "nosuch") }
        let run = harness.run("clear", "nosuch")
        #expect(run.status.rawValue == 23)
        #expect(run.standardError == "Error: Session name nosuch not found\n")
    }

    @Test(
        "clear refuses extra arguments and a session with --all",
        arguments: [["clear", "s1", "s2"], ["clear", "--all", "s1"]])
    func clearExtraArguments(arguments: [String]) {
        let harness = SpoorHarness()
        let run = harness.run(arguments)
        #expect(run.status == .commandError)
        #expect(run.standardError.hasPrefix("Error: Unknown argument: s"))
        #expect(harness.daemon.requests.isEmpty)
    }

    @Test("clear without a current session says how to make one")
    func clearWithoutSession() {
        let harness = SpoorHarness()
        let run = harness.run("clear")
        #expect(run.status == .commandError)
        #expect(run.standardError.contains("Can't find valid spoor config"))
        #expect(harness.daemon.requests.isEmpty)
    }

    // MARK: regenerate and metadata

    @Test(
        "regenerate metadata and metadata regenerate regenerate the metadata",
        arguments: [
            ["regenerate", "metadata"], ["regenerate", "metadata", "-s", "s1"],
            ["regenerate", "--session=s1", "metadata"],
            ["metadata", "regenerate"], ["metadata", "regenerate", "--session", "s1"],
        ])
    func regenerateMetadata(arguments: [String]) {
        let harness = SpoorHarness()
        harness.setCurrentSession("s1")
        let run = harness.run(arguments)
        #expect(run.status == .success)
        #expect(run.standardOutput == "Metadata successfully regenerated for session s1\n")
        #expect(harness.daemon.requests == [.regenerateMetadata(session: "s1")])
    }

    @Test(
        "regenerate exits with lttng's error codes",
        arguments: [
            (ErrorCode.sessionNotFound, Int32(23), "Error: Session name not found\n"),
            (.sessionNotStarted, 118, "Error: Session not started\n"),
            (.perPIDSessionUnsupported, 120, "Error: Per-PID recording sessions are not supported\n"),
        ])
    func regenerateErrors(code: ErrorCode, status: Int32, text: String) {
        let harness = SpoorHarness()
        harness.daemon.answer = { _ throws(SpoorError) in throw SpoorError(code, "s1") }
        for arguments in [["regenerate", "metadata", "-s", "s1"], ["metadata", "regenerate", "-s", "s1"]] {
            let run = harness.run(arguments)
            #expect(run.status.rawValue == status)
            #expect(run.standardError == text)
        }
    }

    @Test("regenerate statedump says it is not supported yet")
    func regenerateStatedump() {
        let harness = SpoorHarness()
        harness.daemon.answer = { _ throws(SpoorError) in
            throw SpoorError(.unsupported, "regenerate statedump: not supported yet by spoor")
        }
        let run = harness.run("regenerate", "statedump", "-s", "s1")
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: regenerate statedump: not supported yet by spoor\n")
        #expect(harness.daemon.requests == [.regenerateStatedump(session: "s1")])
    }

    @Test(
        "regenerate and metadata answer a missing or unknown object as lttng does",
        arguments: [
            (["regenerate"], CommandStatus.commandError, "Error: No object specified for regenerate command.\n"),
            (["regenerate", "-s", "s1"], .commandError, "Error: No object specified for regenerate command.\n"),
            (["regenerate", "foo"], .undefinedCommand, "Error: Unrecognized argument used with 'regenerate' command\n"),
            (
                ["regenerate", "metadata", "extra"], .undefinedCommand,
                "Error: Unrecognized argument used with 'regenerate' command\n"
            ),
            (["metadata"], .commandError, "Error: No action specified for metadata command.\n"),
            (["metadata", "foo"], .undefinedCommand, "Error: Unrecognized argument used with 'metadata' command\n"),
            (
                ["metadata", "regenerate", "extra"], .undefinedCommand,
                "Error: Unrecognized argument used with 'metadata' command\n"
            ),
        ])
    func badObjects(arguments: [String], status: CommandStatus, text: String) {
        let harness = SpoorHarness()
        let run = harness.run(arguments)
        #expect(run.status == status)
        #expect(run.standardError == text)
        #expect(harness.daemon.requests.isEmpty)
    }

    @Test(
        "--list-options and --list-commands print lttng's lists",
        arguments: [
            (["clear", "--list-options"], ["--help", "-h", "--all", "-a", "--list-options"]),
            (
                ["regenerate", "--list-options"],
                ["--help", "-h", "--session", "-s", "--list-options", "--list-commands"]
            ),
            (["metadata", "--list-options"], ["--help", "-h", "--session", "-s", "--list-options", "--list-commands"]),
            (["regenerate", "--list-commands"], ["metadata", "statedump"]),
            (["metadata", "--list-commands"], ["regenerate"]),
        ])
    func lists(arguments: [String], lines: [String]) {
        let run = SpoorHarness().run(arguments)
        #expect(run.status == .success)
        #expect(run.standardOutput == lines.map { $0 + "\n" }.joined())
    }

    @Test("the commands are no longer refused as missing from spoor")
    func commandsAreAvailable() {
        for name in ["clear", "regenerate", "metadata"] {
            #expect(CommandTable.command(named: name) != nil)
            #expect(CommandTable.commandNames.contains(name))
        }
    }
}
