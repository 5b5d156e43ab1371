import ArgumentParser
import SpoorModel

/// `lttng add-context -u`: adds context fields to the event records of a channel or of every
/// channel of a session (`lttng-add-context(1)`, lttng-tools `add_context.c`).
struct AddContextCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "add-context",
        abstract: "Add context fields to be recorded.",
        discussion: "Adds context fields to the event records of a channel, or of every channel of the session.")

    static let optionNames = [
        "--help", "-h", "--list", "--session", "-s", "--channel", "-c", "--kernel", "-k", "--userspace", "-u",
        "--type", "-t", "--list-options",
    ]

    @Flag(name: .customLong("list"), help: "List the available context field types.")
    var isListRequested = false

    @OptionGroup var domains: ChannelDomainOptions

    @Option(
        name: [.customShort("s"), .customLong("session")], parsing: .unconditional,
        help: ArgumentHelp("Act on SESSION instead of the current session.", valueName: "session"))
    var sessionName: String?

    @Option(
        name: [.customShort("c"), .customLong("channel")], parsing: .unconditional,
        help: ArgumentHelp("Add the fields to CHANNEL only (default: every channel).", valueName: "channel"))
    var channelName: String?

    @Option(
        name: [.customShort("t"), .customLong("type")], parsing: .unconditionalSingleValue,
        help: ArgumentHelp("A context field type; repeat to add several.", valueName: "type"))
    var types: [String] = []

    @Argument(help: .hidden)
    var unexpectedArguments: [String] = []

    @OptionGroup var program: ProgramInformation

    func execute(in context: CommandContext) -> CommandStatus {
        if isListRequested {
            ContextType.allCases.forEach { context.console.message($0.name) }
            PerfCounter.names.forEach { context.console.message($0) }
            context.console.message("perf:thread:raw:rN:NAME")
            context.console.message("$app.PROVIDER:TYPE")
            return .success
        }
        if let status = context.requireUserspaceDomain(domains.selected, includesAgentDomains: false) { return status }
        if let extra = unexpectedArguments.first { return context.fail("Unknown argument: \(extra)") }
        guard !types.isEmpty else { return context.fail("Missing mandatory -t TYPE") }
        for type in types
        where ContextType(rawValue: type) == nil && !ApplicationContext.isValid(type) && PerfCounter(contextName: type) == nil
        {
            if type.hasPrefix("$app.") {
                return context.fail("Invalid application context \(type): expected $app.PROVIDER:TYPE")
            }
            return context.fail("Unknown context type \(type)")
        }
        guard let session = context.sessionName(sessionName) else { return .commandError }
        var hasError = false
        for type in types {
            do {
                try context.daemon.addContext(session: session, channel: channelName, contexts: [type])
                context.console.message(
                    "ust context \(type) added to \(channelName.map { "channel \($0)" } ?? "all channels")")
            } catch {
                context.console.error("\(type): \(ErrorText.describe(error))")
                hasError = true
            }
        }
        return hasError ? .commandError : .success
    }
}
