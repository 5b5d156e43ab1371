import SpoorCTF
import SpoorConsumer
import SpoorModel
import SpoorPosix
import SpoorSessionCore


/// Snapshot mode (`lttng-snapshot(1)`, "Recording session modes" in `lttng-concepts(7)`): the
/// ring buffers of a snapshot session are never drained; their channels overwrite their oldest
/// packets, and `snapshot record` copies what they hold into a new directory of a snapshot
/// output, each time a complete CTF trace.
extension DaemonState {
    /// Where the daemon keeps the stream files of a snapshot session's buffers: none is ever
    /// written (the consumer does not drain them), but each stream keeps the files it opens.
    func snapshotBufferDirectory(name: String, creationTime: Int64) -> String {
        "\(paths.runDirectory)/snapshot-buffers/\(name)-\(LocalTime.compact(creationTime))"
    }

    /// `lttng create --snapshot`: a session whose default snapshot output (`snapshot-1`) is
    /// the trace output `create` would have chosen, unless `hasOutput` is false (`--no-output`).
    mutating func createSnapshotSession(
        name: String?, outputPath: String?, hasOutput: Bool, uid: UInt32
    ) throws(SpoorError) -> SessionSummary {
        let created = try createSession(name: name, outputPath: outputPath, uid: uid)
        let session = Session(
            name: created.name,
            outputPath: snapshotBufferDirectory(name: created.name, creationTime: created.creationTime),
            creationTime: created.creationTime, ownerUID: uid, isAutoNamed: name == nil)
        session.lifecycle = SessionLifecycle(mode: .snapshot)
        if hasOutput {
            session.snapshotOutputs = [
                SnapshotOutput(id: 1, name: SnapshotOutput.defaultName(id: 1), path: created.outputPath)
            ]
            session.nextSnapshotOutputID = 2
        }
        sessions[created.name] = session
        logger.info("created snapshot session \(created.name)")
        return session.summary
    }

    /// Creates the snapshot session a loaded configuration describes, with its outputs.
    mutating func createSnapshotSession(_ configuration: SessionConfiguration, uid: UInt32) throws(SpoorError) {
        _ = try createSnapshotSession(name: configuration.name, outputPath: nil, hasOutput: false, uid: uid)
        for output in configuration.snapshotOutputs {
            _ = try addSnapshotOutput(output, to: configuration.name, uid: uid)
        }
    }

    /// The session `name`, which must be in snapshot mode.
    func snapshotSession(_ name: String, for uid: UInt32) throws(SpoorError) -> Session {
        let session = try session(name, for: uid)
        guard session.isSnapshot else { throw SpoorError(.notSnapshotSession, name) }
        return session
    }

    /// `lttng snapshot add-output`: LTTng 2.13 allows one output per session.
    mutating func addSnapshotOutput(_ output: SnapshotOutput, to name: String, uid: UInt32) throws(SpoorError)
        -> SnapshotOutput
    {
        let session = try snapshotSession(name, for: uid)
        guard session.snapshotOutputs.isEmpty else { throw SpoorError(.snapshotOutputExists, name) }
        guard output.path.hasPrefix("/") else {
            throw SpoorError(.invalidArgument, "the snapshot output must be an absolute path: \(output.path)")
        }
        var added = output
        added.id = session.nextSnapshotOutputID
        added.path = FileSystem.normalize(output.path)
        if added.name.isEmpty { added.name = SnapshotOutput.defaultName(id: added.id) }
        session.nextSnapshotOutputID += 1
        session.snapshotOutputs.append(added)
        return added
    }

    /// `lttng snapshot del-output`: `output` is the output's id if it is a number, else its name.
    mutating func deleteSnapshotOutput(_ output: String, from name: String, uid: UInt32) throws(SpoorError)
        -> SnapshotOutput
    {
        let session = try snapshotSession(name, for: uid)
        let index =
            if let id = UInt32(output) {
                session.snapshotOutputs.firstIndex { $0.id == id }
            } else {
                session.snapshotOutputs.firstIndex { $0.name == output }
            }
        guard let index else { throw SpoorError(.invalidArgument) }
        return session.snapshotOutputs.remove(at: index)
    }

    /// `lttng snapshot record`, decided: what to copy where. The copy, which waits on the
    /// buffers, is the ``EffectRunner``'s; ``snapshotRecorded(_:of:uid:)`` ends it. The
    /// snapshot goes to `<output>/<NAME>-<YYYYMMDD>-<HHMMSS>-<N>/`, one trace per user (or
    /// process) as the trace output would hold them. Recording goes on undisturbed.
    ///
    /// `request` is a one-off output when it has a path; otherwise its name and size, when set,
    /// replace those of the session's output for this snapshot.
    func beginSnapshot(_ request: SnapshotOutput, of name: String, uid: UInt32) throws(SpoorError)
        -> SnapshotWork
    {
        let session = try snapshotSession(name, for: uid)
        guard session.hasBeenStarted else { throw SpoorError(.snapshotFailed, "Session needs to be started once") }
        var output: SnapshotOutput
        if !request.path.isEmpty {
            guard request.path.hasPrefix("/") else {
                throw SpoorError(.invalidArgument, "the snapshot output must be an absolute path: \(request.path)")
            }
            output = request
            output.id = 0
            output.path = FileSystem.normalize(request.path)
            if output.name.isEmpty { output.name = SnapshotOutput.defaultName(id: 0) }
        } else {
            guard let configured = session.snapshotOutputs.first else { throw SpoorError(.snapshotFailed) }
            output = configured
            if !request.name.isEmpty { output.name = request.name }
            if request.maxSize != 0 { output.maxSize = request.maxSize }
        }
        let sizing = session.channels.indices.map { index in
            SnapshotSizing.Channel(
                subbufferSize: session.channels[index].attributes.subbufferSize,
                subbufferCount: session.channels[index].attributes.subbufferCount,
                streamCount: UInt64(session.traces.values.reduce(0) { $0 + ($1.channels[index]?.streams.count ?? 0) }))
        }
        guard let packetLimit = SnapshotSizing.packetsPerStream(maxSize: output.maxSize, channels: sizing) else {
            throw SpoorError(.snapshotMaxSizeInvalid)
        }
        let directory = "\(output.path)/\(output.name)-\(LocalTime.compact(clock.unixSeconds))-\(session.snapshotCount)"
        let traces = session.traces.values.map { trace in
            SnapshotWork.Trace(
                target: directory + trace.directory.dropFirst(session.outputPath.count),
                metadata: trace.metadata.description == nil ? nil : trace.metadata.wholeMetadataCopy(),
                streams: trace.allStreams)
        }
        return SnapshotWork(sessionName: name, directory: directory, traces: traces, packetLimit: packetLimit)
    }

    /// The snapshot at `directory` is complete: the next one gets the next number.
    mutating func snapshotRecorded(_ directory: String, of name: String, uid: UInt32) throws(SpoorError) {
        try snapshotSession(name, for: uid).snapshotCount += 1
        logger.info("recorded a snapshot of session \(name) in \(directory)")
    }

    /// Deletes the private directory of a snapshot session's buffers, once its traces are closed.
    func removeSnapshotBuffers(of session: Session) {
        FileSystem.removeTree(session.outputPath)
    }}
