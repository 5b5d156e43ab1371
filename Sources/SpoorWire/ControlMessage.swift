import SpoorModel

/// A command from a control client (`spoor`) to the session daemon.
///
/// Framing on the control socket: a 4-byte little-endian length, then the encoded message.
public enum ControlRequest: Sendable, Hashable {
    /// The daemon's version string.
    case version
    /// `lttng create`: `name` nil makes an `auto-DATE-TIME` session; `outputPath` nil uses the default.
    case createSession(name: String?, outputPath: String?)
    case destroySession(name: String)
    case listSessions
    case sessionDetail(name: String)
    /// `lttng enable-channel -u`: creates the channel, or enables an existing one.
    case enableChannel(session: String, attributes: ChannelAttributes)
    case disableChannel(session: String, channel: String)
    /// `lttng enable-event -u`: one rule per name, all with the same conditions; `channel` nil
    /// means the default channel.
    case enableEvent(session: String, channel: String?, rules: [EventRule])
    /// `lttng disable-event -u`: an empty `patterns` with `all` disables every rule.
    case disableEvent(session: String, channel: String?, patterns: [String], all: Bool)
    case startSession(name: String)
    case stopSession(name: String)
    /// `lttng list -u`: the tracepoints of the registered apps.
    case listTracepoints
    /// `lttng track -u`: adds `values` to the attribute's inclusion set; nil (`--all`) includes all.
    case track(session: String, attribute: ProcessAttribute, values: [Int64]?)
    /// `lttng untrack -u`: removes `values` from the inclusion set; nil (`--all`) includes none.
    case untrack(session: String, attribute: ProcessAttribute, values: [Int64]?)
    /// `lttng add-context -u`: `channel` nil means every channel of the session.
    case addContext(session: String, channel: String?, contexts: [String])
    /// `lttng save`: the configuration of the session `name`, or of every session the client
    /// may see when `name` is nil (`--all`), in creation order.
    case sessionConfigurations(name: String?)
    /// `lttng load`: creates every session, or none. `overwrite` (`--force`) replaces
    /// existing sessions of the same names.
    case loadSessions([SessionConfiguration], overwrite: Bool)
    /// `lttng clear`: deletes the trace data written so far and what the ring buffers hold,
    /// keeping the metadata; the session goes on recording if it is active.
    case clearSession(name: String)
    /// `lttng regenerate metadata`: rewrites the metadata file of each trace of the session.
    case regenerateMetadata(session: String)
    /// `lttng regenerate statedump`: records the state dump events again.
    case regenerateStatedump(session: String)
    /// From Spoor's crash handler, run by the kernel as root: a process dumped core. The daemon
    /// accepts it only from root.
    case reportCrash(CrashReport)
    /// The crashes reported to the daemon lately, of the client's processes (all for root).
    case crashReports
    /// `lttng add-trigger`: `name` nil asks the daemon for a generated name; `ownerUID`
    /// (`--owner-uid`, root only) adds it for another user. Answered with `triggerAdded`.
    case addTrigger(name: String?, ownerUID: UInt32?, condition: TriggerCondition, actions: [TriggerAction])
    /// `lttng list-triggers`: the client's triggers, every user's for root.
    case listTriggers
    /// `lttng remove-trigger`: the trigger `name` of the client, or of `ownerUID` (root only).
    case removeTrigger(name: String, ownerUID: UInt32?)
    /// Turns the connection into a stream of `.notification` replies, after an `.ok`, for the
    /// triggers the subscription names that have a `notify` action. It ends when the client
    /// closes it.
    case subscribeNotifications(NotificationSubscription)
    /// `lttng rotate`: archives the current trace chunk; answered by `.rotation` as soon as
    /// the rotation is under way.
    case rotateSession(name: String)
    /// `lttng enable-rotation`: adds an automatic rotation schedule.
    case enableRotation(session: String, schedule: RotationSchedule)
    /// `lttng disable-rotation`: removes an automatic rotation schedule.
    case disableRotation(session: String, kind: RotationScheduleKind)
    /// Where rotation `chunkID` of a session stands (`nil`: the latest), and the session's
    /// rotation schedules: answered by `.rotationStatus`.
    case rotationStatus(session: String, chunkID: UInt64?)
    /// `lttng create --snapshot`: `outputPath` nil with `hasOutput` uses the default snapshot
    /// output; `hasOutput` false (`--no-output`) adds none.
    case createSnapshotSession(name: String?, outputPath: String?, hasOutput: Bool)
    /// `lttng snapshot add-output`: the reply lists the output added, with its id and name.
    case addSnapshotOutput(session: String, output: SnapshotOutput)
    /// `lttng snapshot del-output`: `output` is an id or a name.
    case deleteSnapshotOutput(session: String, output: String)
    /// `lttng snapshot list-output`.
    case listSnapshotOutputs(session: String)
    /// `lttng snapshot record`: an empty `path` uses the session's output, an empty name or a
    /// zero size that output's own.
    case recordSnapshot(session: String, output: SnapshotOutput)
}

/// The daemon's answer to a `ControlRequest`.
public enum ControlReply: Sendable, Hashable {
    case ok
    case error(SpoorError)
    case version(String)
    case sessionCreated(SessionSummary)
    case sessions([SessionSummary])
    case sessionDetail(SessionDetail)
    /// The channel name the rule went to, so the CLI can say where the rule was created.
    case eventRulesChanged(channel: String)
    /// `stop` completed: the data is on disk; per channel, what was lost.
    case stopped([ChannelInfo])
    case tracepoints([AppTracepoints])
    case sessionConfigurations([SessionConfiguration])
    /// `loadSessions` changed nothing: `error` is why the session `session` could not be loaded.
    case sessionLoadFailed(session: String, error: SpoorError)
    case crashReports([CrashReport])
    /// The name of the trigger `addTrigger` added.
    case triggerAdded(name: String)
    case triggers([TriggerListing])
    /// A trigger fired: one per frame on a subscribed connection.
    case notification(TriggerNotification)
    /// A rotation under way or done (`rotate`; `destroy` when it archived the last chunk).
    case rotation(RotationInfo)
    /// The rotation asked about (nil when the session was never rotated) and the schedules.
    case rotationStatus(RotationInfo?, RotationSchedules)
    /// A session's snapshot outputs, or the one `addSnapshotOutput` added.
    case snapshotOutputs([SnapshotOutput])
    /// `recordSnapshot` wrote the snapshot in `directory`.
    case snapshotRecorded(directory: String)
}

extension ControlRequest: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        let tag: UInt8 = try reader.read()
        switch tag {
        case 0: self = .version
        case 1: self = .createSession(name: try reader.read(String?.self), outputPath: try reader.read(String?.self))
        case 2: self = .destroySession(name: try reader.read())
        case 3: self = .listSessions
        case 4: self = .sessionDetail(name: try reader.read())
        case 5: self = .enableChannel(session: try reader.read(), attributes: try reader.read())
        case 6: self = .disableChannel(session: try reader.read(), channel: try reader.read())
        case 7:
            self = .enableEvent(
                session: try reader.read(), channel: try reader.read(String?.self),
                rules: try reader.read([EventRule].self))
        case 8:
            self = .disableEvent(
                session: try reader.read(), channel: try reader.read(String?.self),
                patterns: try reader.readStrings(), all: try reader.read())
        case 9: self = .startSession(name: try reader.read())
        case 10: self = .stopSession(name: try reader.read())
        case 11: self = .listTracepoints
        case 12, 13:
            let session: String = try reader.read()
            let attribute = try ProcessAttribute.decode(try reader.read())
            let hasValues: Bool = try reader.read()
            var values: [Int64]?
            if hasValues {
                let count = try reader.readCount("tracker values")
                guard count * 8 <= reader.remaining else { throw .truncated }
                values = []
                for _ in 0..<count { values?.append(try reader.read(Int64.self)) }
            }
            self = tag == 12
                ? .track(session: session, attribute: attribute, values: values)
                : .untrack(session: session, attribute: attribute, values: values)
        case 14:
            self = .addContext(
                session: try reader.read(), channel: try reader.read(String?.self), contexts: try reader.readStrings())
        case 15: self = .sessionConfigurations(name: try reader.read(String?.self))
        case 16:
            self = .loadSessions(try reader.read([SessionConfiguration].self), overwrite: try reader.read())
        case 17: self = .clearSession(name: try reader.read())
        case 18: self = .regenerateMetadata(session: try reader.read())
        case 19: self = .regenerateStatedump(session: try reader.read())
        case 32: self = .reportCrash(try reader.read())
        case 33: self = .crashReports
        case 29:
            self = .addTrigger(
                name: try reader.read(String?.self), ownerUID: try reader.readOptionalUID(),
                condition: try reader.read(), actions: try reader.read([TriggerAction].self))
        case 30: self = .listTriggers
        case 31: self = .removeTrigger(name: try reader.read(), ownerUID: try reader.readOptionalUID())
        case 34: self = .subscribeNotifications(try reader.read())
        case 20: self = .rotateSession(name: try reader.read())
        case 21: self = .enableRotation(session: try reader.read(), schedule: try reader.read())
        case 22: self = .disableRotation(session: try reader.read(), kind: try reader.read())
        case 23: self = .rotationStatus(session: try reader.read(), chunkID: try reader.read(UInt64?.self))
        case 24:
            self = .createSnapshotSession(
                name: try reader.read(String?.self), outputPath: try reader.read(String?.self),
                hasOutput: try reader.read())
        case 25: self = .addSnapshotOutput(session: try reader.read(), output: try reader.read())
        case 26: self = .deleteSnapshotOutput(session: try reader.read(), output: try reader.read())
        case 27: self = .listSnapshotOutputs(session: try reader.read())
        case 28: self = .recordSnapshot(session: try reader.read(), output: try reader.read())
        default: throw .invalidValue("control request \(tag)")
        }
    }

    public func encode(to writer: inout WireWriter) {
        switch self {
        case .version: writer.write(UInt8(0))
        case .createSession(let name, let outputPath):
            writer.write(UInt8(1))
            writer.write(name)
            writer.write(outputPath)
        case .destroySession(let name):
            writer.write(UInt8(2))
            writer.write(name)
        case .listSessions: writer.write(UInt8(3))
        case .sessionDetail(let name):
            writer.write(UInt8(4))
            writer.write(name)
        case .enableChannel(let session, let attributes):
            writer.write(UInt8(5))
            writer.write(session)
            writer.write(attributes)
        case .disableChannel(let session, let channel):
            writer.write(UInt8(6))
            writer.write(session)
            writer.write(channel)
        case .enableEvent(let session, let channel, let rules):
            writer.write(UInt8(7))
            writer.write(session)
            writer.write(channel)
            writer.write(rules)
        case .disableEvent(let session, let channel, let patterns, let all):
            writer.write(UInt8(8))
            writer.write(session)
            writer.write(channel)
            writer.writeStrings(patterns)
            writer.write(all)
        case .startSession(let name):
            writer.write(UInt8(9))
            writer.write(name)
        case .stopSession(let name):
            writer.write(UInt8(10))
            writer.write(name)
        case .listTracepoints: writer.write(UInt8(11))
        case .track(let session, let attribute, let values), .untrack(let session, let attribute, let values):
            if case .track = self { writer.write(UInt8(12)) } else { writer.write(UInt8(13)) }
            writer.write(session)
            writer.write(attribute.rawValue)
            writer.write(values != nil)
            if let values {
                writer.write(UInt32(values.count))
                for value in values { writer.write(value) }
            }
        case .addContext(let session, let channel, let contexts):
            writer.write(UInt8(14))
            writer.write(session)
            writer.write(channel)
            writer.writeStrings(contexts)
        case .sessionConfigurations(let name):
            writer.write(UInt8(15))
            writer.write(name)
        case .loadSessions(let configurations, let overwrite):
            writer.write(UInt8(16))
            writer.write(configurations)
            writer.write(overwrite)
        case .clearSession(let name):
            writer.write(UInt8(17))
            writer.write(name)
        case .regenerateMetadata(let session):
            writer.write(UInt8(18))
            writer.write(session)
        case .regenerateStatedump(let session):
            writer.write(UInt8(19))
            writer.write(session)
        case .reportCrash(let report):
            writer.write(UInt8(32))
            writer.write(report)
        case .crashReports: writer.write(UInt8(33))
        case .addTrigger(let name, let ownerUID, let condition, let actions):
            writer.write(UInt8(29))
            writer.write(name)
            writer.writeOptionalUID(ownerUID)
            writer.write(condition)
            writer.write(actions)
        case .listTriggers: writer.write(UInt8(30))
        case .removeTrigger(let name, let ownerUID):
            writer.write(UInt8(31))
            writer.write(name)
            writer.writeOptionalUID(ownerUID)
        case .subscribeNotifications(let subscription):
            writer.write(UInt8(34))
            writer.write(subscription)
        case .rotateSession(let name):
            writer.write(UInt8(20))
            writer.write(name)
        case .enableRotation(let session, let schedule):
            writer.write(UInt8(21))
            writer.write(session)
            writer.write(schedule)
        case .disableRotation(let session, let kind):
            writer.write(UInt8(22))
            writer.write(session)
            writer.write(kind)
        case .rotationStatus(let session, let chunkID):
            writer.write(UInt8(23))
            writer.write(session)
            writer.write(chunkID)
        case .createSnapshotSession(let name, let outputPath, let hasOutput):
            writer.write(UInt8(24))
            writer.write(name)
            writer.write(outputPath)
            writer.write(hasOutput)
        case .addSnapshotOutput(let session, let output):
            writer.write(UInt8(25))
            writer.write(session)
            writer.write(output)
        case .deleteSnapshotOutput(let session, let output):
            writer.write(UInt8(26))
            writer.write(session)
            writer.write(output)
        case .listSnapshotOutputs(let session):
            writer.write(UInt8(27))
            writer.write(session)
        case .recordSnapshot(let session, let output):
            writer.write(UInt8(28))
            writer.write(session)
            writer.write(output)
        }
    }
}

extension ControlReply: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        let tag: UInt8 = try reader.read()
        switch tag {
        case 0: self = .ok
        case 1: self = .error(try reader.read())
        case 2: self = .version(try reader.read())
        case 3: self = .sessionCreated(try reader.read())
        case 4: self = .sessions(try reader.read([SessionSummary].self))
        case 5: self = .sessionDetail(try reader.read())
        case 6: self = .eventRulesChanged(channel: try reader.read())
        case 7: self = .stopped(try reader.read([ChannelInfo].self))
        case 8: self = .tracepoints(try reader.read([AppTracepoints].self))
        case 9: self = .sessionConfigurations(try reader.read([SessionConfiguration].self))
        case 10: self = .sessionLoadFailed(session: try reader.read(), error: try reader.read())
        case 17: self = .crashReports(try reader.read([CrashReport].self))
        case 15: self = .triggerAdded(name: try reader.read())
        case 16: self = .triggers(try reader.read([TriggerListing].self))
        case 18: self = .notification(try reader.read())
        case 11: self = .rotation(try reader.read())
        case 12: self = .rotationStatus(try reader.read(RotationInfo?.self), try reader.read())
        case 13: self = .snapshotOutputs(try reader.read([SnapshotOutput].self))
        case 14: self = .snapshotRecorded(directory: try reader.read())
        default: throw .invalidValue("control reply \(tag)")
        }
    }

    public func encode(to writer: inout WireWriter) {
        switch self {
        case .ok: writer.write(UInt8(0))
        case .error(let error):
            writer.write(UInt8(1))
            writer.write(error)
        case .version(let text):
            writer.write(UInt8(2))
            writer.write(text)
        case .sessionCreated(let summary):
            writer.write(UInt8(3))
            writer.write(summary)
        case .sessions(let sessions):
            writer.write(UInt8(4))
            writer.write(sessions)
        case .sessionDetail(let detail):
            writer.write(UInt8(5))
            writer.write(detail)
        case .eventRulesChanged(let channel):
            writer.write(UInt8(6))
            writer.write(channel)
        case .stopped(let channels):
            writer.write(UInt8(7))
            writer.write(channels)
        case .tracepoints(let apps):
            writer.write(UInt8(8))
            writer.write(apps)
        case .sessionConfigurations(let configurations):
            writer.write(UInt8(9))
            writer.write(configurations)
        case .sessionLoadFailed(let session, let error):
            writer.write(UInt8(10))
            writer.write(session)
            writer.write(error)
        case .crashReports(let reports):
            writer.write(UInt8(17))
            writer.write(reports)
        case .triggerAdded(let name):
            writer.write(UInt8(15))
            writer.write(name)
        case .triggers(let listings):
            writer.write(UInt8(16))
            writer.write(listings)
        case .notification(let notification):
            writer.write(UInt8(18))
            writer.write(notification)
        case .rotation(let info):
            writer.write(UInt8(11))
            writer.write(info)
        case .rotationStatus(let info, let schedules):
            writer.write(UInt8(12))
            writer.write(info)
            writer.write(schedules)
        case .snapshotOutputs(let outputs):
            writer.write(UInt8(13))
            writer.write(outputs)
        case .snapshotRecorded(let directory):
            writer.write(UInt8(14))
            writer.write(directory)
        }
    }
}

extension WireWriter {
    public mutating func writeStrings(_ values: [String]) {
        write(UInt32(values.count))
        for value in values { write(value) }
    }
}

extension WireReader {
    public mutating func readStrings() throws(WireError) -> [String] {
        let count = try readCount("string array")
        guard count <= remaining else { throw .truncated }
        var values: [String] = []
        for _ in 0..<count { values.append(try read() as String) }
        return values
    }
}

extension CrashReport: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        self.init(
            pid: try reader.read(), uid: try reader.read(), gid: try reader.read(), signal: try reader.read(),
            time: try reader.read(), processName: try reader.read(), executablePath: try reader.read())
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(pid)
        writer.write(uid)
        writer.write(gid)
        writer.write(signal)
        writer.write(time)
        writer.write(processName)
        writer.write(executablePath)
    }
}
