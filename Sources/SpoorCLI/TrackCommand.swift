import ArgumentParser
import SpoorModel

/// The options `lttng track` and `lttng untrack` share: the process attributes and their values.
struct ProcessAttributeOptions: ParsableArguments {
    @Option(
        name: .customLong("vpid"), parsing: .upToNextOption,
        help: ArgumentHelp("Virtual process IDs (comma-separated); none with --all.", valueName: "vpid[,vpid]..."))
    var virtualProcessIDs: [String] = []

    @Option(
        name: .customLong("vuid"), parsing: .upToNextOption,
        help: ArgumentHelp("Virtual user IDs (comma-separated); none with --all.", valueName: "vuid[,vuid]..."))
    var virtualUserIDs: [String] = []

    @Option(
        name: .customLong("vgid"), parsing: .upToNextOption,
        help: ArgumentHelp("Virtual group IDs (comma-separated); none with --all.", valueName: "vgid[,vgid]..."))
    var virtualGroupIDs: [String] = []

    @Flag(name: [.customShort("a"), .customLong("all")], help: "Every value of the named attributes.")
    var isAll = false

    /// The attributes named on the command line, in lttng's order, with their values.
    var requested: [(ProcessAttribute, [String])] {
        [
            (.virtualProcessID, virtualProcessIDs), (.virtualUserID, virtualUserIDs),
            (.virtualGroupID, virtualGroupIDs),
        ].compactMap { attribute, texts in
            // `normalize` turns a bare `--vpid` into `--vpid=*`, so a named attribute is never empty.
            texts.isEmpty
                ? nil
                : (attribute, texts.filter { $0 != Self.bareMarker }.flatMap { $0.split(separator: ",") }.map(String.init))
        }
    }

    /// What a bare attribute option is given as value.
    static let bareMarker = "*"

    /// lttng's attribute options take an optional value (`--all --vpid`); argument-parser's
    /// need one, so a bare attribute option becomes `--vpid=*` before parsing.
    static func normalize(_ arguments: [String]) -> [String] {
        let names: Set<String> = ["--vpid", "--vuid", "--vgid"]
        return arguments.enumerated().map { index, argument in
            guard names.contains(argument) else { return argument }
            let isBare = index + 1 == arguments.count || arguments[index + 1].hasPrefix("-")
            return isBare ? argument + "=" + bareMarker : argument
        }
    }
}

/// What `track` and `untrack` do, in one place: they differ only in the direction of the change
/// and in their messages (lttng-tools `track-untrack.c`).
enum TrackerCommand {
    static func run(
        including: Bool, options: ProcessAttributeOptions, sessionName: String?, domains: ChannelDomainOptions,
        context: CommandContext
    ) -> CommandStatus {
        context.renderer.render(
            changes(including: including, options: options, sessionName: sessionName, domains: domains, in: context))
    }

    /// Checks every value, then asks for each change, going on after a failure; prints nothing.
    static func changes(
        including: Bool, options: ProcessAttributeOptions, sessionName: String?, domains: ChannelDomainOptions,
        in context: CommandContext
    ) -> CommandResult<TrackerReport> {
        if let problem = context.userspaceDomainProblem(domains.selected, includesAgentDomains: false) {
            return .failure(problem)
        }
        let requested = options.requested
        guard !requested.isEmpty else {
            return .failure(.refused("At least one process attribute must be specified (--vpid, --vuid or --vgid)"))
        }
        // Every value is checked before the first request, so that a bad command changes nothing.
        var changes: [(ProcessAttribute, [Int64]?)] = []
        for (attribute, texts) in requested {
            if options.isAll {
                guard texts.isEmpty else { return .failure(.refused("Cannot use --all with explicit values")) }
                changes.append((attribute, nil))
                continue
            }
            guard !texts.isEmpty else {
                return .failure(.refused("Missing values for \(attribute.trackerName) tracking"))
            }
            var values: [Int64] = []
            for text in texts {
                guard let value = Int64(text), value >= 0 else {
                    return .failure(
                        .refused("Invalid \(attribute.trackerName) `\(text)`: a non-negative integer is expected"))
                }
                values.append(value)
            }
            changes.append((attribute, values))
        }
        return context.resolveSession(sessionName).map { session in
            var report = TrackerReport(including: including)
            for (attribute, values) in changes {
                // nil: the whole policy (`--all`); otherwise one request per value, as lttng.
                for value in values.map({ $0.map(Optional.some) }) ?? [nil] {
                    do throws(SpoorError) {
                        let sent = value.map { [$0] }
                        if including {
                            try context.daemon.track(session: session, attribute: attribute, values: sent)
                        } else {
                            try context.daemon.untrack(session: session, attribute: attribute, values: sent)
                        }
                        report.changes.append(TrackerReport.Change(attribute: attribute, value: value))
                    } catch {
                        report.changes.append(TrackerReport.Change(attribute: attribute, value: value, error: error))
                    }
                }
            }
            return report
        }
    }
}

/// `track` and `untrack`: one entry per change asked, in order.
struct TrackerReport: Hashable {
    /// One change: a value added or removed, or the whole policy when `value` is nil (`--all`).
    struct Change: Hashable {
        var attribute: ProcessAttribute
        var value: Int64?
        var error: SpoorError?
    }

    /// `track` (true) or `untrack`.
    var including: Bool
    var changes: [Change] = []
}

extension HumanRenderer {
    func render(_ result: CommandResult<TrackerReport>) -> CommandStatus {
        let report: TrackerReport
        switch result {
        case .failure(let error): return fail(error)
        case .success(let value): report = value
        }
        var hasError = false
        for change in report.changes {
            let tracker = change.attribute.trackerName
            if let error = change.error {
                console.error(ErrorText.describe(error))
                hasError = true
            } else if let value = change.value {
                console.message(
                    report.including
                        ? "Added \(value) to the \(tracker) tracker inclusion set"
                        : "Removed \(value) from the \(tracker) tracker inclusion set")
            } else {
                let name = tracker.prefix(1).uppercased() + tracker.dropFirst()
                console.message("\(name) tracking policy set to `\(report.including ? "include all" : "exclude all")`")
            }
        }
        return hasError ? .commandError : .success
    }
}

/// `lttng track -u`: adds values to the inclusion sets of a session's process attribute
/// trackers (`lttng-track(1)`).
struct TrackCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "track",
        abstract: "Allow specific processes to record events.",
        discussion: "Adds values to the virtual process, user or group ID inclusion sets of a recording session.")

    static let optionNames = [
        "--help", "-h", "--session", "-s", "--kernel", "-k", "--userspace", "-u", "--vpid", "--vuid", "--vgid",
        "--all", "-a", "--list-options",
    ]

    @OptionGroup var domains: ChannelDomainOptions
    @OptionGroup var attributes: ProcessAttributeOptions

    @Option(
        name: [.customShort("s"), .customLong("session")], parsing: .unconditional,
        help: ArgumentHelp("Act on SESSION instead of the current session.", valueName: "session"))
    var sessionName: String?

    @OptionGroup var program: ProgramInformation

    func execute(in context: CommandContext) -> CommandStatus {
        TrackerCommand.run(
            including: true, options: attributes, sessionName: sessionName, domains: domains, context: context)
    }
}

/// `lttng untrack -u`: removes values from the inclusion sets (`lttng-untrack(1)`).
struct UntrackCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "untrack",
        abstract: "Disallow specific processes to record events.",
        discussion: "Removes values from the virtual process, user or group ID inclusion sets of a recording session.")

    static let optionNames = TrackCommand.optionNames

    @OptionGroup var domains: ChannelDomainOptions
    @OptionGroup var attributes: ProcessAttributeOptions

    @Option(
        name: [.customShort("s"), .customLong("session")], parsing: .unconditional,
        help: ArgumentHelp("Act on SESSION instead of the current session.", valueName: "session"))
    var sessionName: String?

    @OptionGroup var program: ProgramInformation

    func execute(in context: CommandContext) -> CommandStatus {
        TrackerCommand.run(
            including: false, options: attributes, sessionName: sessionName, domains: domains, context: context)
    }
}
