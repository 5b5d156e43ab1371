import ArgumentParser
import SpoorModel

/// `lttng disable-event --userspace`: disables recording event rules
/// (`lttng-disable-event(1)`, lttng-tools `disable_events.c`).
struct DisableEventCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "disable-event",
        abstract: "Disable recording event rules.",
        discussion: """
            Disables the recording event rules whose names a comma-separated list gives, in the \
            channel --channel names or in channel0; --all-events disables every rule of the channel.
            """)

    static let optionNames = [
        "--help", "-h", "--session", "-s", "--all-events", "-a", "--channel", "-c", "--jul", "-j", "--log4j", "-l",
        "--python", "-p", "--kernel", "-k", "--userspace", "-u", "--syscall", "--probe", "--tracepoint",
        "--function", "--all", "--list-options",
    ]

    @Argument(help: ArgumentHelp("The names of the rules to disable.", valueName: "name[,name]..."))
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
        help: ArgumentHelp("Act on CHANNEL instead of the default channel.", valueName: "channel"))
    var channelName: String?

    @Flag(name: [.customShort("a"), .customLong("all-events")], help: "Disable every rule of the channel.")
    var isAllEvents = false

    @Flag(name: .customLong("all"), help: .hidden)
    var isAll = false

    @Flag(name: .customLong("tracepoint"), help: "Only rules that match tracepoints.")
    var isTracepoint = false

    @Flag(name: .customLong("syscall"), help: "Only rules that match system calls (not supported yet).")
    var isSyscall = false

    @Flag(name: .customLong("probe"), help: "Only rules that match kernel probes (not supported yet).")
    var isProbe = false

    @Flag(name: .customLong("function"), help: "Only rules that match kernel functions (not supported yet).")
    var isFunction = false

    @OptionGroup var program: ProgramInformation

    /// The event rule type lttng names in its messages (`print_event_type()`).
    var eventTypeName: String { isTracepoint ? "tracepoint" : "any" }

    func execute(in context: CommandContext) -> CommandStatus {
        context.renderer.render(run(in: context))
    }

    /// Disables the rules, going on after a failure; prints nothing.
    func run(in context: CommandContext) -> CommandResult<DisableEventReport> {
        if let problem = context.userspaceDomainProblem(domains.selected, includesAgentDomains: true) {
            return .failure(problem)
        }
        if isSyscall { return .failure(.unsupported(option: "--syscall")) }
        if isProbe { return .failure(.unsupported(option: "--probe")) }
        if isFunction { return .failure(.unsupported(option: "--function")) }
        let disablesAll = isAllEvents || isAll
        // lttng's message ends with a line break of its own, hence the blank line.
        guard disablesAll || eventList != nil else { return .failure(.refused("Missing event name(s).\n")) }
        if let extra = unexpectedArguments.first { return .failure(.refused("Unknown argument: \(extra)")) }
        return context.resolveSession(sessionName).flatMap { session in
            var report = DisableEventReport(session: session, channelName: channelName, eventTypeName: eventTypeName)
            if disablesAll {
                do throws(SpoorError) {
                    let changed = try context.daemon.disableEvents(
                        session: session, channel: channelName, patterns: [], all: true)
                    report.allDisabledChannel = EventRuleMessages.channel(changed, requested: channelName)
                    return .success(report)
                } catch {
                    return .failure(.daemon(error))
                }
            }
            for name in (eventList ?? "").split(separator: ",").map(String.init) {
                do throws(SpoorError) {
                    let changed = try context.daemon.disableEvents(
                        session: session, channel: channelName, patterns: [name], all: false)
                    report.events.append((name, .success(EventRuleMessages.channel(changed, requested: channelName))))
                } catch {
                    report.events.append((name, .failure(error)))
                }
            }
            return .success(report)
        }
    }
}
