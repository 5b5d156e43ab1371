import ArgumentParser
import SpoorModel

/// `lttng status`: the detail view of the current recording session (`lttng-status(1)`),
/// which is `lttng list CURRENT-SESSION`.
struct StatusCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the status of the current recording session.")

    static let optionNames = ["--help", "-h", "--list-options"]

    @Argument(help: .hidden)
    var unexpectedArguments: [String] = []

    @OptionGroup var program: ProgramInformation

    func execute(in context: CommandContext) -> CommandStatus {
        context.renderer.render(run(in: context))
    }

    /// Reads the current session's detail and rotation schedules; prints nothing.
    func run(in context: CommandContext) -> CommandResult<StatusReport> {
        if let extra = unexpectedArguments.first { return .failure(.refused("Unknown argument: \(extra)")) }
        return context.resolveSession(nil).flatMap { name in
            do throws(SpoorError) {
                let (detail, schedules) = try context.daemon.sessionDetailAndSchedules(name)
                return .success(StatusReport(detail: detail, rotationSchedules: schedules))
            } catch where error.code == .sessionNotFound {
                return .failure(.refused("Session '\(name)' not found"))
            } catch {
                return .failure(.daemon(error))
            }
        }
    }
}
