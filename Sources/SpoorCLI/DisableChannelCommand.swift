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
        if let status = context.requireUserspaceDomain(domains.selected, includesAgentDomains: false) { return status }
        guard let channelList else { return context.fail("Missing channel name(s).") }
        if let extra = unexpectedArguments.first { return context.fail("Unknown argument: \(extra)") }
        guard let session = context.sessionName(sessionName) else { return .commandError }
        var hasWarning = false
        for name in channelList.split(separator: ",").map(String.init) {
            do {
                try context.daemon.disableChannel(session: session, channel: name)
                context.console.message("ust channel \(name) disabled for session \(session)")
            } catch {
                // lttng reports a channel it could not disable as an error, with the warning status.
                context.console.error("Channel \(name): \(ErrorText.describe(error)) (session \(session))")
                hasWarning = true
            }
        }
        return hasWarning ? .warning : .success
    }
}
