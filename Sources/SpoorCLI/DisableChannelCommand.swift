import ArgumentParser
import SpoorModel

/// `lttng disable-channel`: disables user space channels (`lttng-disable-channel(1)`,
/// lttng-tools `disable_channels.c`).
struct DisableChannelCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "disable-channel",
        abstract: "Disable channels.",
        discussion: "Disables the channels of a comma-separated list in the current session (or --session).")

    static let optionNames = [
        "--help", "-h", "--session", "-s", "--kernel", "-k", "--userspace", "-u", "--list-options",
    ]

    @Argument(help: ArgumentHelp("The channel or channels to disable.", valueName: "channel[,channel]..."))
    var channelList: String?

    @Argument(help: .hidden)
    var unexpectedArguments: [String] = []

    @OptionGroup var domains: ChannelDomainOptions

    @Option(
        name: [.customShort("s"), .customLong("session")], parsing: .unconditional,
        help: ArgumentHelp("Act on SESSION instead of the current session.", valueName: "session"))
    var sessionName: String?

    @OptionGroup var program: ProgramInformation

    func execute(in context: CommandContext) -> CommandStatus {
        context.renderer.render(run(in: context))
    }

    /// Disables each channel, going on after a failure; prints nothing.
    func run(in context: CommandContext) -> CommandResult<DisableChannelReport> {
        if let problem = context.userspaceDomainProblem(domains.selected, includesAgentDomains: false) {
            return .failure(problem)
        }
        guard let channelList else { return .failure(.refused("Missing channel name(s).")) }
        if let extra = unexpectedArguments.first { return .failure(.refused("Unknown argument: \(extra)")) }
        return context.resolveSession(sessionName).map { session in
            var report = DisableChannelReport(session: session)
            for name in channelList.split(separator: ",").map(String.init) {
                do throws(SpoorError) {
                    try context.daemon.disableChannel(session: session, channel: name)
                    report.channels.append((name, nil))
                } catch {
                    report.channels.append((name, error))
                }
            }
            return report
        }
    }
}
