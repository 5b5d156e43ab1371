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

    /// Where the session stands.
    public private(set) var state: State = .created
    /// Chunk ids, the pending rotation, LTTng's refusals, and the schedules.
    public var rotation = RotationStateMachine()

    /// A session that was just created.
    public init() {}

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

    /// `rotate`, with the session's own state: the transition to carry out.
    public mutating func rotationRequested(at now: Int64) throws(SpoorError) -> RotationStateMachine.Transition {
        try rotation.rotationRequested(isActive: isActive, hasBeenStarted: hasBeenStarted, at: now)
    }

    /// The rotation a schedule asks for now, if any.
    public mutating func schedulesDue(chunkBytes: UInt64, monotonic: UInt64, now: Int64)
        -> RotationStateMachine.Transition?
    {
        rotation.schedulesDue(isActive: isActive, chunkBytes: chunkBytes, monotonic: monotonic, now: now)
    }
}
