import ArgumentParser

/// A `spoor` command: parsed by swift-argument-parser, then run against a `CommandContext`.
protocol SpoorSubcommand: ParsableCommand {
    /// What `lttng COMMAND --list-options` prints, in lttng's order.
    static var optionNames: [String] { get }
    /// The options every command has besides `--help`.
    var program: ProgramInformation { get }
    /// Runs the command; prints its results and errors on the context's console.
    func execute(in context: CommandContext) -> CommandStatus
}

/// `--list-options`, which every lttng command has.
struct ProgramInformation: ParsableArguments {
    @Flag(name: .customLong("list-options"), help: .hidden)
    var isOptionListRequested = false
}
