import Synchronization

/// The clocks the session daemon reads, injected so that its decisions can be tested with a
/// clock set by hand.
public protocol DaemonClock: Sendable {
    /// `CLOCK_MONOTONIC` nanoseconds: deadlines, schedules and packet timestamps.
    var monotonicNanoseconds: UInt64 { get }
    /// Seconds since the Unix epoch: chunk and snapshot names.
    var unixSeconds: Int64 { get }
    /// `CLOCK_REALTIME` nanoseconds since the Unix epoch: the time a notification carries.
    var realtimeNanoseconds: Int64 { get }
}

/// A clock that moves only when told to, for tests.
public final class ManualClock: DaemonClock {
    private let now: Mutex<(monotonic: UInt64, unix: Int64)>

    /// A clock reading `monotonicNanoseconds` and `unixSeconds`.
    public init(monotonicNanoseconds: UInt64 = 1_000_000_000, unixSeconds: Int64 = 1_700_000_000) {
        now = Mutex((monotonicNanoseconds, unixSeconds))
    }

    /// The monotonic reading.
    public var monotonicNanoseconds: UInt64 { now.withLock { $0.monotonic } }

    /// The wall-clock reading.
    public var unixSeconds: Int64 { now.withLock { $0.unix } }

    /// The wall-clock reading, in nanoseconds (whole seconds: this clock moves by seconds).
    public var realtimeNanoseconds: Int64 { unixSeconds * 1_000_000_000 }

    /// Moves both readings forward by `duration`.
    public func advance(by duration: Duration) {
        now.withLock { now in
            now.monotonic += duration.wholeNanoseconds
            now.unix += duration.components.seconds
        }
    }
}
