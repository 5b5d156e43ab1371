import ArgumentParser
import SpoorModel

/// `lttng clear`: deletes the trace data recorded so far by sessions (`lttng-clear(1)`).
struct ClearCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "clear",
        abstract: "Clear a recording session.",
        discussion: """
            Deletes the trace data of the session named SESSION, or of the current session, or \
            with --all of every session: what the stream files and their indexes hold, and what \
            the ring buffers hold, whether the session is active or not. The metadata stays, and \
            an active session goes on recording.
            """)

    static let optionNames = ["--help", "-h", "--all", "-a", "--list-options"]

    @Argument(help: ArgumentHelp("The session to clear (default: the current session).", valueName: "session"))
    var sessionName: String?

    @Argument(help: .hidden)
    var unexpectedArguments: [String] = []

    @Flag(name: [.customShort("a"), .customLong("all")], help: "Clear all the sessions.")
    var isAll = false

    @OptionGroup var program: ProgramInformation

    func execute(in context: CommandContext) -> CommandStatus {
        context.renderer.render(run(in: context))
    }

    /// Clears the sessions, up to the first that cannot be cleared; prints nothing.
    func run(in context: CommandContext) -> CommandResult<ClearReport> {
        if isAll, let sessionName { return .failure(.refused("Unknown argument: \(sessionName)")) }
        if let extra = unexpectedArguments.first { return .failure(.refused("Unknown argument: \(extra)")) }
        var report = ClearReport()
        guard isAll else {
            return context.resolveSession(sessionName).map { name in
                report.sessions = [clear(name, in: context)]
                return report
            }
        }
        let sessions: [SessionSummary]
        do {
            sessions = try context.daemon.listSessions()
        } catch {
            return .failure(.daemon(error))
        }
        report.foundNone = sessions.isEmpty
        for session in sessions {
            let cleared = clear(session.name, in: context)
            report.sessions.append(cleared)
            if case .failure = cleared.outcome { break }
        }
        return .success(report)
    }

    private func clear(_ name: String, in context: CommandContext) -> ClearReport.Cleared {
        do throws(SpoorError) {
            let (_, milliseconds) = try context.timed { () throws(SpoorError) in
                try context.daemon.clearSession(name)
            }
            return ClearReport.Cleared(session: name, outcome: .success(milliseconds))
        } catch {
            return ClearReport.Cleared(session: name, outcome: .failure(error))
        }
    }
}

/// `clear`: one entry per session, in order, up to the first failure.
struct ClearReport: Hashable {
    /// One session: how long the clear took, or the daemon's error.
    struct Cleared: Hashable {
        var session: String
        var outcome: Result<UInt64, SpoorError>
    }

    var sessions: [Cleared] = []
    /// `--all` found no session.
    var foundNone = false
}

extension HumanRenderer {
    func render(_ result: CommandResult<ClearReport>) -> CommandStatus {
        let report: ClearReport
        switch result {
        case .failure(let error): return fail(error)
        case .success(let value): report = value
        }
        if report.foundNone { console.message("No session found, nothing to do.") }
        for cleared in report.sessions {
            let name = cleared.session
            switch cleared.outcome {
            case .success(let milliseconds):
                // Spoor's daemon answers once the clear is done; the wait lttng shows with dots
                // while it polls is shown afterwards, one dot per 200 ms it took.
                if milliseconds >= WaitIndicator.pollMilliseconds {
                    let dots = WaitIndicator.dots(afterMilliseconds: milliseconds)
                    console.message("Waiting for clear of session \"\(name)\"" + dots)
                }
                console.message("Session \"\(name)\" cleared")
            case .failure(let error) where error.code == .sessionNotFound:
                return fail(.refused("Session name \(name) not found"), status: .sessionNotFound)
            case .failure(let error):
                return fail(.daemon(error))
            }
        }
        return .success
    }
}
