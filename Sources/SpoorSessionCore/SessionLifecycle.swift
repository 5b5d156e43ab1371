import SpoorModel

/// One recording session's life (lttng-concepts(7), "Recording session"): created, then
/// active and inactive in turn until it is destroyed, with its rotation machine inside, so
/// that the rotation decisions see the session's own state instead of flags passed in.
public struct SessionLifecycle: Sendable, Hashable {
    /// Where the session stands.
    public enum State: Sendable, Hashable {
        /// Never started: channels may still be added.
        case created
        /// Recording.
        case active
        /// Stopped after having been started at least once.
        case stopped
    }

    /// How the session records (`lttng create --snapshot` or not), fixed at creation.
    public enum Mode: Sendable, Hashable {
        /// The consumer drains the buffers into the trace output.
        case normal
        /// The buffers overwrite their oldest packets and are read only by `snapshot record`;
        /// such a session does not rotate.
        case snapshot
    }

    /// How the session records.
    public let mode: Mode
    /// Where the session stands.
    public private(set) var state: State = .created
    /// Chunk ids, the pending rotation, LTTng's refusals, and the schedules.
    public var rotation = RotationStateMachine()

    /// A session that was just created, in `mode`.
    public init(mode: Mode = .normal) {
        self.mode = mode
    }

    /// Whether the session is in snapshot mode.
    public var isSnapshot: Bool { mode == .snapshot }

    /// Whether the session records.
    public var isActive: Bool { state == .active }

    /// Whether the session was ever started (a started session takes no new channel, and
    /// has something to rotate).
    public var hasBeenStarted: Bool { state != .created }

    /// `start` of session `name`: refused when it is active already.
    public mutating func start(_ name: String) throws(SpoorError) {
        guard state != .active else { throw SpoorError(.sessionAlreadyActive, name) }
        state = .active
    }

    /// `stop` of session `name`: refused when it is not active.
    public mutating func stop(_ name: String) throws(SpoorError) {
        guard state == .active else { throw SpoorError(.sessionAlreadyInactive, name) }
        state = .stopped
    }

    /// `rotate` of session `name`, with the session's own state: the transition to carry
    /// out, or LTTng's refusal (a snapshot session never rotates).
    public mutating func rotationRequested(_ name: String, at now: Int64) throws(SpoorError)
        -> RotationStateMachine.Transition
    {
        guard mode == .normal else { throw SpoorError(.rotationNotAvailable, name) }
        return try rotation.rotationRequested(isActive: isActive, hasBeenStarted: hasBeenStarted, at: now)
    }

    /// The rotation a schedule asks for now, if any.
    public mutating func schedulesDue(chunkBytes: UInt64, monotonic: UInt64, now: Int64)
        -> RotationStateMachine.Transition?
    {
        rotation.schedulesDue(isActive: isActive, chunkBytes: chunkBytes, monotonic: monotonic, now: now)
    }
}
