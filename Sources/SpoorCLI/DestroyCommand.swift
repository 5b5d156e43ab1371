import ArgumentParser
import SpoorModel

/// `lttng destroy`: stops and destroys recording sessions (`lttng-destroy(1)`, lttng-tools
/// `destroy.c`).
struct DestroyCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "destroy",
        abstract: "Destroy recording sessions.",
        discussion: """
            Destroys the session named SESSION, or the current session, or with --all every \
            session. An active session is stopped first. Destroying the current session leaves \
            no current session.
            """)

    static let optionNames = ["--help", "-h", "--all", "-a", "--list-options", "--no-wait", "-n"]

    @Argument(help: ArgumentHelp("The session to destroy (default: the current session).", valueName: "session"))
    var sessionName: String?

    @Argument(help: .hidden)
    var unexpectedArguments: [String] = []

    @Flag(name: [.customShort("a"), .customLong("all")], help: "Destroy all the sessions.")
    var isAll = false

    @Flag(name: [.customShort("n"), .customLong("no-wait")], help: "Do not say how long the daemon made us wait.")
    var isNoWait = false

    @OptionGroup var program: ProgramInformation

    func execute(in context: CommandContext) -> CommandStatus {
        if isAll, let sessionName { return context.fail("Unknown argument: \(sessionName)") }
        if let extra = unexpectedArguments.first { return context.fail("Unknown argument: \(extra)") }
        // Like lttng, find the session to destroy before asking the daemon anything.
        var name = ""
        if !isAll {
            guard let resolved = context.sessionName(sessionName) else { return .commandError }
            name = resolved
        }
        let sessions: [SessionSummary]
        do {
            sessions = try context.daemon.listSessions()
        } catch {
            return context.fail(ErrorText.describe(error))
        }
        if isAll {
            if sessions.isEmpty { context.console.message("No session found, nothing to do.") }
            for session in sessions {
                let status = destroy(session, in: context)
                if status != .success { return status }
            }
            return .success
        }
        guard let session = sessions.first(where: { $0.name == name }) else {
            return context.fail("Session name \(name) not found")
        }
        return destroy(session, in: context)
    }

    private func destroy(_ session: SessionSummary, in context: CommandContext) -> CommandStatus {
        let console = context.console
        // Stop first, as lttng does, to report what the session lost.
        var statistics: [ChannelInfo] = []
        if session.isActive {
            do {
                let (channels, milliseconds) = try context.timed { () throws(SpoorError) in
                    try context.daemon.stopSession(session.name)
                }
                statistics = channels
                if !isNoWait && milliseconds >= WaitIndicator.pollMilliseconds {
                    console.message(
                        "Waiting for data availability" + WaitIndicator.dots(afterMilliseconds: milliseconds))
                }
            } catch where error.code == .sessionAlreadyInactive {
                // Stopped meanwhile: nothing to report.
            } catch {
                console.error(ErrorText.describe(error))
            }
        }
        do {
            let (archived, milliseconds) = try context.timed { () throws(SpoorError) in
                try context.daemon.destroySession(session.name)
            }
            // A session rotated at least once has its last chunk archived too, as with lttng.
            if !isNoWait, let archive = archived, archive.state == .completed {
                console.message(
                    "Destroying session \(session.name)"
                        + WaitIndicator.dots(afterMilliseconds: max(milliseconds, WaitIndicator.pollMilliseconds))
                        + RotationScheduleText.archiveReadable(session: session.name, path: archive.archivePath)
                        + "\n")
            } else if !isNoWait && milliseconds >= WaitIndicator.pollMilliseconds {
                console.message(
                    "Destroying session \(session.name)" + WaitIndicator.dots(afterMilliseconds: milliseconds))
            }
        } catch {
            return context.fail(ErrorText.describe(error))
        }
        console.message("Session \(session.name) destroyed")
        if case .session(session.name) = context.currentSession.read() {
            context.currentSession.remove()
        }
        if let warning = SessionStatisticsWarning.text(for: statistics) { console.message(warning) }
        return .success
    }
}
