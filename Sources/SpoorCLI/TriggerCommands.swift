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
        context.renderer.render(run(in: context))
    }

    /// Reads the specifiers, checks the filter and adds the trigger; prints nothing.
    func run(in context: CommandContext) -> CommandResult<AddTriggerReport> {
        // The specifiers swallow every option, `--help` and `--list-options` included.
        if specifiers.first == "--help" || specifiers.first == "-h" {
            return .success(.help(SpoorCommand.helpMessage(for: Self.self) + "\n"))
        }
        if specifiers.first == "--list-options" { return .success(.options(Self.optionNames)) }
        let request: TriggerRequest
        switch TriggerCommandLine.parse(specifiers) {
        case .failure(let failure): return .failure(.refusals(failure.lines))
        case .success(let parsed): request = parsed
        }
        // As `enable-event`: the filter is compiled here first, to say what is wrong and where.
        if case .eventRuleMatches(let rule, _) = request.condition, let filter = rule.filter {
            do {
                _ = try FilterProgram(compiling: filter)
            } catch {
                let refusal = CommandError.operationFailed(.addTrigger, SpoorError(.invalidFilter))
                return .failure(.explained([error.description], refusal))
            }
        }
        func failure(_ error: CommandError) -> CommandResult<AddTriggerReport> {
            .failure(request.warnings.isEmpty ? error : .warned(request.warnings, then: error))
        }
        do {
            let name = try context.daemon.addTrigger(
                name: request.name, ownerUID: request.ownerUID, condition: request.condition,
                actions: request.actions)
            return .success(.added(name: name, warnings: request.warnings))
        } catch where error.code == .permissionDenied && request.ownerUID != nil {
            // lttng refuses this before asking the daemon; Spoor's daemon is the one that checks.
            return failure(.refused("Failed to set trigger's user identity."))
        } catch {
            return failure(.operationFailed(.addTrigger, error))
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
        context.renderer.render(run(in: context))
    }

    /// Reads the triggers; prints nothing.
    func run(in context: CommandContext) -> CommandResult<[TriggerListing]> {
        // lttng complains and lists anyway; Spoor stops, since the command line is wrong.
        if let extra = unexpectedArguments.first { return .failure(.refused("Unexpected argument: \(extra)")) }
        do {
            return .success(try context.daemon.listTriggers())
        } catch {
            return .failure(.operationFailed(.listTriggers, error))
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
        context.renderer.render(run(in: context))
    }

    /// Removes the trigger; prints nothing.
    func run(in context: CommandContext) -> CommandResult<RemovedTrigger> {
        guard let name else { return .failure(.refused("Missing `name` argument.")) }
        if let extra = unexpectedArguments.first { return .failure(.refused("Unexpected argument '\(extra)'")) }
        var uid: UInt32?
        if let ownerUID {
            guard let value = UInt32(ownerUID) else {
                return .failure(.refused("Failed to parse `\(ownerUID)` as an integer."))
            }
            uid = value
        }
        do {
            try context.daemon.removeTrigger(name: name, ownerUID: uid)
            return .success(RemovedTrigger(name: name))
        } catch where error.code == .triggerNotFound {
            return .failure(.refused("Couldn't find trigger with name `\(name)`."))
        } catch {
            return .failure(.operationFailed(.removeTrigger(name: name), error))
        }
    }
}

/// `add-trigger`: its help, its options, or the trigger added with the warnings met.
enum AddTriggerReport: Hashable {
    case help(String)
    case options([String])
    case added(name: String, warnings: [String])
}

/// `remove-trigger`: the trigger removed.
struct RemovedTrigger: Hashable {
    var name: String
}

extension HumanRenderer {
    func render(_ result: CommandResult<AddTriggerReport>) -> CommandStatus {
        switch result {
        case .failure(let error): return fail(error)
        case .success(.help(let text)): console.messageWithoutNewline(text)
        case .success(.options(let names)): names.forEach(console.message)
        case .success(.added(let name, let warnings)):
            warnings.forEach(console.warning)
            console.message("Added trigger `\(name)`.")
        }
        return .success
    }

    func render(_ result: CommandResult<[TriggerListing]>) -> CommandStatus {
        switch result {
        case .failure(let error): return fail(error)
        case .success(let listings):
            TriggerListFormatter.lines(listings).forEach(console.message)
            return .success
        }
    }

    func render(_ result: CommandResult<RemovedTrigger>) -> CommandStatus {
        switch result {
        case .failure(let error): return fail(error)
        case .success(let removed):
            console.message("Removed trigger `\(removed.name)`.")
            return .success
        }
    }
}
