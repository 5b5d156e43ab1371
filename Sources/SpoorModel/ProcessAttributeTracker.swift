/// A process attribute that `lttng track` and `lttng untrack` restrict recording by.
public enum ProcessAttribute: UInt8, Sendable, Hashable, CaseIterable {
    case virtualProcessID = 0
    case virtualUserID = 1
    case virtualGroupID = 2

    /// How `lttng track` names the tracker in its messages ("virtual process ID").
    public var trackerName: String {
        switch self {
        case .virtualProcessID: "virtual process ID"
        case .virtualUserID: "virtual user ID"
        case .virtualGroupID: "virtual group ID"
        }
    }
}

/// The inclusion set of one process attribute tracker: every value (the initial policy), or
/// exactly the listed ones (none when empty).
public enum TrackerPolicy: Sendable, Hashable {
    case all
    case only(Set<Int64>)

    public func includes(_ value: Int64) -> Bool {
        switch self {
        case .all: true
        case .only(let values): values.contains(value)
        }
    }
}

/// A session's three user-space process attribute trackers (`lttng-track(1)`).
public struct ProcessAttributeTrackers: Sendable, Hashable {
    public var virtualProcessIDs: TrackerPolicy = .all
    public var virtualUserIDs: TrackerPolicy = .all
    public var virtualGroupIDs: TrackerPolicy = .all

    public init() {}

    public subscript(attribute: ProcessAttribute) -> TrackerPolicy {
        get {
            switch attribute {
            case .virtualProcessID: virtualProcessIDs
            case .virtualUserID: virtualUserIDs
            case .virtualGroupID: virtualGroupIDs
            }
        }
        set {
            switch attribute {
            case .virtualProcessID: virtualProcessIDs = newValue
            case .virtualUserID: virtualUserIDs = newValue
            case .virtualGroupID: virtualGroupIDs = newValue
            }
        }
    }

    /// Whether a process with these attributes may record.
    public func allows(pid: Int32, uid: UInt32, gid: UInt32) -> Bool {
        virtualProcessIDs.includes(Int64(pid)) && virtualUserIDs.includes(Int64(uid))
            && virtualGroupIDs.includes(Int64(gid))
    }
}
