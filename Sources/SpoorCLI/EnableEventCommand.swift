import ArgumentParser
import SpoorFilter
import SpoorModel

/// `lttng enable-event --userspace`: creates or enables recording event rules that match
/// user space tracepoints (`lttng-enable-event(1)`, lttng-tools `enable_events.c`).
struct EnableEventCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "enable-event",
        abstract: "Create or enable recording event rules.",
        discussion: """
            Creates a recording event rule for each name of a comma-separated list, in the channel \
            --channel names, or in channel0, which is created when the session has no channel. \
            A name may hold * wildcards; --all is the name *.
            """)

    static let optionNames = [
        "--help", "-h", "--session", "-s", "--all", "-a", "--channel", "-c", "--kernel", "-k", "--userspace", "-u",
        "--jul", "-j", "--log4j", "-l", "--python", "-p", "--tracepoint", "--probe", "--userspace-probe",
        "--function", "--syscall", "--loglevel", "--loglevel-only", "--list-options", "--filter", "-f", "--exclude",
        "-x",
    ]

    @Argument(help: ArgumentHelp("The event names or patterns to match.", valueName: "name[,name]..."))
    var eventList: String?

    @Argument(help: .hidden)
    var unexpectedArguments: [String] = []

    @OptionGroup var domains: EventDomainOptions

    @Option(
        name: [.customShort("s"), .customLong("session")], parsing: .unconditional,
        help: ArgumentHelp("Act on SESSION instead of the current session.", valueName: "session"))
    var sessionName: String?

    @Option(
        name: [.customShort("c"), .customLong("channel")], parsing: .unconditional,
        help: ArgumentHelp("Add the rules to CHANNEL instead of the default channel.", valueName: "channel"))
    var channelName: String?

    @Flag(name: [.customShort("a"), .customLong("all")], help: "Match every tracepoint (the name *).")
    var isAll = false

    @Flag(name: .customLong("tracepoint"), help: "Match tracepoints (default).")
    var isTracepoint = false

    @Option(
        name: .customLong("probe"), parsing: .unconditional,
        help: ArgumentHelp("Kernel probe (not supported yet).", valueName: "loc"))
    var probe: String?

    @Option(
        name: .customLong("userspace-probe"), parsing: .unconditional,
        help: ArgumentHelp("User space probe (not supported yet).", valueName: "loc"))
    var userspaceProbe: String?

    @Option(
        name: .customLong("function"), parsing: .unconditional,
        help: ArgumentHelp("Kernel function probe (not supported yet).", valueName: "loc"))
    var function: String?

    @Flag(name: .customLong("syscall"), help: "Match system calls (not supported yet).")
    var isSyscall = false

    @Option(
        name: .customLong("loglevel"), parsing: .unconditional,
        help: ArgumentHelp("Match levels at least as severe as LOGLEVEL.", valueName: "loglevel"))
    var logLevelRange: String?

    @Option(
        name: .customLong("loglevel-only"), parsing: .unconditional,
        help: ArgumentHelp("Match the level LOGLEVEL only.", valueName: "loglevel"))
    var logLevelOnly: String?

    @Option(
        name: [.customShort("f"), .customLong("filter")], parsing: .unconditional,
        help: ArgumentHelp(
            "Only record events for which this filter expression is true (lttng-event-rule(7)).", valueName: "expr"))
    var filter: String?

    @Option(
        name: [.customShort("x"), .customLong("exclude")], parsing: .unconditional,
        help: ArgumentHelp("Event names or patterns to exclude.", valueName: "xname[,xname]..."))
    var exclusions: String?

    @OptionGroup var program: ProgramInformation

    /// The first option Spoor cannot honour yet.
    var unsupportedOption: String? {
        if probe != nil { return "--probe" }
        if userspaceProbe != nil { return "--userspace-probe" }
        if function != nil { return "--function" }
        if isSyscall { return "--syscall" }
        return nil
    }

    /// The log-level condition the options ask for.
    var logLevelCondition: LogLevelCondition {
        if let text = logLevelOnly, let level = LogLevel(lttngName: text) { return .exactly(level) }
        if let text = logLevelRange, let level = LogLevel(lttngName: text) { return .atLeastAsSevereAs(level) }
        return .any
    }

    /// The `--exclude` names, split at commas.
    var exclusionList: [String] {
        (exclusions ?? "").split(separator: ",", omittingEmptySubsequences: true).map(String.init)
    }

    /// The rule `enable-event` creates for `pattern`.
    func rule(for pattern: String) -> EventRule {
        EventRule(pattern: pattern, logLevel: logLevelCondition, exclusions: exclusionList, filter: filter)
    }

    func execute(in context: CommandContext) -> CommandStatus {
        context.renderer.render(run(in: context))
    }

    /// Checks the options and the filter, then creates one rule per name, going on after a
    /// failure; prints nothing.
    func run(in context: CommandContext) -> CommandResult<EnableEventReport> {
        for level in [logLevelRange, logLevelOnly].compactMap({ $0 }) where LogLevel(lttngName: level) == nil {
            return .failure(.refused("Unknown loglevel \(level)"))
        }
        if let problem = context.userspaceDomainProblem(domains.selected, includesAgentDomains: true) {
            return .failure(problem)
        }
        if let option = unsupportedOption { return .failure(.unsupported(option: option)) }
        guard isAll || eventList != nil else { return .failure(.refused("Missing event name(s).")) }
        if let extra = unexpectedArguments.first { return .failure(.refused("Unknown argument: \(extra)")) }
        let session: String
        switch context.resolveSession(sessionName) {
        case .success(let name): session = name
        case .failure(let error): return .failure(error)
        }
        if logLevelRange != nil && logLevelOnly != nil {
            return .failure(.refused("Options --loglevel and --loglevel-only are mutually exclusive"))
        }
        var report = EnableEventReport(
            session: session, channelName: channelName, filter: filter, exclusions: exclusionList)
        // lttng compiles the filter before asking the daemon; Spoor also says what is wrong, and where.
        var filterError: SpoorError?
        if let filter {
            do {
                _ = try FilterProgram(compiling: filter)
            } catch {
                report.filterProblem = error.description
                filterError = SpoorError(.invalidFilter)
            }
        }
        if isAll {
            do throws(SpoorError) {
                if let filterError { throw filterError }
                let changed = try context.daemon.enableEvents(
                    session: session, channel: channelName, rules: [rule(for: "*")])
                report.events = [.allEnabled(channel: EventRuleMessages.channel(changed, requested: channelName))]
            } catch {
                report.events = [.allFailed(error)]
            }
            return .success(report)
        }
        for name in (eventList ?? "").split(separator: ",").map(String.init) {
            report.events.append(enable(name, filterError: filterError, session: session, in: context))
        }
        return .success(report)
    }

    private func enable(_ name: String, filterError: SpoorError?, session: String, in context: CommandContext)
        -> EnableEventReport.Outcome
    {
        if !exclusionList.isEmpty && !NamePattern.hasWildcard(name) { return .exclusionsNeedPattern(name) }
        var excludesNothing: [String] = []
        switch ExclusionCheck.problems(pattern: name, exclusions: exclusionList) {
        case .excludesAll(let exclusion)?: return .excludesAll(name, exclusion: exclusion)
        case .excludesNothing(let exclusions)?: excludesNothing = exclusions
        case nil: break
        }
        do throws(SpoorError) {
            if let filterError { throw filterError }
            let changed = try context.daemon.enableEvents(
                session: session, channel: channelName, rules: [rule(for: name)])
            let channel = EventRuleMessages.channel(changed, requested: channelName)
            return .created(name, channel: channel, excludingNothing: excludesNothing)
        } catch {
            return .failed(name, error)
        }
    }
}

/// lttng's client-side check of `--exclude` against a pattern whose only `*` ends it
/// (`enable_events.c`): an exclusion that matches every name the pattern matches is an error,
/// one that matches none of them a warning. Patterns or exclusions with a `*` elsewhere are
/// left to the daemon, unchecked, as lttng leaves them.
enum ExclusionCheck: Equatable {
    case excludesAll(String)
    case excludesNothing([String])

    static func problems(pattern: String, exclusions: [String]) -> ExclusionCheck? {
        guard hasStarAtEndOnly(pattern) else { return nil }
        var excludesNothing: [String] = []
        for exclusion in exclusions where !NamePattern.hasWildcard(exclusion) || hasStarAtEndOnly(exclusion) {
            var name = Array(pattern.utf8)[...]
            var excluded = Array(exclusion.utf8)[...]
            while true {
                let star = UInt8(ascii: "*")
                if name.first == UInt8(ascii: "\\") {
                    // An escaped character must be escaped the same way in the exclusion.
                    guard excluded.prefix(2) == name.prefix(2), name.count >= 2 else {
                        excludesNothing.append(exclusion)
                        break
                    }
                    name = name.dropFirst(2)
                    excluded = excluded.dropFirst(2)
                    continue
                }
                if excluded.first == star { return .excludesAll(exclusion) }
                if name.first == star { break }
                guard let character = name.first, excluded.first == character else {
                    excludesNothing.append(exclusion)
                    break
                }
                name = name.dropFirst()
                excluded = excluded.dropFirst()
            }
        }
        return excludesNothing.isEmpty ? nil : .excludesNothing(excludesNothing)
    }

    /// Whether the only unescaped `*` of `pattern` is its last character.
    static func hasStarAtEndOnly(_ pattern: String) -> Bool {
        let bytes = Array(pattern.utf8)
        guard bytes.last == UInt8(ascii: "*") else { return false }
        return !NamePattern.hasWildcard(String(decoding: bytes.dropLast(), as: UTF8.self))
            && !(bytes.count >= 2 && bytes[bytes.count - 2] == UInt8(ascii: "\\") && !isEscapedBackslash(bytes, bytes.count - 2))
    }

    /// Whether the backslash at `index` is itself escaped by the one before it.
    private static func isEscapedBackslash(_ bytes: [UInt8], _ index: Int) -> Bool {
        var count = 0
        var position = index - 1
        while position >= 0 && bytes[position] == UInt8(ascii: "\\") {
            count += 1
            position -= 1
        }
        return count % 2 == 1
    }
}
