import SpoorModel
import SpoorSessionCore
import SpoorWire

/// A recording session (`lttng-concepts(7)`).
final class Session: OwnedByUser {
    let name: String
    let outputPath: String
    let creationTime: Int64
    let ownerUID: UInt32
    let isAutoNamed: Bool
    /// Created, active or stopped, and the rotation decisions.
    var lifecycle = SessionLifecycle()
    /// Runs this session's commands one at a time, outside the registry lock.
    let worker = SessionWorker()
    /// In creation order: a channel's index is its CTF stream class id.
    var channels: [ChannelState] = []
    var traces: [TraceOwner: TraceBuffers] = [:]
    var trackers = ProcessAttributeTrackers()
    /// The per-process traces of ended processes still being written to disk, by pid.
    var endingTraces: [Int32: TraceBuffers] = [:]
    /// The directories of per-process traces whose process ended: `clear` empties them too.
    var endedTraceDirectories: [String] = []
    /// Set by the first channel: every user-space channel of a session shares one scheme.
    var buffering: BufferingScheme?
    /// Trace chunk directories and rotations being carried out (`DaemonState+Rotation.swift`).
    let chunks = ChunkRotation()
    /// Snapshot mode (`lttng create --snapshot`): the buffers are only read by `snapshot
    /// record`, and `outputPath` is a private directory of the daemon, not a trace output.
    /// Rotation refuses such sessions.
    var isSnapshot: Bool { lifecycle.isSnapshot }
    /// The snapshot outputs (at most one, as in LTTng 2.13) and the id the next one gets.
    var snapshotOutputs: [SnapshotOutput] = []
    var nextSnapshotOutputID: UInt32 = 1
    /// Snapshots recorded so far: the last part of each snapshot directory's name.
    var snapshotCount: UInt64 = 0

    init(name: String, outputPath: String, creationTime: Int64, ownerUID: UInt32, isAutoNamed: Bool) {
        self.name = name
        self.outputPath = outputPath
        self.creationTime = creationTime
        self.ownerUID = ownerUID
        self.isAutoNamed = isAutoNamed
    }

    /// Whether the session records.
    var isActive: Bool { lifecycle.isActive }

    /// Whether the session was ever started.
    var hasBeenStarted: Bool { lifecycle.hasBeenStarted }

    func channelIndex(named name: String) -> Int? { channels.firstIndex { $0.attributes.name == name } }

    /// Whether apps of `uid` record into this session: a root session traces every user's
    /// apps, any other session only its owner's.
    func traces(uid: UInt32) -> Bool { Credentials(uid: ownerUID).mayAccess(ownedBy: uid) }

    /// Whether `app` records into this session: its user is traced and the trackers allow it.
    func records(from app: AppRecord) -> Bool {
        traces(uid: app.uid) && trackers.allows(pid: app.pid, uid: app.uid, gid: app.gid)
    }

    /// The trace an app records into in this session.
    func traceOwner(for app: AppRecord) -> TraceOwner {
        buffering == .perPID ? .process(app.pid) : .user(app.uid)
    }

    var summary: SessionSummary {
        SessionSummary(
            name: name, outputPath: isSnapshot ? "" : outputPath, isActive: isActive, creationTime: creationTime,
            isSnapshot: isSnapshot)
    }

    func channelInfos() -> [ChannelInfo] {
        channels.enumerated().map { index, channel in
            let discarded = traces.values.reduce(UInt64(0)) { total, trace in
                total + (trace.channels[index]?.streams.reduce(UInt64(0)) { $0 + $1.discardedEventCount } ?? 0)
            }
            let lost = traces.values.reduce(UInt64(0)) { total, trace in
                total + (trace.channels[index]?.streams.reduce(UInt64(0)) { $0 + $1.lostPacketCount } ?? 0)
            }
            return ChannelInfo(
                attributes: channel.attributes, isEnabled: channel.isEnabled, rules: channel.rules,
                discardedEventCount: discarded, lostPacketCount: lost)
        }
    }
}
