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
        context.renderer.render(run(in: context))
    }

    /// Starts the session; prints nothing.
    func run(in context: CommandContext) -> CommandResult<StartReport> {
        if let extra = unexpectedArguments.first { return .failure(.refused("Unknown argument: \(extra)")) }
        return context.resolveSession(sessionName).flatMap { name in
            do throws(SpoorError) {
                try context.daemon.startSession(name)
                return .success(StartReport(session: name))
            } catch where error.code == .sessionAlreadyActive {
                return .success(StartReport(session: name, wasAlreadyActive: true))
            } catch {
                return .failure(.daemon(error))
            }
        }
    }
}
