import SpoorModel

/// The words `spoor` uses for errors: lttng's `lttng_strerror()` text for the daemon's error
/// codes that LTTng has too (lttng-tools `src/common/error.c`), Spoor's own otherwise.
enum ErrorText {
    /// The explanation of a session daemon error, as `lttng_strerror()` gives it for the
    /// user-space domain, with the daemon's detail where lttng would print one.
    static func describe(_ error: SpoorError) -> String {
        let text = message(error.code)
        switch error.code {
        case .unknown, .invalidSessionName, .snapshotFailed: return error.detail.isEmpty ? text : error.detail
        case .invalidTrigger, .invalidArgument, .permissionDenied, .unsupported, .outputError, .protocolError,
            .channelAttributesImmutableWhileActive, .noEventRule:
            return withDetail(text, error.detail)
        case .sessionNotFound, .sessionExists, .channelNotFound, .channelExists, .invalidChannelName,
            .nonDefaultChannelExists, .eventRuleNotFound, .eventRuleExists, .contextExists, .invalidFilter,
            .sessionNotStarted, .perPIDSessionUnsupported, .triggerExists, .triggerNotFound, .notSnapshotSession,
            .snapshotOutputExists, .snapshotMaxSizeInvalid, .sessionAlreadyActive, .sessionAlreadyInactive,
            .noChannel, .sessionNeverStarted, .rotationPending, .rotationAfterStopAlreadyDone, .rotationNotAvailable,
            .rotationScheduleConflict:
            return text
        }
    }

    /// The one table of words for the daemon's error codes, in raw-value order: lttng's
    /// `lttng_strerror()` text (user-space domain) where LTTng has the error, Spoor's own
    /// otherwise.
    static func message(_ code: ErrorCode) -> String {
        switch code {
        case .unknown: "Unknown error"
        case .sessionNotFound: "Session name not found"
        case .sessionExists: "Session name already exists"
        case .invalidSessionName: "Invalid session name"
        case .channelNotFound: "UST channel not found"
        case .channelExists: "UST channel already exist"
        case .invalidChannelName: "Invalid channel name"
        case .nonDefaultChannelExists:
            "Non-default channel exists within session: channel name needs to be specified with '-c name'"
        case .eventRuleNotFound: "UST event not found"
        case .sessionAlreadyActive: "Tracing has already been started once"
        case .sessionAlreadyInactive: "Tracing has already been stopped"
        case .noChannel: "No channel found in the session"
        case .invalidArgument: "Invalid parameter"
        case .permissionDenied: "Permission denied"
        case .outputError: "Cannot write the trace output"
        case .unsupported: "Operation not supported"
        case .protocolError: "Malformed message"
        case .channelAttributesImmutableWhileActive: "Can't change a channel's attributes while the session is active"
        case .noEventRule: "No event rule enabled in the session"
        case .eventRuleExists: "UST event already enabled"
        case .contextExists: "UST context already exist"
        case .invalidFilter: "Invalid filter bytecode"
        case .sessionNotStarted: "Session not started"
        case .perPIDSessionUnsupported: "Per-PID recording sessions are not supported"
        case .sessionNeverStarted: "Session needs to be started once"
        case .rotationPending: "Rotation already pending for this session"
        case .rotationAfterStopAlreadyDone: "Session was already rotated once since it became inactive"
        case .rotationNotAvailable: "Rotation feature not available for this session's creation mode"
        case .rotationScheduleConflict: "Rotation schedule of this type already set, or not set, on this session"
        case .notSnapshotSession: "Snapshot command can't be applied to a non-snapshot session"
        case .snapshotOutputExists: "Snapshot output already exists"
        case .snapshotMaxSizeInvalid: "Snapshot max size is invalid"
        case .snapshotFailed: "Snapshot record failed"
        case .triggerExists: "Trigger already registered"
        case .triggerNotFound: "Trigger not found"
        case .invalidTrigger: "Invalid trigger"
        }
    }

    /// `--option: not supported yet by spoor`, for an lttng option Spoor parses but cannot
    /// honour yet.
    static func unsupported(_ option: String) -> String { "\(option): not supported yet by spoor" }

    /// lttng's answer to a missing current session (`config_read_session_name()`), in two
    /// parts as lttng writes them: the error, then a hint on standard output.
    static func noCurrentSession(configFile: String) -> (error: String, hint: String) {
        ("Can't find valid spoor config \(configFile)", "Did you create a session? (spoor create <my_session>)")
    }

    private static func withDetail(_ text: String, _ detail: String) -> String {
        detail.isEmpty ? text : "\(text): \(detail)"
    }
}
