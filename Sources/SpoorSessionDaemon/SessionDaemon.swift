import Logging
import SpoorConsumer
import SpoorModel
import SpoorPosix
import SpoorSessionCore
import SpoorWire
import Synchronization


/// `spoor-sessiond`: owns the recording sessions, the app registry and the consumer, and
/// serves the control socket (clients such as `spoor`) and the app socket (instrumented apps).
///
/// Each connection has its own thread with blocking I/O. The registry is behind one mutex,
/// held only for decisions; the slow work of a session runs outside it, on the session's
/// worker (`SessionDaemon+Worker.swift`).
public final class SessionDaemon: Sendable {
    public let paths: SpoorPaths
    let state: Mutex<DaemonState>
    let logger: Logger
    private let daemonUID = CurrentProcess.userID
    /// This daemon's entry among the crash handler's listeners, once registered.
    private let crashListenerEntry = Mutex<String?>(nil)

    /// How long each wait may last.
    let timeouts: DaemonTimeouts
    /// Performs the slow work commands leave outside the lock.
    let runner: EffectRunner
    /// The clock deadlines read.
    let clock: any DaemonClock

    /// A daemon serving `paths`; `timeouts` and `clock` are the defaults outside tests.
    public init(
        paths: SpoorPaths, version: String, logger: Logger, timeouts: DaemonTimeouts = .standard,
        clock: any DaemonClock = SystemClock()
    ) throws(SystemError) {
        self.paths = paths
        self.logger = logger
        self.timeouts = timeouts
        self.clock = clock
        runner = EffectRunner(timeouts: timeouts, clock: clock, logger: logger)
        let consumer = try Consumer(logger: logger)
        consumer.start()
        state = Mutex(
            DaemonState(
                paths: paths, consumer: consumer, logger: logger, version: version, timeouts: timeouts, clock: clock))
    }

    /// Listens on both sockets and serves them on background threads; returns once listening.
    public func start() throws(SystemError) {
        try FileSystem.makeDirectories(paths.runDirectory, mode: 0o700)
        // Clients reach the control socket only through the run directory's permissions; the
        // app socket must be reachable by every user of a root daemon.
        let control = try UnixSocket.listen(at: paths.controlSocket, kind: .stream, mode: 0o660)
        let apps = try UnixSocket.listen(at: paths.appSocket, kind: .sequencedPacket, mode: 0o666)
        try FileSystem.write(Array("\(CurrentProcess.id)\n".utf8), to: paths.pidFile)
        Self.detach { [self] in acceptLoop(control) { socket in self.serveClient(socket) } }
        Self.detach { [self] in acceptLoop(apps) { socket in self.serveApp(socket) } }
        Self.detach { [self] in runPeriodicWork() }
        logger.info("listening on \(paths.controlSocket) and \(paths.appSocket)")
        listenForCrashes()
    }

    /// Asks Spoor's crash handler, if it is installed, to report crashes here. Tried again on
    /// every control request, since the handler may be installed (again) later: one lookup.
    private func listenForCrashes() {
        crashListenerEntry.withLock { entry in
            // Removing the handler removes the entries: register again once it is back.
            if let registered = entry, FileSystem.exists(registered) { return }
            entry = CrashHandlerFiles.registerListener(socketPath: paths.controlSocket)
            if entry != nil { logger.info("the crash handler reports crashes to this daemon") }
        }
    }

    /// Removes the sockets and pid file, for a clean exit.
    public func removeRunFiles() {
        FileSystem.remove(paths.controlSocket)
        FileSystem.remove(paths.appSocket)
        FileSystem.remove(paths.pidFile)
        crashListenerEntry.withLock { entry in
            if let entry { FileSystem.remove(entry) }
            entry = nil
        }
    }

    private func acceptLoop(_ listener: UnixSocket, serve: @escaping @Sendable (UnixSocket) -> Void) {
        while true {
            guard let socket = try? listener.accept() else {
                Spawn.pause(milliseconds: 10)  // Out of descriptors or similar: do not spin.
                continue
            }
            Self.detach { serve(socket) }
        }
    }

    // MARK: Control clients

    private func serveClient(_ socket: UnixSocket) {
        guard let peer = try? socket.peerCredentials() else { return }
        // The daemon's own user and root are served; a root daemon serves every user.
        guard Credentials(uid: peer.uid).mayAccess(ownedBy: daemonUID) || daemonUID == 0 else {
            logger.warning("refused control client uid \(peer.uid)")
            return
        }
        while true {
            let frame: [UInt8]
            do {
                guard let received = try socket.receiveFrame() else { return }
                frame = received
            } catch {
                return
            }
            let reply: ControlReply
            do {
                let request = try ControlRequest.decode(frame)
                if case .subscribeNotifications(let subscription) = request {
                    // From now on this connection carries notifications, on this thread.
                    guard (try? socket.sendFrame(ControlReply.ok.wireBytes)) != nil else { return }
                    let hub = state.withLock { $0.notifications }
                    hub.serve(socket, uid: peer.uid, subscription: subscription)
                    return
                }
                reply = handle(request, uid: peer.uid)
            } catch {
                reply = .error(SpoorError(.protocolError, "\(error)"))
            }
            flushApps()
            runTriggerActionsIfAny()
            waitForAcknowledgements()
            listenForCrashes()
            guard (try? socket.sendFrame(reply.wireBytes)) != nil else { return }
        }
    }

    /// Carries out one control request for a client of `uid`: on the session's worker when
    /// it acts on one session (`SessionDaemon+Worker.swift`), else under the registry lock.
    func handle(_ request: ControlRequest, uid: UInt32) -> ControlReply {
        do throws(SpoorError) {
            if case .loadSessions(let configurations, let overwrite) = request {
                return load(configurations, overwrite: overwrite, uid: uid)
            }
            guard let name = request.sessionScope else { return try handleUnderLock(request, uid: uid) }
            return try handle(request, onSession: name, uid: uid)
        } catch {
            return .error(error)
        }
    }

    /// Carries out a request whose work is quick, with the registry lock held throughout.
    func handleUnderLock(_ request: ControlRequest, uid: UInt32) throws(SpoorError) -> ControlReply {
        try state.withLock { (state) throws(SpoorError) -> ControlReply in
            switch request {
            case .version:
                return .version(state.version)
            case .createSession(let name, let outputPath):
                return .sessionCreated(try state.createSession(name: name, outputPath: outputPath, uid: uid))
            case .destroySession, .stopSession, .clearSession, .recordSnapshot:
                // Their slow part must not hold the lock: `handle(_:onSession:uid:)` runs them.
                throw SpoorError(.protocolError, "carried out on the session's worker")
            case .listSessions:
                let visible = state.sessions.visible(to: Credentials(uid: uid))
                    .sorted { ($0.creationTime, $0.name) < ($1.creationTime, $1.name) }
                return .sessions(visible.map(\.summary))
            case .sessionDetail(let name):
                let session = try state.session(name, for: uid)
                return .sessionDetail(
                    SessionDetail(
                        summary: session.summary, channels: session.channelInfos(), trackers: session.trackers))
            case .enableChannel(let session, let attributes):
                try state.enableChannel(attributes, in: session, uid: uid)
                return .ok
            case .disableChannel(let session, let channel):
                try state.disableChannel(channel, in: session, uid: uid)
                return .ok
            case .enableEvent(let session, let channel, let rules):
                return .eventRulesChanged(
                    channel: try state.enableEvents(rules, channel: channel, in: session, uid: uid))
            case .disableEvent(let session, let channel, let patterns, let all):
                return .eventRulesChanged(
                    channel: try state.disableEvents(patterns, all: all, channel: channel, in: session, uid: uid))
            case .startSession:
                // Its traces are made outside the lock: `handle(_:onSession:uid:)` runs it.
                throw SpoorError(.protocolError, "carried out on the session's worker")
            case .track(let session, let attribute, let values):
                try state.changeTracker(attribute, values: values, including: true, in: session, uid: uid)
                return .ok
            case .untrack(let session, let attribute, let values):
                try state.changeTracker(attribute, values: values, including: false, in: session, uid: uid)
                return .ok
            case .addContext(let session, let channel, let contexts):
                try state.addContexts(contexts, channel: channel, in: session, uid: uid)
                return .ok
            case .listTracepoints:
                let visible = state.apps.visible(to: Credentials(uid: uid)).sorted { $0.pid < $1.pid }
                return .tracepoints(
                    visible.map { AppTracepoints(pid: $0.pid, processName: $0.processName, events: $0.events) })
            case .sessionConfigurations(let name):
                return .sessionConfigurations(try state.configurations(named: name, uid: uid))
            case .loadSessions:
                // Its replaced sessions drain outside the lock: `load(_:overwrite:uid:)` runs it.
                throw SpoorError(.protocolError, "carried out on the workers of the sessions it replaces")
            case .regenerateMetadata:
                // Its files are written outside the lock: `handle(_:onSession:uid:)` runs it.
                throw SpoorError(.protocolError, "carried out on the session's worker")
            case .regenerateStatedump(let session):
                try state.regenerateStatedump(session, uid: uid)
                return .ok
            case .reportCrash(let report):
                try state.reportCrash(report, from: uid)
                return .ok
            case .crashReports:
                return .crashReports(state.crashReports(for: uid))
            case .addTrigger(let name, let ownerUID, let condition, let actions):
                return .triggerAdded(
                    name: try state.addTrigger(
                        name: name, ownerUID: ownerUID, condition: condition, actions: actions, uid: uid))
            case .listTriggers:
                return .triggers(state.listTriggers(uid: uid))
            case .subscribeNotifications:
                // `serveClient` turns the connection into a notification stream first.
                throw SpoorError(.protocolError, "a subscription needs a connection of its own")
            case .removeTrigger(let name, let ownerUID):
                try state.removeTrigger(name: name, ownerUID: ownerUID, uid: uid)
                return .ok
            case .rotateSession:
                // Its next chunk is made outside the lock: `handle(_:onSession:uid:)` runs it.
                throw SpoorError(.protocolError, "carried out on the session's worker")
            case .enableRotation(let session, let schedule):
                try state.enableRotation(schedule, in: session, uid: uid)
                return .ok
            case .disableRotation(let session, let kind):
                try state.disableRotation(kind, in: session, uid: uid)
                return .ok
            case .rotationStatus(let session, let chunkID):
                let (info, schedules) = try state.advanceRotationAndDescribe(session, chunkID: chunkID, uid: uid)
                return .rotationStatus(info, schedules)
            case .createSnapshotSession(let name, let outputPath, let hasOutput):
                return .sessionCreated(
                    try state.createSnapshotSession(
                        name: name, outputPath: outputPath, hasOutput: hasOutput, uid: uid))
            case .addSnapshotOutput(let session, let output):
                return .snapshotOutputs([try state.addSnapshotOutput(output, to: session, uid: uid)])
            case .deleteSnapshotOutput(let session, let output):
                return .snapshotOutputs([try state.deleteSnapshotOutput(output, from: session, uid: uid)])
            case .listSnapshotOutputs(let session):
                return .snapshotOutputs(try state.snapshotSession(session, for: uid).snapshotOutputs)
            }
        }
    }

    /// Waits until every app told of the last changes has applied them, so that when `start`
    /// (or `enable-event`, `track`, …) answers, apps record accordingly, as with LTTng. An app
    /// that does not answer within a second is not waited for any longer.
    private func waitForAcknowledgements() {
        let pending = state.withLock { $0.takePendingAcknowledgements() }
        guard !pending.isEmpty else { return }
        let deadline = clock.monotonicNanoseconds + timeouts.acknowledgement.wholeNanoseconds
        for (app, token) in pending {
            // A bounded poll: the app's own thread records the acknowledgement. An app found
            // gone (a send failed) will never answer.
            while app.acknowledged.load(ordering: .acquiring) < token && clock.monotonicNanoseconds < deadline
                && !app.isGone.load(ordering: .acquiring)
            {
                Spawn.pause(microseconds: 100)
            }
        }
    }

    // MARK: Apps

    private func serveApp(_ socket: UnixSocket) {
        // Credentials come from the kernel, not from what the app says about itself.
        guard let peer = try? socket.peerCredentials() else { return }
        // A root daemon records every user's apps, any other daemon only its user's.
        guard Credentials(uid: daemonUID).mayAccess(ownedBy: peer.uid) else {
            logger.warning("refused app pid \(peer.pid) of uid \(peer.uid)")
            return
        }
        // An app that stops reading must not hold the daemon's lock for long.
        socket.setSendTimeout(milliseconds: timeouts.appSend.wholeMilliseconds)
        guard let first = try? socket.receivePacket(), first.fds.isEmpty,
            case .register(let registration)? = try? AppMessage.decode(first.bytes),
            registration.protocolVersion == AppRegistration.protocolVersion
        else {
            logger.warning("app pid \(peer.pid) sent an invalid registration; closing")
            return
        }
        let app = AppRecord(registration: registration, pid: peer.pid, uid: peer.uid, gid: peer.gid, socket: socket)
        register(app)
        defer { unregister(pid: peer.pid) }
        // One buffer for every packet: notifications come often and want to arrive fast.
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while let packet = try? socket.receivePacket(into: &buffer) {
            for fd in packet.fds { Descriptor.close(fd) }
            let message = try? AppMessage.decode(Array(buffer[0..<packet.count]))
            if case .acknowledge(let token)? = message {
                // Releasing: what the app acknowledged is ordered before the waiting command goes on.
                app.acknowledged.store(token, ordering: .releasing)
                continue
            }
            if case .eventNotification(let token, let captures, let discardedBefore)? = message {
                state.withLock { state in
                    state.eventMatched(
                        token: token, captures: captures, discardedBefore: discardedBefore, pid: peer.pid)
                }
                runTriggerActionsIfAny()
                continue
            }
            if case .notificationsDiscarded(let token, let count)? = message {
                state.withLock { $0.notificationsDiscarded(token: token, count: count, pid: peer.pid) }
                continue
            }
            guard case .declareEvents(let firstIndex, let events)? = message else {
                logger.warning("app pid \(peer.pid) sent an invalid message; closing")
                return
            }
            do {
                try state.withLock { (state) throws(SpoorError) in
                    try state.declareEvents(events, firstIndex: firstIndex, pid: peer.pid)
                }
            } catch {
                logger.error("app pid \(peer.pid): \(error)")
            }
            flushApps()
        }
    }

    /// For the daemon's life: runs the rotation schedules, completes pending rotations,
    /// evaluates the monitored trigger conditions, and starts what they fired.
    private func runPeriodicWork() {
        while true {
            let sleep = runPeriodicRound()
            runTriggerActionsIfAny()
            Spawn.pause(milliseconds: sleep)
        }
    }

    /// Runs `body` on a new detached thread.
    static func detach(_ body: @escaping @Sendable () -> Void) {
        DetachedThread.start(body)
    }
}
