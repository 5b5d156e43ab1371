import SpoorModel

/// `enable-channel`: the option warnings, then one outcome per channel, in order.
struct EnableChannelReport: Hashable {
    /// What happened to one channel.
    enum Outcome: Hashable {
        case enabled(String)
        /// The channel exists already: a warning, as in lttng.
        case alreadyExists(String, SpoorError)
        /// Refused before the daemon was asked, in lttng's words.
        case refused(String)
        /// The daemon refused.
        case failed(String, SpoorError)
    }

    var session: String
    /// Warnings about option values, printed first.
    var warnings: [String] = []
    var channels: [Outcome] = []
}

/// `disable-channel`: one entry per channel, in order, with the daemon's error when it failed.
struct DisableChannelReport {
    var session: String
    var channels: [(name: String, error: SpoorError?)] = []
}

extension HumanRenderer {
    func render(_ result: CommandResult<EnableChannelReport>) -> CommandStatus {
        let report: EnableChannelReport
        switch result {
        case .failure(let error): return fail(error)
        case .success(let value): report = value
        }
        report.warnings.forEach(console.warning)
        var hasWarning = false
        var hasError = false
        for outcome in report.channels {
            switch outcome {
            case .enabled(let name): console.message("ust channel \(name) enabled for session \(report.session)")
            case .alreadyExists(let name, let error):
                console.warning("Channel \(name): \(ErrorText.describe(error)) (session \(report.session))")
                hasWarning = true
            case .refused(let text):
                console.error(text)
                hasError = true
            case .failed(let name, let error):
                console.error("Channel \(name): \(ErrorText.describe(error)) (session \(report.session))")
                hasError = true
            }
        }
        return hasError ? .commandError : hasWarning ? .warning : .success
    }

    func render(_ result: CommandResult<DisableChannelReport>) -> CommandStatus {
        let report: DisableChannelReport
        switch result {
        case .failure(let error): return fail(error)
        case .success(let value): report = value
        }
        var hasWarning = false
        for (name, error) in report.channels {
            if let error {
                // lttng reports a channel it could not disable as an error, with the warning status.
                console.error("Channel \(name): \(ErrorText.describe(error)) (session \(report.session))")
                hasWarning = true
            } else {
                console.message("ust channel \(name) disabled for session \(report.session)")
            }
        }
        return hasWarning ? .warning : .success
    }
}
