/// The exit status of `spoor`, as `lttng(1)` documents it under EXIT STATUS.
enum CommandStatus: Int32, Sendable, Hashable {
    case success = 0
    /// Command error.
    case commandError = 1
    /// Undefined command: an unknown command, or an option the command does not have.
    case undefinedCommand = 2
    /// Fatal error.
    case fatalError = 3
    /// Command warning: something went wrong during the command.
    case warning = 4
    // `lttng save` exits with LTTng's error code itself, and `lttng load` does for a bad
    // `--override-url`: scripts may test for these.
    /// `save`: no session of that name (`LTTNG_ERR_SESS_NOT_FOUND`).
    case sessionNotFound = 23
    /// `save`: the file exists and `--force` was not given (`LTTNG_ERR_SAVE_FILE_EXIST`).
    case sessionFileExists = 85
    /// `save`: a file could not be written (`LTTNG_ERR_SAVE_IO_FAIL`).
    case sessionFileWriteFailed = 86
    /// `load`: `--override-url` is not a URL (`LTTNG_ERR_INVALID`).
    case invalidParameter = 97
    /// `regenerate metadata`: the session is not active (`LTTNG_ERR_SESSION_NOT_STARTED`).
    case sessionNotStarted = 118
    /// `regenerate metadata`: the session uses per-process buffers (`LTTNG_ERR_PER_PID_SESSION`).
    case perPIDSessionUnsupported = 120
}
