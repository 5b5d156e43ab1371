import SpoorModel
import SpoorSessionCore

extension DaemonState {
    // MARK: Firing

    /// Carries out what the trigger engine decided: notifications are published at once
    /// (the hub never blocks); session actions are queued, and run after the lock is released
    /// (`SessionDaemon.runTriggerActionsIfAny`), each as its own command.
    mutating func apply(_ effects: [TriggerEffect]) {
        for effect in effects {
            switch effect {
            case .publish(let notification):
                notifications.publish(notification)
                logger.info("trigger \(notification.trigger): ran notify")
            case .runAction(let run):
                triggerActions.append(run)
            }
        }
    }

    /// The trigger's condition is satisfied: its actions run as their rate policies allow.
    mutating func fire(_ trigger: Trigger, _ evaluation: ConditionEvaluation) {
        apply(triggerEngine.fire(trigger, evaluation, at: notificationTime))
    }

    /// The time a notification carries: realtime nanoseconds.
    private var notificationTime: UInt64 { UInt64(max(0, clock.realtimeNanoseconds)) }

    // MARK: Conditions

    /// A rotation of `session` began (`session-rotation-ongoing`).
    mutating func rotationBegan(of session: Session, chunkID: UInt64) {
        apply(
            triggerEngine.rotationBegan(
                session: session.name, sessionOwner: session.ownerUID, chunkID: chunkID, triggers: triggers.triggers,
                at: notificationTime))
    }

    /// A rotation of `session` ended with its archive in place (`session-rotation-completed`).
    mutating func rotationCompleted(of session: Session, chunkID: UInt64, archivePath: String) {
        apply(
            triggerEngine.rotationCompleted(
                session: session.name, sessionOwner: session.ownerUID, chunkID: chunkID, archivePath: archivePath,
                triggers: triggers.triggers, at: notificationTime))
    }

    /// A process dumped core (`process-crashed`).
    mutating func processCrashed(_ report: CrashReport) {
        apply(triggerEngine.processCrashed(report, triggers: triggers.triggers, at: notificationTime))
    }

    /// Evaluates the conditions on figures the consumer samples (`session-consumed-size`,
    /// `buffer-usage-high`, `buffer-usage-low`) for the active sessions they name; each fires
    /// when it becomes true.
    mutating func evaluateMonitoredConditions() {
        for trigger in triggers.triggers {
            guard let name = trigger.condition.sessionName, let session = sessions[name],
                Credentials(uid: trigger.ownerUID).mayAccess(ownedBy: session.ownerUID)
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
            apply(triggerEngine.evaluated(trigger, evaluation, at: notificationTime))
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
    func errorCounts(of trigger: Trigger) -> TriggerErrorCounts { triggerEngine.errorCounts(of: trigger) }

    /// Forgets what the daemon kept of a trigger that was removed.
    mutating func forgetState(of trigger: Trigger) { triggerEngine.forget(trigger) }
}

extension SnapshotOutput {
    /// The `snapshot record` request of a `snapshot-session` action: to the session's snapshot
    /// output or to the action's own (a local path; Spoor has no relay daemon yet).
    static func request(for output: SnapshotActionOutput?) throws(SpoorError) -> SnapshotOutput {
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
        return request
    }
}
