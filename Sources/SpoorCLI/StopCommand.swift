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
        if let extra = unexpectedArguments.first { return context.fail("Unknown argument: \(extra)") }
        guard let name = context.sessionName(sessionName) else { return .commandError }
        let console = context.console
        do {
            // Spoor's daemon answers once the data is on disk; the wait lttng shows with dots
            // while it polls is shown afterwards, one dot per 200 ms it took.
            let (channels, milliseconds) = try context.timed { () throws(SpoorError) in
                try context.daemon.stopSession(name)
            }
            if !isNoWait {
                console.message("Waiting for data availability" + WaitIndicator.dots(afterMilliseconds: milliseconds))
            }
            if let warning = SessionStatisticsWarning.text(for: channels) {
                console.message(warning)
            }
            console.message("Tracing stopped for session \(name)")
            return .success
        } catch where error.code == .sessionAlreadyInactive {
            console.warning("Tracing already stopped for session \(name)")
            return .warning
        } catch {
            return context.fail(ErrorText.describe(error))
        }
    }
}
