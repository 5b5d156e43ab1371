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
        let console = context.console
        if let status = context.requireUserspaceDomain(domains.selected, includesAgentDomains: true) { return status }
        if isSyscall { return context.unsupported("--syscall") }
        if isProbe { return context.unsupported("--probe") }
        if isFunction { return context.unsupported("--function") }
        let disablesAll = isAllEvents || isAll
        // lttng's message ends with a line break of its own, hence the blank line.
        guard disablesAll || eventList != nil else { return context.fail("Missing event name(s).\n") }
        if let extra = unexpectedArguments.first { return context.fail("Unknown argument: \(extra)") }
        guard let session = context.sessionName(sessionName) else { return .commandError }

        if disablesAll {
            do {
                let changed = try context.daemon.disableEvents(
                    session: session, channel: channelName, patterns: [], all: true)
                let channel = EventRuleMessages.channel(changed, requested: channelName)
                console.message("All ust events of type \(eventTypeName) are disabled in channel \(channel)")
                return .success
            } catch {
                return context.fail(ErrorText.describe(error))
            }
        }
        var hasError = false
        for name in (eventList ?? "").split(separator: ",").map(String.init) {
            do {
                let changed = try context.daemon.disableEvents(
                    session: session, channel: channelName, patterns: [name], all: false)
                let channel = EventRuleMessages.channel(changed, requested: channelName)
                console.message(
                    "ust \(name) of type \(eventTypeName) disabled in channel \(channel) for session \(session)")
            } catch {
                let location = EventRuleMessages.location(error, channelName: channelName, session: session)
                console.error("\(name) of type \(eventTypeName) : \(ErrorText.describe(error)) (\(location))")
                hasError = true
            }
        }
        return hasError ? .commandError : .success
    }
}
