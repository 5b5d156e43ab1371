import SpoorModel
import SpoorSessionCore

/// `save` and `load` (`lttng-save(1)`, `lttng-load(1)`) as the daemon sees them: configurations
/// out, sessions in. The CLI reads and writes the files, not the daemon: LTTng's session daemon
/// writes them with the client's credentials, and the CLI, which runs as the user who asked,
/// gets the same owner and also takes relative paths from the directory they were typed in.
extension Session {
    /// What `lttng save` records about this session.
    var configuration: SessionConfiguration {
        SessionConfiguration(
            name: name, outputPath: isSnapshot ? nil : outputPath, isActive: isActive,
            channels: channels.map { channel in
                ChannelConfiguration(
                    attributes: channel.attributes, isEnabled: channel.isEnabled, rules: channel.rules,
                    contexts: channel.contexts, namedContexts: channel.namedContexts)
            },
            trackers: trackers, rotationSchedules: lifecycle.rotation.schedules, isSnapshot: isSnapshot,
            snapshotOutputs: snapshotOutputs)
    }
}

/// Why `load` changed nothing: the session that could not be loaded, and the error.
struct SessionLoadFailure: Error {
    var session: String
    var error: SpoorError
}

/// A `load` between its two steps: what ``DaemonState/finishLoad(_:_:uid:)`` needs.
struct PendingLoad {
    /// The sessions the load replaces, out of the registry, still to close.
    var replaced: [Session]
    /// The sessions the load created, to remove if a start fails.
    var created: [String]
}

/// What the first step of `load` leaves to do outside the lock: drain the active sessions
/// it replaces, then finish with `token`.
struct LoadStep {
    var token: UInt64
    var effects: [DaemonEffect]
}

extension DaemonState {
    /// The configuration of the session `name`, or of every session `uid` may see, oldest first.
    func configurations(named name: String?, uid: UInt32) throws(SpoorError) -> [SessionConfiguration] {
        if let name { return [try session(name, for: uid).configuration] }
        return sessions.visible(to: Credentials(uid: uid))
            .sorted { ($0.creationTime, $0.name) < ($1.creationTime, $1.name) }
            .map(\.configuration)
    }

    /// Creates every session of `configurations`, or none.
    ///
    /// Each session is built with the same steps as the commands that would make it (`create`,
    /// `enable-channel`, `enable-event`, `add-context`, `track`), so a loaded session passes the
    /// checks a typed one does. Sessions that `overwrite` replaces are set aside while the new
    /// ones are built and put back if one fails; once all are built, the replaced ones end as
    /// `destroy` ends them (before the new ones start: they may share an output directory), and
    /// the sessions that were active start.
    ///
    /// In two steps, so that the replaced sessions drain outside the lock: this one builds the
    /// new sessions and stops the replaced ones; ``finishLoad(_:_:uid:)`` closes them and starts
    /// the new ones.
    mutating func beginLoad(_ configurations: [SessionConfiguration], overwrite: Bool, uid: UInt32)
        throws(SessionLoadFailure) -> LoadStep
    {
        var replaced: [Session] = []
        var created: [String] = []
        var names: Set<String> = []
        for configuration in configurations {
            let name = configuration.name
            do throws(SpoorError) {
                guard names.insert(name).inserted else {
                    throw SpoorError(.sessionExists, "\(name) is loaded twice")
                }
                if let existing = sessions[name] {
                    guard overwrite, Credentials(uid: uid).mayAccess(ownedBy: existing.ownerUID) else {
                        throw SpoorError(.sessionExists, name)
                    }
                    sessions[name] = nil
                    replaced.append(existing)
                }
                if configuration.isSnapshot {
                    try createSnapshotSession(configuration, uid: uid)
                } else {
                    _ = try createSession(name: name, outputPath: configuration.outputPath, uid: uid)
                }
                created.append(name)
                try build(configuration, uid: uid)
            } catch {
                discard(created)
                for session in replaced { sessions[session.name] = session }
                try? pushDestinations()
                throw SessionLoadFailure(session: name, error: error)
            }
        }
        var effects: [DaemonEffect] = []
        for session in replaced where session.isActive {
            do {
                effects += try beginStop(session)
            } catch {
                logger.error("stopping session \(session.name): \(error)")
            }
        }
        let token = nextLoadToken
        nextLoadToken += 1
        pendingLoads[token] = PendingLoad(replaced: replaced, created: created)
        return LoadStep(token: token, effects: effects)
    }

    /// The replaced sessions are drained: they end as `destroy` ends them, before the new
    /// sessions start (they may share an output directory), then the active ones start.
    mutating func finishLoad(_ token: UInt64, _ configurations: [SessionConfiguration], uid: UInt32)
        throws(SessionLoadFailure)
    {
        guard let pending = pendingLoads.removeValue(forKey: token) else { return }
        for session in pending.replaced { end(session) }
        for configuration in configurations where configuration.isActive {
            do throws(SpoorError) {
                try start(configuration.name, uid: uid)
            } catch {
                discard(pending.created)
                try? pushDestinations()
                throw SessionLoadFailure(session: configuration.name, error: error)
            }
        }
        for name in pending.created { logger.info("loaded session \(name)") }
    }

    /// Gives the new, empty session `configuration.name` its channels, rules, contexts and
    /// trackers.
    private mutating func build(_ configuration: SessionConfiguration, uid: UInt32) throws(SpoorError) {
        let name = configuration.name
        guard let session = sessions[name] else { throw SpoorError(.sessionNotFound, name) }
        for channel in configuration.channels {
            let channelName = channel.attributes.name
            try enableChannel(channel.attributes, in: name, uid: uid)
            guard let index = session.channelIndex(named: channelName) else {
                throw SpoorError(.channelNotFound, channelName)
            }
            for rule in channel.rules {
                // `enable-event` would re-enable an equal rule; a configuration holds each once.
                guard !session.channels[index].rules.contains(where: { $0.hasSameConditions(as: rule) }) else {
                    throw SpoorError(.eventRuleExists, "\(rule.pattern) twice in channel \(channelName)")
                }
                _ = try enableEvents([rule], channel: channelName, in: name, uid: uid)
                if let added = session.channels[index].rules.indices.last {
                    session.channels[index].rules[added].isEnabled = rule.isEnabled
                }
            }
            let contexts = channel.contexts.map(\.name) + channel.namedContexts
            if !contexts.isEmpty { try addContexts(contexts, channel: channelName, in: name, uid: uid) }
            session.channels[index].isEnabled = channel.isEnabled
        }
        session.trackers = configuration.trackers
        try setRotationSchedules(configuration.rotationSchedules, of: session)
        try pushDestinations()
    }

    /// Removes the sessions `load` created, as `destroy` would.
    private mutating func discard(_ names: [String]) {
        for name in names.reversed() {
            guard let session = sessions.removeValue(forKey: name) else { continue }
            end(session)
        }
    }

    /// Stops a session that is no longer in `sessions` (a stop that drains under the lock:
    /// only `discard`, after a failed start, has an active session to end) and closes its
    /// traces.
    private mutating func end(_ session: Session) {
        if session.isActive {
            do {
                try stopHere(session)
            } catch {
                logger.error("stopping session \(session.name): \(error)")
            }
        }
        for trace in session.traces.values { close(trace) }
        if session.isSnapshot { removeSnapshotBuffers(of: session) }
    }
}
