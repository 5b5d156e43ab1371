import ArgumentParser
import SpoorModel

/// `lttng list`: lists the recording sessions, one session in detail, or the tracepoints of
/// the instrumented applications (`lttng-list(1)`, lttng-tools `list.c`).
struct ListCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List recording sessions and instrumentation points.",
        discussion: """
            Without arguments, lists the recording sessions. With SESSION, shows its channels and \
            recording event rules. With --userspace and no SESSION, lists the tracepoints of the \
            running instrumented applications.
            """)

    static let optionNames = [
        "--help", "-h", "--kernel", "-k", "--jul", "-j", "--log4j", "-l", "--python", "-p", "--userspace", "-u",
        "--channel", "-c", "--domain", "-d", "--fields", "-f", "--syscall", "-S", "--list-options",
    ]

    @Argument(help: ArgumentHelp("The session to show.", valueName: "session"))
    var sessionName: String?

    @Argument(help: .hidden)
    var unexpectedArguments: [String] = []

    @OptionGroup var domains: EventDomainOptions

    @Option(
        name: [.customShort("c"), .customLong("channel")], parsing: .unconditional,
        help: ArgumentHelp("Only show the channel CHANNEL of SESSION.", valueName: "channel"))
    var channelName: String?

    @Flag(name: [.customShort("d"), .customLong("domain")], help: "Show the tracing domains of SESSION.")
    var isDomainListing = false

    @Flag(name: [.customShort("f"), .customLong("fields")], help: "Show the fields of each tracepoint.")
    var showsFields = false

    @Flag(name: [.customShort("S"), .customLong("syscall")], help: "List the system calls (not supported yet).")
    var isSyscallListing = false

    @OptionGroup var program: ProgramInformation

    func execute(in context: CommandContext) -> CommandStatus {
        if let extra = unexpectedArguments.first { return context.fail("Unknown argument: \(extra)") }
        let selected = domains.selected
        if selected.contains(.kernel) { return context.unsupported("--kernel") }
        if isSyscallListing {
            context.console.warning("--syscall will only work with the Kernel domain (-k)")
            return .commandError
        }
        if let agent = selected.first(where: { $0 != .userspace }) { return context.unsupported(agent.optionName) }

        guard let sessionName else {
            return selected.contains(.userspace) ? listTracepoints(in: context) : listSessions(in: context)
        }
        let detail: SessionDetail
        do {
            detail = try context.daemon.sessionDetail(sessionName)
        } catch where error.code == .sessionNotFound {
            return context.fail("Session '\(sessionName)' not found")
        } catch {
            return context.fail(ErrorText.describe(error))
        }
        if isDomainListing {
            context.console.messageWithoutNewline(
                SessionDetailFormatter.header(detail.summary) + SessionDetailFormatter.domains(detail))
            return .success
        }
        context.console.messageWithoutNewline(
            SessionDetailFormatter.render(
                detail, channelName: channelName, isDomainHeaderShown: !selected.contains(.userspace),
                rotationSchedules: context.daemon.rotationSchedulesIfKnown(session: sessionName)))
        if let channelName, !detail.channels.isEmpty,
            !detail.channels.contains(where: { $0.attributes.name == channelName })
        {
            return context.fail("Channel \(channelName) not found")
        }
        return .success
    }

    private func listSessions(in context: CommandContext) -> CommandStatus {
        do {
            let sessions = try context.daemon.listSessions()
            context.console.messageWithoutNewline(SessionListFormatter.render(sessions))
            return .success
        } catch {
            return context.fail(ErrorText.describe(error))
        }
    }

    private func listTracepoints(in context: CommandContext) -> CommandStatus {
        do {
            let apps = try context.daemon.listTracepoints()
            context.console.messageWithoutNewline(TracepointListFormatter.render(apps, showsFields: showsFields))
            return .success
        } catch {
            return context.fail("Unable to list UST events: \(ErrorText.describe(error))")
        }
    }
}
