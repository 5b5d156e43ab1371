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
        if let extra = unexpectedArguments.first { return context.fail("Unknown argument: \(extra)") }
        guard let name = context.sessionName(nil) else { return .commandError }
        do {
            let (detail, schedules) = try context.daemon.sessionDetailAndSchedules(name)
            context.console.messageWithoutNewline(SessionDetailFormatter.render(detail, rotationSchedules: schedules))
            return .success
        } catch where error.code == .sessionNotFound {
            return context.fail("Session '\(name)' not found")
        } catch {
            return context.fail(ErrorText.describe(error))
        }
    }
}
