/// The rotation bookkeeping of one recording session (lttng-rotate(1),
/// lttng-enable-rotation(1), lttng-concepts(7) "Recording session rotation"): which trace chunk
/// is current, whether a rotation is pending, what LTTng refuses, and when a schedule is due.
///
/// Pure: it takes times and sizes and returns what to do; the daemon moves the files.
public struct RotationStateMachine: Sendable, Hashable {
    /// A rotation to carry out: archive chunk `oldID` (begun at `begin`, ending `end`, seconds
    /// since the epoch) and go on in chunk `oldID + 1`, begun at `end` (at the next start when
    /// `opensNextChunk` is false: the session is inactive).
    public struct Transition: Sendable, Hashable {
        public var oldID: UInt64
        public var begin: Int64
        public var end: Int64
        public var opensNextChunk: Bool

        public init(oldID: UInt64, begin: Int64, end: Int64, opensNextChunk: Bool = true) {
            self.oldID = oldID
            self.begin = begin
            self.end = end
            self.opensNextChunk = opensNextChunk
        }

        public var newID: UInt64 { oldID + 1 }
        /// Whether the old chunk is chunk 0, which lives in the output directory itself.
        public var isFirst: Bool { oldID == 0 }
    }

    public private(set) var schedules = RotationSchedules()
    /// The id of the current trace chunk: 0 until the first rotation.
    public private(set) var chunkID: UInt64 = 0
    /// When the current chunk began: the first start, then each rotation of an active session,
    /// or the start that follows a rotation of an inactive one. Nil while there is no current
    /// chunk (before the first start, and from the rotation of an inactive session to the next
    /// start, as with LTTng).
    public private(set) var chunkBegin: Int64?
    /// The chunk being archived, if a rotation is pending.
    public private(set) var pendingChunkID: UInt64?
    /// Set by a rotation of an inactive session, cleared by `start`: LTTng rotates an inactive
    /// session once.
    public private(set) var hasRotatedWhileInactive = false
    /// Monotonic time (ns) of the next periodic rotation.
    public private(set) var nextPeriodicRotation: UInt64?

    public init() {}

    /// Whether the session was rotated at least once (then `destroy` archives its last chunk).
    public var hasRotated: Bool { chunkID > 0 }

    /// Whether the session has a chunk to record into (and for `destroy` to archive).
    public var hasCurrentChunk: Bool { chunkBegin != nil }

    /// The session starts (`lttng start`), at `now` (epoch seconds) and `monotonic` (ns).
    /// Returns the id of the chunk to create when the session was rotated while inactive: its
    /// next chunk begins now.
    @discardableResult
    public mutating func sessionStarted(at now: Int64, monotonic: UInt64) -> UInt64? {
        let needsChunk = chunkBegin == nil && hasRotated
        if chunkBegin == nil { chunkBegin = now }
        hasRotatedWhileInactive = false
        if let period = schedules.periodMicroseconds, nextPeriodicRotation == nil {
            nextPeriodicRotation = monotonic + period * 1000
        }
        return needsChunk ? chunkID : nil
    }

    /// `lttng rotate`: the rotation to carry out, or LTTng's refusal.
    public mutating func rotationRequested(isActive: Bool, hasBeenStarted: Bool, at now: Int64) throws(SpoorError)
        -> Transition
    {
        guard hasBeenStarted else { throw SpoorError(.sessionNeverStarted) }
        guard pendingChunkID == nil else { throw SpoorError(.rotationPending) }
        guard isActive || !hasRotatedWhileInactive else { throw SpoorError(.rotationAfterStopAlreadyDone) }
        return begin(isActive: isActive, at: now)
    }

    private mutating func begin(isActive: Bool, at now: Int64) -> Transition {
        let transition = Transition(oldID: chunkID, begin: chunkBegin ?? now, end: now, opensNextChunk: isActive)
        pendingChunkID = chunkID
        chunkID += 1
        // An inactive session has no current chunk until it starts again.
        chunkBegin = isActive ? now : nil
        if !isActive { hasRotatedWhileInactive = true }
        return transition
    }

    /// The daemon could not start the rotation it was given: nothing changed on disk.
    public mutating func rotationAbandoned(_ transition: Transition) {
        guard pendingChunkID == transition.oldID else { return }
        pendingChunkID = nil
        chunkID = transition.oldID
        chunkBegin = transition.begin
    }

    /// The archive of the pending rotation is complete (or failed for good).
    public mutating func rotationEnded() { pendingChunkID = nil }

    /// Runs the schedules of an active session at `monotonic` (ns), with `chunkBytes` written to
    /// the current chunk so far: the rotation to carry out when one is due. Nothing is due while
    /// a rotation is pending or the session is inactive; a periodic rotation that falls then is
    /// taken at the next call after it.
    public mutating func schedulesDue(isActive: Bool, chunkBytes: UInt64, monotonic: UInt64, now: Int64)
        -> Transition?
    {
        guard isActive, pendingChunkID == nil else { return nil }
        var isDue = false
        if let period = schedules.periodMicroseconds, let next = nextPeriodicRotation, monotonic >= next {
            isDue = true
            nextPeriodicRotation = monotonic + period * 1000
        }
        if let threshold = schedules.sizeThresholdBytes, chunkBytes >= threshold { isDue = true }
        return isDue ? begin(isActive: true, at: now) : nil
    }

    /// `lttng enable-rotation`: adds `schedule`, refusing one already set.
    public mutating func enable(_ schedule: RotationSchedule, monotonic: UInt64) throws(SpoorError) {
        var new = schedules
        switch schedule {
        case .periodic(let microseconds):
            guard new.periodMicroseconds == nil else { throw SpoorError(.rotationScheduleConflict) }
            new.periodMicroseconds = microseconds
        case .sizeThreshold(let bytes):
            guard new.sizeThresholdBytes == nil else { throw SpoorError(.rotationScheduleConflict) }
            new.sizeThresholdBytes = bytes
        }
        try setSchedules(new, monotonic: monotonic)
    }

    /// `lttng disable-rotation`: removes the schedule of `kind`, refusing one not set.
    public mutating func disable(_ kind: RotationScheduleKind) throws(SpoorError) {
        switch kind {
        case .periodic:
            guard schedules.periodMicroseconds != nil else { throw SpoorError(.rotationScheduleConflict) }
            schedules.periodMicroseconds = nil
            nextPeriodicRotation = nil
        case .sizeThreshold:
            guard schedules.sizeThresholdBytes != nil else { throw SpoorError(.rotationScheduleConflict) }
            schedules.sizeThresholdBytes = nil
        }
    }

    /// Replaces the schedules (what `load` restores). A period must be from 1 µs to
    /// `RotationSchedule.maximumPeriodMicroseconds`, a size threshold positive; a new period
    /// counts from `monotonic`.
    public mutating func setSchedules(_ new: RotationSchedules, monotonic: UInt64) throws(SpoorError) {
        if let period = new.periodMicroseconds, period == 0 || period > RotationSchedule.maximumPeriodMicroseconds {
            throw SpoorError(.invalidArgument, "rotation period \(period) us")
        }
        if new.sizeThresholdBytes == 0 { throw SpoorError(.invalidArgument, "rotation size threshold 0") }
        if let period = new.periodMicroseconds {
            if period != schedules.periodMicroseconds { nextPeriodicRotation = monotonic + period * 1000 }
        } else {
            nextPeriodicRotation = nil
        }
        schedules = new
    }
}
