import SpoorModel

/// What `spoor add-trigger` asks for, once its command line is read.
struct TriggerRequest: Equatable {
    var name: String?
    var ownerUID: UInt32?
    var condition: TriggerCondition
    var actions: [TriggerAction]
    /// Warnings to print before adding the trigger (exclusions that exclude nothing).
    var warnings: [String] = []
}

/// Reads the command line of `lttng add-trigger` (`lttng-add-trigger(1)`), where an option's
/// meaning depends on its position: after `--condition=TYPE` come the options of that
/// condition, after `--action=TYPE` those of that action, and `--name` names the trigger,
/// the event rule's pattern or the snapshot output, depending on where it is.
///
/// Errors are lttng's messages (`Error: ` is added when printed), several lines for some.
struct TriggerCommandLine {
    /// The conditions `--condition` knows: lttng's, then Spoor's, which LTTng 2.13 has only in
    /// its C API.
    static let conditionNames = ConditionType.allCases.map(\.rawValue)
    static let actionNames = ActionType.allCases.map(\.rawValue)

    /// The options of the trigger itself, outside any condition or action.
    private static let triggerOptions = ["--name", "--owner-uid", "--condition", "--action"]

    /// Options that take a value (`--opt=VALUE` or `--opt VALUE`): every option is one.
    private static let valueOptions = Set(
        triggerOptions + ConditionType.allCases.flatMap(\.options) + ActionType.allCases.flatMap(\.options))

    struct Failure: Error, Equatable {
        var lines: [String]
        init(_ lines: String...) { self.lines = lines }
        init(lines: [String]) { self.lines = lines }
    }

    private enum Position {
        case top
        case condition(ConditionBuilder)
        case action(ActionBuilder)
    }

    private let arguments: [String]
    private var name: String?
    private var ownerUID: String?
    private var condition: TriggerCondition?
    private var actions: [TriggerAction] = []
    private var warnings: [String] = []
    private var position = Position.top

    static func parse(_ arguments: [String]) -> Result<TriggerRequest, Failure> {
        var parser = TriggerCommandLine(arguments: arguments)
        do throws(Failure) {
            return .success(try parser.run())
        } catch {
            return .failure(error)
        }
    }

    private init(arguments: [String]) { self.arguments = arguments }

    private mutating func run() throws(Failure) -> TriggerRequest {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            // lttng numbers the arguments from the command name, which is #1.
            let number = index + 2
            if !argument.hasPrefix("--"), argument.hasPrefix("-"), argument.count > 1 {
                // lttng 2.13.9's add-trigger has no short option.
                let option = argument.prefix(2)
                throw Failure("While parsing argument #\(number) (`\(argument)`): Unknown option `\(option)`")
            }
            guard argument.hasPrefix("--"), argument.count > 2 else {
                try positional(argument)
                index += 1
                continue
            }
            let option: String
            var value: String?
            if let equals = argument.firstIndex(of: "=") {
                option = String(argument[..<equals])
                value = String(argument[argument.index(after: equals)...])
            } else {
                option = argument
            }
            guard Self.valueOptions.contains(option) else {
                throw Failure("While parsing argument #\(number) (`\(argument)`): Unknown option `\(option)`")
            }
            if value == nil {
                guard index + 1 < arguments.count else {
                    let problem = "Missing required argument for option `\(option)`"
                    var lines = ["While parsing argument #\(number) (`\(argument)`): \(problem)"]
                    if option == "--condition" { lines += Self.validNames("condition", Self.conditionNames) }
                    if option == "--action" { lines += Self.validNames("action", Self.actionNames) }
                    throw Failure(lines: lines)
                }
                index += 1
                value = arguments[index]
            }
            try self.option(option, value ?? "", argument: argument, number: number)
            index += 1
        }
        try finishSpecifier()
        guard let condition else { throw Failure("Missing --condition.") }
        guard !actions.isEmpty else { throw Failure("Need at least one --action.") }
        let uid = try ownerUID.map { (text) throws(Failure) in try Self.userID(text) }
        if let name {
            do {
                try Trigger.validate(name: name)
            } catch {
                throw Failure("Invalid trigger name `\(name)`: \(error)")
            }
        }
        return TriggerRequest(name: name, ownerUID: uid, condition: condition, actions: actions, warnings: warnings)
    }

    private static func validNames(_ kind: String, _ names: [String]) -> [String] {
        ["Valid \(kind) names are:"] + names.map { "  \($0)" }
    }

    /// A user id, as `--owner-uid` and `--uid` take it.
    static func userID(_ text: String) throws(Failure) -> UInt32 {
        guard let value = UInt32(text) else { throw Failure("Failed to parse `\(text)` as a user id.") }
        return value
    }

    /// Stores the value of an option that may be given once.
    static func setOnce(_ slot: inout String?, _ value: String, _ displayName: String) throws(Failure) {
        if slot != nil { throw Failure("Duplicate \(displayName) given.") }
        slot = value
    }

    private mutating func option(_ option: String, _ value: String, argument: String, number: Int) throws(Failure) {
        // The condition or action being read takes the options it knows; any other ends it and is
        // read as a trigger option, as lttng reads them: `--action=notify --name=T` names the trigger.
        switch position {
        case .top: break
        case .condition(var builder):
            if try builder.option(option, value) {
                position = .condition(builder)
                return
            }
            try finishSpecifier()
        case .action(var builder):
            if try builder.option(option, value) {
                position = .action(builder)
                return
            }
            try finishSpecifier()
        }
        switch option {
        case "--condition":
            if condition != nil { throw Failure("A --condition was already given.") }
            guard let builder = ConditionBuilder(type: value) else {
                throw Failure(
                    lines: ["While parsing argument #\(number) (`\(argument)`): Unknown condition name '\(value)'"]
                        + Self.validNames("condition", Self.conditionNames))
            }
            position = .condition(builder)
        case "--action":
            guard let builder = ActionBuilder(type: value) else {
                throw Failure(
                    lines: ["While parsing argument #\(number) (`\(argument)`): Unknown action name '\(value)'"]
                        + Self.validNames("action", Self.actionNames))
            }
            position = .action(builder)
        case "--owner-uid":
            if ownerUID != nil { throw Failure("Duplicate '--owner-uid' given.") }
            ownerUID = value
        case "--name":
            if name != nil { throw Failure("Duplicate '--name' given.") }
            name = value
        default:
            throw Failure("While parsing argument #\(number) (`\(argument)`): Unknown option `\(option)`")
        }
    }

    private mutating func positional(_ argument: String) throws(Failure) {
        guard case .action(var builder) = position, builder.acceptsSessionName else {
            throw Failure("Unexpected argument `\(argument)`.")
        }
        builder.sessionName = argument
        position = .action(builder)
    }

    /// Ends the condition or action being read, checking it.
    private mutating func finishSpecifier() throws(Failure) {
        switch position {
        case .top: break
        case .condition(let builder):
            let (built, warnings) = try builder.build()
            condition = built
            self.warnings += warnings
        case .action(let builder):
            actions.append(try builder.build())
        }
        position = .top
    }
}
