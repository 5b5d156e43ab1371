/// What happens to an event record that finds no free sub-buffer (`lttng-enable-channel(1)`).
public enum EventLossMode: UInt8, Sendable, Hashable {
    case discard = 0
    case overwrite = 1
}

/// How ring buffers are shared between instrumented processes.
public enum BufferingScheme: UInt8, Sendable, Hashable {
    /// One set of per-CPU buffers per Unix user (`--buffers-uid`, the default).
    case perUID = 0
    /// One set of per-CPU buffers per process (`--buffers-pid`).
    case perPID = 1
}

/// The `lttng enable-channel` attributes of a user-space channel.
public struct ChannelAttributes: Sendable, Hashable {
    public var name: String
    public var lossMode: EventLossMode
    public var subbufferSize: UInt64
    public var subbufferCount: UInt64
    /// Microseconds; 0 is inactive.
    public var switchTimerPeriod: UInt64
    /// Microseconds; 0 is inactive.
    public var readTimerPeriod: UInt64
    /// Microseconds; 0 is inactive.
    public var monitorTimerPeriod: UInt64
    /// Microseconds; `nil` is "block forever" (`inf`), 0 never blocks.
    public var blockingTimeout: UInt64?
    /// Bytes; 0 is unlimited.
    public var tracefileSize: UInt64
    /// 0 is unlimited.
    public var tracefileCount: UInt64
    public var buffering: BufferingScheme

    public init(
        name: String,
        lossMode: EventLossMode = .discard,
        subbufferSize: UInt64 = ChannelDefaults.perUIDSubbufferSize,
        subbufferCount: UInt64 = ChannelDefaults.subbufferCount,
        switchTimerPeriod: UInt64 = 0,
        readTimerPeriod: UInt64 = 0,
        monitorTimerPeriod: UInt64 = ChannelDefaults.monitorTimerPeriod,
        blockingTimeout: UInt64? = 0,
        tracefileSize: UInt64 = 0,
        tracefileCount: UInt64 = 0,
        buffering: BufferingScheme = .perUID
    ) {
        self.name = name
        self.lossMode = lossMode
        self.subbufferSize = subbufferSize
        self.subbufferCount = subbufferCount
        self.switchTimerPeriod = switchTimerPeriod
        self.readTimerPeriod = readTimerPeriod
        self.monitorTimerPeriod = monitorTimerPeriod
        self.blockingTimeout = blockingTimeout
        self.tracefileSize = tracefileSize
        self.tracefileCount = tracefileCount
        self.buffering = buffering
    }
}

/// LTTng 2.13's defaults for user-space channels (`lttng-enable-channel(1)`).
public enum ChannelDefaults {
    /// The name of the channel `enable-event` creates when a session has none.
    public static let defaultChannelName = "channel0"
    public static let perUIDSubbufferSize: UInt64 = 524_288
    public static let perPIDSubbufferSize: UInt64 = 16_384
    public static let subbufferCount: UInt64 = 4
    public static let monitorTimerPeriod: UInt64 = 1_000_000
    /// The size of one metadata packet, as LTTng-UST writes them.
    public static let metadataPacketSize = 4096
}
