import SpoorModel
import SpoorPosix

/// A trigger by its identity: names are unique per owner.
struct TriggerKey: Hashable {
    var name: String
    var ownerUID: UInt32

    init(_ trigger: Trigger) {
        name = trigger.name
        ownerUID = trigger.ownerUID
    }
}

/// What the daemon keeps of a trigger while it lives: how many times each action was asked
/// to run (for the rate policies), what failed, and whether a level condition held at its
/// last evaluation (such conditions fire when they become true, not while they stay true).
struct TriggerState {
    var actionRequests: [UInt64]
    var actionFailures: [UInt64]
    var discardedTracerMessages: UInt64 = 0
    var conditionHeld = false

    init(actionCount: Int) {
        actionRequests = Array(repeating: 0, count: actionCount)
        actionFailures = Array(repeating: 0, count: actionCount)
    }
}

extension DaemonState {
    // MARK: Firing

    /// The trigger's condition is satisfied: each action is asked to run, in order, and runs
    /// when its rate policy allows; a failure is counted and does not stop the next actions.
    mutating func fire(_ trigger: Trigger, _ evaluation: ConditionEvaluation) {
        let key = TriggerKey(trigger)
        for (index, action) in trigger.actions.enumerated() {
            var state = triggerStates[key] ?? TriggerState(actionCount: trigger.actions.count)
            state.actionRequests[index] += 1
            let runs = action.ratePolicy.allowsExecution(atRequest: state.actionRequests[index])
            triggerStates[key] = state
            guard runs else { continue }
            do {
                try execute(action, of: trigger, evaluation)
            } catch {
                triggerStates[key]?.actionFailures[index] += 1
                logger.warning("trigger \(trigger.name): action \(index + 1) failed: \(error)")
            }
        }
    }

    /// Runs one action for the trigger's owner, as the owner's own command would.
    private mutating func execute(_ action: TriggerAction, of trigger: Trigger, _ evaluation: ConditionEvaluation)
        throws(SpoorError)
    {
        let owner = trigger.ownerUID
        switch action.kind {
        case .notify:
            notifications.publish(
                TriggerNotification(
                    trigger: trigger.name, ownerUID: owner, condition: trigger.condition, evaluation: evaluation,
                    time: UInt64(max(0, Clock.realtimeNanoseconds))))
        case .startSession(let name):
            try start(name, uid: owner)
        case .stopSession(let name):
            _ = try stop(name, uid: owner)
        case .rotateSession(let name):
            _ = try rotate(name, uid: owner)
        case .snapshotSession(let name, let output):
            try snapshotFromTrigger(name, output: output, uid: owner)
        }
        logger.info("trigger \(trigger.name): ran \(action.kind)")
    }

    /// The triggers whose condition `matches` accepts.
    private func triggers(where matches: (TriggerCondition) -> Bool) -> [Trigger] {
        triggers.triggers.filter { matches($0.condition) }
    }

    // MARK: Conditions

    /// A rotation of `session` began (`session-rotation-ongoing`).
    mutating func rotationBegan(of session: Session, chunkID: UInt64) {
        for trigger in triggers(where: { $0 == .sessionRotationOngoing(session: session.name) })
        where trigger.ownerUID == 0 || trigger.ownerUID == session.ownerUID {
            fire(trigger, .sessionRotationOngoing(chunkID: chunkID))
        }
    }

    /// A rotation of `session` ended with its archive in place (`session-rotation-completed`).
    mutating func rotationCompleted(of session: Session, chunkID: UInt64, archivePath: String) {
        for trigger in triggers(where: { $0 == .sessionRotationCompleted(session: session.name) })
        where trigger.ownerUID == 0 || trigger.ownerUID == session.ownerUID {
            fire(trigger, .sessionRotationCompleted(chunkID: chunkID, archivePath: archivePath))
        }
    }

    /// A process dumped core (`process-crashed`): the triggers of root, and of the process's
    /// user, whose name pattern and uid match it.
    mutating func processCrashed(_ report: CrashReport) {
        let matching = triggers { condition in
            guard case .processCrashed(let pattern, let uid) = condition else { return false }
            return (uid == nil || uid == report.uid)
                && (pattern.map { NamePattern.matches(pattern: $0, name: report.processName) } ?? true)
        }
        for trigger in matching where trigger.ownerUID == 0 || trigger.ownerUID == report.uid {
            fire(trigger, .processCrashed(report))
        }
    }

    /// Evaluates the conditions on figures the consumer samples (`session-consumed-size`,
    /// `buffer-usage-high`, `buffer-usage-low`) for the active sessions they name; each fires
    /// when it becomes true.
    mutating func evaluateMonitoredConditions() {
        for trigger in triggers.triggers {
            guard let name = trigger.condition.sessionName, let session = sessions[name],
                trigger.ownerUID == 0 || trigger.ownerUID == session.ownerUID
            else { continue }
            let evaluation: ConditionEvaluation?
            switch trigger.condition {
            case .sessionConsumedSize(_, let threshold):
                let bytes = session.traces.values.reduce(0) { total, trace in
                    total + trace.allStreams.reduce(0) { $0 + $1.bytesWritten }
                }
                evaluation = session.isActive && bytes > threshold ? .sessionConsumedSize(bytes: bytes) : nil
            case .bufferUsageHigh(_, let channel, let threshold), .bufferUsageLow(_, let channel, let threshold):
                guard session.isActive, let usage = bufferUsage(of: channel, in: session) else {
                    evaluation = nil
                    break
                }
                let isHigh: Bool
                if case .bufferUsageHigh = trigger.condition { isHigh = true } else { isHigh = false }
                let holds: Bool
                switch threshold {
                case .ratio(let ratio):
                    let used = usage.capacity == 0 ? 0 : Double(usage.bytes) / Double(usage.capacity)
                    holds = isHigh ? used > ratio : used < ratio
                case .bytes(let bytes):
                    holds = isHigh ? usage.bytes > bytes : usage.bytes < bytes
                }
                evaluation = holds ? .bufferUsage(bytes: usage.bytes, capacity: usage.capacity) : nil
            default:
                continue
            }
            let key = TriggerKey(trigger)
            let held = triggerStates[key]?.conditionHeld ?? false
            if triggerStates[key] == nil { triggerStates[key] = TriggerState(actionCount: trigger.actions.count) }
            triggerStates[key]?.conditionHeld = evaluation != nil
            if let evaluation, !held { fire(trigger, evaluation) }
        }
    }

    /// The channel's latest monitor samples, summed over its streams in every trace of the
    /// session; nil before the first sample.
    private func bufferUsage(of channel: String, in session: Session) -> (bytes: UInt64, capacity: UInt64)? {
        guard let index = session.channelIndex(named: channel) else { return nil }
        var bytes: UInt64 = 0
        var capacity: UInt64 = 0
        var sampled = false
        for trace in session.traces.values {
            for stream in trace.channels[index]?.streams ?? [] {
                guard let usage = stream.bufferUsage else { continue }
                sampled = true
                bytes += usage.bytes
                capacity += usage.capacity
            }
        }
        return sampled ? (bytes, capacity) : nil
    }

    // MARK: Bookkeeping

    /// The error counters `list-triggers` shows.
    func errorCounts(of trigger: Trigger) -> TriggerErrorCounts {
        let state = triggerStates[TriggerKey(trigger)] ?? TriggerState(actionCount: trigger.actions.count)
        return TriggerErrorCounts(
            discardedTracerMessages: state.discardedTracerMessages, actionExecutionFailures: state.actionFailures)
    }

    /// Forgets what the daemon kept of a trigger that was removed.
    mutating func forgetState(of trigger: Trigger) {
        triggerStates.removeValue(forKey: TriggerKey(trigger))
    }
}

extension DaemonState {
    /// The `snapshot-session` action: `snapshot record` for the owner, to the session's
    /// snapshot output or to the action's own (a local path; Spoor has no relay daemon yet).
    mutating func snapshotFromTrigger(_ name: String, output: SnapshotActionOutput?, uid: UInt32) throws(SpoorError) {
        var request = SnapshotOutput()
        if let output {
            switch output.destination {
            case .path(let path): request.path = path
            case .url(let url) where url.hasPrefix("file://"): request.path = String(url.dropFirst(7))
            case .url(let url), .controlAndData(let url, _):
                throw SpoorError(.unsupported, "snapshot-session to \(url): Spoor has no relay daemon yet")
            }
            request.name = output.name ?? ""
            request.maxSize = output.maximumSize ?? 0
        }
        let directory = try recordSnapshot(request, of: name, uid: uid)
        logger.info("snapshot of session \(name) written at \(directory)")
    }
}
