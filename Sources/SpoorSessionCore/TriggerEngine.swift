import SpoorModel

/// A trigger by its identity: names are unique per owner.
public struct TriggerKey: Sendable, Hashable {
    /// The trigger's name.
    public var name: String
    /// The trigger's owner.
    public var ownerUID: UInt32

    /// The key of `trigger`.
    public init(_ trigger: Trigger) {
        name = trigger.name
        ownerUID = trigger.ownerUID
    }
}

/// What the engine keeps of a trigger while it lives: how many times each action was asked
/// to run (for the rate policies), what failed, and whether a level condition held at its
/// last evaluation (such conditions fire when they become true, not while they stay true).
public struct TriggerState: Sendable, Hashable {
    /// Per action, how many times it was asked to run.
    public var actionRequests: [UInt64]
    /// Per action, how many of its runs failed.
    public var actionFailures: [UInt64]
    /// Event-rule-matches conditions: notifications the tracer could not send.
    public var discardedTracerMessages: UInt64 = 0
    /// Whether a level condition held at its last evaluation.
    public var conditionHeld = false

    /// The state of a new trigger with `actionCount` actions.
    public init(actionCount: Int) {
        actionRequests = Array(repeating: 0, count: actionCount)
        actionFailures = Array(repeating: 0, count: actionCount)
    }
}

/// What firing a trigger asks the daemon to do. The engine never does it itself, so that no
/// action runs inside another (a rotation that a trigger starts fires the triggers on
/// rotations only once it has been carried out, as a new event).
public enum TriggerEffect: Sendable, Hashable {
    /// Sends a notification to the subscribed clients (the `notify` action).
    case publish(TriggerNotification)
    /// Runs a session action (`start-session`, `stop-session`, `rotate-session`,
    /// `snapshot-session`) as the trigger's owner would run the command; the daemon reports a
    /// failure back with ``TriggerEngine/actionFailed(_:)``.
    case runAction(TriggerActionRun)
}

/// One session action to run for a trigger.
public struct TriggerActionRun: Sendable, Hashable {
    /// The trigger that asked for it.
    public var trigger: TriggerKey
    /// Which of its actions, from 0.
    public var actionIndex: Int
    /// What to do.
    public var action: TriggerActionKind

    /// A run of action `actionIndex` of `trigger`.
    public init(trigger: TriggerKey, actionIndex: Int, action: TriggerActionKind) {
        self.trigger = trigger
        self.actionIndex = actionIndex
        self.action = action
    }

    /// The user the action runs as.
    public var ownerUID: UInt32 { trigger.ownerUID }
}

/// The trigger engine's decisions (lttng-concepts(7), "Trigger"): which actions of which
/// trigger run when its condition is satisfied, under the rate policies. Pure: it returns
/// ``TriggerEffect``s for the daemon to carry out.
public struct TriggerEngine: Sendable {
    /// What the engine keeps of each trigger.
    public private(set) var states: [TriggerKey: TriggerState] = [:]

    /// An engine that has seen nothing fire.
    public init() {}

    /// The trigger's condition is satisfied at `time` (realtime nanoseconds): each action is
    /// asked to run, in order, and runs when its rate policy allows.
    public mutating func fire(_ trigger: Trigger, _ evaluation: ConditionEvaluation, at time: UInt64)
        -> [TriggerEffect]
    {
        let key = TriggerKey(trigger)
        var effects: [TriggerEffect] = []
        for (index, action) in trigger.actions.enumerated() {
            var state = states[key] ?? TriggerState(actionCount: trigger.actions.count)
            state.actionRequests[index] += 1
            states[key] = state
            guard action.ratePolicy.allowsExecution(atRequest: state.actionRequests[index]) else { continue }
            if case .notify = action.kind {
                effects.append(
                    .publish(
                        TriggerNotification(
                            trigger: trigger.name, ownerUID: trigger.ownerUID, condition: trigger.condition,
                            evaluation: evaluation, time: time)))
            } else {
                effects.append(.runAction(TriggerActionRun(trigger: key, actionIndex: index, action: action.kind)))
            }
        }
        return effects
    }

    /// A level condition was evaluated: fires when it becomes true (nil: it does not hold).
    public mutating func evaluated(_ trigger: Trigger, _ evaluation: ConditionEvaluation?, at time: UInt64)
        -> [TriggerEffect]
    {
        let key = TriggerKey(trigger)
        let held = states[key]?.conditionHeld ?? false
        if states[key] == nil { states[key] = TriggerState(actionCount: trigger.actions.count) }
        states[key]?.conditionHeld = evaluation != nil
        guard let evaluation, !held else { return [] }
        return fire(trigger, evaluation, at: time)
    }

    /// A rotation of session `session` (owned by `sessionOwner`) began: fires the
    /// `session-rotation-ongoing` triggers of root and of the owner among `triggers`.
    public mutating func rotationBegan(
        session: String, sessionOwner: UInt32, chunkID: UInt64, triggers: [Trigger], at time: UInt64
    ) -> [TriggerEffect] {
        triggers.filter {
            $0.condition == .sessionRotationOngoing(session: session)
                && Credentials(uid: $0.ownerUID).mayAccess(ownedBy: sessionOwner)
        }.flatMap { fire($0, .sessionRotationOngoing(chunkID: chunkID), at: time) }
    }

    /// A rotation of `session` ended with its archive at `archivePath`
    /// (`session-rotation-completed`).
    public mutating func rotationCompleted(
        session: String, sessionOwner: UInt32, chunkID: UInt64, archivePath: String, triggers: [Trigger],
        at time: UInt64
    ) -> [TriggerEffect] {
        triggers.filter {
            $0.condition == .sessionRotationCompleted(session: session)
                && Credentials(uid: $0.ownerUID).mayAccess(ownedBy: sessionOwner)
        }.flatMap { fire($0, .sessionRotationCompleted(chunkID: chunkID, archivePath: archivePath), at: time) }
    }

    /// A process dumped core (`process-crashed`): the triggers of root, and of the process's
    /// user, whose name pattern and uid match it.
    public mutating func processCrashed(_ report: CrashReport, triggers: [Trigger], at time: UInt64)
        -> [TriggerEffect]
    {
        triggers.filter { trigger in
            guard case .processCrashed(let pattern, let uid) = trigger.condition,
                Credentials(uid: trigger.ownerUID).mayAccess(ownedBy: report.uid)
            else { return false }
            return (uid == nil || uid == report.uid)
                && (pattern.map { NamePattern.matches(pattern: $0, name: report.processName) } ?? true)
        }.flatMap { fire($0, .processCrashed(report), at: time) }
    }

    /// An action the daemon ran for a trigger failed: counted for `list-triggers`.
    public mutating func actionFailed(_ run: TriggerActionRun) {
        guard states[run.trigger]?.actionFailures.indices.contains(run.actionIndex) == true else { return }
        states[run.trigger]?.actionFailures[run.actionIndex] += 1
    }

    /// Adds to the "discarded tracer messages" `list-triggers` shows.
    public mutating func countDiscarded(_ count: UInt64, of trigger: Trigger) {
        guard count > 0 else { return }
        let key = TriggerKey(trigger)
        var state = states[key] ?? TriggerState(actionCount: trigger.actions.count)
        state.discardedTracerMessages &+= count
        states[key] = state
    }

    /// The error counters `list-triggers` shows.
    public func errorCounts(of trigger: Trigger) -> TriggerErrorCounts {
        let state = states[TriggerKey(trigger)] ?? TriggerState(actionCount: trigger.actions.count)
        return TriggerErrorCounts(
            discardedTracerMessages: state.discardedTracerMessages, actionExecutionFailures: state.actionFailures)
    }

    /// Forgets what the engine kept of a trigger that was removed (or added again).
    public mutating func forget(_ trigger: Trigger) {
        states.removeValue(forKey: TriggerKey(trigger))
    }
}
