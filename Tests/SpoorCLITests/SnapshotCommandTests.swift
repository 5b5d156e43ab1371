import SpoorModel
import SpoorWire
import Testing

@testable import SpoorCLI

@Suite("snapshot and create --snapshot")
struct SnapshotCommandTests {
    @Test(
        "an output is an absolute path or a file:// URL; network URLs and relative paths are not",
        arguments: [
            ("/tmp/a", SnapshotDestination.path("/tmp/a")), ("file:///tmp/a", .path("/tmp/a")),
            ("net://localhost", .network), ("tcp://h:1", .network), ("net6://h", .network), ("tcp6://h", .network),
            ("relative/dir", .invalid), ("file://relative", .invalid), ("", .invalid),
        ])
    func destinations(text: String, expected: SnapshotDestination) {
        #expect(SnapshotDestination.parse(text) == expected)
    }

    @Test("record asks for the session's output, or a one-off output with its name and size")
    func recordRequests() {
        let harness = SpoorHarness()
        harness.setCurrentSession("s")
        harness.daemon.answer = { _ in .snapshotRecorded(directory: "/d") }
        #expect(harness.run("snapshot", "record").standardOutput == "Snapshot recorded successfully for session s\n")
        let oneOff = harness.run("snapshot", "record", "-n", "x", "-m", "2M", "file:///o", "-s", "t")
        #expect(
            oneOff.standardOutput == "Snapshot recorded successfully for session t\nSnapshot written at: file:///o\n")
        #expect(
            harness.daemon.requests == [
                .recordSnapshot(session: "s", output: SnapshotOutput()),
                .recordSnapshot(session: "t", output: SnapshotOutput(name: "x", maxSize: 2 << 20, path: "/o")),
            ])
    }

    @Test("list-output prints each output, with its size limit when it has one")
    func listOutput() {
        let harness = SpoorHarness()
        harness.setCurrentSession("s")
        harness.daemon.answer = { _ in
            .snapshotOutputs([SnapshotOutput(id: 3, name: "n", maxSize: 0, path: "/p")])
        }
        #expect(
            harness.run("snapshot", "list-output").standardOutput
                == "Snapshot output list for session s\n    [3] n: /p\n")
        harness.daemon.answer = { _ in .snapshotOutputs([]) }
        #expect(
            harness.run("snapshot", "list-output").standardOutput == "Snapshot output list for session s\n    None\n")
    }

    @Test("the actions are listed, and a wrong action or size is refused before asking the daemon")
    func parsing() {
        let harness = SpoorHarness()
        harness.setCurrentSession("s")
        #expect(
            harness.run("snapshot", "--list-commands").standardOutput
                == "add-output\ndel-output\nlist-output\nrecord\n")
        #expect(harness.run("snapshot", "nope").status == .undefinedCommand)
        let size = harness.run("snapshot", "record", "-m", "12Q")
        #expect(size.status == .commandError)
        #expect(size.standardError == "Error: Unable to handle max-size value 12Q\n")
        let network = harness.run("snapshot", "record", "net://h")
        #expect(network.standardError.contains("not supported yet by spoor (there is no relay daemon yet)"))
        #expect(harness.run("snapshot", "add-output", "rel").standardError == "Error: Invalid parameter\n")
        #expect(harness.daemon.requests.isEmpty)
    }

    @Test("create --snapshot asks for a snapshot session and prints its default output")
    func createSnapshot() {
        let harness = SpoorHarness()
        harness.daemon.answer = { request in
            switch request {
            case .listSnapshotOutputs: .snapshotOutputs([SnapshotOutput(id: 1, name: "snapshot-1", path: "/out")])
            default:
                .sessionCreated(
                    SessionSummary(name: "s", outputPath: "", isActive: false, creationTime: 0, isSnapshot: true))
            }
        }
        let run = harness.run("create", "s", "--snapshot", "-U", "file:///out")
        #expect(run.status == .success)
        #expect(
            run.standardOutput == """
                Snapshot session s created.
                Default snapshot output set to /out
                Every channel enabled for this session will be set to mmap output and default to overwrite mode.

                """)
        #expect(harness.daemon.requests.first == .createSnapshotSession(name: "s", outputPath: "/out", hasOutput: true))
        let network = harness.run("create", "n", "--snapshot", "-C", "tcp://h", "-D", "tcp://h")
        #expect(network.status == .commandError)
        #expect(network.standardError.contains("no relay daemon"))
    }

    @Test("list shows a snapshot session's state as lttng does, without a trace output")
    func listing() {
        let summary = SessionSummary(name: "s", outputPath: "", isActive: true, creationTime: 0, isSnapshot: true)
        #expect(
            SessionListFormatter.render([summary])
                == "Available recording sessions:\n  1) s [active snapshot]\n\n\n"
                + "Use spoor list <session_name> for more details\n"
        )
        #expect(SessionDetailFormatter.header(summary) == "Recording session s: [active snapshot]\n")
    }
}
