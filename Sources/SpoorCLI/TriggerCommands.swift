import ArgumentParser
import SpoorFilter
import SpoorModel

/// `lttng add-trigger`: adds a trigger for the user, or as root for another user
/// (`lttng-add-trigger(1)`). The options depend on their position, so
/// `TriggerCommandLine` reads them, not swift-argument-parser.
struct AddTriggerCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "add-trigger",
        abstract: "Add a trigger.",
        discussion: """
            Options, read in order (what follows --condition or --action belongs to it): --name, \
            --owner-uid, --condition, --action.

            Synopsis: add-trigger [--name=NAME] [--owner-uid=UID] --condition=CONDTYPE [CONDARGS] \
            --action=ACTTYPE [ACTARGS] [--action=ACTTYPE [ACTARGS]]...

            Conditions: event-rule-matches [--capture=CDESCR]... --type=user [--name=NAME] \
            [--exclude-name=XNAME]... [--log-level=(LOGLEVEL | LOGLEVEL.. | ..)] [--filter=EXPR]; \
            session-consumed-size --session=S --threshold-size=SIZE; \
            buffer-usage-high and buffer-usage-low --session=S --channel=C \
            (--threshold-ratio=R | --threshold-size=SIZE); \
            session-rotation-ongoing and session-rotation-completed --session=S.

            Actions: notify, start-session S, stop-session S, rotate-session S, \
            snapshot-session S [--path=PATH | --url=URL | --ctrl-url=URL --data-url=URL] [--name=NAME] \
            [--max-size=SIZE]; each takes [--rate-policy=(every:N | once-after:N)].
            """)

    static let optionNames = ["--help", "-h", "--list-options", "--condition", "--action", "--name", "--owner-uid"]

    @Argument(
        parsing: .captureForPassthrough,
        help: ArgumentHelp("The trigger's name, owner, condition and actions.", valueName: "specifiers"))
    var specifiers: [String] = []

    @OptionGroup var program: ProgramInformation

    func execute(in context: CommandContext) -> CommandStatus {
        let console = context.console
        // The specifiers swallow every option, `--help` and `--list-options` included.
        if specifiers.first == "--help" || specifiers.first == "-h" {
            console.messageWithoutNewline(SpoorCommand.helpMessage(for: Self.self) + "\n")
            return .success
        }
        if specifiers.first == "--list-options" {
            Self.optionNames.forEach(console.message)
            return .success
        }
        let request: TriggerRequest
        switch TriggerCommandLine.parse(specifiers) {
        case .failure(let failure):
            failure.lines.forEach(console.error)
            return .commandError
        case .success(let parsed):
            request = parsed
        }
        // As `enable-event`: the filter is compiled here first, to say what is wrong and where.
        if case .eventRuleMatches(let rule, _) = request.condition, let filter = rule.filter {
            do {
                _ = try FilterProgram(compiling: filter)
            } catch {
                console.error(error.description)
                return context.fail("Failed to register trigger: \(ErrorText.describe(SpoorError(.invalidFilter))).")
            }
        }
        request.warnings.forEach(console.warning)
        do {
            let name = try context.daemon.addTrigger(
                name: request.name, ownerUID: request.ownerUID, condition: request.condition,
                actions: request.actions)
            console.message("Added trigger `\(name)`.")
            return .success
        } catch  where error.code == .permissionDenied && request.ownerUID != nil {
            // lttng refuses this before asking the daemon; Spoor's daemon is the one that checks.
            return context.fail("Failed to set trigger's user identity.")
        } catch {
            return context.fail("Failed to register trigger: \(ErrorText.describe(error)).")
        }
    }
}

/// `lttng list-triggers`: the user's triggers, or every user's for root
/// (`lttng-list-triggers(1)`).
struct ListTriggersCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "list-triggers",
        abstract: "List triggers.",
        discussion: "Lists the triggers of your Unix user, or of all users if your Unix user is root.")

    static let optionNames = ["--help", "-h", "--list-options"]

    @Argument(help: .hidden)
    var unexpectedArguments: [String] = []

    @OptionGroup var program: ProgramInformation

    func execute(in context: CommandContext) -> CommandStatus {
        // lttng complains and lists anyway; Spoor stops, since the command line is wrong.
        if let extra = unexpectedArguments.first { return context.fail("Unexpected argument: \(extra)") }
        do {
            let listings = try context.daemon.listTriggers()
            TriggerListFormatter.lines(listings).forEach(context.console.message)
            return .success
        } catch {
            return context.fail("Error listing triggers: \(ErrorText.describe(error)).")
        }
    }
}

/// `lttng remove-trigger`: removes a trigger of the user, or as root of another user
/// (`lttng-remove-trigger(1)`).
struct RemoveTriggerCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "remove-trigger",
        abstract: "Remove a trigger.",
        discussion: "Removes the trigger named NAME of your Unix user, or as root of the user --owner-uid names.")

    static let optionNames = ["--help", "-h", "--list-options", "--owner-uid"]

    @Argument(help: ArgumentHelp("The name of the trigger to remove.", valueName: "name"))
    var name: String?

    @Argument(help: .hidden)
    var unexpectedArguments: [String] = []

    @Option(
        name: .customLong("owner-uid"), parsing: .unconditional,
        help: ArgumentHelp("Remove the trigger of the user UID (root only).", valueName: "uid"))
    var ownerUID: String?

    @OptionGroup var program: ProgramInformation

    func execute(in context: CommandContext) -> CommandStatus {
        guard let name else { return context.fail("Missing `name` argument.") }
        if let extra = unexpectedArguments.first { return context.fail("Unexpected argument '\(extra)'") }
        var uid: UInt32?
        if let ownerUID {
            guard let value = UInt32(ownerUID) else {
                return context.fail("Failed to parse `\(ownerUID)` as an integer.")
            }
            uid = value
        }
        do {
            try context.daemon.removeTrigger(name: name, ownerUID: uid)
            context.console.message("Removed trigger `\(name)`.")
            return .success
        } catch  where error.code == .triggerNotFound {
            return context.fail("Couldn't find trigger with name `\(name)`.")
        } catch {
            return context.fail("Failed to remove trigger `\(name)`: \(ErrorText.describe(error)).")
        }
    }
}
