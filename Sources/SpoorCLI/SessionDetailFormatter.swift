import SpoorModel

/// The text of `lttng list SESSION` and `lttng status`: the session, its user space domain,
/// its channels with their attributes and statistics, and their recording event rules
/// (lttng-tools 2.13 `list.c`: `list_sessions()`, `list_trackers()`, `print_channel()`,
/// `list_events()`).
enum SessionDetailFormatter {
    /// The full detail view, as `lttng list SESSION` prints it.
    static func render(_ detail: SessionDetail, rotationSchedules: RotationSchedules = .init()) -> String {
        render(detail, channelName: nil, isDomainHeaderShown: true, rotationSchedules: rotationSchedules)
    }

    /// The detail view, restricted to the channel named `channelName` when given
    /// (`--channel`), and without the domain and buffering lines when the domain was named on
    /// the command line (`--userspace`), as lttng does.
    ///
    /// When `channelName` names no channel, the view stops after the `Channels:` heading; the
    /// caller reports the missing channel.
    static func render(
        _ detail: SessionDetail, channelName: String?, isDomainHeaderShown: Bool,
        rotationSchedules: RotationSchedules = .init()
    ) -> String {
        var text = header(detail.summary) + RotationScheduleText.list(rotationSchedules)
        guard !detail.channels.isEmpty else { return text }
        if isDomainHeaderShown {
            text += "=== Domain: User space ===\n\n"
            text += "Buffering scheme: \(bufferingSchemeName(detail.channels[0].attributes.buffering))\n\n"
        }
        text += trackers(detail.trackers)
        text += "Channels:\n-------------\n"
        for channel in detail.channels where channelName == nil || channel.attributes.name == channelName {
            text += render(channel)
        }
        return text
    }

    /// `Recording session NAME: [STATE]` and the trace output path.
    static func header(_ summary: SessionSummary) -> String {
        var text = "Recording session \(summary.name): [\(SessionListFormatter.stateName(summary))]\n"
        if !summary.outputPath.isEmpty {
            text += "    Trace output: \(summary.outputPath)\n\n"
        }
        return text
    }

    /// The `Domains:` section of `lttng list --domain SESSION`.
    static func domains(_ detail: SessionDetail) -> String {
        "Domains:\n-------------\n" + (detail.channels.isEmpty ? "  None\n" : "  - UST global\n")
    }

    /// One channel: attributes, statistics and recording event rules.
    static func render(_ channel: ChannelInfo) -> String {
        let attributes = channel.attributes
        let isOverwrite = attributes.lossMode == .overwrite
        var text = "- \(attributes.name): [\(channel.isEnabled ? "enabled" : "disabled")]\n\n"
        text += "    Attributes:\n"
        text += "      Event-loss mode:  \(isOverwrite ? "overwrite" : "discard")\n"
        text += "      Sub-buffer size:  \(attributes.subbufferSize) bytes\n"
        text += "      Sub-buffer count: \(attributes.subbufferCount)\n"
        text += timer("Switch timer", padding: 5, attributes.switchTimerPeriod)
        text += timer("Read timer", padding: 7, attributes.readTimerPeriod)
        text += timer("Monitor timer", padding: 4, attributes.monitorTimerPeriod)
        if !isOverwrite {
            if let timeout = attributes.blockingTimeout {
                text += "      Blocking timeout: \(timeout) us\n"
            } else {
                text += "      Blocking timeout: infinite\n"
            }
        }
        text += "      Trace file count: \(attributes.tracefileCount == 0 ? 1 : attributes.tracefileCount) per stream\n"
        if attributes.tracefileSize == 0 {
            text += "      Trace file size:  unlimited\n"
        } else {
            text += "      Trace file size:  \(attributes.tracefileSize) bytes\n"
        }
        text += "      Output mode:      mmap\n"
        text += "\n    Statistics:\n"
        if isOverwrite {
            text += "      Lost packets:     \(channel.lostPacketCount)\n"
        } else {
            text += "      Discarded events: \(channel.discardedEventCount)\n"
        }
        text += "\n    Recording event rules:\n"
        if channel.rules.isEmpty {
            text += "      None\n\n"
        } else {
            for rule in channel.rules {
                text += "      \(ruleLine(rule))\n"
            }
            text += "\n"
        }
        return text
    }

    /// `per-user` or `per-process`.
    static func bufferingSchemeName(_ scheme: BufferingScheme) -> String {
        switch scheme {
        case .perUID: "per-user"
        case .perPID: "per-process"
        }
    }

    /// The process attribute trackers' inclusion sets, as `list_trackers()` prints them: `all`,
    /// `none`, or the values in increasing order.
    static func trackers(_ trackers: ProcessAttributeTrackers) -> String {
        func values(_ policy: TrackerPolicy) -> String {
            switch policy {
            case .all: "all"
            case .only(let set) where set.isEmpty: "none"
            case .only(let set): set.sorted().map(String.init).joined(separator: ", ")
            }
        }
        return """
            Tracked process attributes
              Virtual process IDs:  \(values(trackers.virtualProcessIDs))
              Virtual user IDs:     \(values(trackers.virtualUserIDs))
              Virtual group IDs:    \(values(trackers.virtualGroupIDs))


            """
    }

    /// One recording event rule, as `list_events()` prints it: the name, the log-level
    /// condition (`<=` for a range, `==` for a single level), the type, the state, then the
    /// exclusions and the filter.
    static func ruleLine(_ rule: EventRule) -> String {
        var line = rule.pattern
        switch rule.logLevel {
        case .any: break
        case .atLeastAsSevereAs(let level): line += " (loglevel <= \(level.lttngName) (\(level.rawValue)))"
        case .exactly(let level): line += " (loglevel == \(level.lttngName) (\(level.rawValue)))"
        }
        line += " (type: tracepoint) [\(rule.isEnabled ? "enabled" : "disabled")]"
        if !rule.exclusions.isEmpty { line += " [exclusions: " + rule.exclusions.joined(separator: ",") + "]" }
        if let filter = rule.filter { line += " [filter: '\(filter)']" }
        return line
    }

    private static func timer(_ name: String, padding: Int, _ period: UInt64) -> String {
        "      \(name):" + String(repeating: " ", count: padding) + (period == 0 ? "inactive" : "\(period) us") + "\n"
    }
}
