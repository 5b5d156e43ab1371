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
    static let conditionNames = [
        "event-rule-matches", "session-consumed-size", "buffer-usage-high", "buffer-usage-low",
        "session-rotation-ongoing", "session-rotation-completed", "process-crashed",
    ]
    static let actionNames = ["notify", "start-session", "stop-session", "rotate-session", "snapshot-session"]

    /// Options that take a value (`--opt=VALUE` or `--opt VALUE`).
    private static let valueOptions: Set<String> = [
        "--name", "--owner-uid", "--condition", "--action", "--type", "--exclude-name", "--log-level", "--filter",
        "--capture", "--location", "--event-name", "--rate-policy", "--path", "--url", "--ctrl-url", "--data-url",
        "--max-size", "--session", "--channel", "--threshold-size", "--threshold-ratio", "--process-name", "--uid",
    ]

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
        var uid: UInt32?
        if let ownerUID {
            guard let value = UInt32(ownerUID) else { throw Failure("Failed to parse `\(ownerUID)` as a user id.") }
            uid = value
        }
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

// MARK: Conditions

/// The options of one `--condition` specifier.
private struct ConditionBuilder {
    enum Kind {
        case eventRuleMatches
        case sessionConsumedSize
        case bufferUsage(isHigh: Bool)
        case rotation(isCompleted: Bool)
        case processCrashed
    }

    let kind: Kind
    // Event rule options (lttng-event-rule(7)).
    var type: String?
    var pattern: String?
    var exclusions: [String] = []
    var logLevel: String?
    var filter: String?
    var location: String?
    var eventName: String?
    var captures: [String] = []
    // Spoor's options for the conditions LTTng's command line lacks.
    var session: String?
    var channel: String?
    var thresholdSize: String?
    var thresholdRatio: String?
    var processName: String?
    var processUID: String?

    init?(type: String) {
        switch type {
        case "event-rule-matches": kind = .eventRuleMatches
        case "session-consumed-size": kind = .sessionConsumedSize
        case "buffer-usage-high": kind = .bufferUsage(isHigh: true)
        case "buffer-usage-low": kind = .bufferUsage(isHigh: false)
        case "session-rotation-ongoing": kind = .rotation(isCompleted: false)
        case "session-rotation-completed": kind = .rotation(isCompleted: true)
        case "process-crashed": kind = .processCrashed
        default: return nil
        }
    }

    typealias Failure = TriggerCommandLine.Failure

    /// Takes `option` if this condition has it; `false` if it does not.
    mutating func option(_ option: String, _ value: String) throws(Failure) -> Bool {
        if case .eventRuleMatches = kind {
            switch option {
            case "--type":
                if type != nil { throw Failure("More than one `--type` was specified.") }
                type = value
            case "--name": try set(&pattern, value, "'--name/-n'")
            case "--exclude-name": exclusions.append(value)
            case "--log-level": try set(&logLevel, value, "'--log-level/-l'")
            case "--filter": try set(&filter, value, "'--filter/-f'")
            case "--location": try set(&location, value, "'--location/-L'")
            case "--event-name": try set(&eventName, value, "'--event-name/-E'")
            case "--capture": captures.append(value)
            default: return false
            }
            return true
        }
        switch (option, kind) {
        case ("--session", _): try set(&session, value, "'--session'")
        case ("--channel", .bufferUsage): try set(&channel, value, "'--channel'")
        case ("--threshold-size", .bufferUsage), ("--threshold-size", .sessionConsumedSize):
            try set(&thresholdSize, value, "'--threshold-size'")
        case ("--threshold-ratio", .bufferUsage): try set(&thresholdRatio, value, "'--threshold-ratio'")
        case ("--process-name", .processCrashed): try set(&processName, value, "'--process-name'")
        case ("--uid", .processCrashed): try set(&processUID, value, "'--uid'")
        default: return false
        }
        return true
    }

    private func set(_ slot: inout String?, _ value: String, _ displayName: String) throws(Failure) {
        if slot != nil { throw Failure("Duplicate \(displayName) given.") }
        slot = value
    }

    func build() throws(Failure) -> (TriggerCondition, warnings: [String]) {
        switch kind {
        case .eventRuleMatches: return try buildEventRuleMatches()
        case .sessionConsumedSize:
            let session = try requiredSession("session-consumed-size")
            guard let thresholdSize else {
                throw Failure("Missing --threshold-size for a session-consumed-size condition.")
            }
            return (.sessionConsumedSize(session: session, thresholdBytes: try size(thresholdSize)), [])
        case .bufferUsage(let isHigh):
            let typeName = isHigh ? "buffer-usage-high" : "buffer-usage-low"
            let session = try requiredSession(typeName)
            guard let channel else { throw Failure("Missing --channel for a \(typeName) condition.") }
            let threshold: BufferUsageThreshold
            switch (thresholdSize, thresholdRatio) {
            case (let text?, nil): threshold = .bytes(try size(text))
            case (nil, let text?):
                guard let ratio = Double(text), (0...1).contains(ratio) else {
                    throw Failure("Failed to parse `\(text)` as a ratio between 0 and 1.")
                }
                threshold = .ratio(ratio)
            case (nil, nil): throw Failure("Missing --threshold-ratio or --threshold-size for a \(typeName) condition.")
            case (_?, _?): throw Failure("The --threshold-ratio and --threshold-size options can't be used together.")
            }
            return (
                isHigh
                    ? .bufferUsageHigh(session: session, channel: channel, threshold: threshold)
                    : .bufferUsageLow(session: session, channel: channel, threshold: threshold), []
            )
        case .rotation(let isCompleted):
            let session = try requiredSession(isCompleted ? "session-rotation-completed" : "session-rotation-ongoing")
            return (
                isCompleted ? .sessionRotationCompleted(session: session) : .sessionRotationOngoing(session: session),
                []
            )
        case .processCrashed:
            if processName?.isEmpty == true { throw Failure("The process name pattern of --process-name is empty.") }
            var uid: UInt32?
            if let processUID {
                guard let value = UInt32(processUID) else { throw Failure("Failed to parse `\(processUID)` as a user id.") }
                uid = value
            }
            return (.processCrashed(namePattern: processName, uid: uid), [])
        }
    }

    private func requiredSession(_ typeName: String) throws(Failure) -> String {
        guard let session else { throw Failure("Missing --session for a \(typeName) condition.") }
        if let problem = NameValidation.sessionNameProblem(session) { throw Failure("\(problem): `\(session)`") }
        return session
    }

    private func size(_ text: String) throws(Failure) -> UInt64 {
        guard let value = ValueParsing.size(text) else { throw Failure("Failed to parse `\(text)` as a size.") }
        return value
    }

    /// The event rule of an `event-rule-matches` condition, checked as lttng checks it.
    private func buildEventRuleMatches() throws(Failure) -> (TriggerCondition, warnings: [String]) {
        guard let type else { throw Failure("Event rule requires a --type.") }
        switch type {
        case "user", "user:tracepoint": break
        case "kernel", "kernel:tracepoint", "kernel:syscall", "kernel:syscall:entry", "kernel:syscall:exit",
            "kernel:syscall:entry+exit", "syscall", "syscall:entry", "syscall:exit", "syscall:entry+exit",
            "kernel:kprobe", "kprobe", "kernel:uprobe", "userspace-probe", "jul", "jul:logging", "log4j",
            "log4j:logging", "python", "python:logging":
            throw Failure(ErrorText.unsupported("--type=\(type)"))
        default:
            throw Failure("Invalid `--type` value: \(type)")
        }
        if location != nil { throw Failure("Can't use --location with user tracepoint event rules.") }
        if eventName != nil { throw Failure("Can't use --event-name with user tracepoint event rules.") }
        let pattern = pattern ?? "*"
        if pattern.isEmpty { throw Failure("Failed to set user_tracepoint event rule's pattern to ''.") }
        var warnings: [String] = []
        if !exclusions.isEmpty {
            guard NamePattern.hasWildcard(pattern) else {
                throw Failure("Event \(pattern): Exclusions can only be used with a globbing pattern")
            }
            switch ExclusionCheck.problems(pattern: pattern, exclusions: exclusions) {
            case .excludesAll(let exclusion)?:
                throw Failure("Event \(pattern): \(exclusion) excludes all events from \(pattern)")
            case .excludesNothing(let excluded)?:
                warnings = excluded.map { "Event \(pattern): \($0) does not exclude any events from \(pattern)" }
            case nil: break
            }
        }
        let logLevelCondition = try parseLogLevel()
        if filter?.isEmpty == true { throw Failure("Invalid filter expression ``: it is empty.") }
        var descriptors: [CaptureDescriptor] = []
        for capture in captures { descriptors.append(try Self.capture(capture)) }
        let rule = EventRule(pattern: pattern, logLevel: logLevelCondition, exclusions: exclusions, filter: filter)
        return (.eventRuleMatches(rule, captures: descriptors), warnings)
    }

    /// `LEVEL` (exactly), `LEVEL..` (at least as severe) or `..` (any), as lttng-event-rule(7)
    /// describes `--log-level`.
    private func parseLogLevel() throws(Failure) -> LogLevelCondition {
        guard let text = logLevel else { return .any }
        if text == ".." { return .any }
        let isRange = text.hasSuffix("..")
        let name = isRange ? String(text.dropLast(2)) : text
        guard !name.contains("."), let level = LogLevel(lttngName: name) else {
            throw Failure("Failed to parse log level string `\(text)`.")
        }
        // As lttng: nothing is more severe than EMERG, so `EMERG..` is `EMERG`.
        return isRange && level != .emergency ? .atLeastAsSevereAs(level) : .exactly(level)
    }

    /// A `--capture` descriptor, with lttng's messages for the mistakes it names.
    static func capture(_ text: String) throws(Failure) -> CaptureDescriptor {
        let trimmed = text.trimmingCharacters(in: " ")
        if trimmed.hasPrefix("$app."), !trimmed.contains(":") {
            throw Failure("Invalid app-specific context field name: missing colon in `\(trimmed.dropFirst(5))`.")
        }
        if !trimmed.hasPrefix("$"), trimmed.contains(".") {
            throw Failure("While parsing expression `\(text)`: Capturing subfields is not supported.")
        }
        do {
            return try CaptureDescriptor(parsing: text)
        } catch {
            throw Failure(
                "\(error.description.prefix(1).uppercased())\(error.description.dropFirst())",
                "Failed to parse capture expression `\(text)`.")
        }
    }
}

extension String {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        var text = Substring(self)
        while text.first == character { text = text.dropFirst() }
        while text.last == character { text = text.dropLast() }
        return String(text)
    }
}

// MARK: Actions

/// The options of one `--action` specifier.
private struct ActionBuilder {
    enum Kind {
        case notify, start, stop, rotate, snapshot

        /// The action's name in lttng's messages.
        var lttngName: String {
            switch self {
            case .notify: "notify"
            case .start: "start session"
            case .stop: "stop session"
            case .rotate: "rotate session"
            case .snapshot: "snapshot session"
            }
        }
    }

    let kind: Kind
    var sessionName: String?
    var ratePolicy: String?
    // Snapshot output options.
    var path: String?
    var url: String?
    var controlURL: String?
    var dataURL: String?
    var outputName: String?
    var maximumSize: String?

    typealias Failure = TriggerCommandLine.Failure

    init?(type: String) {
        switch type {
        case "notify": kind = .notify
        case "start-session": kind = .start
        case "stop-session": kind = .stop
        case "rotate-session": kind = .rotate
        case "snapshot-session": kind = .snapshot
        default: return nil
        }
    }

    var acceptsSessionName: Bool { kind != .notify && sessionName == nil }

    mutating func option(_ option: String, _ value: String) throws(Failure) -> Bool {
        if option == "--rate-policy" {
            // As lttng: the last one counts.
            ratePolicy = value
            return true
        }
        guard kind == .snapshot else { return false }
        switch option {
        case "--path": try set(&path, value, "'--path'")
        case "--url": try set(&url, value, "'--url'")
        case "--ctrl-url": try set(&controlURL, value, "'--ctrl-url'")
        case "--data-url": try set(&dataURL, value, "'--data-url'")
        case "--name": try set(&outputName, value, "'--name/-n'")
        case "--max-size": try set(&maximumSize, value, "'--max-size/-m'")
        default: return false
        }
        return true
    }

    private func set(_ slot: inout String?, _ value: String, _ displayName: String) throws(Failure) {
        if slot != nil { throw Failure("Duplicate \(displayName) given.") }
        slot = value
    }

    func build() throws(Failure) -> TriggerAction {
        let policy = try ratePolicy.map { (text) throws(Failure) in try Self.ratePolicy(text) } ?? .default
        let actionKind: TriggerActionKind
        if kind == .notify {
            actionKind = .notify
        } else {
            guard let sessionName else { throw Failure("Missing session name.") }
            if sessionName.isEmpty {
                throw Failure("Failed to set action \(kind.lttngName)'s session name to ''.")
            }
            if let problem = NameValidation.sessionNameProblem(sessionName) {
                throw Failure("\(problem): `\(sessionName)`")
            }
            switch kind {
            case .start: actionKind = .startSession(sessionName)
            case .stop: actionKind = .stopSession(sessionName)
            case .rotate: actionKind = .rotateSession(sessionName)
            case .notify, .snapshot: actionKind = .snapshotSession(sessionName, output: try snapshotOutput())
            }
        }
        return TriggerAction(actionKind, ratePolicy: policy)
    }

    /// `every:N` or `once-after:N`, N above 0.
    static func ratePolicy(_ text: String) throws(Failure) -> RatePolicy {
        guard let colon = text.firstIndex(of: ":") else { throw Failure("Rate policy format is invalid.") }
        let type = text[..<colon]
        let valueText = String(text[text.index(after: colon)...])
        guard type == "every" || type == "once-after" else { throw Failure("Rate policy type `\(type)` unknown.") }
        guard !valueText.hasPrefix("-"), !valueText.hasPrefix("+"), let value = UInt64(valueText) else {
            throw Failure("Failed to parse rate policy value `\(valueText)` as an integer.")
        }
        guard value > 0 else { throw Failure("Rate policy value `\(valueText)` must be > 0.") }
        return type == "every" ? .every(value) : .onceAfter(value)
    }

    /// The output the snapshot options describe, checked as lttng checks them.
    private func snapshotOutput() throws(Failure) -> SnapshotActionOutput? {
        let destinations = [path != nil, url != nil, controlURL != nil || dataURL != nil].filter { $0 }.count
        if destinations > 1 {
            throw Failure("The --ctrl-url/--data-url, --url, and --path options can't be used together.")
        }
        if controlURL != nil && dataURL == nil { throw Failure("--ctrl-url is specified, but --data-url is missing.") }
        if dataURL != nil && controlURL == nil { throw Failure("--data-url is specified, but --ctrl-url is missing.") }
        var size: UInt64?
        if let maximumSize {
            guard let value = ValueParsing.size(maximumSize) else {
                throw Failure("Failed to parse `\(maximumSize)` as a size.")
            }
            size = value
        }
        let destination: SnapshotActionDestination
        if let path {
            guard path.hasPrefix("/") else { throw Failure("Failed to parse '\(path)' as a local path.") }
            destination = .path(path)
        } else if let url {
            guard SnapshotActionDestination.isURL(url) else { throw Failure("Failed to parse '\(url)' as an URL.") }
            destination = .url(url)
        } else if let controlURL, let dataURL {
            guard SnapshotActionDestination.isConnectionURL(controlURL),
                SnapshotActionDestination.isConnectionURL(dataURL)
            else {
                throw Failure("Failed to parse `\(controlURL)` and `\(dataURL)` as control and data URLs.")
            }
            destination = .controlAndData(control: controlURL, data: dataURL)
        } else {
            if maximumSize != nil {
                throw Failure("Can't provide a snapshot output max size without a snapshot output destination.")
            }
            if outputName != nil {
                throw Failure("Can't provide a snapshot output name without a snapshot output destination.")
            }
            return nil
        }
        let output = SnapshotActionOutput(destination: destination, name: outputName, maximumSize: size)
        do {
            try TriggerAction(.snapshotSession("s", output: output)).validate()
        } catch {
            throw Failure("Invalid snapshot output: \(error)")
        }
        return output
    }
}
