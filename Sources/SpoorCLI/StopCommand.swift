import ArgumentParser
import SpoorModel

/// `lttng stop`: stops recording and waits until the trace is on disk (`lttng-stop(1)`,
/// lttng-tools `stop.c`).
struct StopCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "stop",
        abstract: "Stop a recording session.",
        discussion: """
            Stops the session named SESSION, or the current session, and waits until its trace \
            data is written. Warns when the session's channels discarded events or lost packets.
            """)

    static let optionNames = ["--help", "-h", "--list-options", "--no-wait", "-n"]

    @Argument(help: ArgumentHelp("The session to stop (default: the current session).", valueName: "session"))
    var sessionName: String?

    @Argument(help: .hidden)
    var unexpectedArguments: [String] = []

    @Flag(name: [.customShort("n"), .customLong("no-wait")], help: "Do not say how long the daemon made us wait.")
    var isNoWait = false

    @OptionGroup var program: ProgramInformation

    func execute(in context: CommandContext) -> CommandStatus {
        context.renderer.render(run(in: context))
    }

    /// Stops the session and measures the wait; prints nothing.
    func run(in context: CommandContext) -> CommandResult<StopReport> {
        if let extra = unexpectedArguments.first { return .failure(.refused("Unknown argument: \(extra)")) }
        return context.resolveSession(sessionName).flatMap { name in
            do throws(SpoorError) {
                let (channels, milliseconds) = try context.timed { () throws(SpoorError) in
                    try context.daemon.stopSession(name)
                }
                return .success(
                    StopReport(session: name, waitedMilliseconds: isNoWait ? nil : milliseconds, channels: channels))
            } catch where error.code == .sessionAlreadyInactive {
                return .success(StopReport(session: name, wasAlreadyInactive: true))
            } catch {
                return .failure(.daemon(error))
            }
        }
    }
}
