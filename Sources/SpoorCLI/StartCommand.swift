import ArgumentParser
import SpoorModel

/// `lttng start`: starts recording (`lttng-start(1)`, lttng-tools `start.c`).
struct StartCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start a recording session.",
        discussion: "Starts the session named SESSION, or the current session.")

    static let optionNames = ["--help", "-h", "--list-options"]

    @Argument(help: ArgumentHelp("The session to start (default: the current session).", valueName: "session"))
    var sessionName: String?

    @Argument(help: .hidden)
    var unexpectedArguments: [String] = []

    @OptionGroup var program: ProgramInformation

    func execute(in context: CommandContext) -> CommandStatus {
        if let extra = unexpectedArguments.first { return context.fail("Unknown argument: \(extra)") }
        guard let name = context.sessionName(sessionName) else { return .commandError }
        do {
            try context.daemon.startSession(name)
            context.console.message("Tracing started for session \(name)")
            return .success
        } catch where error.code == .sessionAlreadyActive {
            context.console.warning("Tracing already started for session \(name)")
            return .warning
        } catch {
            return context.fail(ErrorText.describe(error))
        }
    }
}
