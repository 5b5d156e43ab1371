import SpoorModel

/// `enable-event`: the filter's problem if it does not compile, then one outcome per name
/// (or one for `--all`), in order.
struct EnableEventReport: Hashable {
    /// What happened to one name.
    enum Outcome: Hashable {
        /// `--all`: every event of the channel is enabled.
        case allEnabled(channel: String)
        /// `--all` failed.
        case allFailed(SpoorError)
        /// The rule was created; `excludingNothing` lists exclusions that exclude no event
        /// (lttng warns instead of confirming).
        case created(String, channel: String, excludingNothing: [String])
        /// `--exclude` with a name that is not a pattern.
        case exclusionsNeedPattern(String)
        /// An exclusion matches every name of the pattern.
        case excludesAll(String, exclusion: String)
        /// The daemon refused the rule.
        case failed(String, SpoorError)
    }

    var session: String
    /// `--channel`, nil for the default channel.
    var channelName: String?
    var filter: String?
    var exclusions: [String]
    /// Why the filter does not compile, printed before anything else.
    var filterProblem: String?
    var events: [Outcome] = []

    /// ` excluding "a", "b"`, as lttng prints a rule's exclusions.
    var exclusionText: String {
        exclusions.isEmpty ? "" : " excluding " + exclusions.map { "\"\($0)\"" }.joined(separator: ", ")
    }

    /// `channel C, session S[, filter 'F']`, the end of lttng's event rule errors.
    func location(_ error: SpoorError) -> String {
        EventRuleMessages.location(error, channelName: channelName, session: session, filter: filter)
    }
}

extension HumanRenderer {
    func render(_ result: CommandResult<EnableEventReport>) -> CommandStatus {
        let report: EnableEventReport
        switch result {
        case .failure(let error): return fail(error)
        case .success(let value): report = value
        }
        if let problem = report.filterProblem { console.error(problem) }
        var hasError = false
        for outcome in report.events {
            switch outcome {
            case .allEnabled(let channel):
                if let filter = report.filter {
                    console.message("Filter '\(filter)' successfully set")
                } else {
                    console.message("All ust events are enabled in channel \(channel)")
                }
            case .allFailed(let error):
                return fail(.refused("Events: \(ErrorText.describe(error)) (\(report.location(error)))"))
            case .created(let name, let channel, let excludingNothing):
                if let filter = report.filter {
                    console.message("Event \(name): Filter '\(filter)' successfully set")
                } else if !excludingNothing.isEmpty {
                    // As lttng: the warning replaces the confirmation.
                    for exclusion in excludingNothing {
                        console.warning("Event \(name): \(exclusion) does not exclude any events from \(name)")
                    }
                } else {
                    console.message("ust event \(name)\(report.exclusionText) created in channel \(channel)")
                }
            case .exclusionsNeedPattern(let name):
                console.error("Event \(name): Exclusions can only be used with a globbing pattern")
                hasError = true
            case .excludesAll(let name, let exclusion):
                console.error("Event \(name): \(exclusion) excludes all events from \(name)")
                hasError = true
            case .failed(let name, let error):
                console.error(
                    "Event \(name)\(report.exclusionText): \(ErrorText.describe(error)) (\(report.location(error)))")
                hasError = true
            }
        }
        return hasError ? .commandError : .success
    }
}

/// `disable-event`: the channel whose rules `--all-events` disabled, or one outcome per name
/// (the channel, or the daemon's error), in order.
struct DisableEventReport {
    var session: String
    var channelName: String?
    /// `tracepoint` or `any`, as lttng names the rule type.
    var eventTypeName: String
    var allDisabledChannel: String?
    var events: [(name: String, outcome: Result<String, SpoorError>)] = []
}

extension HumanRenderer {
    func render(_ result: CommandResult<DisableEventReport>) -> CommandStatus {
        let report: DisableEventReport
        switch result {
        case .failure(let error): return fail(error)
        case .success(let value): report = value
        }
        let type = report.eventTypeName
        if let channel = report.allDisabledChannel {
            console.message("All ust events of type \(type) are disabled in channel \(channel)")
            return .success
        }
        var hasError = false
        for (name, outcome) in report.events {
            switch outcome {
            case .success(let channel):
                console.message(
                    "ust \(name) of type \(type) disabled in channel \(channel) for session \(report.session)")
            case .failure(let error):
                let location = EventRuleMessages.location(
                    error, channelName: report.channelName, session: report.session)
                console.error("\(name) of type \(type) : \(ErrorText.describe(error)) (\(location))")
                hasError = true
            }
        }
        return hasError ? .commandError : .success
    }
}
