import SpoorModel
import SpoorWire

/// The parts of lttng's event rule messages that `enable-event` and `disable-event` share.
enum EventRuleMessages {
    /// The channel an event rule command acted on: the one the daemon names, else the one
    /// requested, else the default channel.
    static func channel(_ changed: String?, requested: String?) -> String {
        changed ?? requested ?? ChannelDefaults.defaultChannelName
    }

    /// `channel C, session S`, the end of lttng's event rule errors. Without `--channel` the
    /// channel is `channel0`, or `<default>` when the daemon asks for a channel name, as lttng
    /// prints it (`print_channel_name()`, `print_raw_channel_name()`).
    /// With a filter, lttng names it too.
    static func location(_ error: SpoorError, channelName: String?, session: String, filter: String? = nil) -> String {
        let channel =
            channelName ?? (error.code == .nonDefaultChannelExists ? "<default>" : ChannelDefaults.defaultChannelName)
        return "channel \(channel), session \(session)" + (filter.map { ", filter '\($0)'" } ?? "")
    }
}
