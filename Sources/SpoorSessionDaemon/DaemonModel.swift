import SpoorConsumer
import SpoorCTF
import SpoorFilter
import SpoorModel
import SpoorPosix
import SpoorWire
import Synchronization

/// A channel of a recording session: its attributes, state and recording event rules.
struct ChannelState {
    /// The bytecode of the filter `0`.
    static let recordsNothing = (try? FilterProgram(compiling: "0").bytes) ?? []

    var attributes: ChannelAttributes
    var isEnabled = true
    var rules: [EventRule] = []
    /// Context fields of every record, in the order they were added.
    var contexts: [ContextType] = []
    /// Application contexts (`$app.PROVIDER:TYPE`) of every record, after `contexts`.
    var namedContexts: [String] = []

    /// What decides whether the channel records an event of class `event`: nil when no enabled
    /// rule matches it; no filter when a matching rule has none; else the bytecode of each
    /// distinct filter of the matching rules, any of which records the event.
    func filters(for event: EventDescriptor, bytecode: [String: [UInt8]]) -> [[UInt8]]? {
        guard isEnabled else { return nil }
        var expressions: [String] = []
        var matched = false
        for rule in rules where rule.isEnabled && rule.matches(event) {
            matched = true
            guard let filter = rule.filter else { return [] }
            if !expressions.contains(filter) { expressions.append(filter) }
        }
        guard matched else { return nil }
        // Every rule's filter was compiled when the rule was enabled; a rule that somehow was
        // not records nothing rather than everything.
        return expressions.map { bytecode[$0] ?? (try? FilterProgram(compiling: $0).bytes) ?? Self.recordsNothing }
    }
}

/// The buffers of one channel for one Unix user: one stream per CPU.
final class ChannelBuffers {
    /// The key apps know this channel's buffers by.
    let key: UInt64
    let streams: [StreamConsumer]

    init(key: UInt64, streams: [StreamConsumer]) {
        self.key = key
        self.streams = streams
    }
}

/// Whose buffers a trace holds: one user's apps (per-UID buffering) or one process (per-PID).
enum TraceOwner: Hashable {
    case user(UInt32)
    case process(Int32)
}

/// One CTF trace of a session: the buffers of one user (`ust/uid/<uid>/64-bit`) or one process
/// (`ust/pid/<name>-<pid>-<date>-<time>`), its metadata and the event ids allocated in each of
/// its channels.
final class TraceBuffers {
    let owner: TraceOwner
    /// In the session's current trace chunk: changes when the session rotates.
    var directory: String
    let uuid: [UInt8]
    /// Replaced when the metadata is regenerated.
    var metadata: AppendFile
    /// The description the metadata starts with (`TSDL.preamble`), once written.
    var description: TraceDescription?
    /// Every piece of TSDL appended after the preamble, in order: what `regenerate metadata`
    /// writes again.
    var declarations: [String] = []
    var channels: [Int: ChannelBuffers] = [:]
    /// Per channel (stream class), the id of each event class registered so far.
    var eventIDs: [Int: [EventDescriptor: UInt32]] = [:]

    init(owner: TraceOwner, directory: String, uuid: [UInt8], metadata: AppendFile) {
        self.owner = owner
        self.directory = directory
        self.uuid = uuid
        self.metadata = metadata
    }

    /// Appends TSDL text to the metadata file as metadata packets.
    func appendMetadata(_ text: String) throws(SystemError) {
        try metadata.append(MetadataPacket.packets(text: Array(text.utf8), uuid: uuid))
        declarations.append(text)
    }

    /// Starts the metadata file with the trace's preamble.
    func writePreamble(_ description: TraceDescription) throws(SystemError) {
        try metadata.append(MetadataPacket.packets(text: Array(TSDL.preamble(description).utf8), uuid: uuid))
        self.description = description
    }

    /// The id of `event` in channel `channelIndex`, declaring a new event class when needed.
    func eventID(for event: EventDescriptor, channelIndex: Int) throws(SystemError) -> UInt32 {
        if let id = eventIDs[channelIndex]?[event] { return id }
        let id = UInt32(eventIDs[channelIndex]?.count ?? 0)
        try appendMetadata(
            TSDL.eventClass(
                name: event.fullName, id: id, streamID: UInt32(channelIndex), logLevel: event.logLevel,
                fields: event.fields))
        eventIDs[channelIndex, default: [:]][event] = id
        return id
    }

    var allStreams: [StreamConsumer] { channels.values.flatMap(\.streams) }
}

/// A recording session (`lttng-concepts(7)`).
final class Session {
    let name: String
    let outputPath: String
    let creationTime: Int64
    let ownerUID: UInt32
    let isAutoNamed: Bool
    var isActive = false
    var hasBeenStarted = false
    /// In creation order: a channel's index is its CTF stream class id.
    var channels: [ChannelState] = []
    var traces: [TraceOwner: TraceBuffers] = [:]
    var trackers = ProcessAttributeTrackers()
    /// The directories of per-process traces whose process ended: `clear` empties them too.
    var endedTraceDirectories: [String] = []
    /// Set by the first channel: every user-space channel of a session shares one scheme.
    var buffering: BufferingScheme?
    /// Trace chunks, rotations and rotation schedules (`DaemonState+Rotation.swift`).
    let rotation = SessionRotation()
    /// Snapshot mode (`lttng create --snapshot`): the buffers are only read by `snapshot
    /// record`, and `outputPath` is a private directory of the daemon, not a trace output.
    /// Rotation refuses such sessions.
    var isSnapshot = false
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

    func channelIndex(named name: String) -> Int? { channels.firstIndex { $0.attributes.name == name } }

    /// Whether apps of `uid` record into this session: a root session traces every user's
    /// apps, any other session only its owner's.
    func traces(uid: UInt32) -> Bool { ownerUID == 0 || ownerUID == uid }

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

/// A registered instrumented process. Its mutable parts change only under the daemon's mutex,
/// except `acknowledged`, which the app's own thread updates.
final class AppRecord: @unchecked Sendable {
    /// The latest `synchronize` token the app answered.
    let acknowledged = Atomic<UInt64>(0)

    let pid: Int32
    let uid: UInt32
    let gid: UInt32
    let processName: String
    /// Registration time, seconds since the epoch: per-PID trace directories are named after it.
    let registrationTime = Clock.unixSeconds
    var events: [EventDescriptor]
    let socket: UnixSocket
    /// Channel keys whose streams this app has mapped.
    var mappedChannels: Set<UInt64> = []
    /// The notifiers last sent to this app (`DaemonMessage.setNotifiers`), nil before the first.
    var sentNotifiers: [EventNotifiers]?

    init(registration: AppRegistration, pid: Int32, uid: UInt32, gid: UInt32, socket: UnixSocket) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
        self.processName = registration.processName
        self.events = registration.events
        self.socket = socket
    }

    /// Sends a message; a failure means the app is gone or stuck, and it is dropped.
    func send(_ message: DaemonMessage, fds: [Int32] = []) -> Bool {
        do {
            try socket.sendPacket(message.wireBytes, fds: fds)
            return true
        } catch {
            socket.shutdown()
            return false
        }
    }
}
