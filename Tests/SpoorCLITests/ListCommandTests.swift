import SpoorModel
import SpoorWire
import Testing

@testable import SpoorCLI

#if canImport(Glibc)
import Glibc
#endif

@Suite("list, status and view")
struct ListCommandTests {
    static let oneChannelDetail = SessionDetail(
        summary: Fixtures.summary("s1", "/tmp/lthome/lttng-traces/s1-20261123-161446"),
        channels: [Fixtures.channel("ch1", rules: [EventRule(pattern: "bar:baz")])])

    func harness() -> SpoorHarness {
        let harness = SpoorHarness()
        harness.daemon.answer = { request throws(SpoorError) in
            switch request {
            case .listSessions:
                return .sessions([Fixtures.summary("s1", "/tmp/lthome/lttng-traces/s1-20261123-161446")])
            case .sessionDetail("s1"): return .sessionDetail(Self.oneChannelDetail)
            case .sessionDetail: throw SpoorError(.sessionNotFound)
            case .listTracepoints: return .tracepoints([])
            default: return .ok
            }
        }
        return harness
    }

    @Test("list lists the sessions without starting a daemon")
    func listSessions() {
        let harness = harness()
        let run = harness.run("list")
        #expect(run.status == .success)
        #expect(run.standardOutput == LTTngTranscripts.sessionListOneSession)
        #expect(harness.daemon.autoStartFlags == [false])
    }

    @Test("list SESSION and status show the session in detail")
    func listSessionAndStatus() {
        let harness = harness()
        #expect(harness.run("list", "s1").standardOutput == LTTngTranscripts.detailOneChannel)
        harness.setCurrentSession("s1")
        #expect(harness.run("status").standardOutput == LTTngTranscripts.statusOneChannel)
        let detail: [ControlRequest] = [.sessionDetail(name: "s1"), .rotationStatus(session: "s1", chunkID: nil)]
        #expect(harness.daemon.requests == detail + detail)
    }

    @Test("an unknown session is named in quotes, as lttng list and status do")
    func unknownSession() {
        let harness = harness()
        var run = harness.run("list", "nosuch")
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: Session 'nosuch' not found\n")
        harness.setCurrentSession("ghost")
        run = harness.run("status")
        #expect(run.standardError == "Error: Session 'ghost' not found\n")
    }

    @Test("--channel with an unknown channel stops after the heading and fails")
    func unknownChannel() {
        let run = harness().run("list", "s1", "-c", "nochan")
        #expect(run.status == .commandError)
        #expect(run.standardOutput.hasSuffix("Channels:\n-------------\n"))
        #expect(run.standardError == "Error: Channel nochan not found\n")
    }

    @Test("--domain, --userspace and --fields select what list shows")
    func listVariants() {
        let harness = harness()
        #expect(harness.run("list", "-d", "s1").standardOutput.hasSuffix("Domains:\n-------------\n  - UST global\n"))
        #expect(!harness.run("list", "-u", "s1").standardOutput.contains("=== Domain"))
        #expect(harness.run("list", "-u").standardOutput == LTTngTranscripts.emptyTracepointList)
        #expect(harness.run("list", "--userspace", "--fields").standardOutput == LTTngTranscripts.emptyTracepointList)
        #expect(harness.daemon.requests.suffix(2) == [.listTracepoints, .listTracepoints])
    }

    @Test("list reports an absent daemon")
    func noDaemon() {
        let harness = harness()
        harness.daemon.answer = { _ throws(SpoorError) in
            throw SpoorError(.unknown, "No session daemon is available")
        }
        let run = harness.run("list")
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: No session daemon is available\n")
    }

    @Test("list --syscall without --kernel is lttng's warning")
    func syscallWithoutKernel() {
        let run = harness().run("list", "--syscall")
        #expect(run.status == .commandError)
        #expect(run.standardError == "Warning: --syscall will only work with the Kernel domain (-k)\n")
    }

    // MARK: view

    @Test("view prints the current session's trace with Spoor's reader")
    func viewCurrentSession() {
        var harness = harness()
        harness.renderer = FixedTraceRenderer(lines: [
            "[00:00:00.000000001] specapp:ev_small: { cpu_id = 0 }, { v = 1 }"
        ])
        harness.setCurrentSession("s1")
        let run = harness.run("view")
        #expect(run.status == .success)
        #expect(run.standardOutput == "[00:00:00.000000001] specapp:ev_small: { cpu_id = 0 }, { v = 1 }\n")
        #expect(harness.daemon.requests == [.sessionDetail(name: "s1")])
    }

    @Test("view --trace-path reads a directory without asking the daemon")
    func viewTracePath() {
        var harness = harness()
        harness.renderer = FixedTraceRenderer(problem: "/nowhere: no metadata file")
        let run = harness.run("view", "-t", "/nowhere")
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: /nowhere: no metadata file\n")
        #expect(harness.daemon.requests.isEmpty)
    }

    @Test("view --viewer runs the viewer with the trace directory last")
    func viewExternalViewer() {
        var harness = harness()
        harness.isOutputTerminal = true
        let run = harness.run("view", "-e", "babeltrace2  --names=all", "s1")
        #expect(
            harness.viewerLauncher.commandLines == [
                ["babeltrace2", "--names=all", "/tmp/lthome/lttng-traces/s1-20261123-161446"]
            ])
        // The launcher returned (ENOENT): exec failed.
        #expect(run.status == .fatalError)
        #expect(run.standardOutput == "Trace directory: /tmp/lthome/lttng-traces/s1-20261123-161446\n\n")
        #expect(run.standardError == "Error: babeltrace2 not found on the system\n")
    }

    @Test("view refuses a running session and names an unknown one as lttng does")
    func viewErrors() {
        let harness = harness()
        harness.daemon.answer = { request throws(SpoorError) in
            if case .sessionDetail("s1") = request {
                return .sessionDetail(
                    SessionDetail(summary: Fixtures.summary("s1", "/t", isActive: true), channels: []))
            }
            throw SpoorError(.sessionNotFound)
        }
        var run = harness.run("view", "s1")
        #expect(run.status == .commandError)
        #expect(run.standardError == "Warning: Session s1 is running. Please stop it before reading it.\n")
        run = harness.run("view", "nosuch")
        #expect(run.status == .commandError)
        #expect(run.standardOutput == "Session name nosuch not found\n")
    }
}
