/// Where `lttng snapshot record` writes a snapshot (`lttng-snapshot(1)`): a session's snapshot
/// output, or the one-off output of a single `record`.
public struct SnapshotOutput: Sendable, Hashable {
    /// The id `list-output` shows and `del-output` takes; 0 for a one-off output.
    public var id: UInt32
    /// Part of each snapshot directory's name (`NAME-YYYYMMDD-HHMMSS-N`); empty for the
    /// default, `snapshot-ID`.
    public var name: String
    /// The most bytes a snapshot may hold in all (`--max-size`); 0 for no limit.
    public var maxSize: UInt64
    /// The local directory snapshots go to, absolute; empty for the session's own output (only
    /// in a `record` request).
    public var path: String

    public init(id: UInt32 = 0, name: String = "", maxSize: UInt64 = 0, path: String = "") {
        self.id = id
        self.name = name
        self.maxSize = maxSize
        self.path = path
    }

    /// The name LTTng gives an output that was not named: `snapshot-ID`.
    public static func defaultName(id: UInt32) -> String { "snapshot-\(id)" }
}

/// How `--max-size` limits a snapshot, as LTTng 2.13 does (lttng-tools'
/// `get_session_nb_packets_per_stream`): every stream gets the same number of its newest
/// packets, as many as fit in the size (counting whole sub-buffers, at most a channel's
/// sub-buffer count).
public enum SnapshotSizing {
    /// The channels of a session as the sizing sees them.
    public struct Channel: Sendable, Hashable {
        public var subbufferSize: UInt64
        public var subbufferCount: UInt64
        /// Streams of the channel in all its traces (CPUs × users or processes).
        public var streamCount: UInt64

        public init(subbufferSize: UInt64, subbufferCount: UInt64, streamCount: UInt64) {
            self.subbufferSize = subbufferSize
            self.subbufferCount = subbufferCount
            self.streamCount = streamCount
        }
    }

    /// How many packets each stream may keep: nil when `maxSize` cannot hold one packet of every
    /// stream (LTTng refuses the snapshot), `.max` for no limit (`maxSize` 0, or no stream).
    public static func packetsPerStream(maxSize: UInt64, channels: [Channel]) -> UInt64? {
        guard maxSize > 0 else { return .max }
        var left = maxSize
        var packets: UInt64 = 0
        while true {
            // The bytes one more packet of every stream that still has one costs.
            let cost = channels.reduce(UInt64(0)) { total, channel in
                packets < channel.subbufferCount
                    ? total &+ channel.subbufferSize &* channel.streamCount : total
            }
            guard cost > 0 else { break }
            guard cost <= left else { break }
            left -= cost
            packets += 1
        }
        if packets == 0 && left == maxSize && channels.contains(where: { $0.streamCount > 0 }) { return nil }
        return packets == 0 ? .max : packets
    }
}
