import SpoorModel
import SpoorSessionCore
import Testing

@Suite("A session's lifecycle: created, active, stopped")
struct SessionLifecycleTests {
    @Test("a new session is neither active nor started")
    func created() {
        let lifecycle = SessionLifecycle()
        #expect(lifecycle.state == .created)
        #expect(!lifecycle.isActive && !lifecycle.hasBeenStarted)
    }

    @Test("start then stop leaves a session that has been started")
    func startStop() throws {
        var lifecycle = SessionLifecycle()
        try lifecycle.start("s")
        #expect(lifecycle.isActive)
        try lifecycle.stop("s")
        #expect(lifecycle.state == .stopped && lifecycle.hasBeenStarted && !lifecycle.isActive)
    }

    @Test("starting an active session and stopping an inactive one are refused as LTTng refuses them")
    func refusals() throws {
        var lifecycle = SessionLifecycle()
        #expect(throws: SpoorError(.sessionAlreadyInactive, "s")) { try lifecycle.stop("s") }
        try lifecycle.start("s")
        #expect(throws: SpoorError(.sessionAlreadyActive, "s")) { try lifecycle.start("s") }
    }

    @Test("a session never started has nothing to rotate")
    func rotationBeforeStart() {
        var lifecycle = SessionLifecycle()
        #expect(throws: SpoorError.self) { _ = try lifecycle.rotationRequested("s", at: 100) }
    }

    @Test("an active session rotates into a next chunk; a second rotation waits for the first")
    func rotationWhileActive() throws {
        var lifecycle = SessionLifecycle()
        try lifecycle.start("s")
        _ = lifecycle.rotation.sessionStarted(at: 100, monotonic: 1)
        let transition = try lifecycle.rotationRequested("s", at: 200)
        #expect(transition.oldID == 0 && transition.opensNextChunk)
        #expect(throws: SpoorError.self) { _ = try lifecycle.rotationRequested("s", at: 201) }
        lifecycle.rotation.rotationEnded()
        #expect(try lifecycle.rotationRequested("s", at: 300).oldID == 1)
    }

    @Test("a stopped session's rotation archives its chunk without opening the next")
    func rotationWhileStopped() throws {
        var lifecycle = SessionLifecycle()
        try lifecycle.start("s")
        _ = lifecycle.rotation.sessionStarted(at: 100, monotonic: 1)
        try lifecycle.stop("s")
        let transition = try lifecycle.rotationRequested("s", at: 200)
        #expect(!transition.opensNextChunk)
    }

    @Test("a snapshot session never rotates")
    func snapshotNeverRotates() throws {
        var lifecycle = SessionLifecycle(mode: .snapshot)
        try lifecycle.start("s")
        #expect(lifecycle.isSnapshot)
        #expect(throws: SpoorError(.rotationNotAvailable, "s")) { _ = try lifecycle.rotationRequested("s", at: 1) }
    }

    @Test("a size schedule asks for a rotation only while the session is active")
    func sizeSchedule() throws {
        var lifecycle = SessionLifecycle()
        try lifecycle.rotation.enable(.sizeThreshold(bytes: 1000), monotonic: 0)
        #expect(lifecycle.schedulesDue(chunkBytes: 5000, monotonic: 1, now: 100) == nil)
        try lifecycle.start("s")
        _ = lifecycle.rotation.sessionStarted(at: 100, monotonic: 1)
        #expect(lifecycle.schedulesDue(chunkBytes: 10, monotonic: 2, now: 101) == nil)
        #expect(lifecycle.schedulesDue(chunkBytes: 5000, monotonic: 3, now: 102) != nil)
    }
}
