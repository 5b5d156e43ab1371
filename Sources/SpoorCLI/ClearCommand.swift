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
        if isAll, let sessionName { return context.fail("Unknown argument: \(sessionName)") }
        if let extra = unexpectedArguments.first { return context.fail("Unknown argument: \(extra)") }
        guard isAll else {
            guard let name = context.sessionName(sessionName) else { return .commandError }
            return clear(name, in: context)
        }
        let sessions: [SessionSummary]
        do {
            sessions = try context.daemon.listSessions()
        } catch {
            return context.fail(ErrorText.describe(error))
        }
        if sessions.isEmpty { context.console.message("No session found, nothing to do.") }
        for session in sessions {
            let status = clear(session.name, in: context)
            if status != .success { return status }
        }
        return .success
    }

    private func clear(_ name: String, in context: CommandContext) -> CommandStatus {
        let console = context.console
        do {
            // Spoor's daemon answers once the clear is done; the wait lttng shows with dots
            // while it polls is shown afterwards, one dot per 200 ms it took.
            let (_, milliseconds) = try context.timed { () throws(SpoorError) in
                try context.daemon.clearSession(name)
            }
            if milliseconds >= WaitIndicator.pollMilliseconds {
                console.message(
                    "Waiting for clear of session \"\(name)\"" + WaitIndicator.dots(afterMilliseconds: milliseconds))
            }
            console.message("Session \"\(name)\" cleared")
            return .success
        } catch where error.code == .sessionNotFound {
            return context.fail("Session name \(name) not found", status: .sessionNotFound)
        } catch {
            return context.fail(ErrorText.describe(error))
        }
    }
}
