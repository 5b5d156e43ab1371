import CSpoorShims

#if canImport(Glibc)
import Glibc
#endif

/// The clocks a trace is made of.
public enum Clock {
    /// `CLOCK_MONOTONIC` nanoseconds: every event timestamp.
    @inlinable
    public static var monotonicNanoseconds: UInt64 { cspoor_monotonic_ns() }

    /// `CLOCK_REALTIME` nanoseconds since the Unix epoch.
    public static var realtimeNanoseconds: Int64 { cspoor_realtime_ns() }

    /// `realtime - monotonic`, the clock `offset` of a trace, taken as the sample with the
    /// narrowest monotonic window out of several, as LTTng does.
    public static func monotonicToRealtimeOffset() -> Int64 {
        var best: (window: UInt64, offset: Int64) = (.max, 0)
        for _ in 0..<10 {
            let before = cspoor_monotonic_ns()
            let real = cspoor_realtime_ns()
            let after = cspoor_monotonic_ns()
            let window = after &- before
            if window < best.window {
                best = (window, real - Int64(bitPattern: before &+ window / 2))
            }
        }
        return best.offset
    }

    /// The kernel's boot id, the UUID of the monotonic clock (`/proc/sys/kernel/random/boot_id`).
    public static func bootID() -> String? {
        guard let text = try? FileSystem.readText("/proc/sys/kernel/random/boot_id") else { return nil }
        let trimmed = text.filter { !$0.isWhitespace }
        return trimmed.count == 36 ? trimmed : nil
    }

    /// Seconds since the epoch, now.
    public static var unixSeconds: Int64 { Int64(time(nil)) }
}

/// Local time formatting for directory and env names, without Foundation.
public enum LocalTime {
    /// `YYYYMMDD-HHMMSS`, as in session directory names.
    public static func compact(_ seconds: Int64) -> String { format(seconds, "%Y%m%d-%H%M%S") }

    /// ISO 8601 basic with offset: `YYYYMMDDTHHMMSS+HHMM`.
    public static func iso8601Basic(_ seconds: Int64) -> String { format(seconds, "%Y%m%dT%H%M%S%z") }

    public static func format(_ seconds: Int64, _ pattern: String) -> String {
        var time = time_t(seconds)
        var parts = tm()
        localtime_r(&time, &parts)
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, pattern, &parts)
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
