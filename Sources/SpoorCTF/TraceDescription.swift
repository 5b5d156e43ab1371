import SpoorModel

/// The values of a trace's TSDL `env` block (spec/ctf-lttng.md §3.1), as lttng-sessiond 2.13 writes them.
///
/// `processID`, `processName` and `processDatetime` describe the application of a per-PID trace and are
/// only written for `.perPID` buffering.
public struct TraceEnvironment: Sendable, Hashable {
    /// The tracing domain, `"ust"` for user space.
    public var domain: String
    /// The tracer that babeltrace2 keys its quirk workarounds on; keep `"lttng-ust"` (§6.3).
    public var tracerName: String
    /// The advertised tracer major version.
    public var tracerMajor: Int
    /// The advertised tracer minor version; 2.13 disables babeltrace2's pre-2.11 fix-ups.
    public var tracerMinor: Int
    /// The advertised tracer patch level, written only for per-PID traces (`tracer_patchlevel`).
    public var tracerPatchlevel: Int
    /// Per-UID or per-PID buffering (`tracer_buffering_scheme`).
    public var bufferingScheme: BufferingScheme
    /// The Unix user ID (per-UID) or process ID (per-PID) the buffers belong to (`tracer_buffering_id`).
    public var bufferingID: Int64
    /// The ABI's `long` width in bits, 64 or 32 (`architecture_bit_width`, and the `unsigned long` alias).
    public var bitWidth: Int
    /// The session name; `"auto"` for automatically named sessions (`trace_name`).
    public var traceName: String
    /// Session creation time, already formatted like `20261122T110738+0000` (`trace_creation_datetime`).
    public var creationDatetime: String
    /// The host name babeltrace2 prefixes the trace name with (`hostname`).
    public var hostname: String
    /// The traced process ID of a per-PID trace (`vpid`); `bufferingID` when absent.
    public var processID: Int32?
    /// The traced process name of a per-PID trace (`procname`); empty when absent.
    public var processName: String?
    /// The application registration time of a per-PID trace (`vpid_datetime`); `creationDatetime` when absent.
    public var processDatetime: String?
    /// The Spoor version, written as the extra final key `spoor_version`.
    public var spoorVersion: String

    /// Creates an environment; the defaults are those of LTTng-UST 2.13.5 on a 64-bit ABI.
    public init(
        domain: String = "ust",
        tracerName: String = "lttng-ust",
        tracerMajor: Int = 2,
        tracerMinor: Int = 13,
        tracerPatchlevel: Int = 5,
        bufferingScheme: BufferingScheme,
        bufferingID: Int64,
        bitWidth: Int = 64,
        traceName: String,
        creationDatetime: String,
        hostname: String,
        processID: Int32? = nil,
        processName: String? = nil,
        processDatetime: String? = nil,
        spoorVersion: String
    ) {
        self.domain = domain
        self.tracerName = tracerName
        self.tracerMajor = tracerMajor
        self.tracerMinor = tracerMinor
        self.tracerPatchlevel = tracerPatchlevel
        self.bufferingScheme = bufferingScheme
        self.bufferingID = bufferingID
        self.bitWidth = bitWidth
        self.traceName = traceName
        self.creationDatetime = creationDatetime
        self.hostname = hostname
        self.processID = processID
        self.processName = processName
        self.processDatetime = processDatetime
        self.spoorVersion = spoorVersion
    }
}

/// The trace's `monotonic` clock class (spec/ctf-lttng.md §3.2): 1 GHz `CLOCK_MONOTONIC` nanoseconds.
public struct ClockDescription: Sendable, Hashable {
    /// The kernel boot id (`/proc/sys/kernel/random/boot_id`); the `uuid` line is left out when `nil`.
    public var uuid: String?
    /// Nanoseconds from the Epoch to monotonic zero: realtime − monotonic at trace creation. May be negative.
    public var offset: Int64

    /// Creates a clock description.
    public init(uuid: String?, offset: Int64) {
        self.uuid = uuid
        self.offset = offset
    }
}

/// Everything the trace-level part of the metadata depends on: one per trace directory.
public struct TraceDescription: Sendable, Hashable {
    /// The 16-byte trace UUID, shared by every chunk and snapshot of the trace (§6.4).
    public var uuid: [UInt8]
    /// The `env` block.
    public var environment: TraceEnvironment
    /// The `clock` block.
    public var clock: ClockDescription

    /// Creates a trace description.
    public init(uuid: [UInt8], environment: TraceEnvironment, clock: ClockDescription) {
        self.uuid = uuid
        self.environment = environment
        self.clock = clock
    }
}
