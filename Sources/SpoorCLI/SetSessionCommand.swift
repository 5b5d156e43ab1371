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
        guard let sessionName else { return context.fail("Missing session name") }
        if let extra = unexpectedArguments.first { return context.fail("Unknown argument: \(extra)") }
        if sessionName.utf8.count > NameValidation.maximumLength {
            return context.fail(
                "Session name too long. Length must be lower or equal to \(NameValidation.maximumLength)")
        }
        do {
            let sessions = try context.daemon.listSessions()
            guard sessions.contains(where: { $0.name == sessionName }) else {
                return context.fail("Session '\(sessionName)' not found")
            }
        } catch {
            return context.fail(ErrorText.describe(error))
        }
        do {
            try context.currentSession.write(sessionName)
        } catch {
            return context.fail("Unable to set session name")
        }
        context.console.message("Session set to \(sessionName)")
        return .success
    }
}
