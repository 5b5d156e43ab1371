import SpoorModel
import SpoorPosix
import SpoorSessionCore
import SpoorWire
import Testing

@testable import SpoorSessionDaemon

/// The slow commands decide under the registry lock and return what waits as effects, for
/// the runner to carry out once the lock is released.
@Suite("Commands decide under the lock and leave the waiting to the effect runner")
struct DaemonDecisionTests {
    /// A started session `name`, in snapshot mode or not.
    static func started(_ name: String, snapshot: Bool = false, in test: InProcessDaemon) {
        if snapshot {
            test.send(.createSnapshotSession(name: name, outputPath: test.output(name), hasOutput: true))
        } else {
            test.send(.createSession(name: name, outputPath: test.output(name)))
        }
        test.send(.enableChannel(session: name, attributes: ChannelAttributes(name: "c")))
        test.send(.startSession(name: name))
    }

    @Test("stop returns a drain bounded by the stop timeout, and the session is inactive at once")
    func stopDrains() throws {
        let timeouts = DaemonTimeouts(stopDrain: .milliseconds(123))
        let test = try InProcessDaemon(timeouts: timeouts)
        Self.started("s", in: test)
        let effects = try test.daemon.locked { (state) throws(SpoorError) in try state.beginStop("s", uid: 0) }
        guard effects.count == 1, case .drain(_, let timeout, let failing) = effects[0] else {
            Issue.record("stop decided \(effects)")
            return
        }
        #expect(timeout == .milliseconds(123) && failing)
        #expect(test.isActive("s") == false)
    }

    @Test("stop of a snapshot session flushes and keeps the packets")
    func snapshotStopFlushes() throws {
        let test = try InProcessDaemon()
        Self.started("snap", snapshot: true, in: test)
        let effects = try test.daemon.locked { (state) throws(SpoorError) in try state.beginStop("snap", uid: 0) }
        guard effects.count == 1, case .flush = effects[0] else {
            Issue.record("stop decided \(effects)")
            return
        }
    }

    @Test("destroy has nothing to drain for a stopped session; a snapshot session's buffer files go after")
    func destroyEffects() throws {
        let test = try InProcessDaemon()
        test.send(.createSession(name: "idle", outputPath: test.output("idle")))
        let idle = try test.daemon.locked { (state) throws(SpoorError) in try state.beginDestroy("idle", uid: 0) }
        #expect(idle.isEmpty)
        Self.started("snap", snapshot: true, in: test)
        let buffers = test.daemon.state.withLock { $0.sessions["snap"]?.outputPath }
        _ = try test.daemon.locked { (state) throws(SpoorError) in try state.beginDestroy("snap", uid: 0) }
        let (archive, effects) = try test.daemon.locked { (state) throws(SpoorError) in
            try state.finishDestroy("snap", uid: 0)
        }
        #expect(archive == nil)
        guard effects.count == 1, case .removeTree(let path) = effects[0] else {
            Issue.record("destroy decided \(effects)")
            return
        }
        #expect(path == buffers)
        #expect(test.isActive("snap") == nil)
    }

    @Test("a snapshot is named by the injected clock and counted only once written")
    func snapshotNumbering() throws {
        let clock = ManualClock(unixSeconds: 1_800_000_000)
        let test = try InProcessDaemon(clock: clock)
        Self.started("snap", snapshot: true, in: test)
        let first = try test.daemon.locked { (state) throws(SpoorError) in
            try state.beginSnapshot(SnapshotOutput(), of: "snap", uid: 0)
        }
        #expect(first.directory.hasSuffix("snapshot-1-\(LocalTime.compact(1_800_000_000))-0"))
        // Not written: the next one takes the same number.
        let again = try test.daemon.locked { (state) throws(SpoorError) in
            try state.beginSnapshot(SnapshotOutput(), of: "snap", uid: 0)
        }
        #expect(again.directory == first.directory)
        try test.daemon.locked { (state) throws(SpoorError) in
            try state.snapshotRecorded(first.directory, of: "snap", uid: 0)
        }
        let next = try test.daemon.locked { (state) throws(SpoorError) in
            try state.beginSnapshot(SnapshotOutput(), of: "snap", uid: 0)
        }
        #expect(next.directory.hasSuffix("-1"))
    }

    @Test("clear after the rotation of a stopped session has no chunk to clear")
    func clearWithoutChunk() throws {
        let test = try InProcessDaemon()
        Self.started("s", in: test)
        test.send(.stopSession(name: "s"))
        test.send(.rotateSession(name: "s"))
        let effects = try test.daemon.locked { (state) throws(SpoorError) in try state.beginClear("s", uid: 0) }
        #expect(effects.isEmpty)
        test.send(.startSession(name: "s"))
        let active = try test.daemon.locked { (state) throws(SpoorError) in try state.beginClear("s", uid: 0) }
        guard active.count == 1, case .clear = active[0] else {
            Issue.record("clear decided \(active)")
            return
        }
    }
}
