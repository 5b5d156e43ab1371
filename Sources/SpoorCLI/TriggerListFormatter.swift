import SpoorModel

/// Prints triggers in the layout of `lttng list-triggers` 2.13 (lttng-tools
/// `list_triggers.cpp`): a YAML-like list ordered by name, with the error counters of the
/// condition, of each action and of the trigger.
enum TriggerListFormatter {
    static func lines(_ listings: [TriggerListing]) -> [String] {
        listings.flatMap(lines(for:))
    }

    static func lines(for listing: TriggerListing) -> [String] {
        let trigger = listing.trigger
        var lines = ["- name: \(trigger.name)", "  owner uid: \(trigger.ownerUID)"]
        lines.append("  condition: \(trigger.condition.typeName)")
        lines += conditionLines(trigger.condition, errors: listing.errors)
        lines.append("  actions:")
        for (index, action) in trigger.actions.enumerated() {
            lines.append("    " + description(of: action))
            let failures =
                index < listing.errors.actionExecutionFailures.count
                ? listing.errors.actionExecutionFailures[index] : 0
            lines += errorLines(indent: 6, [("total execution failures", failures)])
        }
        // Spoor counts no trigger-wide errors, as LTTng 2.13 reports none.
        lines += errorLines(indent: 2, [])
        return lines
    }

    private static func conditionLines(_ condition: TriggerCondition, errors: TriggerErrorCounts) -> [String] {
        switch condition {
        case .eventRuleMatches(let rule, let captures):
            var lines = ["    rule: \(ruleText(rule))"]
            if !captures.isEmpty {
                lines.append("    captures:")
                lines += captures.map { "      - \($0)" }
            }
            lines += errorLines(indent: 4, [("discarded tracer messages", errors.discardedTracerMessages)])
            return lines
        case .sessionConsumedSize(let session, let threshold):
            return ["    session name: \(session)", "    threshold: \(threshold) bytes"]
        case .bufferUsageHigh(let session, let channel, let threshold),
            .bufferUsageLow(let session, let channel, let threshold):
            let thresholdLine: String
            switch threshold {
            case .bytes(let bytes): thresholdLine = "    threshold (bytes): \(bytes)"
            case .ratio(let ratio): thresholdLine = "    threshold (ratio): \(twoDecimals(ratio))"
            }
            return ["    session name: \(session)", "    channel name: \(channel)", "    domain: ust", thresholdLine]
        case .sessionRotationOngoing(let session), .sessionRotationCompleted(let session):
            return ["    session name: \(session)"]
        case .processCrashed(let pattern, let uid):
            return (pattern.map { ["    process name: \($0)"] } ?? []) + (uid.map { ["    uid: \($0)"] } ?? [])
        }
    }

    /// `a* (type: user tracepoint, filter: x > 3, log level at least WARNING, exclusions: ab,ac*)`.
    static func ruleText(_ rule: EventRule) -> String {
        var text = "\(rule.pattern) (type: user tracepoint"
        if let filter = rule.filter { text += ", filter: \(filter)" }
        switch rule.logLevel {
        case .any: break
        case .atLeastAsSevereAs(let level): text += ", log level at least \(level.lttngName.dropFirst(6))"
        case .exactly(let level): text += ", log level is \(level.lttngName.dropFirst(6))"
        }
        if !rule.exclusions.isEmpty { text += ", exclusions: " + rule.exclusions.joined(separator: ",") }
        return text + ")"
    }

    /// `start session `s1`, rate policy: once after 40 occurrences`.
    static func description(of action: TriggerAction) -> String {
        var text: String
        switch action.kind {
        case .notify: text = "notify"
        case .startSession(let session): text = "start session `\(session)`"
        case .stopSession(let session): text = "stop session `\(session)`"
        case .rotateSession(let session): text = "rotate session `\(session)`"
        case .snapshotSession(let session, let output):
            text = "snapshot session `\(session)`"
            if let output {
                switch output.destination {
                case .path(let path): text += ", path: \(path)"
                case .url(let url) where url.hasPrefix("file://"): text += ", path: \(url.dropFirst(7))"
                case .url(let url): text += ", url: \(url)"
                case .controlAndData(let control, let data): text += ", control url: \(control), data url: \(data)"
                }
                if let name = output.name { text += ", name: \(name)" }
                if let size = output.maximumSize { text += ", max size: \(size)" }
            }
        }
        switch action.ratePolicy {
        case .every(let count) where count > 1: text += ", rate policy: every \(count) occurrences"
        case .every: break
        case .onceAfter(let count): text += ", rate policy: once after \(count) occurrences"
        }
        return text
    }

    /// `errors: none`, or `errors:` and one line per counter above zero.
    private static func errorLines(indent: Int, _ counters: [(String, UInt64)]) -> [String] {
        let margin = String(repeating: " ", count: indent)
        let nonZero = counters.filter { $0.1 > 0 }
        guard !nonZero.isEmpty else { return [margin + "errors: none"] }
        return [margin + "errors:"] + nonZero.map { "\(margin)  \($0.0): \($0.1)" }
    }

    /// `%.2f`, without Foundation.
    static func twoDecimals(_ value: Double) -> String {
        let hundredths = (value * 100).rounded()
        let whole = Int(hundredths) / 100
        let fraction = Int(hundredths) % 100
        return "\(whole)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }
}
