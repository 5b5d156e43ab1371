import Logging
import SpoorConsumer
import SpoorCTF
import SpoorModel
import SpoorPosix
import SpoorRingBuffer
import SpoorSessionCore
import SpoorWire

/// Everything the session daemon owns: sessions, registered apps, buffers. Guarded by the
/// daemon's mutex (the registry lock); every method runs with it held, so none waits: what
/// waits on buffers (drains, snapshot copies) is returned as `DaemonEffect`s, and messages to
/// apps are queued (`AppRecord.send`), both carried out once the lock is released.
struct DaemonState: ~Copyable {
    let paths: SpoorPaths
    let consumer: Consumer
    let logger: Logger
    let version: String
    /// How long each wait may last.
    let timeouts: DaemonTimeouts
    /// Deadlines, schedules and names read this clock.
    let clock: any DaemonClock
    let cpuCount = CPU.possibleCount
    let hostname = FileSystem.hostName()
    var sessions = SessionRegistry<Session>()
    var apps = AppRegistry<AppRecord>()
    var nextChannelKey: UInt64 = 1
    var nextSynchronizationToken: UInt64 = 1
    /// The `load`s between their two steps (`DaemonState+Configurations.swift`).
    var pendingLoads: [UInt64: PendingLoad] = [:]
    var nextLoadToken: UInt64 = 1
    /// The traces being made outside the lock (`DaemonState+TraceCreation.swift`), each with
    /// the registering apps that wait for it.
    var traceClaims: [TraceClaim: [AppRecord]] = [:]
    /// How many traces being made each registering app waits for before `registrationDone`.
    var registrationsPending: [Int32: Int] = [:]
    /// Apps asked to acknowledge the latest changes, with the token they must answer: the
    /// control command that made the changes waits for them (outside the lock) before replying.
    var pendingAcknowledgements: [(app: AppRecord, token: UInt64)] = []
    /// The bytecode of every filter expression of a rule, compiled when the rule was enabled.
    var filterBytecode: [String: [UInt8]] = [:]
    /// The latest crashes Spoor's crash handler reported, oldest first.
    var crashReports: [CrashReport] = []
    /// Every user's triggers (`DaemonState+Triggers.swift`).
    var triggers = TriggerRegistry()
    /// The trigger engine's decisions and counters (`DaemonState+TriggerEngine.swift`).
    var triggerEngine = TriggerEngine()
    /// Session actions triggers asked for, run in order outside the lock by
    /// `SessionDaemon.runTriggerActionsIfAny`, never inside the command that fired them.
    var triggerActions: [TriggerActionRun] = []
    /// The sessions whose queued actions a runner works on.
    var triggerActionRunners: Set<String> = []
    /// The clients waiting for trigger notifications.
    let notifications: NotificationHub
    /// The token of each event-rule-matches trigger, which apps send back when an event
    /// matches it, and the other way round (`DaemonState+Notifiers.swift`).
    var notifierTokens: [TriggerKey: UInt64] = [:]
    var notifierTriggers: [UInt64: TriggerKey] = [:]
    var nextNotifierToken: UInt64 = 1

    init(
        paths: SpoorPaths, consumer: Consumer, logger: Logger, version: String, timeouts: DaemonTimeouts,
        clock: any DaemonClock
    ) {
        self.paths = paths
        self.consumer = consumer
        self.logger = logger
        self.version = version
        self.timeouts = timeouts
        self.clock = clock
        notifications = NotificationHub(sendTimeout: timeouts.subscriberSend)
    }

    // MARK: Sessions

    /// The session `name` as client `uid` may see it.
    func session(_ name: String, for uid: UInt32) throws(SpoorError) -> Session {
        try sessions.lookup(name, for: Credentials(uid: uid))
    }

    mutating func createSession(name: String?, outputPath: String?, uid: UInt32) throws(SpoorError) -> SessionSummary {
        let now = clock.unixSeconds
        let stamp = LocalTime.compact(now)
        let sessionName = name ?? "auto-\(stamp)"
        if let problem = NameValidation.sessionNameProblem(sessionName) {
            throw SpoorError(.invalidSessionName, problem)
        }
        guard sessions[sessionName] == nil else { throw SpoorError(.sessionExists, sessionName) }
        let output: String
        if let outputPath {
            guard outputPath.hasPrefix("/") else {
                throw SpoorError(.invalidArgument, "the output path must be absolute: \(outputPath)")
            }
            output = FileSystem.normalize(outputPath)
        } else {
            output = paths.tracesDirectory + "/" + (name == nil ? sessionName : "\(sessionName)-\(stamp)")
        }
        let session = Session(
            name: sessionName, outputPath: output, creationTime: now, ownerUID: uid, isAutoNamed: name == nil)
        sessions[sessionName] = session
        logger.info("created session \(sessionName) writing to \(output)")
        return session.summary
    }

    // MARK: Channels and rules

    mutating func enableChannel(_ attributes: ChannelAttributes, in name: String, uid: UInt32) throws(SpoorError) {
        let session = try session(name, for: uid)
        if let problem = NameValidation.channelNameProblem(attributes.name) {
            throw SpoorError(.invalidChannelName, problem)
        }
        if let index = session.channelIndex(named: attributes.name) {
            guard !session.channels[index].isEnabled else {
                throw SpoorError(.channelExists, "channel \(attributes.name) is already enabled")
            }
            session.channels[index].isEnabled = true
            try pushDestinations()
            return
        }
        try ChannelValidation.check(attributes)
        var attributes = attributes
        // Snapshot mode: every channel overwrites its oldest packets (lttng-create(1)).
        if session.isSnapshot {
            // A blocking timeout means nothing in overwrite mode: dropped, as LTTng drops it.
            attributes.lossMode = .overwrite
            attributes.blockingTimeout = 0
        }
        if let buffering = session.buffering, buffering != attributes.buffering {
            throw SpoorError(
                .invalidArgument,
                "all user-space channels of session \(name) use \(buffering == .perPID ? "per-process" : "per-user") buffers")
        }
        guard !session.hasBeenStarted else {
            throw SpoorError(
                .unsupported,
                "cannot add channel \(attributes.name) to session \(name): it has already been started once")
        }
        session.channels.append(ChannelState(attributes: attributes))
        session.buffering = attributes.buffering
    }

    mutating func disableChannel(_ channel: String, in name: String, uid: UInt32) throws(SpoorError) {
        let session = try session(name, for: uid)
        guard let index = session.channelIndex(named: channel) else { throw SpoorError(.channelNotFound, channel) }
        session.channels[index].isEnabled = false
        try pushDestinations()
    }

    // MARK: Start and stop

    /// `start`, first step: the session records from now on; returns the chunk it opens if it
    /// was rotated while stopped, for the session's worker to prepare outside the lock.
    mutating func beginStart(_ name: String, uid: UInt32) throws(SpoorError) -> ChunkPlan? {
        let session = try session(name, for: uid)
        try session.lifecycle.start(name)
        return chunkAtStart(of: session)
    }

    /// `start`, second step: moves the streams into the prepared chunk; returns the traces the
    /// session's apps need, claimed, for the worker to make outside the lock.
    mutating func claimStartTraces(_ name: String, uid: UInt32, _ chunk: ChunkPlan?, prepared: PreparedChunk?)
        throws(SpoorError) -> [TracePlan]
    {
        let session = try session(name, for: uid)
        try openChunkAtStart(of: session, chunk, prepared: prepared)
        return try claimTraces(of: session, for: Array(apps.values))
    }

    /// `start`, last step: publishes the traces made, maps them into every app the session
    /// records from (those that registered meanwhile too), and asks for their state dumps.
    mutating func finishStart(_ name: String, uid: UInt32, created: [CreatedTrace]) throws(SpoorError) {
        let session = try session(name, for: uid)
        let (waiting, failure) = publish(created, of: name, servedBy: session.worker)
        defer { registrationStepDone(waiting) }
        if let failure { throw failure }
        for app in Array(apps.values) where session.records(from: app) {
            try mapBuffers(of: session, into: app)
        }
        for trace in session.traces.values {
            for stream in trace.allStreams { stream.buffer.setRecording(true) }
        }
        try pushDestinations()
        requestStatedump(of: session, from: Array(apps.values), waiting: true)
        logger.info("started session \(name)")
    }

    /// `start` in one step, its traces made under the lock: for `load`, which starts the
    /// sessions it has just created (no app has their buffers yet, and loads are rare).
    mutating func start(_ name: String, uid: UInt32) throws(SpoorError) {
        let chunk = try beginStart(name, uid: uid)
        let plans = try claimStartTraces(name, uid: uid, chunk, prepared: chunk?.prepare())
        try finishStart(name, uid: uid, created: TraceFactory.make(plans))
    }

    // MARK: Apps

    /// Registers `app`: maps the buffers that exist, and claims the traces it needs that do
    /// not, which the registering thread makes outside the lock; `registrationDone` is sent
    /// once the app waits for none. Errors are logged: the app stays registered.
    mutating func register(_ app: AppRecord) -> [TraceWork] {
        apps[app.pid] = app
        logger.info(
            "app \(app.processName) (pid \(app.pid), uid \(app.uid)) registered \(app.events.count) tracepoints")
        var work: [TraceWork] = []
        do {
            for session in sessions.values where session.isActive && session.records(from: app) {
                let plans = try claimTraces(of: session, for: [app], registering: app)
                if !plans.isEmpty { work.append(TraceWork(name: session.name, worker: session.worker, plans: plans)) }
                try mapBuffers(of: session, into: app)
            }
            try pushDestinations(to: [app])
            // Before `registrationDone`: the app's start-up waits for its state dump, so that a
            // short-lived process does not exit in the middle of it.
            for session in sessions.values where session.isActive {
                requestStatedump(of: session, from: [app], waiting: false)
            }
            if registrationsPending[app.pid] == nil { _ = app.send(.registrationDone) }
        } catch {
            logger.error("registering app pid \(app.pid): \(error)")
        }
        return work
    }

    mutating func declareEvents(_ events: [EventDescriptor], firstIndex: UInt32, pid: Int32) throws(SpoorError) {
        guard let app = apps[pid], Int(firstIndex) == app.events.count else { return }
        app.events += events
        try pushDestinations(to: [app])
    }

    /// Stops using a trace's buffers: apps drop their mappings, the files are closed.
    mutating func close(_ trace: TraceBuffers) {
        for channel in trace.channels.values {
            for app in apps.values where app.mappedChannels.contains(channel.key) {
                _ = app.send(.removeChannel(channelKey: channel.key))
                app.mappedChannels.remove(channel.key)
            }
            for stream in channel.streams {
                consumer.remove(stream)
                stream.close()
            }
        }
        trace.metadataFile.close()
    }

    /// Makes sure `app` maps every channel of `session` for its user, creating the buffers of
    /// that user's trace on first use.
    mutating func mapBuffers(of session: Session, into app: AppRecord) throws(SpoorError) {
        // A trace being made outside the lock is mapped by whoever makes it, once published.
        guard !isClaimed(session.traceOwner(for: app), in: session) else { return }
        let trace = try trace(of: session, for: app)
        for (index, channel) in session.channels.enumerated() {
            let buffers = try channelBuffers(of: trace, channelIndex: index, channel: channel, session: session)
            guard !app.mappedChannels.contains(buffers.key) else { continue }
            let contexts = DaemonMessage.setChannelContexts(
                channelKey: buffers.key, contexts: channel.contexts.map(\.code),
                namedContexts: channel.namedContexts)
            guard app.send(contexts) else { return }
            for stream in buffers.streams {
                let sent = app.send(
                    .addStream(channelKey: buffers.key, cpu: stream.cpu, streamCount: UInt32(buffers.streams.count)),
                    fds: [stream.memory.fd, stream.wakeFD])
                guard sent else { return }
            }
            app.mappedChannels.insert(buffers.key)
        }
    }

    /// The trace `app` records into in `session`. One that no plan made in advance (a tracker
    /// that lets a process in, a trace made stale by a rotation) is made here, under the lock.
    private mutating func trace(of session: Session, for app: AppRecord) throws(SpoorError) -> TraceBuffers {
        let owner = session.traceOwner(for: app)
        if let trace = session.traces[owner] { return trace }
        let trace = try TraceFactory.make(try planTrace(of: session, for: app))
        session.traces[owner] = trace
        for stream in trace.allStreams { adopt(stream, of: session) }
        return trace
    }

    /// The buffers of channel `channelIndex` in `trace`, made here if the trace lacks them.
    private mutating func channelBuffers(
        of trace: TraceBuffers, channelIndex: Int, channel: ChannelState, session: Session
    ) throws(SpoorError) -> ChannelBuffers {
        if let buffers = trace.channels[channelIndex] { return buffers }
        let buffers = try TraceFactory.makeBuffers(
            of: try planChannel(channelIndex, channel), in: trace, cpuCount: cpuCount)
        for stream in buffers.streams { adopt(stream, of: session) }
        trace.channels[channelIndex] = buffers
        return buffers
    }

    /// A new stream of `session` records if the session does, and is drained by the consumer
    /// unless the session is in snapshot mode (its buffers are read only by `snapshot record`).
    func adopt(_ stream: StreamConsumer, of session: Session) {
        stream.buffer.setRecording(session.isActive)
        if !session.isSnapshot { consumer.add(stream) }
    }

    /// Sends every app (or the given ones) the targets of each of its events: the channels of
    /// active sessions with an enabled rule that matches it; and its notifiers, the
    /// event-rule-matches triggers that match its events (`DaemonState+Notifiers.swift`).
    mutating func pushDestinations(to targets: [AppRecord]? = nil) throws(SpoorError) {
        assignNotifierTokens()
        for app in targets ?? Array(apps.values) {
            var entries: [EventDestinations] = []
            for (index, event) in app.events.enumerated() {
                var eventTargets: [EventTarget] = []
                for session in sessions.values where session.isActive && session.records(from: app) {
                    guard let trace = session.traces[session.traceOwner(for: app)] else { continue }
                    for (channelIndex, channel) in session.channels.enumerated() {
                        guard let filters = channel.filters(for: event, bytecode: filterBytecode),
                            let buffers = trace.channels[channelIndex], app.mappedChannels.contains(buffers.key)
                        else { continue }
                        do {
                            let id = try trace.eventID(for: event, channelIndex: channelIndex)
                            eventTargets.append(EventTarget(channelKey: buffers.key, eventID: id, filters: filters))
                        } catch {
                            throw SpoorError(.outputError, "cannot write metadata: \(error)", underlying: error)
                        }
                    }
                }
                entries.append(EventDestinations(eventIndex: UInt32(index), targets: eventTargets))
            }
            guard app.send(.setDestinations(entries)) else { continue }
            _ = sendNotifiers(to: app)
            let token = nextSynchronizationToken
            nextSynchronizationToken += 1
            if app.send(.synchronize(token: token)) { pendingAcknowledgements.append((app, token)) }
        }
    }

    /// Asks each app of `apps` that `session` records from to record its state dump into the
    /// session's channels. With `waiting`, the command waits until they have.
    mutating func requestStatedump(of session: Session, from apps: [AppRecord], waiting: Bool) {
        for app in apps where session.records(from: app) {
            guard let trace = session.traces[session.traceOwner(for: app)] else { continue }
            let keys = trace.channels.values.map(\.key).filter { app.mappedChannels.contains($0) }.sorted()
            guard !keys.isEmpty, app.send(.statedump(channelKeys: keys)), waiting else { continue }
            let token = nextSynchronizationToken
            nextSynchronizationToken += 1
            if app.send(.synchronize(token: token)) { pendingAcknowledgements.append((app, token)) }
        }
    }

    /// Hands over the acknowledgements the last command must wait for.
    mutating func takePendingAcknowledgements() -> [(app: AppRecord, token: UInt64)] {
        defer { pendingAcknowledgements = [] }
        return pendingAcknowledgements
    }
}

/// What Spoor's channels support today; everything else is refused with a clear error.
enum ChannelValidation {
    static func check(_ attributes: ChannelAttributes) throws(SpoorError) {
        let size = attributes.subbufferSize
        guard size >= 4096, size.nonzeroBitCount == 1, size <= 1 << 32 else {
            throw SpoorError(.invalidArgument, "the sub-buffer size must be a power of two of at least 4096 bytes")
        }
        let count = attributes.subbufferCount
        guard count >= 1, count.nonzeroBitCount == 1, count <= 1 << 16 else {
            throw SpoorError(.invalidArgument, "the sub-buffer count must be a power of two from 1 to 65536")
        }
        if attributes.lossMode == .overwrite && attributes.blockingTimeout != 0 {
            throw SpoorError(.invalidArgument, "--blocking-timeout is only available with --discard")
        }
        if attributes.tracefileCount != 0 && attributes.tracefileSize == 0 {
            throw SpoorError(.invalidArgument, "--tracefile-count needs --tracefile-size")
        }
    }
}
