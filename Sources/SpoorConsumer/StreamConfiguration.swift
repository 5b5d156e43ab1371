/// What identifies a stream in its trace and how its consumer runs: `lttng enable-channel`'s
/// per-stream settings (lttng-enable-channel(1)).
public struct StreamConfiguration: Sendable, Hashable {
    /// The channel's name; the stream file is `<channel>_<cpu>`.
    public var channelName: String
    /// The stream class id (the channel's index in the trace's metadata).
    public var streamID: UInt32
    /// The CPU the stream belongs to, its `stream_instance_id`.
    public var cpu: UInt32
    /// The trace's UUID, 16 bytes, repeated in every packet header.
    public var uuid: [UInt8]
    /// `--tracefile-size`: bytes after which packets go to the next trace file, 0 for one file.
    public var tracefileSize: UInt64
    /// `--tracefile-count`: how many trace files a stream keeps (a ring), 0 for no limit; a
    /// count without a size does nothing.
    public var tracefileCount: UInt64
    /// `--switch-timer`: between forced sub-buffer switches, zero for none.
    public var switchTimerPeriod: Duration
    /// `--read-timer`: between reads of the buffer, zero to rely on wake-ups only.
    public var readTimerPeriod: Duration
    /// `--monitor-timer`: between samples of the buffer usage, zero for none.
    public var monitorTimerPeriod: Duration

    /// A stream's settings; every limit and timer is off unless given.
    public init(
        channelName: String, streamID: UInt32, cpu: UInt32, uuid: [UInt8], tracefileSize: UInt64 = 0,
        tracefileCount: UInt64 = 0, switchTimerPeriod: Duration = .zero, readTimerPeriod: Duration = .zero,
        monitorTimerPeriod: Duration = .zero
    ) {
        self.channelName = channelName
        self.streamID = streamID
        self.cpu = cpu
        self.uuid = uuid
        self.tracefileSize = tracefileSize
        self.tracefileCount = tracefileCount
        self.switchTimerPeriod = switchTimerPeriod
        self.readTimerPeriod = readTimerPeriod
        self.monitorTimerPeriod = monitorTimerPeriod
    }

    /// `<channel>_<cpu>`: the stream file's name without its trace file number.
    public var streamName: String { "\(channelName)_\(cpu)" }

    /// The timers' periods in the nanoseconds the state machine counts in.
    var periods: StreamStateMachine.Periods {
        StreamStateMachine.Periods(
            switchTimer: Self.nanoseconds(switchTimerPeriod), readTimer: Self.nanoseconds(readTimerPeriod),
            monitorTimer: Self.nanoseconds(monitorTimerPeriod))
    }

    /// `duration` in whole nanoseconds; a negative one is no timer.
    static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, attoseconds >= 0 else { return 0 }
        return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }
}
