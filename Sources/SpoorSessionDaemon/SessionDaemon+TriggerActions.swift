import SpoorModel
import SpoorSessionCore
import SpoorWire

extension SessionDaemon {
    /// Runs the session actions triggers asked for, in the order they were fired, each as the
    /// trigger's owner's own command would run: on the session's worker, outside the registry
    /// lock. An action that fires more triggers (a rotation) queues their actions behind it,
    /// never inside it.
    ///
    /// Runs on a thread of its own, so that neither the rotation thread nor an app's thread
    /// waits for a `stop` a trigger asked for; one runner at a time keeps the order.
    func runTriggerActionsIfAny() {
        guard state.withLock({ $0.hasUnclaimedTriggerActions }) else { return }
        Self.detach { [self] in
            var continuing = false
            while let runs = state.withLock({ $0.claimTriggerActions(continuing: continuing) }) {
                continuing = true
                for run in runs {
                    perform(run)
                    flushApps()
                }
            }
        }
    }

    private func perform(_ run: TriggerActionRun) {
        let request: ControlRequest
        switch run.action {
        case .notify:
            return  // Published when it fired.
        case .startSession(let name):
            request = .startSession(name: name)
        case .stopSession(let name):
            request = .stopSession(name: name)
        case .rotateSession(let name):
            request = .rotateSession(name: name)
        case .snapshotSession(let name, let output):
            do {
                request = .recordSnapshot(session: name, output: try SnapshotOutput.request(for: output))
            } catch {
                failed(run, error)
                return
            }
        }
        if case .error(let error) = handle(request, uid: run.ownerUID) {
            failed(run, error)
        } else {
            logger.info("trigger \(run.trigger.name): ran \(run.action)")
        }
    }

    private func failed(_ run: TriggerActionRun, _ error: SpoorError) {
        state.withLock { $0.triggerEngine.actionFailed(run) }
        logger.warning("trigger \(run.trigger.name): action \(run.actionIndex + 1) failed: \(error)")
    }
}

extension DaemonState {
    /// Whether actions wait and no runner is at work on them.
    var hasUnclaimedTriggerActions: Bool { !triggerActions.isEmpty && !triggerActionsRunning }

    /// The queued actions for the runner, oldest first, or nil when there are none (the runner
    /// then ends) or another runner is at work (`continuing` is false for a new runner).
    mutating func claimTriggerActions(continuing: Bool) -> [TriggerActionRun]? {
        if triggerActionsRunning && !continuing { return nil }
        guard !triggerActions.isEmpty else {
            triggerActionsRunning = false
            return nil
        }
        triggerActionsRunning = true
        defer { triggerActions = [] }
        return triggerActions
    }
}
