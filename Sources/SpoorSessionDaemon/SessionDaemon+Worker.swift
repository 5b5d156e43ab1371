import SpoorModel
import SpoorPosix
import SpoorWire

/// The commands of one session run on its worker (`SessionWorker`): ordered, one at a
/// time, and with their slow part (`DaemonEffect`) outside the registry lock, so that one
/// session's `stop`, `destroy`, `clear` or `snapshot record` never stalls another session,
/// another client or an app.
extension SessionDaemon {
    /// Carries out `request`, which acts on session `name`, on that session's worker.
    func handle(_ request: ControlRequest, onSession name: String, uid: UInt32) throws(SpoorError) -> ControlReply {
        let worker = try locked { (state) throws(SpoorError) in try state.session(name, for: uid).worker }
        return try worker.run { () throws(SpoorError) -> ControlReply in
            // The session may have been destroyed, or created anew, while this command waited.
            let current = try locked { (state) throws(SpoorError) in try state.session(name, for: uid).worker }
            guard current === worker else { throw SpoorError(.sessionNotFound, name) }
            // A command that finished a rotation's old chunk (`rotation-status`, `clear`, …)
            // leaves its archive rename to be done here, outside the lock.
            defer { archiveIfDue(name, worker: worker) }
            switch request {
            case .stopSession: return .stopped(try stop(name, uid: uid))
            case .destroySession: return try destroy(name, uid: uid).map { .rotation($0) } ?? .ok
            case .clearSession:
                try clear(name, uid: uid)
                return .ok
            case .recordSnapshot(_, let output):
                return .snapshotRecorded(directory: try recordSnapshot(output, of: name, uid: uid))
            case .regenerateMetadata:
                try regenerateMetadata(name, uid: uid)
                return .ok
            case .rotateSession:
                return .rotation(try rotate(name, uid: uid))
            case .startSession:
                // A rotation of the stopped session may still be archiving its chunk.
                try waitForPendingRotation(of: name, uid: uid)
                try start(name, uid: uid)
                return .ok
            default:
                return try handleUnderLock(request, uid: uid)
            }
        }
    }

    /// `stop`: answers once every complete record is on disk, as LTTng's does.
    private func stop(_ name: String, uid: UInt32) throws(SpoorError) -> [ChannelInfo] {
        try runner.perform(locked { (state) throws(SpoorError) in try state.beginStop(name, uid: uid) })
        logger.info("stopped session \(name)")
        return try locked { (state) throws(SpoorError) in try state.session(name, for: uid).channelInfos() }
    }

    /// `start`: the chunk it opens after a rotation while stopped, and the traces its apps need
    /// (directories, metadata, shared memory, eventfds), are made outside the registry lock,
    /// then published and mapped into the apps under it.
    private func start(_ name: String, uid: UInt32) throws(SpoorError) {
        let chunk = try locked { (state) throws(SpoorError) in try state.beginStart(name, uid: uid) }
        let prepared = chunk?.prepare()
        let plans = try state.withLock { (state) throws(SpoorError) in
            try state.claimStartTraces(name, uid: uid, chunk, prepared: prepared)
        }
        let created = TraceFactory.make(plans)
        try state.withLock { (state) throws(SpoorError) in try state.finishStart(name, uid: uid, created: created) }
    }

    /// `rotate`: the next chunk's directories and metadata files are made outside the registry
    /// lock, between the decision and the streams' move.
    private func rotate(_ name: String, uid: UInt32) throws(SpoorError) -> RotationInfo {
        let step = try locked { (state) throws(SpoorError) in try state.beginRotate(name, uid: uid) }
        let prepared = step.chunk?.prepare()
        let (info, worker) = try state.withLock { (state) throws(SpoorError) in
            (try state.finishRotate(name, uid: uid, step, prepared: prepared), try state.session(name, for: uid).worker)
        }
        // A stopped session's chunk is archived at once: the answer says so.
        guard archiveIfDue(name, worker: worker) else { return info }
        return state.withLock { state in
            state.session(name, servedBy: worker)?.chunks.last.flatMap { $0.chunkID == info.chunkID ? $0 : nil }
        } ?? info
    }

    /// Renames the old chunk of session `name`'s rotation into `archives`, outside the
    /// registry lock, if every stream has finished it; whether it did. Runs on the session's
    /// worker (`worker`), so that no other command of the session sees the rename half done.
    @discardableResult
    func archiveIfDue(_ name: String, worker: SessionWorker) -> Bool {
        guard let work = state.withLock({ $0.archiveWork(ofSession: name, worker: worker) }) else { return false }
        let succeeded = work.perform(logger: logger)
        state.withLock { $0.archived(work, succeeded: succeeded, ofSession: name, worker: worker) }
        return true
    }

    /// `regenerate metadata`: the new metadata files are written outside the registry lock.
    private func regenerateMetadata(_ name: String, uid: UInt32) throws(SpoorError) {
        let rewrites = try locked { (state) throws(SpoorError) in try state.beginRegenerateMetadata(name, uid: uid) }
        let written = rewrites.map { $0.write() }
        try state.withLock { (state) throws(SpoorError) in
            try state.finishRegenerateMetadata(name, uid: uid, written)
        }
    }

    /// An app registers: what it needs that does not exist yet is made by this thread outside
    /// the registry lock, never on a session's worker, so that registration waits for no
    /// session's slow work; the app is told `registrationDone` once it is mapped.
    func register(_ app: AppRecord) {
        let work = state.withLock { $0.register(app) }
        for item in work {
            let created = TraceFactory.make(item.plans)
            state.withLock { state in
                let (waiting, failure) = state.publish(created, of: item.name, servedBy: item.worker)
                if let failure { logger.error("session \(item.name), app pid \(app.pid): \(failure)") }
                state.mapWaiting(waiting, in: item.name, servedBy: item.worker)
            }
        }
        flushApps()
    }

    /// `destroy`: stops and drains an active session first; says where the last chunk of a
    /// rotated session was archived.
    private func destroy(_ name: String, uid: UInt32) throws(SpoorError) -> RotationInfo? {
        try runner.perform(locked { (state) throws(SpoorError) in try state.beginDestroy(name, uid: uid) })
        let (archive, effects) = try locked { (state) throws(SpoorError) in try state.finishDestroy(name, uid: uid) }
        try runner.perform(effects)
        return archive?.perform(logger: logger)
    }

    /// `clear`, once the session's pending rotation has ended.
    private func clear(_ name: String, uid: UInt32) throws(SpoorError) {
        try waitForPendingRotation(of: name, uid: uid)
        try runner.perform(locked { (state) throws(SpoorError) in try state.beginClear(name, uid: uid) })
        logger.info("cleared session \(name)")
    }

    /// `snapshot record`: decided under the lock, copied outside it, counted once complete.
    private func recordSnapshot(_ output: SnapshotOutput, of name: String, uid: UInt32) throws(SpoorError) -> String {
        let work = try locked { (state) throws(SpoorError) in try state.beginSnapshot(output, of: name, uid: uid) }
        try runner.perform([.writeSnapshot(work)])
        try locked { (state) throws(SpoorError) in try state.snapshotRecorded(work.directory, of: name, uid: uid) }
        return work.directory
    }

    /// `load`: on the workers of the sessions it may replace, taken in name order (so that two
    /// loads never wait for each other in a circle), so that their commands stay in order;
    /// the replaced sessions drain outside the lock.
    func load(_ configurations: [SessionConfiguration], overwrite: Bool, uid: UInt32) -> ControlReply {
        let names = Set(configurations.map(\.name)).sorted()
        let workers = overwrite ? state.withLock { state in names.compactMap { state.sessions[$0]?.worker } } : []
        return withWorkers(workers[...]) {
            do throws(SessionLoadFailure) {
                let step = try state.withLock { (state) throws(SessionLoadFailure) in
                    try state.beginLoad(configurations, overwrite: overwrite, uid: uid)
                }
                do {
                    try runner.perform(step.effects)
                } catch {
                    logger.error("stopping a session that load replaces: \(error)")
                }
                try state.withLock { (state) throws(SessionLoadFailure) in
                    try state.finishLoad(step.token, configurations, uid: uid)
                }
                return .ok
            } catch {
                return .sessionLoadFailed(session: error.session, error: error.error)
            }
        }
    }

    /// Runs `body` on every worker of `workers` at once, taking them in order.
    private func withWorkers(_ workers: ArraySlice<SessionWorker>, _ body: () -> ControlReply) -> ControlReply {
        guard let first = workers.first else { return body() }
        return first.run { withWorkers(workers.dropFirst(), body) }
    }

    /// Runs `body` with the registry lock held: a decision, never slow work.
    func locked<Result: Sendable>(_ body: (inout DaemonState) throws(SpoorError) -> Result) throws(SpoorError)
        -> Result
    {
        try state.withLock { (state) throws(SpoorError) -> Result in try body(&state) }
    }

    /// Moves the session's pending rotation on until it ends, for `timeouts.pendingRotation`
    /// at most, taking the registry lock only for each step.
    private func waitForPendingRotation(of name: String, uid: UInt32) throws(SpoorError) {
        let deadline = clock.monotonicNanoseconds + timeouts.pendingRotation.wholeNanoseconds
        while true {
            let (pending, worker) = try state.withLock { (state) throws(SpoorError) in
                let session = try state.session(name, for: uid)
                state.advanceRotation(of: session)
                return (session.chunks.pending != nil, session.worker)
            }
            guard pending else { return }
            if archiveIfDue(name, worker: worker) { continue }
            guard clock.monotonicNanoseconds < deadline else { return }
            Spawn.pause(milliseconds: 1)
        }
    }

    /// App `pid` ended: it leaves the registry at once; what it recorded in per-process
    /// buffers is written on each session's worker, outside the registry lock.
    func unregister(pid: Int32) {
        guard let (app, sessions) = state.withLock({ $0.unregister(pid: pid) }) else { return }
        app.close()
        for (name, worker) in sessions {
            worker.run {
                let effects = state.withLock { $0.detachProcessTrace(pid, ofSession: name, worker: worker) }
                // Errors are logged, not thrown: the drain is not failing.
                try? runner.perform(effects)
                state.withLock { $0.closeEndedTrace(pid, ofSession: name, worker: worker) }
            }
        }
        flushApps()
    }

    /// Sends every app what the last commands queued for it, outside the registry lock: an app
    /// that stopped reading delays only the thread that sends to it, for the send timeout at
    /// most, never the registry.
    func flushApps() {
        for app in state.withLock({ $0.apps.values.filter { $0.hasQueuedMessages } }) { app.flush() }
    }

    /// Runs the rotation schedules of every session whose worker is idle (a busy session
    /// waits for the next round) and evaluates the monitored trigger conditions. Returns how
    /// long to sleep before the next round, in milliseconds.
    func runPeriodicRound() -> Int {
        let sessions = state.withLock { state in
            state.evaluateMonitoredConditions()
            return state.sessions.values.map { ($0.name, $0.worker) }
        }
        var sleep = 50
        for (name, worker) in sessions {
            worker.runIfIdle {
                let (next, step) = state.withLock { $0.runRotations(ofSession: name, worker: worker) }
                sleep = min(sleep, next)
                defer { archiveIfDue(name, worker: worker) }
                guard let step else { return }
                let prepared = step.chunk?.prepare()
                state.withLock { $0.finishScheduledRotation(ofSession: name, worker: worker, step, prepared: prepared) }
            }
        }
        return sleep
    }
}

extension ControlRequest {
    /// The session the request acts on, whose worker carries it out; nil for the requests
    /// that act on the registry as a whole.
    var sessionScope: String? {
        switch self {
        case .destroySession(let name), .startSession(let name), .stopSession(let name), .clearSession(let name),
            .rotateSession(let name), .sessionDetail(let name):
            name
        case .enableChannel(let session, _), .disableChannel(let session, _), .enableEvent(let session, _, _),
            .disableEvent(let session, _, _, _), .track(let session, _, _), .untrack(let session, _, _),
            .addContext(let session, _, _), .regenerateMetadata(let session), .regenerateStatedump(let session),
            .enableRotation(let session, _), .disableRotation(let session, _), .rotationStatus(let session, _),
            .addSnapshotOutput(let session, _), .deleteSnapshotOutput(let session, _),
            .listSnapshotOutputs(let session), .recordSnapshot(let session, _):
            session
        case .sessionConfigurations(let name):
            name
        case .version, .createSession, .listSessions, .listTracepoints, .loadSessions, .reportCrash, .crashReports,
            .addTrigger, .listTriggers, .subscribeNotifications, .removeTrigger, .createSnapshotSession:
            nil
        }
    }
}
