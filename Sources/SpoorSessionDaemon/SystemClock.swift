import SpoorPosix
import SpoorSessionCore

/// The machine's clocks, what the daemon reads outside tests.
public struct SystemClock: DaemonClock {
    /// The machine's clocks.
    public init() {}

    /// `CLOCK_MONOTONIC` nanoseconds.
    public var monotonicNanoseconds: UInt64 { Clock.monotonicNanoseconds }

    /// Seconds since the epoch.
    public var unixSeconds: Int64 { Clock.unixSeconds }

    /// `CLOCK_REALTIME` nanoseconds.
    public var realtimeNanoseconds: Int64 { Clock.realtimeNanoseconds }
}
