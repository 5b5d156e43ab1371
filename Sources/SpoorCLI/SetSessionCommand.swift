import ArgumentParser
import SpoorModel

/// `lttng set-session`: makes a recording session the current one (`lttng-set-session(1)`,
/// lttng-tools `set_session.c`).
struct SetSessionCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "set-session",
        abstract: "Set the current recording session.",
        discussion: "The current session is the one commands act on when they are given no session name.")

    static let optionNames = ["--help", "-h", "--list-options"]

    @Argument(help: ArgumentHelp("The session to make current.", valueName: "session"))
    var sessionName: String?

    @Argument(help: .hidden)
    var unexpectedArguments: [String] = []

    @OptionGroup var program: ProgramInformation

    func execute(in context: CommandContext) -> CommandStatus {
        context.renderer.render(run(in: context))
    }

    /// Checks that the session exists and makes it the current one; prints nothing.
    func run(in context: CommandContext) -> CommandResult<SetSessionReport> {
        guard let sessionName else { return .failure(.refused("Missing session name")) }
        if let extra = unexpectedArguments.first { return .failure(.refused("Unknown argument: \(extra)")) }
        if sessionName.utf8.count > NameValidation.maximumLength {
            return .failure(
                .refused("Session name too long. Length must be lower or equal to \(NameValidation.maximumLength)"))
        }
        do {
            let sessions = try context.daemon.listSessions()
            guard sessions.contains(where: { $0.name == sessionName }) else {
                return .failure(.refused("Session '\(sessionName)' not found"))
            }
        } catch {
            return .failure(.daemon(error))
        }
        do {
            try context.currentSession.write(sessionName)
        } catch {
            return .failure(.refused("Unable to set session name"))
        }
        return .success(SetSessionReport(session: sessionName))
    }
}
