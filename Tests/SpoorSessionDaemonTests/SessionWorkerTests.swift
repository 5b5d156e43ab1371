import Foundation
import Logging
import SpoorModel
import SpoorPosix
import SpoorSessionCore
import SpoorWire
import Synchronization
import SpoorTestSupport
import Testing

@testable import SpoorSessionDaemon

/// The point of the per-session worker: one session's slow work (here, a worker held by a
/// stand-in for a long drain) never stalls another session or the registry, while a second
/// command of the same session waits for the first. No process, no socket: the daemon's
/// `handle` is called directly.
@Suite("Session workers keep one session's slow work to itself")
struct SessionWorkerTests {
    /// Holds session `name`'s worker on another thread until `release` is set; returns once held.
    @discardableResult
    static func hold(_ name: String, of daemon: SessionDaemon, until release: Flag) -> SessionWorker? {
        let worker = daemon.state.withLock { $0.sessions[name]?.worker }
        let held = Flag()
        let thread = Thread {
            worker?.run {
                held.raise()
                release.wait()
            }
        }
        thread.start()
        held.wait()
        return worker
    }

    /// Waits until `count` commands wait for `worker`, 10 s at most; records a failure if they
    /// never do.
    static func waitForWaiters(
        _ count: Int, on worker: SessionWorker?, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let reached = waitUntil { (worker?.waitingCount ?? -1) >= count }
        #expect(reached, "no command came to wait for the worker", sourceLocation: sourceLocation)
    }

    @Test("while one session is busy, listing, creating and changing other sessions go on")
    func otherSessionsGoOn() throws {
        let test = try InProcessDaemon()
        let daemon = test.daemon
        #expect(daemon.handle(.createSession(name: "busy", outputPath: nil), uid: 0) != nil)
        let release = Flag()
        Self.hold("busy", of: daemon, until: release)
        defer { release.raise() }
        // Each of these would wait forever if it needed the busy session's worker.
        guard case .sessionCreated = daemon.handle(.createSession(name: "other", outputPath: nil), uid: 0) else {
            Issue.record("create did not answer")
            return
        }
        guard case .sessions(let sessions) = daemon.handle(.listSessions, uid: 0) else {
            Issue.record("list did not answer")
            return
        }
        #expect(Set(sessions.map(\.name)) == ["busy", "other"])
        let channel = ChannelAttributes(name: "c")
        #expect(daemon.handle(.enableChannel(session: "other", attributes: channel), uid: 0) == .ok)
        #expect(daemon.handle(.startSession(name: "other"), uid: 0) == .ok)
        guard case .stopped = daemon.handle(.stopSession(name: "other"), uid: 0) else {
            Issue.record("stop did not answer")
            return
        }
    }

    @Test("a second command of a busy session waits for the first")
    func sameSessionWaits() throws {
        let test = try InProcessDaemon()
        let daemon = test.daemon
        _ = daemon.handle(.createSession(name: "busy", outputPath: nil), uid: 0)
        let release = Flag()
        let worker = Self.hold("busy", of: daemon, until: release)
        defer { release.raise() }
        let answered = Flag()
        let thread = Thread {
            _ = daemon.handle(.sessionDetail(name: "busy"), uid: 0)
            answered.raise()
        }
        thread.start()
        // The command has reached the worker and waits there; it cannot have answered.
        Self.waitForWaiters(1, on: worker)
        #expect(!answered.isRaised)
        release.raise()
        answered.wait()
    }

    @Test("a command that waited for a session destroyed meanwhile finds no session")
    func destroyedWhileWaiting() throws {
        let test = try InProcessDaemon()
        let daemon = test.daemon
        _ = daemon.handle(.createSession(name: "s", outputPath: nil), uid: 0)
        let release = Flag()
        let worker = Self.hold("s", of: daemon, until: release)
        defer { release.raise() }
        let reply = Mutex<ControlReply?>(nil)
        let answered = Flag()
        let thread = Thread {
            let answer = daemon.handle(.sessionDetail(name: "s"), uid: 0)
            reply.withLock { $0 = answer }
            answered.raise()
        }
        thread.start()
        // The command has looked the worker up and waits for it.
        Self.waitForWaiters(1, on: worker)
        // The session goes, and an unrelated one of the same name comes, under the lock alone.
        daemon.state.withLock { state in
            state.sessions["s"] = nil
            _ = try? state.createSession(name: "s", outputPath: nil, uid: 0)
        }
        release.raise()
        answered.wait()
        #expect(reply.withLock { $0 } == .error(SpoorError(.sessionNotFound, "s")))
    }

    @Test("sessions of another user stay out of reach")
    func accessRule() throws {
        let test = try InProcessDaemon()
        let daemon = test.daemon
        _ = daemon.handle(.createSession(name: "mine", outputPath: nil), uid: 1000)
        #expect(daemon.handle(.stopSession(name: "mine"), uid: 1001) == .error(SpoorError(.sessionNotFound, "mine")))
        #expect(daemon.handle(.sessionDetail(name: "mine"), uid: 0) != .error(SpoorError(.sessionNotFound, "mine")))
        guard case .sessions(let visible) = daemon.handle(.listSessions, uid: 1001) else {
            Issue.record("list did not answer")
            return
        }
        #expect(visible.isEmpty)
    }
}

@Suite("A session worker counts the commands that wait for it")
struct SessionWorkerCountTests {
    @Test("a caller waiting for a busy worker is counted until its turn comes")
    func countsWaiters() {
        let worker = SessionWorker()
        #expect(worker.waitingCount == 0)
        let release = Flag()
        let held = Flag()
        let holder = Thread { worker.run { held.raise(); release.wait() } }
        holder.start()
        held.wait()
        #expect(worker.waitingCount == 0)
        let ran = Flag()
        let waiter = Thread { worker.run { ran.raise() } }
        waiter.start()
        #expect(waitUntil { worker.waitingCount == 1 })
        #expect(!ran.isRaised)
        release.raise()
        ran.wait()
        #expect(waitUntil { worker.waitingCount == 0 })
    }
}
