import ArgumentParser
import SpoorModel

#if canImport(Glibc)
import Glibc
#endif

/// `lttng view`: prints a session's trace, with Spoor's own reader or an external viewer
/// (`lttng-view(1)`, lttng-tools `view.c`).
struct ViewCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "view",
        abstract: "Launch a trace reader.",
        discussion: """
            Prints the events of the trace of SESSION (default: the current session), or of the \
            trace at --trace-path, with Spoor's trace reader, or runs READER with the trace \
            directory as its last argument.
            """)

    static let optionNames = ["--help", "-h", "--list-options", "--viewer", "-e", "--trace-path", "-t"]

    @Argument(help: ArgumentHelp("The session whose trace to read.", valueName: "session"))
    var sessionName: String?

    @Argument(help: .hidden)
    var unexpectedArguments: [String] = []

    @Option(
        name: [.customShort("e"), .customLong("viewer")], parsing: .unconditional,
        help: ArgumentHelp("Run READER (a command line) instead of Spoor's reader.", valueName: "reader"))
    var viewer: String?

    @Option(
        name: [.customShort("t"), .customLong("trace-path")], parsing: .unconditional,
        help: ArgumentHelp("Read the trace in DIR instead of a session's.", valueName: "dir"))
    var tracePath: String?

    @OptionGroup var program: ProgramInformation

    func execute(in context: CommandContext) -> CommandStatus {
        if let extra = unexpectedArguments.first { return context.fail("Unknown argument: \(extra)") }
        let path: String
        if let tracePath {
            path = tracePath
        } else {
            guard let name = context.sessionName(sessionName) else { return .commandError }
            do {
                let detail = try context.daemon.sessionDetail(name)
                if detail.summary.isActive {
                    context.console.warning("Session \(name) is running. Please stop it before reading it.")
                    return .commandError
                }
                path = detail.summary.outputPath
                if detail.summary.isSnapshot {
                    // lttng hands a snapshot session's empty trace path to the viewer, which then
                    // finds nothing; Spoor shows the snapshots taken so far, read together.
                    guard let output = try context.daemon.listSnapshotOutputs(session: name).first
                    else { return context.fail("Session \(name) has no snapshot output to view") }
                    return view(output.path, in: context)
                }
            } catch where error.code == .sessionNotFound {
                // lttng prints this one as a plain message on standard output.
                context.console.message("Session name \(name) not found")
                return .commandError
            } catch {
                return context.fail(ErrorText.describe(error))
            }
        }
        return view(path, in: context)
    }

    /// Shows the trace (or traces) under `path`, with the viewer or Spoor's own reader.
    private func view(_ path: String, in context: CommandContext) -> CommandStatus {
        // lttng prints this line before exec(), where it only survives on a terminal.
        if context.isOutputTerminal { context.console.message("Trace directory: \(path)\n") }

        if let viewer {
            let arguments = viewer.split(separator: " ").map(String.init) + [path]
            guard arguments.count > 1 else { return context.fail("Missing viewer command", status: .fatalError) }
            context.console.flush()
            let failure = context.externalViewer.exec(arguments)
            if failure == ENOENT { return context.fail("\(arguments[0]) not found on the system", status: .fatalError) }
            return context.fail("exec: \(arguments[0]): \(String(cString: strerror(failure)))", status: .fatalError)
        }
        // Whole chunks of lines: one console write per 64 KiB, not one per line.
        let problem = context.traceRenderer.render(path: path, text: { text in
            context.console.messageWithoutNewline(text)
        })
        if let problem { return context.fail(problem) }
        return .success
    }
}
