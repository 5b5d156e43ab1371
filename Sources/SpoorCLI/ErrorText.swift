import SpoorModel

/// The words `spoor` uses for errors: lttng's `lttng_strerror()` text for the daemon's error
/// codes that LTTng has too (lttng-tools `src/common/error.c`), Spoor's own otherwise.
enum ErrorText {
    /// The explanation of a session daemon error, as `lttng_strerror()` gives it for the
    /// user-space domain.
    static func describe(_ error: SpoorError) -> String {
        switch error.code {
        case .unknown: error.detail.isEmpty ? "Unknown error" : error.detail
        case .sessionNotFound: "Session name not found"
        case .sessionExists: "Session name already exists"
        case .invalidSessionName: error.detail.isEmpty ? "Invalid session name" : error.detail
        case .channelNotFound: "UST channel not found"
        case .channelExists: "UST channel already exist"
        case .invalidChannelName: "Invalid channel name"
        case .nonDefaultChannelExists:
            "Non-default channel exists within session: channel name needs to be specified with '-c name'"
        case .eventRuleNotFound: "UST event not found"
        case .eventRuleExists: "UST event already enabled"
        case .contextExists: "UST context already exist"
        case .invalidFilter: "Invalid filter bytecode"
        case .sessionNotStarted: "Session not started"
        case .perPIDSessionUnsupported: "Per-PID recording sessions are not supported"
        case .triggerExists: "Trigger already registered"
        case .triggerNotFound: "Trigger not found"
        case .invalidTrigger: withDetail("Invalid trigger", error.detail)
        case .notSnapshotSession, .snapshotOutputExists, .snapshotMaxSizeInvalid: error.code.message
        case .snapshotFailed: error.detail.isEmpty ? error.code.message : error.detail
        case .sessionAlreadyActive: "Tracing has already been started once"
        case .sessionAlreadyInactive: "Tracing has already been stopped"
        case .noChannel: "No channel found in the session"
        case .invalidArgument: withDetail("Invalid parameter", error.detail)
        case .permissionDenied: withDetail("Permission denied", error.detail)
        case .unsupported: withDetail("Operation not supported", error.detail)
        case .outputError, .protocolError, .channelAttributesImmutableWhileActive, .noEventRule:
            error.description
        case .sessionNeverStarted, .rotationPending, .rotationAfterStopAlreadyDone, .rotationNotAvailable,
            .rotationScheduleConflict:
            error.code.message
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
