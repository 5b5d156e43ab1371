import SpoorModel

/// The warning `lttng stop` and `lttng destroy` print when a session lost data
/// (lttng-tools `utils.c`, `get_session_stats_str()`).
enum SessionStatisticsWarning {
    /// The warning line for what `channels` lost, or `nil` when they lost nothing.
    static func text(for channels: [ChannelInfo]) -> String? {
        let discardedEvents = channels.reduce(UInt64(0)) { $0 &+ $1.discardedEventCount }
        let lostPackets = channels.reduce(UInt64(0)) { $0 &+ $1.lostPacketCount }
        let advice = "please refer to the documentation on channel configuration."
        switch (discardedEvents > 0, lostPackets > 0) {
        case (true, true):
            return "Warning: \(discardedEvents) events were discarded and \(lostPackets) packets were lost, \(advice)"
        case (true, false):
            return "Warning: \(discardedEvents) events were discarded, \(advice)"
        case (false, true):
            return "Warning: \(lostPackets) packets were lost, \(advice)"
        case (false, false):
            return nil
        }
    }
}
