import SpoorModel
import Testing

@Suite("Rotation state machine")
struct RotationStateMachineTests {
    @Test("a session never started is refused, as LTTng refuses it")
    func neverStarted() {
        var machine = RotationStateMachine()
        #expect(throws: SpoorError(.sessionNeverStarted)) {
            try machine.rotationRequested(isActive: false, hasBeenStarted: false, at: 10)
        }
        #expect(machine.chunkID == 0)
    }

    @Test("rotations number the chunks from 0; each begins when the previous ends")
    func chunksFollowEachOther() throws {
        var machine = RotationStateMachine()
        machine.sessionStarted(at: 100, monotonic: 0)
        let first = try machine.rotationRequested(isActive: true, hasBeenStarted: true, at: 160)
        #expect(first == .init(oldID: 0, begin: 100, end: 160))
        #expect(first.isFirst && first.newID == 1)
        #expect(machine.pendingChunkID == 0)
        #expect(throws: SpoorError(.rotationPending)) {
            try machine.rotationRequested(isActive: true, hasBeenStarted: true, at: 161)
        }
        machine.rotationEnded()
        let second = try machine.rotationRequested(isActive: true, hasBeenStarted: true, at: 200)
        #expect(second == .init(oldID: 1, begin: 160, end: 200))
        #expect(!second.isFirst)
        #expect(machine.hasRotated)
    }

    @Test("an inactive session rotates once, then again only after it starts")
    func inactiveRotatesOnce() throws {
        var machine = RotationStateMachine()
        machine.sessionStarted(at: 1, monotonic: 0)
        _ = try machine.rotationRequested(isActive: false, hasBeenStarted: true, at: 2)
        machine.rotationEnded()
        #expect(throws: SpoorError(.rotationAfterStopAlreadyDone)) {
            try machine.rotationRequested(isActive: false, hasBeenStarted: true, at: 3)
        }
        machine.sessionStarted(at: 4, monotonic: 0)
        _ = try machine.rotationRequested(isActive: false, hasBeenStarted: true, at: 5)
    }

    @Test("an inactive session has no current chunk after its rotation; the next start opens one")
    func inactiveRotationDefersTheNextChunk() throws {
        var machine = RotationStateMachine()
        #expect(machine.sessionStarted(at: 10, monotonic: 0) == nil)
        let transition = try machine.rotationRequested(isActive: false, hasBeenStarted: true, at: 20)
        #expect(transition == .init(oldID: 0, begin: 10, end: 20, opensNextChunk: false))
        #expect(!machine.hasCurrentChunk && machine.hasRotated)
        machine.rotationEnded()
        #expect(machine.sessionStarted(at: 30, monotonic: 0) == 1)
        #expect(machine.hasCurrentChunk && machine.chunkBegin == 30)
        #expect(machine.sessionStarted(at: 40, monotonic: 0) == nil)
        let next = try machine.rotationRequested(isActive: true, hasBeenStarted: true, at: 50)
        #expect(next == .init(oldID: 1, begin: 30, end: 50))
    }

    @Test("an abandoned rotation leaves the current chunk as it was")
    func abandoned() throws {
        var machine = RotationStateMachine()
        machine.sessionStarted(at: 1, monotonic: 0)
        let transition = try machine.rotationRequested(isActive: true, hasBeenStarted: true, at: 2)
        machine.rotationAbandoned(transition)
        #expect(machine.chunkID == 0 && machine.pendingChunkID == nil && machine.chunkBegin == 1)
    }

    @Test("a periodic schedule is due once per period, only while active and not pending")
    func periodic() throws {
        var machine = RotationStateMachine()
        try machine.enable(.periodic(microseconds: 1000), monotonic: 0)
        machine.sessionStarted(at: 1, monotonic: 0)
        #expect(machine.schedulesDue(isActive: true, chunkBytes: 0, monotonic: 999_999, now: 1) == nil)
        #expect(machine.schedulesDue(isActive: false, chunkBytes: 0, monotonic: 1_000_000, now: 1) == nil)
        let due = machine.schedulesDue(isActive: true, chunkBytes: 0, monotonic: 1_000_000, now: 2)
        #expect(due?.oldID == 0)
        #expect(machine.schedulesDue(isActive: true, chunkBytes: 0, monotonic: 2_500_000, now: 3) == nil)
        machine.rotationEnded()
        #expect(machine.schedulesDue(isActive: true, chunkBytes: 0, monotonic: 1_999_999, now: 3) == nil)
        #expect(machine.schedulesDue(isActive: true, chunkBytes: 0, monotonic: 2_000_000, now: 3)?.oldID == 1)
    }

    @Test("a size schedule is due once the current chunk holds the threshold")
    func sizeThreshold() throws {
        var machine = RotationStateMachine()
        try machine.enable(.sizeThreshold(bytes: 4096), monotonic: 0)
        machine.sessionStarted(at: 1, monotonic: 0)
        #expect(machine.schedulesDue(isActive: true, chunkBytes: 4095, monotonic: 0, now: 1) == nil)
        #expect(machine.schedulesDue(isActive: true, chunkBytes: 4096, monotonic: 0, now: 1) != nil)
    }

    @Test("enable refuses a schedule already set, disable one not set; bad values are refused")
    func enableDisable() throws {
        var machine = RotationStateMachine()
        try machine.enable(.periodic(microseconds: 5), monotonic: 0)
        #expect(throws: SpoorError(.rotationScheduleConflict)) {
            try machine.enable(.periodic(microseconds: 6), monotonic: 0)
        }
        try machine.enable(.sizeThreshold(bytes: 1), monotonic: 0)
        #expect(machine.schedules == RotationSchedules(periodMicroseconds: 5, sizeThresholdBytes: 1))
        try machine.disable(.periodic)
        #expect(throws: SpoorError(.rotationScheduleConflict)) { try machine.disable(.periodic) }
        #expect(machine.nextPeriodicRotation == nil)
        try machine.disable(.sizeThreshold)
        #expect(machine.schedules.isEmpty)
        #expect(throws: SpoorError.self) { try machine.enable(.periodic(microseconds: 0), monotonic: 0) }
        #expect(throws: SpoorError.self) {
            try machine.enable(.periodic(microseconds: RotationSchedule.maximumPeriodMicroseconds + 1), monotonic: 0)
        }
        #expect(throws: SpoorError.self) { try machine.enable(.sizeThreshold(bytes: 0), monotonic: 0) }
        #expect(machine.schedules.isEmpty)
    }
}
