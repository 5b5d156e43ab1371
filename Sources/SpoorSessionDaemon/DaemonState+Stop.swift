import SpoorConsumer
import SpoorModel
import SpoorSessionCore

/// The commands whose slow part runs outside the registry lock: each decides here, under the
/// lock, and returns the ``DaemonEffect``s that `SessionDaemon` hands to the ``EffectRunner``
/// on the session's worker; a second step, under the lock again, finishes when one is needed.
extension DaemonState {
    // MARK: stop

    /// `stop`, decided: the session stops recording at once; its buffers still hold what
    /// the returned effects write to disk (or keep, for a snapshot session).
    mutating func beginStop(_ name: String, uid: UInt32) throws(SpoorError) -> [DaemonEffect] {
        try beginStop(session(name, for: uid))
    }

    mutating func beginStop(_ session: Session) throws(SpoorError) -> [DaemonEffect] {
        try session.lifecycle.stop(session.name)
        let streams = session.traces.values.flatMap(\.allStreams)
        for stream in streams { stream.buffer.setRecording(false) }
        try pushDestinations()
        return session.isSnapshot
            ? [.flush(streams)] : [.drain(streams, timeout: timeouts.stopDrain, failing: true)]
    }

    /// `stop` with the drain under the lock: only for a session `load` created and removes
    /// again after a start failed, which no client has seen.
    mutating func stopHere(_ session: Session) throws(SpoorError) {
        try EffectRunner(timeouts: timeouts, clock: clock, logger: logger).perform(beginStop(session))
        logger.info("stopped session \(session.name)")
    }

    // MARK: destroy

    /// `destroy`, decided: an active session is stopped first; the returned effects drain it.
    mutating func beginDestroy(_ name: String, uid: UInt32) throws(SpoorError) -> [DaemonEffect] {
        let session = try session(name, for: uid)
        return session.isActive ? try beginStop(session) : []
    }

    /// `destroy`, once drained: closes the traces and forgets the session. As LTTng, a session
    /// rotated at least once has its last chunk archived too, and the answer says where.
    mutating func finishDestroy(_ name: String, uid: UInt32) throws(SpoorError)
        -> (archive: LastChunkArchive?, effects: [DaemonEffect])
    {
        let session = try session(name, for: uid)
        for trace in session.traces.values { close(trace) }
        sessions[name] = nil
        logger.info("destroyed session \(name)")
        let effects: [DaemonEffect] = session.isSnapshot ? [.removeTree(session.outputPath)] : []
        return (archiveLastChunk(of: session), effects)
    }

    // MARK: Ended processes

    /// An app ended: it leaves the registry, and nothing more is sent to it. Returns it (for
    /// `SessionDaemon` to close its socket outside the lock) and the sessions (name and
    /// worker) holding a per-process trace of it, drained on each session's worker.
    mutating func unregister(pid: Int32) -> (app: AppRecord, sessions: [(name: String, worker: SessionWorker)])? {
        guard let app = apps.removeValue(forKey: pid) else { return nil }
        app.isGone.store(true, ordering: .releasing)
        logger.info("app \(app.processName) (pid \(pid)) unregistered")
        return (app, sessions.values.filter { $0.traces[.process(pid)] != nil }.map { ($0.name, $0.worker) })
    }

    /// The session `name`, if it is still the one `worker` serves (not destroyed, nor created
    /// anew, while a command waited for the worker).
    func session(_ name: String, servedBy worker: SessionWorker) -> Session? {
        guard let session = sessions[name], session.worker === worker else { return nil }
        return session
    }

    /// Takes the per-process trace of `pid` out of the session's traces and stops its
    /// buffers; the returned effects write what its process recorded.
    mutating func detachProcessTrace(_ pid: Int32, ofSession name: String, worker: SessionWorker) -> [DaemonEffect] {
        guard let session = session(name, servedBy: worker),
            let trace = session.traces.removeValue(forKey: .process(pid))
        else { return [] }
        session.endingTraces[pid] = trace
        let streams = trace.allStreams
        for stream in streams { stream.buffer.setRecording(false) }
        return [.drain(streams, timeout: timeouts.unregisterDrain, failing: false)]
    }

    /// The drained per-process trace is closed; `clear` empties its files from now on.
    mutating func closeEndedTrace(_ pid: Int32, ofSession name: String, worker: SessionWorker) {
        guard let session = session(name, servedBy: worker),
            let trace = session.endingTraces.removeValue(forKey: pid)
        else { return }
        close(trace)
        session.endedTraceDirectories.append(trace.directory)
    }
}
