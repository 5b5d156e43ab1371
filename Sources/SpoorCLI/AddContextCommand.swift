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
        return context.renderer.render(run(in: context))
    }

    /// Checks the types, then adds each context, going on after a failure; prints nothing.
    func run(in context: CommandContext) -> CommandResult<AddContextReport> {
        if let problem = context.userspaceDomainProblem(domains.selected, includesAgentDomains: false) {
            return .failure(problem)
        }
        if let extra = unexpectedArguments.first { return .failure(.refused("Unknown argument: \(extra)")) }
        guard !types.isEmpty else { return .failure(.refused("Missing mandatory -t TYPE")) }
        for type in types
        where ContextType(rawValue: type) == nil && !ApplicationContext.isValid(type) && PerfCounter(contextName: type) == nil
        {
            if type.hasPrefix("$app.") {
                return .failure(.refused("Invalid application context \(type): expected $app.PROVIDER:TYPE"))
            }
            return .failure(.refused("Unknown context type \(type)"))
        }
        return context.resolveSession(sessionName).map { session in
            var report = AddContextReport(channelName: channelName)
            for type in types {
                do throws(SpoorError) {
                    try context.daemon.addContext(session: session, channel: channelName, contexts: [type])
                    report.contexts.append((type, nil))
                } catch {
                    report.contexts.append((type, error))
                }
            }
            return report
        }
    }
}

/// `add-context`: one entry per type, in order, with the daemon's error when it failed.
struct AddContextReport {
    /// `--channel`, nil for every channel.
    var channelName: String?
    var contexts: [(type: String, error: SpoorError?)] = []
}

extension HumanRenderer {
    func render(_ result: CommandResult<AddContextReport>) -> CommandStatus {
        let report: AddContextReport
        switch result {
        case .failure(let error): return fail(error)
        case .success(let value): report = value
        }
        var hasError = false
        for (type, error) in report.contexts {
            if let error {
                console.error("\(type): \(ErrorText.describe(error))")
                hasError = true
            } else {
                let target = report.channelName.map { "channel \($0)" } ?? "all channels"
                console.message("ust context \(type) added to \(target)")
            }
        }
        return hasError ? .commandError : .success
    }
}
