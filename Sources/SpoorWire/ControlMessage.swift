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
