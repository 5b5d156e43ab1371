import SpoorControl
import SpoorModel
import SpoorPosix
import SpoorTestSupport
import SpoorWire
import Testing

@Suite("A session daemon inside the test process")
struct InProcessSessionDaemonTests {
    @Test("answers on its own temporary paths, and keeps new sessions there")
    func answersOnTemporaryPaths() throws {
        let daemon = try InProcessSessionDaemon()
        #expect(daemon.paths.controlSocket.hasPrefix(daemon.home.path + "/"))
        #expect(FileSystem.exists(daemon.paths.pidFile))
        let client = ControlClient(paths: daemon.paths)

        #expect(try client.request(.version, autoStart: false) == .version("0.1.0"))
        guard
            case .sessionCreated(let created) = try client.request(
                .createSession(name: "s", outputPath: nil), autoStart: false)
        else {
            Issue.record("creating a session did not answer with the session")
            return
        }
        #expect(created.name == "s")
        #expect(created.outputPath.hasPrefix(daemon.paths.tracesDirectory + "/s-"))
        guard case .sessions(let sessions) = try client.request(.listSessions, autoStart: false) else {
            Issue.record("listing sessions did not answer with sessions")
            return
        }
        #expect(sessions.map(\.name) == ["s"])
    }

    @Test("two daemons never meet: each has its own sessions")
    func daemonsAreIndependent() throws {
        let first = try InProcessSessionDaemon()
        let second = try InProcessSessionDaemon()
        #expect(first.paths.runDirectory != second.paths.runDirectory)
        _ = try ControlClient(paths: first.paths).request(.createSession(name: "a", outputPath: nil), autoStart: false)
        #expect(try ControlClient(paths: second.paths).request(.listSessions, autoStart: false) == .sessions([]))
    }

    @Test("releasing it removes its sockets and pid file")
    func releaseRemovesRunFiles() throws {
        var daemon: InProcessSessionDaemon? = try InProcessSessionDaemon()
        let paths = try #require(daemon?.paths)
        #expect(FileSystem.exists(paths.controlSocket))
        daemon = nil
        #expect(!FileSystem.exists(paths.controlSocket))
        #expect(!FileSystem.exists(paths.pidFile))
        #expect(!FileSystem.exists(paths.home))
    }
}
