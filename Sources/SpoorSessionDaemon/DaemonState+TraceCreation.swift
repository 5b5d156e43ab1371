import SpoorCTF
import SpoorConsumer
import SpoorModel
import SpoorPosix
import SpoorRingBuffer
import SpoorSessionCore

/// Everything the registry decides about a trace before its directory, metadata file, shared
/// memory and eventfds exist; ``TraceFactory`` makes them outside the registry lock.
struct TracePlan: Sendable {
    /// One channel's buffers, one stream per CPU.
    struct Channel: Sendable {
        /// The channel's index in the session: its CTF stream class id.
        var index: Int
        var key: UInt64
        var attributes: ChannelAttributes
        var layout: RingBufferLayout
        /// The stream class declaration the metadata gets before the channel's streams exist.
        var streamClass: String
    }

    var owner: TraceOwner
    var directory: String
    var uuid: [UInt8]
    var description: TraceDescription
    var channels: [Channel]
    var cpuCount: Int
    /// The session's chunk when the plan was made: a rotation meanwhile makes the plan stale.
    var chunkDirectory: String
}

/// A trace made from a plan, outside the registry lock, or why it could not be.
///
/// Unchecked: the thread that makes it hands it over whole to the registry (under the lock)
/// and keeps no reference to it, as a new session object is handed over.
struct CreatedTrace: @unchecked Sendable {
    var plan: TracePlan
    var result: Result<TraceBuffers, SpoorError>

    /// Closes and removes what was made, for a trace that is not published (its session is
    /// gone or has rotated): nobody else writes in a claimed trace's directory. Should the
    /// rotation have archived the directory already, the path is gone and the archive keeps
    /// the empty trace.
    func discard() {
        guard case .success(let trace) = result else { return }
        for stream in trace.allStreams { stream.close() }
        trace.metadataFile.close()
        FileSystem.removeTree(plan.directory)
    }
}

/// Makes traces and channel buffers: the only place that creates their files, shared memory and
/// eventfds. Called outside the registry lock, except on the rare paths that find no plan made
/// in advance (`DaemonState.mapBuffers`).
enum TraceFactory {
    /// The directory, metadata and buffers of every plan, in order.
    static func make(_ plans: [TracePlan]) -> [CreatedTrace] {
        plans.map { plan in
            do throws(SpoorError) {
                return CreatedTrace(plan: plan, result: .success(try make(plan)))
            } catch {
                return CreatedTrace(plan: plan, result: .failure(error))
            }
        }
    }

    /// The trace of `plan`, with the buffers of each of its channels; nothing records into them
    /// until the session publishes them.
    static func make(_ plan: TracePlan) throws(SpoorError) -> TraceBuffers {
        let trace: TraceBuffers
        do {
            try FileSystem.makeDirectories(plan.directory)
            trace = TraceBuffers(
                owner: plan.owner, directory: plan.directory, uuid: plan.uuid,
                metadataFile: try AppendFile(creating: plan.directory + "/metadata"))
            try trace.writePreamble(plan.description)
        } catch {
            throw SpoorError(.outputError, "\(plan.directory): \(error)", underlying: error)
        }
        for channel in plan.channels {
            do {
                trace.channels[channel.index] = try makeBuffers(of: channel, in: trace, cpuCount: plan.cpuCount)
            } catch {
                for stream in trace.allStreams { stream.close() }
                trace.metadataFile.close()
                throw error
            }
        }
        return trace
    }

    /// Declares `channel`'s stream class in `trace`'s metadata and creates its streams, not
    /// recording.
    static func makeBuffers(of channel: TracePlan.Channel, in trace: TraceBuffers, cpuCount: Int)
        throws(SpoorError) -> ChannelBuffers
    {
        let attributes = channel.attributes
        var streams: [StreamConsumer] = []
        do {
            try trace.appendMetadata(channel.streamClass)
            for cpu in 0..<cpuCount {
                let memory = try SharedMemory(
                    creatingNamed: "spoor-\(attributes.name)-\(cpu)", size: channel.layout.totalSize)
                _ = RingBuffer.create(
                    at: memory.base, layout: channel.layout, cpu: UInt32(cpu),
                    overwrite: attributes.lossMode == .overwrite,
                    blockingTimeoutMicroseconds: attributes.blockingTimeout ?? .max,
                    readsOnTimer: attributes.readTimerPeriod > 0)
                let stream = try StreamConsumer(
                    memory: memory, layout: channel.layout, wakeFD: try EventFD.make(), directory: trace.directory,
                    channelName: attributes.name, streamID: UInt32(channel.index), cpu: UInt32(cpu),
                    uuid: trace.uuid, switchTimerMicroseconds: attributes.switchTimerPeriod,
                    readTimerMicroseconds: attributes.readTimerPeriod, tracefileSize: attributes.tracefileSize,
                    tracefileCount: attributes.tracefileCount, monitorTimerMicroseconds: attributes.monitorTimerPeriod)
                stream.buffer.setRecording(false)
                streams.append(stream)
            }
        } catch {
            for stream in streams { stream.close() }
            throw SpoorError(
                .outputError, "cannot create the buffers of channel \(attributes.name): \(error)", underlying: error)
        }
        return ChannelBuffers(key: channel.key, streams: streams)
    }
}

/// The whole metadata of one trace, written outside the registry lock to a file beside the
/// trace's metadata file (`regenerate metadata`).
struct MetadataRewrite: Sendable {
    /// A new metadata file, or why it could not be written.
    ///
    /// Unchecked: the thread that writes the file hands it over whole to the registry.
    struct Written: @unchecked Sendable {
        var rewrite: MetadataRewrite
        var result: Result<AppendFile, SpoorError>
    }

    var owner: TraceOwner
    /// The trace's metadata file, which the new one replaces.
    var path: String
    var packets: [UInt8]
    /// How many declarations `packets` holds: those added meanwhile are appended before the
    /// new file takes the old one's place.
    var declarationCount: Int

    /// Writes the packets to a new file beside the metadata file.
    func write() -> Written {
        let temporary = path + ".regenerated"
        do {
            let file = try AppendFile(creating: temporary)
            do {
                try file.append(packets)
            } catch {
                file.close()
                FileSystem.remove(temporary)
                throw error
            }
            return Written(rewrite: self, result: .success(file))
        } catch {
            let failure = SpoorError(.outputError, "cannot regenerate \(path): \(error)", underlying: error)
            return Written(rewrite: self, result: .failure(failure))
        }
    }
}

/// The traces a registering app needs in one session, to make outside the registry lock.
struct TraceWork: Sendable {
    var name: String
    var worker: SessionWorker
    var plans: [TracePlan]
}

/// A trace being made outside the registry lock: the session (by its worker, which outlives
/// the session's place in the registry) and the trace's owner.
struct TraceClaim: Hashable {
    var session: ObjectIdentifier
    var owner: TraceOwner

    init(_ session: Session, _ owner: TraceOwner) {
        self.session = ObjectIdentifier(session.worker)
        self.owner = owner
    }

    init(worker: SessionWorker, _ owner: TraceOwner) {
        self.session = ObjectIdentifier(worker)
        self.owner = owner
    }
}

extension DaemonState {
    /// Plans the traces `apps` need in `session` that neither exist nor are being made, and
    /// claims them: until they are published, ``mapBuffers(of:into:)`` leaves them to whoever
    /// makes them. With `registering`, that app waits for the trace it needs if it is being
    /// made, its own plan's or another's: it is told `registrationDone` once none is left.
    mutating func claimTraces(of session: Session, for apps: [AppRecord], registering: AppRecord? = nil)
        throws(SpoorError) -> [TracePlan]
    {
        var plans: [TracePlan] = []
        var planned: Set<TraceOwner> = []
        // Every plan is made before any claim, so that a failure leaves no claim behind.
        for app in apps where session.records(from: app) {
            let owner = session.traceOwner(for: app)
            guard session.traces[owner] == nil, !isClaimed(owner, in: session), planned.insert(owner).inserted
            else { continue }
            plans.append(try planTrace(of: session, for: app))
        }
        for plan in plans { traceClaims[TraceClaim(session, plan.owner)] = [] }
        if let registering, session.records(from: registering) {
            let claim = TraceClaim(session, session.traceOwner(for: registering))
            if traceClaims[claim] != nil {
                traceClaims[claim]?.append(registering)
                registrationsPending[registering.pid, default: 0] += 1
            }
        }
        return plans
    }

    /// Whether the trace of `owner` in `session` is being made outside the lock.
    func isClaimed(_ owner: TraceOwner, in session: Session) -> Bool {
        traceClaims[TraceClaim(session, owner)] != nil
    }

    /// Publishes the traces made from plans of `claimTraces` for the session that `worker`
    /// serves: each joins the session (its streams the consumer) unless the session is gone or
    /// rotated meanwhile, and its claim is released. Returns the apps that waited for them
    /// (for ``registrationStepDone(_:)`` once mapped) and the first failure.
    mutating func publish(_ created: [CreatedTrace], of name: String, servedBy worker: SessionWorker)
        -> (waiting: [AppRecord], failure: SpoorError?)
    {
        let session = session(name, servedBy: worker)
        var waiting: [AppRecord] = []
        var failure: SpoorError?
        for trace in created {
            let owner = trace.plan.owner
            waiting += traceClaims.removeValue(forKey: TraceClaim(worker: worker, owner)) ?? []
            switch trace.result {
            case .failure(let error):
                failure = failure ?? error
            case .success(let buffers):
                // Made in a chunk the session has left (an app registered across a rotation):
                // `mapBuffers` makes the trace again, in the current chunk.
                guard let session, session.currentChunkDirectory == trace.plan.chunkDirectory,
                    session.traces[owner] == nil
                else {
                    trace.discard()
                    continue
                }
                session.traces[owner] = buffers
                for stream in buffers.allStreams { adopt(stream, of: session) }
            }
        }
        return (waiting, failure)
    }

    /// Maps the buffers the apps of `waiting` waited for, sends them their destinations and
    /// state dump requests, and tells each app whose last wait this was `registrationDone`.
    mutating func mapWaiting(_ waiting: [AppRecord], in name: String, servedBy worker: SessionWorker) {
        let registered = waiting.filter { apps[$0.pid] === $0 }
        if let session = session(name, servedBy: worker), session.isActive {
            for app in registered where session.records(from: app) {
                do {
                    try mapBuffers(of: session, into: app)
                } catch {
                    logger.error("mapping the buffers of session \(name) into app \(app.pid): \(error)")
                }
            }
            do {
                try pushDestinations(to: registered)
            } catch {
                logger.error("sending destinations to apps: \(error)")
            }
            requestStatedump(of: session, from: registered, waiting: false)
        }
        registrationStepDone(waiting)
    }

    /// One wait of each app of `apps` is over: an app with none left is told `registrationDone`.
    mutating func registrationStepDone(_ apps: [AppRecord]) {
        for app in apps {
            let left = (registrationsPending[app.pid] ?? 1) - 1
            registrationsPending[app.pid] = left > 0 ? left : nil
            if left <= 0 && self.apps[app.pid] === app { _ = app.send(.registrationDone) }
        }
    }

    /// The plan of the trace `app` records into in `session`, with all the session's channels;
    /// allocates the channel keys.
    mutating func planTrace(of session: Session, for app: AppRecord) throws(SpoorError) -> TracePlan {
        let owner = session.traceOwner(for: app)
        let directory: String
        var environment = TraceEnvironment(
            bufferingScheme: .perUID, bufferingID: Int64(app.uid),
            traceName: session.isAutoNamed ? "auto" : session.name,
            creationDatetime: LocalTime.iso8601Basic(session.creationTime), hostname: hostname,
            spoorVersion: version)
        switch owner {
        case .user(let uid):
            directory = "\(session.currentChunkDirectory)/ust/uid/\(uid)/64-bit"
        case .process(let pid):
            let started = LocalTime.compact(app.registrationTime)
            directory = "\(session.currentChunkDirectory)/ust/pid/\(app.processName)-\(pid)-\(started)"
            environment.bufferingScheme = .perPID
            environment.bufferingID = Int64(pid)
            environment.processID = pid
            environment.processName = app.processName
            environment.processDatetime = LocalTime.iso8601Basic(app.registrationTime)
        }
        let uuid = TraceUUID.random()
        let description = TraceDescription(
            uuid: uuid, environment: environment,
            clock: ClockDescription(uuid: Clock.bootID(), offset: Clock.monotonicToRealtimeOffset()))
        var channels: [TracePlan.Channel] = []
        for (index, channel) in session.channels.enumerated() {
            channels.append(try planChannel(index, channel))
        }
        return TracePlan(
            owner: owner, directory: directory, uuid: uuid, description: description, channels: channels,
            cpuCount: cpuCount, chunkDirectory: session.currentChunkDirectory)
    }

    /// The plan of channel `index`'s buffers; allocates its key.
    mutating func planChannel(_ index: Int, _ channel: ChannelState) throws(SpoorError) -> TracePlan.Channel {
        let attributes = channel.attributes
        guard
            let layout = RingBufferLayout(
                subbufferSize: Int(attributes.subbufferSize), subbufferCount: Int(attributes.subbufferCount))
        else { throw SpoorError(.invalidArgument, "sub-buffer size and count must be powers of two") }
        let key = nextChannelKey
        nextChannelKey += 1
        return TracePlan.Channel(
            index: index, key: key, attributes: attributes, layout: layout,
            streamClass: TSDL.streamClass(
                id: UInt32(index), eventContext: channel.contexts.map(\.field), namedContexts: channel.namedContexts))
    }
}
