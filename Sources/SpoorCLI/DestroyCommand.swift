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
        context.renderer.render(run(in: context))
    }

    /// Stops and destroys the sessions, up to the first that cannot be destroyed; prints
    /// nothing.
    func run(in context: CommandContext) -> CommandResult<DestroyReport> {
        if isAll, let sessionName { return .failure(.refused("Unknown argument: \(sessionName)")) }
        if let extra = unexpectedArguments.first { return .failure(.refused("Unknown argument: \(extra)")) }
        // Like lttng, find the session to destroy before asking the daemon anything.
        var name = ""
        if !isAll {
            switch context.resolveSession(sessionName) {
            case .success(let resolved): name = resolved
            case .failure(let error): return .failure(error)
            }
        }
        let sessions: [SessionSummary]
        do {
            sessions = try context.daemon.listSessions()
        } catch {
            return .failure(.daemon(error))
        }
        var report = DestroyReport()
        if isAll {
            report.foundNone = sessions.isEmpty
            for session in sessions {
                let destroyed = destroy(session, in: context)
                report.sessions.append(destroyed)
                if destroyed.error != nil { break }
            }
            return .success(report)
        }
        guard let session = sessions.first(where: { $0.name == name }) else {
            return .failure(.refused("Session name \(name) not found"))
        }
        report.sessions = [destroy(session, in: context)]
        return .success(report)
    }

    private func destroy(_ session: SessionSummary, in context: CommandContext) -> DestroyReport.Destroyed {
        var destroyed = DestroyReport.Destroyed(session: session.name)
        // Stop first, as lttng does, to report what the session lost.
        if session.isActive {
            do {
                let (channels, milliseconds) = try context.timed { () throws(SpoorError) in
                    try context.daemon.stopSession(session.name)
                }
                destroyed.channels = channels
                if !isNoWait { destroyed.stopWaitMilliseconds = milliseconds }
            } catch where error.code == .sessionAlreadyInactive {
                // Stopped meanwhile: nothing to report.
            } catch {
                destroyed.stopError = error
            }
        }
        do {
            let (archive, milliseconds) = try context.timed { () throws(SpoorError) in
                try context.daemon.destroySession(session.name)
            }
            destroyed.archive = archive
            if !isNoWait { destroyed.destroyWaitMilliseconds = milliseconds }
        } catch {
            destroyed.error = error
            return destroyed
        }
        if case .session(session.name) = context.currentSession.read() {
            context.currentSession.remove()
        }
        return destroyed
    }
}
