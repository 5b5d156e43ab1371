import SpoorModel

// MARK: Conditions

/// A `--condition` type, with the options it takes: the one list of condition names.
enum ConditionType: String, CaseIterable {
    case eventRuleMatches = "event-rule-matches"
    case sessionConsumedSize = "session-consumed-size"
    case bufferUsageHigh = "buffer-usage-high"
    case bufferUsageLow = "buffer-usage-low"
    case sessionRotationOngoing = "session-rotation-ongoing"
    case sessionRotationCompleted = "session-rotation-completed"
    /// Spoor's own: LTTng 2.13 has no such condition.
    case processCrashed = "process-crashed"

    /// The options that belong to this condition when they follow it.
    var options: [String] {
        switch self {
        case .eventRuleMatches:
            ["--type", "--name", "--exclude-name", "--log-level", "--filter", "--location", "--event-name", "--capture"]
        case .sessionConsumedSize: ["--session", "--threshold-size"]
        case .bufferUsageHigh, .bufferUsageLow: ["--session", "--channel", "--threshold-size", "--threshold-ratio"]
        case .sessionRotationOngoing, .sessionRotationCompleted: ["--session"]
        // `--session` is accepted and unused, as it always was.
        case .processCrashed: ["--session", "--process-name", "--uid"]
        }
    }
}

/// The options of one `--condition` specifier.
struct ConditionBuilder {
    let kind: ConditionType
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
        guard let kind = ConditionType(rawValue: type) else { return nil }
        self.kind = kind
    }

    typealias Failure = TriggerCommandLine.Failure

    /// Takes `option` if this condition has it; `false` if it does not.
    mutating func option(_ option: String, _ value: String) throws(Failure) -> Bool {
        guard kind.options.contains(option) else { return false }
        let setOnce = TriggerCommandLine.setOnce
        switch option {
        case "--type":
            if type != nil { throw Failure("More than one `--type` was specified.") }
            type = value
        case "--name": try setOnce(&pattern, value, "'--name/-n'")
        case "--exclude-name": exclusions.append(value)
        case "--log-level": try setOnce(&logLevel, value, "'--log-level/-l'")
        case "--filter": try setOnce(&filter, value, "'--filter/-f'")
        case "--location": try setOnce(&location, value, "'--location/-L'")
        case "--event-name": try setOnce(&eventName, value, "'--event-name/-E'")
        case "--capture": captures.append(value)
        case "--session": try setOnce(&session, value, "'--session'")
        case "--channel": try setOnce(&channel, value, "'--channel'")
        case "--threshold-size": try setOnce(&thresholdSize, value, "'--threshold-size'")
        case "--threshold-ratio": try setOnce(&thresholdRatio, value, "'--threshold-ratio'")
        case "--process-name": try setOnce(&processName, value, "'--process-name'")
        case "--uid": try setOnce(&processUID, value, "'--uid'")
        default: return false
        }
        return true
    }

    func build() throws(Failure) -> (TriggerCondition, warnings: [String]) {
        switch kind {
        case .eventRuleMatches: return try buildEventRuleMatches()
        case .sessionConsumedSize:
            let session = try requiredSession(kind.rawValue)
            guard let thresholdSize else {
                throw Failure("Missing --threshold-size for a session-consumed-size condition.")
            }
            return (.sessionConsumedSize(session: session, thresholdBytes: try size(thresholdSize)), [])
        case .bufferUsageHigh, .bufferUsageLow:
            let isHigh = kind == .bufferUsageHigh
            let typeName = kind.rawValue
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
        case .sessionRotationOngoing: return (.sessionRotationOngoing(session: try requiredSession(kind.rawValue)), [])
        case .sessionRotationCompleted:
            return (.sessionRotationCompleted(session: try requiredSession(kind.rawValue)), [])
        case .processCrashed:
            if processName?.isEmpty == true { throw Failure("The process name pattern of --process-name is empty.") }
            let uid = try processUID.map { (text) throws(Failure) in try TriggerCommandLine.userID(text) }
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
