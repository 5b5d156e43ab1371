import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

/// The `spoor` command line, the counterpart of `lttng(1)`.
public enum SpoorCLI {
    /// Runs `spoor` with `arguments` (`CommandLine.arguments`: the program name first) and
    /// returns its exit status.
    public static func main(arguments: [String]) -> Int32 {
        var standardConsole: Console?
        let status = CLIDriver.run(
            Array(arguments.dropFirst()),
            makeConsole: { isQuiet in
                let console = Console.standard(isQuiet: isQuiet)
                standardConsole = console
                return console
            },
            makeContext: { options, console in
                if let path = options.sessionDaemonPath { setenv("SPOOR_SESSIOND_PATH", path, 1) }
                return CommandContext.live(options: options, console: console)
            })
        standardConsole?.flush()
        return status.rawValue
    }
}

/// Reads the general options, finds the command, parses its options and runs it.
enum CLIDriver {
    static func run(
        _ arguments: [String],
        makeConsole: (_ isQuiet: Bool) -> Console,
        makeContext: (GeneralOptions, Console) -> CommandContext
    ) -> CommandStatus {
        let options: GeneralOptions
        let remaining: [String]
        do {
            (options, remaining) = try GeneralOptionsParser.parse(arguments)
        } catch {
            makeConsole(false).diagnostic(error.description + "\n")
            return .commandError
        }
        let console = makeConsole(options.isQuiet)
        defer { console.flush() }

        if options.isOptionListRequested {
            GeneralOptions.optionNames.forEach(console.message)
            return .success
        }
        if options.isCommandListRequested {
            CommandTable.commandNames.forEach(console.message)
            return .success
        }
        if options.isHelpRequested {
            console.messageWithoutNewline(CommandTable.usage)
            return .success
        }
        if options.isVersionRequested {
            console.messageWithoutNewline(VersionCommand.shortText)
            return .success
        }
        if let type = options.machineInterface {
            console.error(type == "xml" ? ErrorText.unsupported("--mi") : "MI output format not supported")
            return .commandError
        }
        if options.group != nil {
            console.error(ErrorText.unsupported("--group"))
            return .commandError
        }
        guard let name = remaining.first else {
            console.messageWithoutNewline(CommandTable.usage)
            return .commandError
        }
        if name == "help" { return HelpCommand.run(Array(remaining.dropFirst()), console: console) }
        guard let type = CommandTable.command(named: name) else {
            console.diagnostic("spoor: \(name) is not a spoor command. See 'spoor --help'.\n")
            return .undefinedCommand
        }
        let commandArguments =
            type == CreateCommand.self
            ? CreateCommand.normalize(remaining)
            : type == TrackCommand.self || type == UntrackCommand.self
                ? ProcessAttributeOptions.normalize(remaining) : remaining

        let parsed: ParsableCommand
        do {
            parsed = try SpoorCommand.parseAsRoot(commandArguments)
        } catch {
            let text = SpoorCommand.fullMessage(for: error)
            if SpoorCommand.exitCode(for: error) == .success {
                console.messageWithoutNewline(text + "\n")
                return .success
            }
            // An option the command does not have: lttng's "Undefined command" status.
            console.diagnostic(text + "\n")
            return .undefinedCommand
        }
        guard let command = parsed as? any SpoorSubcommand else {
            // swift-argument-parser answers `--help` with a command of its own.
            console.messageWithoutNewline(SpoorCommand.helpMessage(for: type) + "\n")
            return .success
        }
        if command.program.isOptionListRequested {
            type.optionNames.forEach(console.message)
            return .success
        }
        return command.execute(in: makeContext(options, console))
    }
}
