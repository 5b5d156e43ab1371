/// A session's automatic rotation schedules (`lttng enable-rotation`, lttng-enable-rotation(1)):
/// a periodic one, a size-based one, both or none.
public struct RotationSchedules: Sendable, Hashable {
    /// `--timer`: microseconds between rotations, nil for none.
    public var periodMicroseconds: UInt64?
    /// `--size`: bytes the session writes between rotations, nil for none.
    public var sizeThresholdBytes: UInt64?

    public init(periodMicroseconds: UInt64? = nil, sizeThresholdBytes: UInt64? = nil) {
        self.periodMicroseconds = periodMicroseconds
        self.sizeThresholdBytes = sizeThresholdBytes
    }

    public var isEmpty: Bool { periodMicroseconds == nil && sizeThresholdBytes == nil }
}

/// One kind of automatic rotation schedule, with its value when it has one.
public enum RotationSchedule: Sendable, Hashable {
    /// `--timer PERIOD`, in microseconds.
    case periodic(microseconds: UInt64)
    /// `--size SIZE`, in bytes.
    case sizeThreshold(bytes: UInt64)

    /// The largest period LTTng 2.13 accepts: its timer holds microseconds in 32 bits.
    public static let maximumPeriodMicroseconds = UInt64(UInt32.max)
}

/// The kind of a rotation schedule, as `disable-rotation` names it.
public enum RotationScheduleKind: UInt8, Sendable, Hashable, CaseIterable {
    case periodic = 0
    case sizeThreshold = 1
}

/// Where a rotation stands (LTTng's `lttng_rotation_state`).
public enum RotationState: UInt8, Sendable, Hashable {
    /// The streams are still writing the packets of the chunk being archived.
    case ongoing = 0
    /// The archive is complete and readable at `archivePath`.
    case completed = 1
    /// The rotation failed; the archive may be incomplete.
    case error = 2
    /// The daemon no longer knows this rotation (a newer one replaced it).
    case expired = 3
}

/// What the daemon says about one rotation of a session (`lttng rotate`).
public struct RotationInfo: Sendable, Hashable {
    public var session: String
    /// The id of the trace chunk being archived (LTTng's chunk id: 0 for the first).
    public var chunkID: UInt64
    public var state: RotationState
    /// `OUTPUT/archives/BEGIN-END-ID`, the archived chunk once complete.
    public var archivePath: String

    public init(session: String, chunkID: UInt64, state: RotationState, archivePath: String) {
        self.session = session
        self.chunkID = chunkID
        self.state = state
        self.archivePath = archivePath
    }
}

/// The name LTTng gives a trace chunk (lttng-concepts(7), "Trace chunk archive naming").
public enum TraceChunkName {
    /// `BEGIN-END-ID` for an archived chunk, each time in ISO 8601 basic local time with the
    /// UTC offset (`20261202T140312+0000`).
    public static func archive(begin: String, end: String, id: UInt64) -> String { "\(begin)-\(end)-\(id)" }

    /// `BEGIN-ID`: the directory the current chunk is written to after the first rotation.
    public static func current(begin: String, id: UInt64) -> String { "\(begin)-\(id)" }
}
