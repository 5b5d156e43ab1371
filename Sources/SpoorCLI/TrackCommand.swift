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
        if let status = context.requireUserspaceDomain(domains.selected, includesAgentDomains: false) { return status }
        let requested = options.requested
        guard !requested.isEmpty else {
            return context.fail("At least one process attribute must be specified (--vpid, --vuid or --vgid)")
        }
        // Every value is checked before the first request, so that a bad command changes nothing.
        var changes: [(ProcessAttribute, [Int64]?)] = []
        for (attribute, texts) in requested {
            if options.isAll {
                guard texts.isEmpty else { return context.fail("Cannot use --all with explicit values") }
                changes.append((attribute, nil))
                continue
            }
            guard !texts.isEmpty else { return context.fail("Missing values for \(attribute.trackerName) tracking") }
            var values: [Int64] = []
            for text in texts {
                guard let value = Int64(text), value >= 0 else {
                    return context.fail("Invalid \(attribute.trackerName) `\(text)`: a non-negative integer is expected")
                }
                values.append(value)
            }
            changes.append((attribute, values))
        }
        guard let session = context.sessionName(sessionName) else { return .commandError }
        var hasError = false
        for (attribute, values) in changes {
            guard let values else {
                do {
                    if including {
                        try context.daemon.track(session: session, attribute: attribute, values: nil)
                    } else {
                        try context.daemon.untrack(session: session, attribute: attribute, values: nil)
                    }
                    let name = attribute.trackerName.prefix(1).uppercased() + attribute.trackerName.dropFirst()
                    context.console.message(
                        "\(name) tracking policy set to `\(including ? "include all" : "exclude all")`")
                } catch {
                    context.console.error(ErrorText.describe(error))
                    hasError = true
                }
                continue
            }
            for value in values {
                do {
                    if including {
                        try context.daemon.track(session: session, attribute: attribute, values: [value])
                    } else {
                        try context.daemon.untrack(session: session, attribute: attribute, values: [value])
                    }
                    context.console.message(
                        including
                            ? "Added \(value) to the \(attribute.trackerName) tracker inclusion set"
                            : "Removed \(value) from the \(attribute.trackerName) tracker inclusion set")
                } catch {
                    context.console.error(ErrorText.describe(error))
                    hasError = true
                }
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
