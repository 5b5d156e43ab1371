import SpoorModel
import SpoorWire

/// Anything that carries one control request to the session daemon and brings back its
/// reply: a `ControlClient`, or a test double.
///
/// The typed calls (`createSession`, `listSessions`, …) are built on this one requirement, so
/// that every conformer offers them, as liblttng-ctl offers `lttng_create_session()` and
/// `lttng_list_sessions()`.
public protocol ControlTransport {
    /// Sends `request`; a daemon-side error is thrown. `autoStart` lets the call start a daemon
    /// when none runs (only session creation asks for that, as in lttng).
    func request(_ request: ControlRequest, autoStart: Bool) throws(SpoorError) -> ControlReply
}

extension ControlClient: ControlTransport {
    /// Connects, sends one request and returns the reply, turning a daemon error into a throw.
    public func request(_ request: ControlRequest, autoStart: Bool) throws(SpoorError) -> ControlReply {
        try self.request(request, autoStart: autoStart, onSpawn: { _ in })
    }
}

/// Why `loadSessions` changed nothing: the session that could not be loaded, and why.
public struct SessionLoadRefusal: Sendable, Hashable {
    /// The session that could not be loaded.
    public var session: String
    /// Why.
    public var error: SpoorError

    /// A refusal.
    public init(session: String, error: SpoorError) {
        self.session = session
        self.error = error
    }
}

/// The typed calls: one per `ControlRequest` but the notification subscription (see
/// `ControlClient.receiveNotifications`). Each returns what the daemon answered or throws
/// its error; a reply of the wrong kind is thrown as `.protocolError`, from this one place.
extension ControlTransport {
    /// Sends `request` and extracts the value of the reply it expects.
    func call<Value>(
        _ request: ControlRequest, autoStart: Bool = false, _ extract: (ControlReply) -> Value?
    ) throws(SpoorError) -> Value {
        let reply = try self.request(request, autoStart: autoStart)
        guard let value = extract(reply) else {
            throw SpoorError(.protocolError, "Unexpected reply from the session daemon: \(reply)")
        }
        return value
    }

    /// Sends a request whose success carries nothing.
    func perform(_ request: ControlRequest) throws(SpoorError) {
        _ = try self.request(request, autoStart: false)
    }

    /// The daemon's version string.
    public func version() throws(SpoorError) -> String {
        try call(.version) { if case .version(let text) = $0 { text } else { nil } }
    }

    /// `lttng_create_session()`: `name` nil makes an `auto-DATE-TIME` session, `outputPath`
    /// nil uses the default directory. Starts a daemon when `autoStart` allows it.
    public func createSession(name: String?, outputPath: String?, autoStart: Bool = true) throws(SpoorError)
        -> SessionSummary
    {
        try call(.createSession(name: name, outputPath: outputPath), autoStart: autoStart, \.createdSession)
    }

    /// `lttng_create_session_snapshot()`: `hasOutput` false adds no snapshot output.
    public func createSnapshotSession(
        name: String?, outputPath: String?, hasOutput: Bool, autoStart: Bool = true
    ) throws(SpoorError) -> SessionSummary {
        try call(
            .createSnapshotSession(name: name, outputPath: outputPath, hasOutput: hasOutput), autoStart: autoStart,
            \.createdSession)
    }

    /// `lttng_destroy_session()`: the rotation that archived the last chunk, when the session
    /// was ever rotated.
    @discardableResult
    public func destroySession(_ name: String) throws(SpoorError) -> RotationInfo? {
        let reply = try request(.destroySession(name: name), autoStart: false)
        if case .rotation(let info) = reply { return info }
        return nil
    }

    /// `lttng_list_sessions()`: the sessions the caller may see, in creation order.
    public func listSessions() throws(SpoorError) -> [SessionSummary] {
        try call(.listSessions) { if case .sessions(let sessions) = $0 { sessions } else { nil } }
    }

    /// A session's summary, channels and trackers.
    public func sessionDetail(_ name: String) throws(SpoorError) -> SessionDetail {
        try call(.sessionDetail(name: name)) { if case .sessionDetail(let detail) = $0 { detail } else { nil } }
    }

    /// What `lttng list SESSION` and `lttng status` show: the session's detail and its
    /// rotation schedules, or none when the daemon cannot say.
    public func sessionDetailAndSchedules(_ name: String) throws(SpoorError)
        -> (detail: SessionDetail, schedules: RotationSchedules)
    {
        let detail = try sessionDetail(name)
        return (detail, rotationSchedulesIfKnown(session: name))
    }

    /// A session's rotation schedules, or none when the daemon cannot say: a listing shows
    /// them without failing for them.
    public func rotationSchedulesIfKnown(session: String) -> RotationSchedules {
        (try? rotationStatus(session: session).schedules) ?? RotationSchedules()
    }

    /// `lttng_enable_channel()`: creates the channel, or enables an existing one.
    public func enableChannel(session: String, attributes: ChannelAttributes) throws(SpoorError) {
        try perform(.enableChannel(session: session, attributes: attributes))
    }

    /// `lttng_disable_channel()`.
    public func disableChannel(session: String, channel: String) throws(SpoorError) {
        try perform(.disableChannel(session: session, channel: channel))
    }

    /// `lttng_enable_event_with_exclusions()`: the channel the rules went to, when the daemon
    /// names it (Spoor's always does; a peer that answers a bare `.ok` is still understood).
    public func enableEvents(session: String, channel: String?, rules: [EventRule]) throws(SpoorError) -> String? {
        try request(.enableEvent(session: session, channel: channel, rules: rules), autoStart: false).changedChannel
    }

    /// `lttng_disable_event()`: the channel whose rules were disabled, when the daemon names it.
    public func disableEvents(session: String, channel: String?, patterns: [String], all: Bool) throws(SpoorError)
        -> String?
    {
        try request(.disableEvent(session: session, channel: channel, patterns: patterns, all: all), autoStart: false)
            .changedChannel
    }

    /// `lttng_start_tracing()`.
    public func startSession(_ name: String) throws(SpoorError) {
        try perform(.startSession(name: name))
    }

    /// `lttng_stop_tracing()`: returns once the data is on disk, with what each channel lost.
    public func stopSession(_ name: String) throws(SpoorError) -> [ChannelInfo] {
        let reply = try request(.stopSession(name: name), autoStart: false)
        if case .stopped(let channels) = reply { return channels }
        return []
    }

    /// `lttng_list_tracepoints()`: the tracepoints of the registered apps.
    public func listTracepoints() throws(SpoorError) -> [AppTracepoints] {
        try call(.listTracepoints) { if case .tracepoints(let apps) = $0 { apps } else { nil } }
    }

    /// `lttng_process_attr_values_tracker_handle_add_…`: `values` nil includes every value.
    public func track(session: String, attribute: ProcessAttribute, values: [Int64]?) throws(SpoorError) {
        try perform(.track(session: session, attribute: attribute, values: values))
    }

    /// `lttng_process_attr_values_tracker_handle_remove_…`: `values` nil includes none.
    public func untrack(session: String, attribute: ProcessAttribute, values: [Int64]?) throws(SpoorError) {
        try perform(.untrack(session: session, attribute: attribute, values: values))
    }

    /// `lttng_add_context()`: `channel` nil adds to every channel.
    public func addContext(session: String, channel: String?, contexts: [String]) throws(SpoorError) {
        try perform(.addContext(session: session, channel: channel, contexts: contexts))
    }

    /// What `lttng save` writes: the session `name`, or every visible one when nil.
    public func sessionConfigurations(name: String?) throws(SpoorError) -> [SessionConfiguration] {
        try call(.sessionConfigurations(name: name)) {
            if case .sessionConfigurations(let configurations) = $0 { configurations } else { nil }
        }
    }

    /// `lttng_load_session()`: creates every session, or none and says which one failed.
    public func loadSessions(_ configurations: [SessionConfiguration], overwrite: Bool) throws(SpoorError)
        -> SessionLoadRefusal?
    {
        let reply = try request(.loadSessions(configurations, overwrite: overwrite), autoStart: false)
        if case .sessionLoadFailed(let session, let error) = reply {
            return SessionLoadRefusal(session: session, error: error)
        }
        return nil
    }

    /// `lttng_clear_session()`.
    public func clearSession(_ name: String) throws(SpoorError) {
        try perform(.clearSession(name: name))
    }

    /// `lttng_regenerate_metadata()`.
    public func regenerateMetadata(session: String) throws(SpoorError) {
        try perform(.regenerateMetadata(session: session))
    }

    /// `lttng_regenerate_statedump()`.
    public func regenerateStatedump(session: String) throws(SpoorError) {
        try perform(.regenerateStatedump(session: session))
    }

    /// Reports a core dump (the crash handler, as root).
    public func reportCrash(_ report: CrashReport) throws(SpoorError) {
        try perform(.reportCrash(report))
    }

    /// The crashes reported lately, of the caller's processes.
    public func crashReports() throws(SpoorError) -> [CrashReport] {
        try call(.crashReports) { if case .crashReports(let reports) = $0 { reports } else { nil } }
    }

    /// `lttng_register_trigger_with_name()`: the name of the trigger added.
    public func addTrigger(
        name: String?, ownerUID: UInt32?, condition: TriggerCondition, actions: [TriggerAction]
    ) throws(SpoorError) -> String {
        try call(.addTrigger(name: name, ownerUID: ownerUID, condition: condition, actions: actions)) {
            if case .triggerAdded(let name) = $0 { name } else { nil }
        }
    }

    /// `lttng_list_triggers()`.
    public func listTriggers() throws(SpoorError) -> [TriggerListing] {
        try call(.listTriggers) { if case .triggers(let listings) = $0 { listings } else { nil } }
    }

    /// `lttng_unregister_trigger()`.
    public func removeTrigger(name: String, ownerUID: UInt32?) throws(SpoorError) {
        try perform(.removeTrigger(name: name, ownerUID: ownerUID))
    }

    /// `lttng_rotate_session()`: the rotation, as soon as it is under way.
    public func rotateSession(_ name: String) throws(SpoorError) -> RotationInfo {
        try call(.rotateSession(name: name)) { if case .rotation(let info) = $0 { info } else { nil } }
    }

    /// `lttng_session_add_rotation_schedule()`.
    public func enableRotation(session: String, schedule: RotationSchedule) throws(SpoorError) {
        try perform(.enableRotation(session: session, schedule: schedule))
    }

    /// `lttng_session_remove_rotation_schedule()`.
    public func disableRotation(session: String, kind: RotationScheduleKind) throws(SpoorError) {
        try perform(.disableRotation(session: session, kind: kind))
    }

    /// `lttng_rotation_handle_get_state()` and `lttng_session_list_rotation_schedules()`: the
    /// rotation `chunkID` (nil: the latest; none when never rotated) and the schedules.
    public func rotationStatus(session: String, chunkID: UInt64? = nil) throws(SpoorError)
        -> (rotation: RotationInfo?, schedules: RotationSchedules)
    {
        try call(.rotationStatus(session: session, chunkID: chunkID)) {
            if case .rotationStatus(let info, let schedules) = $0 { (info, schedules) } else { nil }
        }
    }

    /// `lttng_snapshot_add_output()`: the output added, with its id and name.
    public func addSnapshotOutput(session: String, output: SnapshotOutput) throws(SpoorError) -> SnapshotOutput {
        try call(.addSnapshotOutput(session: session, output: output), \.firstSnapshotOutput)
    }

    /// `lttng_snapshot_del_output()`: `output` is an id or a name.
    public func deleteSnapshotOutput(session: String, output: String) throws(SpoorError) {
        try perform(.deleteSnapshotOutput(session: session, output: output))
    }

    /// `lttng_snapshot_list_output()`.
    public func listSnapshotOutputs(session: String) throws(SpoorError) -> [SnapshotOutput] {
        try call(.listSnapshotOutputs(session: session)) {
            if case .snapshotOutputs(let outputs) = $0 { outputs } else { nil }
        }
    }

    /// `lttng_snapshot_record()`: the directory the snapshot was written in.
    public func recordSnapshot(session: String, output: SnapshotOutput) throws(SpoorError) -> String {
        try call(.recordSnapshot(session: session, output: output)) {
            if case .snapshotRecorded(let directory) = $0 { directory } else { nil }
        }
    }
}

extension ControlReply {
    fileprivate var createdSession: SessionSummary? {
        if case .sessionCreated(let summary) = self { summary } else { nil }
    }

    fileprivate var changedChannel: String? {
        if case .eventRulesChanged(let channel) = self { channel } else { nil }
    }

    fileprivate var firstSnapshotOutput: SnapshotOutput? {
        if case .snapshotOutputs(let outputs) = self { outputs.first } else { nil }
    }
}
