import SpoorModel
import SpoorSessionCore
import SpoorWire

extension SessionDaemon {
    /// Runs the session actions triggers asked for, in the order they were fired, each as the
    /// trigger's owner's own command would run: on the session's worker, outside the registry
    /// lock. An action that fires more triggers (a rotation) queues their actions behind it,
    /// never inside it.
    ///
    /// One runner thread per session with queued actions: neither the rotation thread nor an
    /// app's thread waits for a `stop` a trigger asked for, a slow action on one session does
    /// not hold back the actions on another, and one runner per session keeps its actions in
    /// the order they were fired.
    func runTriggerActionsIfAny() {
        for session in state.withLock({ $0.claimTriggerActionSessions() }) {
            Self.detach { [self] in
                while let runs = state.withLock({ $0.takeTriggerActions(of: session) }) {
                    for run in runs {
                        perform(run)
                        flushApps()
                    }
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
    /// The sessions whose queued actions no runner works on yet; each now has one.
    mutating func claimTriggerActionSessions() -> [String] {
        var claimed: [String] = []
        for run in triggerActions {
            let session = run.action.sessionName ?? ""
            guard !triggerActionRunners.contains(session) else { continue }
            triggerActionRunners.insert(session)
            claimed.append(session)
        }
        return claimed
    }

    /// The queued actions on `session`, oldest first, for its runner; nil when there are none,
    /// and the runner ends.
    mutating func takeTriggerActions(of session: String) -> [TriggerActionRun]? {
        let taken = triggerActions.filter { ($0.action.sessionName ?? "") == session }
        guard !taken.isEmpty else {
            triggerActionRunners.remove(session)
            return nil
        }
        triggerActions.removeAll { ($0.action.sessionName ?? "") == session }
        return taken
    }
}
