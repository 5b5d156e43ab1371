import SpoorModel
import SpoorSessionXML
import SpoorTestSupport
import SpoorWire
import Testing

@testable import SpoorCLI

#if canImport(Glibc)
import Glibc
#endif

/// A harness whose session directories are temporary ones.
private struct SessionFilesHarness {
    var harness = SpoorHarness()
    let user = TemporaryDirectory()
    let system = TemporaryDirectory()

    init() {
        harness.sessionFileLocations = SessionFileLocations(userDirectory: user.path, systemDirectory: system.path)
    }

    func run(_ arguments: String...) -> SpoorRun { harness.run(arguments) }

    var daemon: ScriptedDaemon { harness.daemon }

    /// The configurations the daemon was asked to load, with `--force` or not.
    var loadRequests: [([SessionConfiguration], Bool)] {
        daemon.requests.compactMap {
            if case .loadSessions(let sessions, let overwrite) = $0 { (sessions, overwrite) } else { nil }
        }
    }
}

private func session(
    _ name: String, output: String? = "/t/x", channel: String = "channel0", contexts: [ContextType] = []
)
    -> SessionConfiguration
{
    SessionConfiguration(
        name: name, outputPath: output.map { $0 + "/" + name },
        channels: [
            ChannelConfiguration(
                attributes: ChannelAttributes(name: channel), rules: [EventRule(pattern: "app:*")], contexts: contexts)
        ])
}

private func file(_ sessions: SessionConfiguration...) -> String {
    (try? SessionXML.document(for: sessions)) ?? ""
}

@Suite("save")
struct SaveCommandTests {
    @Test("save SESSION writes SESSION.lttng in the user's directory")
    func saveOne() throws {
        let files = SessionFilesHarness()
        files.daemon.answer = { _ in .sessionConfigurations([session("s1")]) }
        let run = files.run("save", "s1")
        #expect(run.status == .success)
        #expect(run.standardOutput == "Session s1 saved successfully.\n")
        #expect(run.standardError.isEmpty)
        #expect(files.daemon.requests == [.sessionConfigurations(name: "s1")])
        #expect(files.user.read("s1.lttng") == file(session("s1")))
    }

    @Test(
        "save without a session, or with --all, saves every session",
        arguments: [["save"], ["save", "--all"], ["save", "-a"]])
    func saveAll(arguments: [String]) {
        let files = SessionFilesHarness()
        files.daemon.answer = { _ in .sessionConfigurations([session("a"), session("b")]) }
        let run = files.harness.run(arguments)
        #expect(run.status == .success)
        #expect(run.standardOutput == "All sessions have been saved successfully.\n")
        #expect(files.daemon.requests == [.sessionConfigurations(name: nil)])
        #expect(files.user.read("a.lttng") == file(session("a")))
        #expect(files.user.read("b.lttng") == file(session("b")))
    }

    @Test("with no session at all, save succeeds and writes nothing")
    func saveNothing() {
        let files = SessionFilesHarness()
        files.daemon.answer = { _ in .sessionConfigurations([]) }
        let run = files.run("save")
        #expect(run.status == .success)
        #expect(run.standardOutput == "All sessions have been saved successfully.\n")
    }

    @Test("--output-path writes to that directory, made as needed, and says where")
    func outputPath() throws {
        let files = SessionFilesHarness()
        files.daemon.answer = { _ in .sessionConfigurations([session("s1")]) }
        let directory = files.user.path + "/deeper"
        defer {
            unlink(directory + "/s1.lttng")
            rmdir(directory)
        }
        let run = files.run("save", "s1", "--output-path=\(directory)")
        #expect(run.status == .success)
        #expect(run.standardOutput == "Session s1 saved successfully in \(directory).\n")
        #expect(files.user.read("deeper/s1.lttng") == file(session("s1")))
        #expect(!files.user.exists("s1.lttng"))
        let all = files.run("save", "-f", "-o", directory)
        #expect(all.standardOutput == "All sessions have been saved successfully in \(directory).\n")
    }

    @Test("an existing file is kept without --force (LTTng's exit code 85) and replaced with it")
    func existingFile() {
        let files = SessionFilesHarness()
        files.user.write("old\n", to: "s1.lttng")
        files.daemon.answer = { _ in .sessionConfigurations([session("s1")]) }
        let refused = files.run("save", "s1")
        #expect(refused.status == .sessionFileExists)
        #expect(refused.status.rawValue == 85)
        #expect(refused.standardError == "Error: Session file already exists\n")
        #expect(files.user.read("s1.lttng") == "old\n")
        let forced = files.run("save", "s1", "--force")
        #expect(forced.status == .success)
        #expect(files.user.read("s1.lttng") == file(session("s1")))
    }

    @Test("when one file of --all exists, none is written")
    func allOrNothing() {
        let files = SessionFilesHarness()
        files.user.write("old\n", to: "b.lttng")
        files.daemon.answer = { _ in .sessionConfigurations([session("a"), session("b")]) }
        #expect(files.run("save").status == .sessionFileExists)
        #expect(!files.user.exists("a.lttng"))
    }

    @Test("an unknown session is LTTng's exit code 23")
    func unknownSession() {
        let files = SessionFilesHarness()
        files.daemon.answer = { _ throws(SpoorError) in throw SpoorError(.sessionNotFound, "nope") }
        let run = files.run("save", "nope")
        #expect(run.status == .sessionNotFound)
        #expect(run.status.rawValue == 23)
        #expect(run.standardError == "Error: Session name not found\n")
    }

    @Test("a directory that cannot be made is LTTng's exit code 86")
    func unwritableDirectory() {
        let files = SessionFilesHarness()
        files.user.write("a file\n", to: "blocker")
        files.daemon.answer = { _ in .sessionConfigurations([session("s1")]) }
        let run = files.run("save", "s1", "-o", files.user.file("blocker") + "/sub")
        #expect(run.status == .sessionFileWriteFailed)
        #expect(run.status.rawValue == 86)
        #expect(run.standardError.hasSuffix("Error: IO error while writing session configuration\n"))
    }

    @Test("contexts outside LTTng's schema are saved, with a warning each")
    func contextsOutsideSchema() {
        let files = SessionFilesHarness()
        files.daemon.answer = { _ in .sessionConfigurations([session("s1", contexts: [.vpid, .vuid, .cpuID])]) }
        let run = files.run("save", "s1")
        #expect(run.status == .success)
        #expect(
            run.standardError == """
                Warning: Session s1: context vuid of channel channel0 is not in LTTng's session.xsd; spoor load reads it back, lttng load refuses the file
                Warning: Session s1: context cpu_id of channel channel0 is not in LTTng's session.xsd; spoor load reads it back, lttng load refuses the file

                """)
        #expect(files.user.read("s1.lttng")?.contains("<type>CPU_ID</type>") == true)
    }

    @Test(
        "arguments lttng refuses are refused",
        arguments: [
            (["save", "-a", "s1"], "Error: Unknown argument: s1\n"),
            (["save", "s1", "s2"], "Error: Unknown argument: s2\n"),
            (["save", "-o", "", "s1"], "Error: The output path is empty\n"),
        ])
    func badArguments(arguments: [String], error: String) {
        let files = SessionFilesHarness()
        let run = files.harness.run(arguments)
        #expect(run.status == .commandError)
        #expect(run.standardError == error)
        #expect(files.daemon.requests.isEmpty)
    }
}

@Suite("load")
struct LoadCommandTests {
    @Test("load reads every session of the user's directory, then the system's, the user's first")
    func loadAll() {
        let files = SessionFilesHarness()
        files.user.write(file(session("a")), to: "a.lttng")
        files.user.write(file(session("b"), session("c")), to: "bc.lttng")
        files.user.write(file(session("ignored")), to: "notes.xml")
        files.system.write(file(session("a", output: "/system")), to: "a.lttng")
        files.system.write(file(session("d")), to: "d.lttng")
        let run = files.run("load")
        #expect(run.status == .success)
        #expect(run.standardOutput == "All sessions have been loaded successfully\n")
        #expect(files.loadRequests.count == 1)
        #expect(files.loadRequests.first?.0 == [session("a"), session("b"), session("c"), session("d")])
        #expect(files.loadRequests.first?.1 == false)
    }

    @Test("load SESSION loads that session only")
    func loadOne() {
        let files = SessionFilesHarness()
        files.user.write(file(session("b"), session("c")), to: "bc.lttng")
        let run = files.run("load", "c", "--force")
        #expect(run.status == .success)
        #expect(run.standardOutput == "Session c has been loaded successfully\n")
        #expect(files.loadRequests.first?.0 == [session("c")])
        #expect(files.loadRequests.first?.1 == true)
    }

    @Test("a session no file defines is not found, and the daemon is not asked")
    func notFound() {
        let files = SessionFilesHarness()
        files.user.write(file(session("a")), to: "a.lttng")
        let run = files.run("load", "z")
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: Session file not found\n")
        #expect(files.daemon.requests.isEmpty)
    }

    @Test("with nothing saved, load succeeds and loads nothing")
    func nothingSaved() {
        var files = SessionFilesHarness()
        files.harness.sessionFileLocations = SessionFileLocations(
            userDirectory: files.user.path + "/missing", systemDirectory: files.system.path + "/missing")
        let run = files.run("load")
        #expect(run.status == .success)
        #expect(files.loadRequests.first?.0 == [])
    }

    @Test("--input-path reads that file, whatever its name, or that directory's .lttng files only")
    func inputPath() {
        let files = SessionFilesHarness()
        files.user.write(file(session("a")), to: "a.lttng")
        files.system.write(file(session("x")), to: "x.xml")
        files.system.write(file(session("y")), to: "y.lttng")
        #expect(files.run("load", "-i", files.system.file("x.xml")).status == .success)
        #expect(files.run("load", "--input-path", files.system.path).status == .success)
        #expect(files.loadRequests.map(\.0) == [[session("x")], [session("y")]])
    }

    @Test("an input path that does not exist is refused")
    func missingInputPath() {
        let files = SessionFilesHarness()
        let run = files.run("load", "-i", "/nonexistent/spoor")
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: Invalid input path /nonexistent/spoor: No such file or directory\n")
        #expect(files.daemon.requests.isEmpty)
    }

    @Test("--override-name renames the one session loaded, and says so")
    func overrideName() {
        let files = SessionFilesHarness()
        files.user.write(file(session("a")), to: "a.lttng")
        let run = files.run("load", "a", "--override-name", "b")
        #expect(run.standardOutput == "Session a has been loaded successfully\nSession name overridden with b\n")
        var renamed = session("a")
        renamed.name = "b"
        #expect(files.loadRequests.first?.0 == [renamed])
        let all = files.run("load", "--override-name", "b")
        #expect(all.status == .commandError)
        #expect(all.standardError == "Error: Options --all and --override-name cannot be used simultaneously\n")
        let bad = files.run("load", "a", "--override-name", "x/y")
        #expect(bad.standardError == "Error: Invalid --override-name: Invalid character found in session name\n")
    }

    @Test(
        "--override-url sets the output of every session loaded",
        arguments: [("file:///tmp/o/", "/tmp/o"), ("/tmp//o2", "/tmp/o2")])
    func overrideURL(url: String, path: String) {
        let files = SessionFilesHarness()
        files.user.write(file(session("a"), session("b")), to: "ab.lttng")
        let run = files.run("load", "--override-url", url)
        #expect(run.status == .success)
        #expect(
            run.standardOutput
                == "All sessions have been loaded successfully\nSession output url overridden with \(url)\n")
        #expect(files.loadRequests.first?.0.map(\.outputPath) == [path, path])
    }

    @Test(
        "an --override-url that is not a URL is LTTng's invalid parameter (97); a network one is not supported yet",
        arguments: [
            (
                "rel", CommandStatus.invalidParameter,
                "Error: URI parse unknown protocol rel\nError: Unable to parse the URL rel\nError: Url override is invalid\n"
            ),
            (
                "file://rel", .invalidParameter,
                "Error: Missing destination full path.\nError: Unable to parse the URL file://rel\nError: Url override is invalid\n"
            ),
            ("net://relay", .commandError, "Error: --override-url=net://relay: not supported yet by spoor\n"),
        ])
    func badOverrideURL(url: String, status: CommandStatus, error: String) {
        let files = SessionFilesHarness()
        files.user.write(file(session("a")), to: "a.lttng")
        let run = files.run("load", "--override-url", url)
        #expect(run.status == status)
        #expect(run.standardError == error)
        #expect(files.daemon.requests.isEmpty)
    }

    @Test("a file that is not XML is refused with the file, the line and LTTng's words")
    func malformedFile() {
        let files = SessionFilesHarness()
        files.user.write(file(session("a")), to: "a.lttng")
        files.user.write("<sessions>\n<session><name>b</name>\n", to: "b.lttng")
        let run = files.run("load")
        #expect(run.status == .commandError)
        #expect(run.standardError.hasPrefix("Error: \(files.user.file("b.lttng")):2: not well-formed XML"))
        #expect(run.standardError.hasSuffix("\nError: IO error while reading a session configuration\n"))
        #expect(files.daemon.requests.isEmpty)
    }

    @Test("a file the schema refuses is refused as LTTng refuses it")
    func invalidFile() {
        let files = SessionFilesHarness()
        files.user.write("<sessions><session><name>b</name><foo/></session></sessions>", to: "b.lttng")
        let run = files.run("load")
        #expect(
            run.standardError == """
                Error: \(files.user.file("b.lttng")):1: <foo> is not expected in <session>
                Error: Session configuration file validation failed
                Error: Invalid session configuration

                """)
        #expect(files.daemon.requests.isEmpty)
    }

    @Test("a session asking for what Spoor lacks is refused by name, and nothing is loaded")
    func unsupportedSession() {
        let files = SessionFilesHarness()
        files.user.write(file(session("a")), to: "a.lttng")
        files.user.write(
            "<sessions><session><name>k</name><domains><domain><type>KERNEL</type><buffer_type>GLOBAL</buffer_type>"
                + "<channels><channel><name>ch</name><read_timer_interval>0</read_timer_interval>"
                + "<output_type>SPLICE</output_type></channel></channels></domain></domains></session></sessions>",
            to: "k.lttng")
        let run = files.run("load")
        #expect(run.status == .commandError)
        #expect(
            run.standardError == """
                Error: \(files.user.file("k.lttng")):1: the kernel domain (channel ch) is not supported yet by spoor
                Error: Failed to load session k: Operation not supported
                Error: Operation not supported

                """)
        #expect(files.daemon.requests.isEmpty)
        // The session that is fine loads on its own.
        #expect(files.run("load", "a").status == .success)
    }

    @Test("a session defined twice in one directory is refused")
    func duplicateSession() {
        let files = SessionFilesHarness()
        files.user.write(file(session("a")), to: "a.lttng")
        files.user.write(file(session("a")), to: "b.lttng")
        let run = files.run("load")
        #expect(run.status == .commandError)
        #expect(run.standardError.contains("session a is defined twice (also in \(files.user.file("a.lttng")))"))
    }

    @Test("the daemon's refusal is reported as lttng reports it")
    func daemonRefusal() {
        let files = SessionFilesHarness()
        files.user.write(file(session("a")), to: "a.lttng")
        files.daemon.answer = { _ in .sessionLoadFailed(session: "a", error: SpoorError(.sessionExists, "a")) }
        let exists = files.run("load")
        #expect(exists.status == .commandError)
        #expect(exists.standardError == "Error: Session name already exists\n")
        files.daemon.answer = { _ in
            .sessionLoadFailed(
                session: "a", error: SpoorError(.invalidArgument, "the sub-buffer size must be a power of two"))
        }
        let invalid = files.run("load")
        #expect(
            invalid.standardError == """
                Error: Failed to load session a: Invalid parameter: the sub-buffer size must be a power of two
                Error: Invalid parameter

                """)
    }

    @Test("what save wrote, load sends back unchanged")
    func saveThenLoad() {
        let files = SessionFilesHarness()
        let sessions = [session("a", contexts: [.vpid, .networkNamespace]), session("b", output: nil)]
        files.daemon.answer = { request in
            if case .sessionConfigurations = request { return .sessionConfigurations(sessions) }
            return .ok
        }
        #expect(files.run("save").status == .success)
        #expect(files.run("load").status == .success)
        #expect(files.loadRequests.first?.0 == sessions)
    }

    @Test(
        "arguments lttng refuses are refused",
        arguments: [
            (["load", "-a", "s1"], "Error: Unknown argument: s1\n"),
            (["load", "s1", "s2"], "Error: Unknown argument: s2\n"),
        ])
    func badArguments(arguments: [String], error: String) {
        let files = SessionFilesHarness()
        let run = files.harness.run(arguments)
        #expect(run.status == .commandError)
        #expect(run.standardError == error)
        #expect(files.daemon.requests.isEmpty)
    }
}
