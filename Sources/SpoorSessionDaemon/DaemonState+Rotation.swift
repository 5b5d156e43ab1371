import CSpoorShims
import SpoorConsumer
import SpoorCTF
import SpoorModel
import SpoorPosix

/// A session's trace chunks and rotations (lttng-concepts(7), "Recording session rotation").
///
/// Until the first rotation the current chunk is the output directory itself (`OUTPUT/ust/…`).
/// A rotation archives it as `OUTPUT/archives/BEGIN-END-ID` and goes on in `OUTPUT/BEGIN-ID`, a
/// chunk directory that is in turn renamed into `archives` by the next rotation (or by
/// `destroy`), as LTTng 2.13 lays them out.
final class SessionRotation {
    var schedules = RotationSchedules()
    /// The id of the current trace chunk: 0 until the first rotation.
    var chunkID: UInt64 = 0
    /// When the current chunk began (seconds since the epoch): the first start, then each rotation.
    var chunkBegin: Int64?
    /// The current chunk's directory; nil while it is the output directory (chunk 0).
    var chunkDirectory: String?
    /// The rotation whose old chunk is still being written, at most one.
    var pending: PendingRotation?
    /// The latest rotation that ended.
    var last: RotationInfo?
    /// Set by a rotation of an inactive session, cleared by `start`: LTTng rotates an inactive
    /// session once.
    var hasRotatedWhileInactive = false
    /// Monotonic time of the next periodic rotation (`--timer`).
    var nextPeriodicRotation: UInt64?

    /// Called by `start`.
    func sessionStarted(at now: Int64, monotonic: UInt64) {
        if chunkBegin == nil { chunkBegin = now }
        hasRotatedWhileInactive = false
        if let period = schedules.periodMicroseconds, nextPeriodicRotation == nil {
            nextPeriodicRotation = monotonic + period * 1000
        }
    }
}

/// A rotation whose old chunk the streams are still completing.
struct PendingRotation {
    var info: RotationInfo
    /// The old chunk's data: `OUTPUT/ust` for chunk 0, else its chunk directory.
    var source: String
    /// The old chunk's metadata files, closed once every stream has moved on.
    var metadata: [AppendFile]
    var streams: [StreamConsumer]
    /// Monotonic time after which incomplete old packets are given up (dead writers).
    var abandonAfter: UInt64
}

extension Session {
    /// Where the current trace chunk's traces go.
    var currentChunkDirectory: String { rotation.chunkDirectory ?? outputPath }
}

extension DaemonState {
    // MARK: rotate

    /// `lttng rotate` (lttng-rotate(1)): starts archiving the current trace chunk and answers at
    /// once; `rotationStatus` says when the archive is complete.
    mutating func rotate(_ name: String, uid: UInt32) throws(SpoorError) -> RotationInfo {
        let session = try session(name, for: uid)
        guard session.hasBeenStarted else { throw SpoorError(.sessionNeverStarted) }
        guard session.rotation.pending == nil else { throw SpoorError(.rotationPending) }
        guard session.isActive || !session.rotation.hasRotatedWhileInactive else {
            throw SpoorError(.rotationAfterStopAlreadyDone)
        }
        return try beginRotation(of: session)
    }

    private mutating func beginRotation(of session: Session) throws(SpoorError) -> RotationInfo {
        let rotation = session.rotation
        let now = Clock.unixSeconds
        let oldRoot = session.currentChunkDirectory
        let oldID = rotation.chunkID
        let archive = TraceChunkName.archive(
            begin: LocalTime.iso8601Basic(rotation.chunkBegin ?? now), end: LocalTime.iso8601Basic(now), id: oldID)
        let newRoot = session.outputPath + "/" + TraceChunkName.current(begin: LocalTime.iso8601Basic(now), id: oldID + 1)
        var metadata: [AppendFile] = []
        var streams: [StreamConsumer] = []
        do {
            try FileSystem.makeDirectories(newRoot)
            for trace in session.traces.values {
                let relative = String(trace.directory.dropFirst(oldRoot.count))
                let directory = newRoot + relative
                try FileSystem.makeDirectories(directory)
                // The new chunk's metadata declares everything declared so far: both are
                // written under the daemon's lock, so no record of the new chunk can use a
                // declaration missing from it.
                let file = try AppendFile(creating: directory + "/metadata")
                if let description = trace.description {
                    let text = TSDL.preamble(description) + trace.declarations.joined()
                    try file.append(MetadataPacket.packets(text: Array(text.utf8), uuid: trace.uuid))
                }
                metadata.append(trace.metadata)
                trace.metadata = file
                trace.directory = directory
                for stream in trace.allStreams {
                    try stream.beginRotation(to: directory) { cspoor_monotonic_ns() }
                    streams.append(stream)
                }
            }
        } catch {
            throw SpoorError(.outputError, "cannot start trace chunk \(newRoot): \(error)")
        }
        let info = RotationInfo(
            session: session.name, chunkID: oldID, state: .ongoing,
            archivePath: session.outputPath + "/archives/" + archive)
        rotation.pending = PendingRotation(
            info: info, source: oldID == 0 ? oldRoot + "/ust" : oldRoot, metadata: metadata, streams: streams,
            abandonAfter: Clock.monotonicNanoseconds + 2_000_000_000)
        rotation.chunkID = oldID + 1
        rotation.chunkBegin = now
        rotation.chunkDirectory = newRoot
        if !session.isActive { rotation.hasRotatedWhileInactive = true }
        // The traces of ended processes are in the old chunk, which `clear` must not touch.
        session.endedTraceDirectories = []
        logger.info("rotating session \(session.name): chunk \(oldID) to \(info.archivePath)")
        advanceRotation(of: session)
        return rotation.pending?.info ?? rotation.last ?? info
    }

    /// Bytes the session's streams have written to the current chunk (the packets of the old
    /// chunk written after a rotation began do not count).
    private func bytesWrittenInCurrentChunk(by session: Session) -> UInt64 {
        session.traces.values.reduce(0) { total, trace in
            total + trace.allStreams.reduce(0) { $0 + $1.bytesWrittenInCurrentChunk }
        }
    }

    /// Moves the session's pending rotation on: once every stream has written its last packet
    /// of the old chunk, closes the old chunk's files and renames it into `archives`.
    mutating func advanceRotation(of session: Session) {
        guard var pending = session.rotation.pending else { return }
        let abandoning = Clock.monotonicNanoseconds >= pending.abandonAfter
        var remaining: [StreamConsumer] = []
        for stream in pending.streams {
            do {
                if try !stream.continueRotation(abandoningIncompletePackets: abandoning) { remaining.append(stream) }
            } catch {
                logger.error("rotating stream \(stream.dataPath): \(error)")
                remaining.append(stream)
            }
        }
        pending.streams = remaining
        guard remaining.isEmpty else {
            session.rotation.pending = pending
            return
        }
        for file in pending.metadata { file.close() }
        var info = pending.info
        do {
            let archive = info.archivePath
            try FileSystem.makeDirectories(archive)
            if FileSystem.exists(pending.source) {
                try FileSystem.move(pending.source, to: pending.info.chunkID == 0 ? archive + "/ust" : archive)
            }
            info.state = .completed
        } catch {
            logger.error("archiving \(pending.source): \(error)")
            info.state = .error
        }
        session.rotation.pending = nil
        session.rotation.last = info
        logger.info("session \(session.name): trace chunk archived at \(info.archivePath)")
    }

    /// Where rotation `chunkID` (nil: the latest) of the session stands, and its schedules.
    mutating func rotationStatus(_ name: String, chunkID: UInt64?, uid: UInt32) throws(SpoorError)
        -> (RotationInfo?, RotationSchedules)
    {
        let session = try session(name, for: uid)
        advanceRotation(of: session)
        let rotation = session.rotation
        let latest = rotation.pending?.info ?? rotation.last
        guard let chunkID, let latest, latest.chunkID != chunkID else { return (latest, rotation.schedules) }
        return (
            RotationInfo(session: name, chunkID: chunkID, state: .expired, archivePath: ""), rotation.schedules
        )
    }

    // MARK: Schedules

    /// `lttng enable-rotation` (lttng-enable-rotation(1)).
    mutating func enableRotation(_ schedule: RotationSchedule, in name: String, uid: UInt32) throws(SpoorError) {
        let session = try session(name, for: uid)
        var schedules = session.rotation.schedules
        switch schedule {
        case .periodic(let microseconds):
            guard microseconds > 0, microseconds <= RotationSchedule.maximumPeriodMicroseconds else {
                throw SpoorError(.invalidArgument, "rotation period \(microseconds) us")
            }
            guard schedules.periodMicroseconds == nil else { throw SpoorError(.rotationScheduleConflict) }
            schedules.periodMicroseconds = microseconds
        case .sizeThreshold(let bytes):
            guard bytes > 0 else { throw SpoorError(.invalidArgument, "rotation size threshold 0") }
            guard schedules.sizeThresholdBytes == nil else { throw SpoorError(.rotationScheduleConflict) }
            schedules.sizeThresholdBytes = bytes
        }
        try setRotationSchedules(schedules, of: session)
    }

    /// `lttng disable-rotation` (lttng-disable-rotation(1)).
    mutating func disableRotation(_ kind: RotationScheduleKind, in name: String, uid: UInt32) throws(SpoorError) {
        let session = try session(name, for: uid)
        var schedules = session.rotation.schedules
        switch kind {
        case .periodic:
            guard schedules.periodMicroseconds != nil else { throw SpoorError(.rotationScheduleConflict) }
            schedules.periodMicroseconds = nil
        case .sizeThreshold:
            guard schedules.sizeThresholdBytes != nil else { throw SpoorError(.rotationScheduleConflict) }
            schedules.sizeThresholdBytes = nil
        }
        try setRotationSchedules(schedules, of: session)
    }

    /// Replaces the session's schedules (also what `load` restores).
    mutating func setRotationSchedules(_ schedules: RotationSchedules, of session: Session) throws(SpoorError) {
        let rotation = session.rotation
        if let period = schedules.periodMicroseconds {
            guard period > 0, period <= RotationSchedule.maximumPeriodMicroseconds else {
                throw SpoorError(.invalidArgument, "rotation period \(period) us")
            }
            if rotation.schedules.periodMicroseconds != period {
                rotation.nextPeriodicRotation = Clock.monotonicNanoseconds + period * 1000
            }
        } else {
            rotation.nextPeriodicRotation = nil
        }
        if schedules.sizeThresholdBytes == 0 { throw SpoorError(.invalidArgument, "rotation size threshold 0") }
        rotation.schedules = schedules
    }

    /// Runs the rotation schedules of every session and moves pending rotations on. Returns
    /// how long the caller may sleep before the next call, in milliseconds.
    mutating func runRotations() -> Int {
        let now = Clock.monotonicNanoseconds
        var sleep = 50
        for session in Array(sessions.values) {
            let rotation = session.rotation
            if rotation.pending != nil { advanceRotation(of: session) }
            guard session.isActive, rotation.pending == nil else {
                if rotation.pending != nil { sleep = 2 }
                continue
            }
            var isDue = false
            if let period = rotation.schedules.periodMicroseconds, let next = rotation.nextPeriodicRotation {
                if now >= next {
                    isDue = true
                    rotation.nextPeriodicRotation = now + period * 1000
                } else {
                    sleep = min(sleep, Int((next - now) / 1_000_000) + 1)
                }
            }
            if let threshold = rotation.schedules.sizeThresholdBytes,
                bytesWrittenInCurrentChunk(by: session) >= threshold
            {
                isDue = true
            }
            guard isDue else { continue }
            do {
                _ = try beginRotation(of: session)
                sleep = 2
            } catch {
                logger.error("automatic rotation of session \(session.name): \(error)")
            }
        }
        return sleep
    }

    // MARK: destroy

    /// `lttng destroy`: as LTTng, a session rotated at least once has its last chunk archived
    /// too, and the answer says where.
    mutating func destroyArchivingLastChunk(_ name: String, uid: UInt32) throws(SpoorError) -> RotationInfo? {
        let session = try session(name, for: uid)
        try destroySession(name, uid: uid)
        let rotation = session.rotation
        // The streams are closed, so a pending rotation ends at once.
        advanceRotation(of: session)
        guard rotation.chunkID > 0, let source = rotation.chunkDirectory else { return nil }
        let now = Clock.unixSeconds
        var info = RotationInfo(
            session: name, chunkID: rotation.chunkID, state: .completed,
            archivePath: session.outputPath + "/archives/"
                + TraceChunkName.archive(
                    begin: LocalTime.iso8601Basic(rotation.chunkBegin ?? now), end: LocalTime.iso8601Basic(now),
                    id: rotation.chunkID))
        do {
            try FileSystem.makeDirectories(session.outputPath + "/archives")
            try FileSystem.move(source, to: info.archivePath)
        } catch {
            logger.error("archiving \(source): \(error)")
            info.state = .error
        }
        return info
    }
}
