import SpoorModel
import SpoorWire
import Testing

@testable import SpoorSessionDaemon

/// The daemon's commands as a client sees them, without a process or a socket: the cases the
/// integration tests cover with real binaries, run in milliseconds. No app registers, so no
/// buffer exists; what is checked is the sessions' lifecycle and what lands on disk.
@Suite("Session commands, in process")
struct DaemonCommandTests {
    @Test("start, stop and destroy follow the lifecycle and refuse what LTTng refuses")
    func lifecycle() throws {
        let daemon = try InProcessDaemon()
        daemon.send(.createSession(name: "s", outputPath: daemon.output("s")))
        #expect(daemon.send(.enableChannel(session: "s", attributes: ChannelAttributes(name: "c"))) == .ok)
        #expect(daemon.send(.stopSession(name: "s")) == .error(SpoorError(.sessionAlreadyInactive, "s")))
        #expect(daemon.send(.startSession(name: "s")) == .ok)
        #expect(daemon.isActive("s") == true)
        #expect(daemon.send(.startSession(name: "s")) == .error(SpoorError(.sessionAlreadyActive, "s")))
        guard case .stopped(let channels) = daemon.send(.stopSession(name: "s")) else {
            Issue.record("stop did not answer with the channels")
            return
        }
        #expect(channels.map(\.attributes.name) == ["c"])
        #expect(daemon.isActive("s") == false)
        // A session started once takes no new channel.
        let late = ChannelAttributes(name: "d")
        guard case .error(let error) = daemon.send(.enableChannel(session: "s", attributes: late)) else {
            Issue.record("a channel was added after start")
            return
        }
        #expect(error.code == .unsupported)
        #expect(daemon.send(.destroySession(name: "s")) == .ok)
        #expect(daemon.send(.sessionDetail(name: "s")) == .error(SpoorError(.sessionNotFound, "s")))
    }

    @Test("destroying an active session stops it first")
    func destroyActive() throws {
        let daemon = try InProcessDaemon()
        daemon.startRecording("s")
        #expect(daemon.send(.destroySession(name: "s")) == .ok)
        #expect(daemon.isActive("s") == nil)
    }

    @Test("rotations archive chunks under archives/, refuse what LTTng refuses, and destroy archives the last")
    func rotation() throws {
        let daemon = try InProcessDaemon()
        let output = daemon.output("r")
        daemon.send(.createSession(name: "r", outputPath: output))
        daemon.send(.enableChannel(session: "r", attributes: ChannelAttributes(name: "c")))
        #expect(daemon.send(.rotateSession(name: "r")) == .error(SpoorError(.sessionNeverStarted)))
        daemon.send(.startSession(name: "r"))
        guard case .rotation(let first) = daemon.send(.rotateSession(name: "r")) else {
            Issue.record("rotate did not answer with a rotation")
            return
        }
        #expect(first.chunkID == 0 && first.archivePath.hasPrefix(output + "/archives/"))
        guard case .rotationStatus(let status, _) = daemon.send(.rotationStatus(session: "r", chunkID: 0)) else {
            Issue.record("no rotation status")
            return
        }
        #expect(status?.state == .completed)
        #expect(daemon.exists(first.archivePath))
        guard case .rotation(let last) = daemon.send(.destroySession(name: "r")) else {
            Issue.record("destroy of a rotated session did not archive its last chunk")
            return
        }
        #expect(last.chunkID == 1 && last.state == .completed)
        #expect(daemon.contents(output + "/archives").count == 2)
    }

    @Test("a stopped session rotates once; a second rotation waits for the next start")
    func rotationWhileStopped() throws {
        let daemon = try InProcessDaemon()
        daemon.startRecording("r")
        daemon.send(.stopSession(name: "r"))
        guard case .rotation = daemon.send(.rotateSession(name: "r")) else {
            Issue.record("rotate did not answer with a rotation")
            return
        }
        #expect(daemon.send(.rotateSession(name: "r")) == .error(SpoorError(.rotationAfterStopAlreadyDone)))
        #expect(daemon.send(.startSession(name: "r")) == .ok)
    }

    @Test("snapshot record writes a numbered directory per snapshot, and only for a started snapshot session")
    func snapshot() throws {
        let daemon = try InProcessDaemon()
        let output = daemon.output("snapshots")
        daemon.send(.createSnapshotSession(name: "snap", outputPath: output, hasOutput: true))
        daemon.send(.enableChannel(session: "snap", attributes: ChannelAttributes(name: "c")))
        guard case .error(let early) = daemon.send(.recordSnapshot(session: "snap", output: SnapshotOutput())) else {
            Issue.record("a snapshot of a session never started was taken")
            return
        }
        #expect(early.code == .snapshotFailed)
        daemon.send(.startSession(name: "snap"))
        var directories: [String] = []
        for _ in 0..<2 {
            guard case .snapshotRecorded(let directory) = daemon.send(
                .recordSnapshot(session: "snap", output: SnapshotOutput()))
            else {
                Issue.record("snapshot record failed")
                return
            }
            directories.append(directory)
        }
        #expect(directories[0].hasPrefix(output + "/snapshot-1-") && directories[0].hasSuffix("-0"))
        #expect(directories[1].hasSuffix("-1"))
        #expect(directories.allSatisfy { daemon.exists($0 + "/ust") })
        daemon.send(.createSession(name: "plain", outputPath: daemon.output("plain")))
        #expect(
            daemon.send(.recordSnapshot(session: "plain", output: SnapshotOutput()))
                == .error(SpoorError(.notSnapshotSession, "plain")))
        // Its private buffer directory goes with it.
        #expect(daemon.send(.destroySession(name: "snap")) == .ok)
    }

    @Test("clear answers for an active session and after a rotation of a stopped one")
    func clear() throws {
        let daemon = try InProcessDaemon()
        daemon.send(.createSession(name: "c", outputPath: daemon.output("c")))
        daemon.send(.enableChannel(session: "c", attributes: ChannelAttributes(name: "ch")))
        daemon.send(.startSession(name: "c"))
        #expect(daemon.send(.clearSession(name: "c")) == .ok)
        daemon.send(.stopSession(name: "c"))
        daemon.send(.rotateSession(name: "c"))
        #expect(daemon.send(.clearSession(name: "c")) == .ok)
    }

    @Test("load creates every session or none, starts the active ones, and overwrites only when told")
    func load() throws {
        let daemon = try InProcessDaemon()
        let channel = ChannelConfiguration(
            attributes: ChannelAttributes(name: "c"), rules: [EventRule(pattern: "app:*")])
        let configuration = SessionConfiguration(
            name: "loaded", outputPath: daemon.output("loaded"), isActive: true, channels: [channel])
        #expect(daemon.send(.loadSessions([configuration], overwrite: false)) == .ok)
        #expect(daemon.isActive("loaded") == true)
        guard case .sessionLoadFailed(let session, let error) = daemon.send(
            .loadSessions([configuration], overwrite: false))
        else {
            Issue.record("a session was loaded over an existing one")
            return
        }
        #expect(session == "loaded" && error.code == .sessionExists)
        #expect(daemon.send(.loadSessions([configuration], overwrite: true)) == .ok)
        guard case .sessionConfigurations(let saved) = daemon.send(.sessionConfigurations(name: "loaded")) else {
            Issue.record("no configuration")
            return
        }
        #expect(saved.first?.channels.first?.rules.map(\.pattern) == ["app:*"])
        // All or nothing: the second configuration fails, so the first is not kept.
        let broken = SessionConfiguration(name: "bad/name", outputPath: nil)
        let fresh = SessionConfiguration(name: "fresh", outputPath: daemon.output("fresh"))
        guard case .sessionLoadFailed = daemon.send(.loadSessions([fresh, broken], overwrite: false)) else {
            Issue.record("an invalid session was loaded")
            return
        }
        #expect(daemon.isActive("fresh") == nil)
    }
}
