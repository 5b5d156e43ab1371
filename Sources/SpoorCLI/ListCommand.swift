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
        context.renderer.render(run(in: context))
    }

    /// Reads what is to be listed; prints nothing.
    func run(in context: CommandContext) -> CommandResult<ListReport> {
        if let extra = unexpectedArguments.first { return .failure(.refused("Unknown argument: \(extra)")) }
        let selected = domains.selected
        if selected.contains(.kernel) { return .failure(.unsupported(option: "--kernel")) }
        if isSyscallListing {
            return .failure(.refusedWithWarning("--syscall will only work with the Kernel domain (-k)"))
        }
        if let agent = selected.first(where: { $0 != .userspace }) {
            return .failure(.unsupported(option: agent.optionName))
        }
        guard let sessionName else {
            do throws(SpoorError) {
                if selected.contains(.userspace) {
                    do throws(SpoorError) {
                        return .success(.tracepoints(try context.daemon.listTracepoints(), showsFields: showsFields))
                    } catch {
                        return .failure(.operationFailed(.listTracepoints, error))
                    }
                }
                return .success(.sessions(try context.daemon.listSessions()))
            } catch {
                return .failure(.daemon(error))
            }
        }
        let detail: SessionDetail
        do {
            detail = try context.daemon.sessionDetail(sessionName)
        } catch where error.code == .sessionNotFound {
            return .failure(.refused("Session '\(sessionName)' not found"))
        } catch {
            return .failure(.daemon(error))
        }
        if isDomainListing { return .success(.domains(detail)) }
        let missingChannel = channelName.flatMap { name in
            !detail.channels.isEmpty && !detail.channels.contains(where: { $0.attributes.name == name }) ? name : nil
        }
        return .success(
            .session(
                detail, channelName: channelName, isDomainHeaderShown: !selected.contains(.userspace),
                rotationSchedules: context.daemon.rotationSchedulesIfKnown(session: sessionName),
                missingChannel: missingChannel))
    }
}
