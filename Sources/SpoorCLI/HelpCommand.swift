/// `lttng help [COMMAND]`: the general usage, or the help of one command (`lttng-help(1)`).
///
/// swift-argument-parser reserves `help` for itself, so this command is read by hand.
enum HelpCommand {
    static let optionNames = ["--help", "-h", "--list-options"]

    static let ownHelp = """
        OVERVIEW: Show the help of a command.

        USAGE: spoor help [<command>]

        ARGUMENTS:
          <command>               The command to show the help of.


        """

    static func run(_ arguments: [String], console: Console) -> CommandStatus {
        for argument in arguments where argument.hasPrefix("-") {
            switch argument {
            case "-h", "--help":
                console.messageWithoutNewline(ownHelp)
                return .success
            case "--list-options":
                optionNames.forEach(console.message)
                return .success
            default:
                console.error("Unrecognized argument used with 'help' command")
                return .undefinedCommand
            }
        }
        guard let name = arguments.first else {
            console.messageWithoutNewline(CommandTable.usage)
            return .success
        }
        if name == "help" {
            console.messageWithoutNewline(ownHelp)
            return .success
        }
        guard let command = CommandTable.command(named: name) else {
            console.error("Unknown command \"\(name)\"")
            return .commandError
        }
        console.messageWithoutNewline(SpoorCommand.helpMessage(for: command) + "\n")
        return .success
    }
}
