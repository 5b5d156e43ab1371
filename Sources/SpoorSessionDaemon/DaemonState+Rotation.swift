import SpoorCTF
import SpoorConsumer
import SpoorModel
import SpoorPosix
import SpoorSessionCore

extension Session {
    /// Where the current trace chunk's traces go.
    var currentChunkDirectory: String { chunks.chunkDirectory ?? outputPath }
}

extension DaemonState {
    // MARK: rotate

    /// Archives chunk `transition.oldID`. For an active session: creates the next chunk's
    /// directory and metadata and sends each stream's packets from its open one on to it; the
    /// rest is done by `advanceRotation` as the streams finish the old chunk. An inactive
    /// session has written everything already: its chunk is archived at once, and the next one
    /// is created when it starts (`openChunkAtStart`), as LTTng does.
    ///
    /// `prepared` holds the next chunk's metadata files made outside the lock; what it lacks is
    /// made here.
    mutating func carryOut(
        _ transition: RotationStateMachine.Transition, of session: Session, prepared: PreparedChunk?
    ) throws(SpoorError) -> RotationInfo {
        let rotation = session.chunks
        let oldRoot = session.currentChunkDirectory
        let archive = TraceChunkName.archive(
            begin: LocalTime.iso8601Basic(transition.begin), end: LocalTime.iso8601Basic(transition.end),
            id: transition.oldID)
        var metadata: [AppendFile] = []
        var streams: [StreamConsumer] = []
        if transition.opensNextChunk {
            let newRoot =
                session.outputPath + "/"
                + TraceChunkName.current(begin: LocalTime.iso8601Basic(transition.end), id: transition.newID)
            do {
                (metadata, streams) = try openChunk(newRoot, of: session, prepared: prepared)
            } catch {
                session.lifecycle.rotation.rotationAbandoned(transition)
                throw error
            }
            rotation.chunkDirectory = newRoot
        } else {
            // Stopped: the buffers are drained and nothing declares metadata until the next
            // start, which moves the streams to the next chunk; the old files stay unused.
            for trace in session.traces.values {
                for stream in trace.allStreams { _ = try? stream.drain() }
                trace.metadataFile.close()
            }
        }
        let info = RotationInfo(
            session: session.name, chunkID: transition.oldID, state: .ongoing,
            archivePath: session.outputPath + "/archives/" + archive)
        rotation.pending = PendingRotation(
            info: info, source: transition.isFirst ? oldRoot + "/ust" : oldRoot, metadata: metadata,
            streams: streams, abandonAfter: clock.monotonicNanoseconds + timeouts.rotationAbandon.wholeNanoseconds)
        // The traces of ended processes are in the old chunk, which `clear` must not touch.
        session.endedTraceDirectories = []
        logger.info("rotating session \(session.name): chunk \(transition.oldID) to \(info.archivePath)")
        rotationBegan(of: session, chunkID: transition.oldID)
        advanceRotation(of: session)
        return rotation.pending?.info ?? rotation.last ?? info
    }

    /// Creates chunk directory `newRoot` with each trace's directory and metadata, and starts
    /// moving every stream there. Returns the old metadata files (to close once the streams
    /// have moved) and the streams that started moving.
    private mutating func openChunk(_ newRoot: String, of session: Session, prepared: PreparedChunk? = nil)
        throws(SpoorError) -> (metadata: [AppendFile], streams: [StreamConsumer])
    {
        let oldRoot = session.currentChunkDirectory
        var metadata: [AppendFile] = []
        var streams: [StreamConsumer] = []
        var taken: Set<TraceOwner> = []
        defer { prepared?.close(except: taken) }
        do {
            try FileSystem.makeDirectories(newRoot)
            // Every new metadata file is written before any stream moves, so a failure leaves
            // the session in its old chunk.
            var files: [(TraceBuffers, AppendFile, String)] = []
            for trace in session.traces.values {
                let directory = newRoot + String(trace.directory.dropFirst(oldRoot.count))
                // The new chunk's metadata declares everything declared so far: a file made
                // outside the lock gets what was declared since, under it, so no record of the
                // new chunk can use a declaration missing from it.
                if prepared?.root == newRoot, let made = prepared?.files[trace.owner], made.directory == directory {
                    taken.insert(trace.owner)
                    try made.file.append(trace.metadata.packets(ofDeclarationsFrom: made.declarationCount))
                    files.append((trace, made.file, directory))
                    continue
                }
                // A trace that joined meanwhile (an app registered): made here.
                try FileSystem.makeDirectories(directory)
                let file = try trace.writeWholeMetadata(to: directory + "/metadata")
                files.append((trace, file, directory))
            }
            for (trace, file, directory) in files {
                metadata.append(trace.metadataFile)
                trace.metadataFile = file
                trace.directory = directory
                for stream in trace.allStreams {
                    try stream.beginRotation(to: directory) { clock.monotonicNanoseconds }
                    streams.append(stream)
                }
            }
        } catch {
            guard !streams.isEmpty else {
                throw SpoorError(.outputError, "cannot start trace chunk \(newRoot): \(error)", underlying: error)
            }
            // Some streams have moved already: the rotation goes on with them, so that it ends.
            logger.error("trace chunk \(newRoot): \(error)")
        }
        return (metadata, streams)
    }

    /// Called by `start`: after a rotation of the inactive session, decides its next chunk,
    /// named after the start (`OUTPUT/BEGIN-ID`), for the worker to prepare outside the lock.
    mutating func chunkAtStart(of session: Session) -> ChunkPlan? {
        let now = clock.unixSeconds
        guard let id = session.lifecycle.rotation.sessionStarted(at: now, monotonic: clock.monotonicNanoseconds)
        else { return nil }
        // The previous rotation archived the old chunk at once; its streams are drained.
        advanceRotation(of: session, archivingNow: true)
        return planChunk(
            root: session.outputPath + "/" + TraceChunkName.current(begin: LocalTime.iso8601Basic(now), id: id),
            of: session)
    }

    /// Called by `start` once `chunk` (from `chunkAtStart`) is prepared: moves the streams
    /// there.
    mutating func openChunkAtStart(of session: Session, _ chunk: ChunkPlan?, prepared: PreparedChunk?)
        throws(SpoorError)
    {
        guard let newRoot = chunk?.root else { return }
        let (metadata, streams) = try openChunk(newRoot, of: session, prepared: prepared)
        session.chunks.chunkDirectory = newRoot
        for stream in streams {
            do {
                if try !stream.continueRotation(abandoningIncompletePackets: true) {
                    logger.error("stream \(stream.dataPath) did not move to chunk \(newRoot)")
                }
            } catch {
                logger.error("stream \(stream.dataPath): \(error)")
            }
        }
        for file in metadata { file.close() }
    }

    /// Bytes the session's streams have written to the current chunk (the packets of the old
    /// chunk written after a rotation began do not count).
    private func bytesWrittenInCurrentChunk(by session: Session) -> UInt64 {
        session.traces.values.reduce(0) { total, trace in
            total + trace.allStreams.reduce(0) { $0 + $1.bytesWrittenInCurrentChunk }
        }
    }

    /// Moves the session's pending rotation on: once every stream has written its last packet
    /// of the old chunk, closes the old chunk's files, and the chunk's rename into `archives`
    /// is due: the session's worker performs it outside the lock (`archiveIfDue`), or, with
    /// `archivingNow`, it is done here.
    mutating func advanceRotation(of session: Session, archivingNow: Bool = false) {
        guard var pending = session.chunks.pending else { return }
        if !pending.archiveDue {
            let abandoning = clock.monotonicNanoseconds >= pending.abandonAfter
            var remaining: [StreamConsumer] = []
            for stream in pending.streams {
                do {
                    if try !stream.continueRotation(abandoningIncompletePackets: abandoning) {
                        remaining.append(stream)
                    }
                } catch {
                    logger.error("rotating stream \(stream.dataPath): \(error)")
                    remaining.append(stream)
                }
            }
            pending.streams = remaining
            guard remaining.isEmpty else {
                session.chunks.pending = pending
                return
            }
            for file in pending.metadata { file.close() }
            pending.metadata = []
            pending.archiveDue = true
            session.chunks.pending = pending
        }
        guard archivingNow, let work = archiveWork(of: session) else { return }
        archived(work, succeeded: work.perform(logger: logger), of: session)
    }

    /// Before `clear`, which `SessionDaemon` lets wait for a pending rotation to end, so that
    /// the clear touches the current chunk only, never a chunk being archived. Returns whether
    /// there is a current chunk to clear (none after the rotation of an inactive session,
    /// until it starts).
    mutating func prepareClear(of session: Session) -> Bool {
        advanceRotation(of: session)
        return session.lifecycle.rotation.hasCurrentChunk || !session.lifecycle.rotation.hasRotated
    }

    /// Moves the session's pending rotation on (so that a client polling for its end sees it
    /// as soon as the streams allow), then says where rotation `chunkID` (nil: the latest)
    /// stands, and the session's schedules.
    mutating func advanceRotationAndDescribe(_ name: String, chunkID: UInt64?, uid: UInt32) throws(SpoorError)
        -> (RotationInfo?, RotationSchedules)
    {
        let session = try session(name, for: uid)
        advanceRotation(of: session)
        let rotation = session.chunks
        let latest = rotation.pending?.info ?? rotation.last
        let schedules = session.lifecycle.rotation.schedules
        guard let chunkID, let latest, latest.chunkID != chunkID else { return (latest, schedules) }
        return (RotationInfo(session: name, chunkID: chunkID, state: .expired, archivePath: ""), schedules)
    }

    // MARK: Schedules

    /// `lttng enable-rotation` (lttng-enable-rotation(1)).
    mutating func enableRotation(_ schedule: RotationSchedule, in name: String, uid: UInt32) throws(SpoorError) {
        let session = try session(name, for: uid)
        guard !session.isSnapshot else { throw SpoorError(.rotationNotAvailable, name) }
        try session.lifecycle.rotation.enable(schedule, monotonic: clock.monotonicNanoseconds)
    }

    /// `lttng disable-rotation` (lttng-disable-rotation(1)).
    mutating func disableRotation(_ kind: RotationScheduleKind, in name: String, uid: UInt32) throws(SpoorError) {
        try session(name, for: uid).lifecycle.rotation.disable(kind)
    }

    /// Replaces the session's schedules (what `load` restores).
    mutating func setRotationSchedules(_ schedules: RotationSchedules, of session: Session) throws(SpoorError) {
        try session.lifecycle.rotation.setSchedules(schedules, monotonic: clock.monotonicNanoseconds)
    }

    /// Runs the rotation schedules of `session` and moves its pending rotation on, on the
    /// rotation thread, when the session's worker is idle. Returns how long the caller may
    /// sleep before the next call, in milliseconds (at most 50), and the rotation a schedule
    /// decided, whose next chunk the caller prepares outside the lock before
    /// `finishScheduledRotation`.
    mutating func runRotations(ofSession name: String, worker: SessionWorker) -> (sleep: Int, step: RotationStep?) {
        guard let session = session(name, servedBy: worker) else { return (50, nil) }
        let rotation = session.chunks
        if rotation.pending != nil { advanceRotation(of: session) }
        guard rotation.pending == nil else { return (2, nil) }
        var sleep = 50
        let now = clock.monotonicNanoseconds
        if let next = session.lifecycle.rotation.nextPeriodicRotation, next > now {
            sleep = min(sleep, Int((next - now) / 1_000_000) + 1)
        }
        guard
            let transition = session.lifecycle.schedulesDue(
                chunkBytes: bytesWrittenInCurrentChunk(by: session), monotonic: now, now: clock.unixSeconds)
        else { return (sleep, nil) }
        return (2, RotationStep(transition: transition, chunk: planChunk(for: transition, of: session)))
    }

    /// Carries out a rotation `runRotations` decided, once its next chunk is prepared.
    mutating func finishScheduledRotation(
        ofSession name: String, worker: SessionWorker, _ step: RotationStep, prepared: PreparedChunk?
    ) {
        guard let session = session(name, servedBy: worker) else {
            prepared?.close(except: [])
            return
        }
        do {
            _ = try carryOut(step.transition, of: session, prepared: prepared)
        } catch {
            logger.error("automatic rotation of session \(session.name): \(error)")
        }
    }

    // MARK: destroy

    /// After `destroy` closed the session's streams (a pending rotation then ends at once): as
    /// LTTng, a session rotated at least once has its last chunk archived too; returns that
    /// rename, for the session's worker to perform.
    mutating func archiveLastChunk(of session: Session) -> LastChunkArchive? {
        let name = session.name
        advanceRotation(of: session, archivingNow: true)
        let machine = session.lifecycle.rotation
        guard machine.hasRotated, machine.hasCurrentChunk, let source = session.chunks.chunkDirectory else {
            return nil
        }
        let now = clock.unixSeconds
        let info = RotationInfo(
            session: name, chunkID: machine.chunkID, state: .completed,
            archivePath: session.outputPath + "/archives/"
                + TraceChunkName.archive(
                    begin: LocalTime.iso8601Basic(machine.chunkBegin ?? now), end: LocalTime.iso8601Basic(now),
                    id: machine.chunkID))
        // Renamed by the worker, outside the lock: the session has left the registry.
        let work = ArchiveWork(
            source: source, archivePath: info.archivePath, isFirst: false,
            archivesDirectory: session.outputPath + "/archives", emptyIfMissing: false)
        return LastChunkArchive(info: info, work: work)
    }
}
