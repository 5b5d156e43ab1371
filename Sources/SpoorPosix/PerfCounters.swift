import CSpoorShims

#if canImport(Glibc)
import Glibc
#endif

/// Per-thread performance counters (`perf_event_open(2)`).
public enum PerfCounters {
    /// Whether the calling thread may count the event (`perf_event_attr` `type` and `config`):
    /// nil if it may, else the kernel's reason.
    public static func probe(type: UInt32, config: UInt64) -> String? {
        let fd = cspoor_perf_open(type, config)
        guard fd >= 0 else { return String(cString: strerror(-fd)) }
        close(fd)
        return nil
    }

    /// The calling thread's count of the event, opened on first use (0 if it cannot be).
    public static func read(type: UInt32, config: UInt64) -> UInt64 {
        cspoor_perf_read(type, config)
    }
}
