/// A stable control-plane error code, with the message the CLI prints for it.
///
/// The raw values are Spoor's own and never change once released; the messages follow
/// LTTng 2.13's where LTTng has the same error.
public enum ErrorCode: UInt32, Sendable, Hashable, CaseIterable {
    case unknown = 1
    case sessionNotFound = 2
    case sessionExists = 3
    case invalidSessionName = 4
    case channelNotFound = 5
    case channelExists = 6
    case invalidChannelName = 7
    case nonDefaultChannelExists = 8
    case eventRuleNotFound = 9
    case sessionAlreadyActive = 10
    case sessionAlreadyInactive = 11
    case noChannel = 12
    case invalidArgument = 13
    case permissionDenied = 14
    case outputError = 15
    case unsupported = 16
    case protocolError = 17
    case channelAttributesImmutableWhileActive = 18
    case noEventRule = 19
    case eventRuleExists = 20
    case contextExists = 21
    case invalidFilter = 22
    /// `regenerate metadata` on a session that is not active.
    case sessionNotStarted = 23
    /// `regenerate metadata` on a session with per-process buffers.
    case perPIDSessionUnsupported = 24
    /// `add-trigger`: the user already has a trigger of that name.
    case triggerExists = 34
    /// `remove-trigger`: the user has no trigger of that name.
    case triggerNotFound = 35
    /// `add-trigger`: the condition or an action is invalid.
    case invalidTrigger = 36
    /// `rotate` on a session that was never started (LTTng's `LTTNG_ERR_START_SESSION_ONCE`).
    case sessionNeverStarted = 25
    /// `rotate` while the previous rotation of the session is still ongoing.
    case rotationPending = 26
    /// `rotate` of an inactive session already rotated since it stopped.
    case rotationAfterStopAlreadyDone = 27
    /// Rotation of a session whose creation mode (snapshot, live) has no rotation.
    case rotationNotAvailable = 28
    /// `enable-rotation` of a schedule already set, or `disable-rotation` of one not set.
    case rotationScheduleConflict = 29
    /// A `snapshot` command on a session not created with `--snapshot`.
    case notSnapshotSession = 30
    /// `snapshot add-output` on a session that has one already (LTTng allows one).
    case snapshotOutputExists = 31
    /// `--max-size` cannot hold one packet of every stream.
    case snapshotMaxSizeInvalid = 32
    /// `snapshot record` could not take the snapshot; the detail says why.
    case snapshotFailed = 33

    /// The one-line explanation printed after `Error: `.
    public var message: String {
        switch self {
        case .unknown: "Unknown error"
        case .sessionNotFound: "Session name not found"
        case .sessionExists: "Session name already exists"
        case .invalidSessionName: "Invalid session name"
        case .channelNotFound: "Channel not found"
        case .channelExists: "Channel already exists"
        case .invalidChannelName: "Invalid channel name"
        case .nonDefaultChannelExists:
            "Non-default channel exists within session: channel name needs to be specified with '-c name'"
        case .eventRuleNotFound: "Event not found"
        case .sessionAlreadyActive: "Tracing already started"
        case .sessionAlreadyInactive: "Tracing already stopped"
        case .noChannel: "No channel found in the session"
        case .invalidArgument: "Invalid parameter"
        case .permissionDenied: "Permission denied"
        case .outputError: "Cannot write the trace output"
        case .unsupported: "Not supported by this version of Spoor"
        case .protocolError: "Malformed message"
        case .channelAttributesImmutableWhileActive: "Can't change a channel's attributes while the session is active"
        case .noEventRule: "No event rule enabled in the session"
        case .eventRuleExists: "Event already enabled"
        case .contextExists: "Context already exists"
        case .invalidFilter: "Invalid filter bytecode"
        case .sessionNotStarted: "Session not started"
        case .perPIDSessionUnsupported: "Per-PID recording sessions are not supported"
        case .triggerExists: "Trigger already registered"
        case .triggerNotFound: "Trigger not found"
        case .invalidTrigger: "Invalid trigger"
        case .sessionNeverStarted: "Session needs to be started once"
        case .rotationPending: "Rotation already pending for this session"
        case .rotationAfterStopAlreadyDone: "Session was already rotated once since it became inactive"
        case .rotationNotAvailable: "Rotation feature not available for this session's creation mode"
        case .rotationScheduleConflict: "Rotation schedule of this type already set, or not set, on this session"
        case .notSnapshotSession: "Snapshot command can't be applied to a non-snapshot session"
        case .snapshotOutputExists: "Snapshot output already exists"
        case .snapshotMaxSizeInvalid: "Snapshot max size is invalid"
        case .snapshotFailed: "Snapshot record failed"
        }
    }
}

/// A control-plane error: a stable code and a detail that tells the user what to do.
public struct SpoorError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: ErrorCode
    public var detail: String

    public init(_ code: ErrorCode, _ detail: String = "") {
        self.code = code
        self.detail = detail
    }

    public var description: String { detail.isEmpty ? code.message : "\(code.message): \(detail)" }
}
