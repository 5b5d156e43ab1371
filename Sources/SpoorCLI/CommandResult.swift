import SpoorModel

/// Why a command stopped, kept typed so that each renderer says it in its own way: a daemon
/// error keeps its code, detail and cause instead of being flattened to text.
enum CommandError: Error {
    /// The daemon refused or failed.
    case daemon(SpoorError)
    /// A refusal in lttng's words (bad arguments, a name lttng rejects, a missing object).
    case refused(String)
    /// A refusal lttng explains in several error lines.
    case refusals([String])
    /// An error for which lttng exits with a status of its own (often its error code).
    indirect case exitStatus(CommandStatus, CommandError)
    /// Error lines that explain the error that follows them.
    indirect case explained([String], CommandError)
    /// Warnings printed before the error that stopped the command.
    indirect case warned([String], then: CommandError)
    /// A refusal lttng prints as a warning, with the error status.
    case refusedWithWarning(String)
    /// The daemon failed an operation that lttng names in its message.
    case operationFailed(Operation, SpoorError)
    /// A session file that cannot be read or used (`load`).
    case sessionFile(SessionFileProblem)
    /// An lttng option Spoor parses but cannot honour yet.
    case unsupported(option: String)
    /// No current session: the configuration file does not exist.
    case noCurrentSession(configFile: String)
    /// The configuration file has no `session=` line.
    case missingSessionEntry
}

/// An operation whose failure lttng reports in words of its own.
enum Operation: Hashable {
    case listTracepoints
    case addTrigger
    case listTriggers
    case removeTrigger(name: String)
}

/// What a command did, or why it could not: the value every renderer works from.
///
/// `Report` is the command's own account (the objects it made or read, the warnings it
/// met); a command builds it without printing, and a `CommandRenderer` prints it.
typealias CommandResult<Report> = Result<Report, CommandError>

extension CommandContext {
    /// The session a command acts on: the one named on the command line, else the current one.
    func resolveSession(_ explicit: String?) -> CommandResult<String> {
        if let explicit { return .success(explicit) }
        switch currentSession.read() {
        case .session(let name): return .success(name)
        case .noFile: return .failure(.noCurrentSession(configFile: currentSession.path))
        case .noSessionEntry: return .failure(.missingSessionEntry)
        }
    }

    /// How results become output: lttng's text. `--mi xml` will choose its renderer here,
    /// from `options`.
    var renderer: any CommandRenderer { HumanRenderer(console: console) }
}

/// `start`: the session, and whether it was already recording (a warning, as in lttng).
struct StartReport: Hashable {
    var session: String
    var wasAlreadyActive = false
}

/// `stop`: the session, how long the daemon took to get the data on disk (nil with
/// `--no-wait`), and what each channel lost.
struct StopReport: Hashable {
    var session: String
    var wasAlreadyInactive = false
    var waitedMilliseconds: UInt64?
    var channels: [ChannelInfo] = []
}

/// `status`: the current session as the daemon describes it.
struct StatusReport: Hashable {
    var detail: SessionDetail
    var rotationSchedules: RotationSchedules
}

/// `list`: the sessions, the tracepoints of the apps, a session's domains, or a session.
enum ListReport: Hashable {
    case sessions([SessionSummary])
    case tracepoints([AppTracepoints], showsFields: Bool)
    case domains(SessionDetail)
    /// `missingChannel`: the `--channel` asked for, when the session does not have it.
    case session(
        SessionDetail, channelName: String?, isDomainHeaderShown: Bool, rotationSchedules: RotationSchedules,
        missingChannel: String?)
}

/// `set-session`: the new current session.
struct SetSessionReport: Hashable {
    var session: String
}

/// `create` (not `--snapshot`): the session made, or only the warning for an obsolete option.
struct CreateReport: Hashable {
    /// The session the daemon made; nil when the command stopped at a warning.
    var session: SessionSummary?
    /// A snapshot session's outputs (`--snapshot`); nil for any other session.
    var snapshotOutputs: [SnapshotOutput]?
    /// `--no-consumer`: lttng only warns that it is obsolete.
    var obsoleteOptionWarning: String?
    /// The session was made but could not become the current one.
    var currentSessionNotWritten = false
}

/// `destroy`: one entry per session, in order; the command stops at the first failure.
struct DestroyReport: Hashable {
    /// What happened to one session.
    struct Destroyed: Hashable {
        var session: String
        /// How long the stop that came first took (nil: not stopped, or `--no-wait`).
        var stopWaitMilliseconds: UInt64?
        /// The error the stop ended with, when it failed (the destruction goes on).
        var stopError: SpoorError?
        /// How long the destruction took (nil with `--no-wait`).
        var destroyWaitMilliseconds: UInt64?
        /// The archive of the last chunk, for a session rotated at least once.
        var archive: RotationInfo?
        /// What the session's channels lost.
        var channels: [ChannelInfo] = []
        /// Why the destruction failed, if it did.
        var error: SpoorError?
    }

    var sessions: [Destroyed] = []
    /// `--all` found no session.
    var foundNone = false
}
