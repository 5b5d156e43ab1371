/// A stable control-plane error code.
///
/// The raw values are Spoor's own and never change once released. The words for each code
/// live in one table, the CLI's (`ErrorText`), which follows LTTng 2.13's `lttng_strerror()`.
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
    /// `add-trigger`: the user already has a trigger of that name.
    case triggerExists = 34
    /// `remove-trigger`: the user has no trigger of that name.
    case triggerNotFound = 35
    /// `add-trigger`: the condition or an action is invalid.
    case invalidTrigger = 36
}

/// A control-plane error: a stable code, a detail that tells the user what to do, and the
/// system call that failed, when one did.
///
/// The text for the code is the client's to choose (the CLI prints lttng's); `detail` and
/// `cause` travel as they are, so that a machine-readable output or a relay daemon can
/// report the errno rather than a sentence.
public struct SpoorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The failed operation behind an error: what was attempted and the errno it ended with.
    public struct Cause: Sendable, Hashable {
        /// What was attempted, e.g. `open /tmp/trace/metadata`.
        public var operation: String
        /// The errno the operation failed with.
        public var errno: Int32

        /// The cause of an error.
        public init(operation: String, errno: Int32) {
            self.operation = operation
            self.errno = errno
        }
    }

    /// The stable code.
    public var code: ErrorCode
    /// What the user should know beyond the code; may be empty.
    public var detail: String
    /// The failed operation, when the error comes from one.
    public var cause: Cause?

    /// An error of `code`, with an optional detail.
    public init(_ code: ErrorCode, _ detail: String = "") {
        self.code = code
        self.detail = detail
    }

    /// An error of `code` caused by a failed operation.
    public init(_ code: ErrorCode, _ detail: String = "", cause: Cause?) {
        self.code = code
        self.detail = detail
        self.cause = cause
    }

    /// For logs: the code's name, the detail, and the cause. Users see the CLI's text instead.
    public var description: String {
        var text = "\(code)"
        if !detail.isEmpty { text += ": \(detail)" }
        if let cause { text += " (\(cause.operation): errno \(cause.errno))" }
        return text
    }
}
