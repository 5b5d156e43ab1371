/// A field value captured when an event-rule-matches condition was satisfied
/// (`add-trigger --capture`), decoded.
public indirect enum CapturedValue: Sendable, Hashable {
    case signed(Int64)
    case unsigned(UInt64)
    case floatingPoint(Double)
    case string(String)
    /// An array or sequence field captured whole.
    case array([CapturedValue])
    /// The event has no such field, or the index is past the end: LTTng's "unavailable".
    case unavailable
}

/// One capture of a notification: the descriptor as written in `--capture`, and its value.
public struct CapturedField: Sendable, Hashable {
    public var descriptor: String
    public var value: CapturedValue

    public init(descriptor: String, value: CapturedValue) {
        self.descriptor = descriptor
        self.value = value
    }
}

/// What satisfied a trigger's condition, with the figures the condition is about.
public enum ConditionEvaluation: Sendable, Hashable {
    /// An event matched the rule; the values of the trigger's captures, in order.
    case eventRuleMatched(captures: [CapturedField])
    /// The session's consumed size, in bytes.
    case sessionConsumedSize(bytes: UInt64)
    /// The channel's buffer usage: bytes used of the capacity, summed over its streams.
    case bufferUsage(bytes: UInt64, capacity: UInt64)
    /// A rotation of the session started, archiving chunk `chunkID`.
    case sessionRotationOngoing(chunkID: UInt64)
    /// A rotation of the session completed: chunk `chunkID` is at `archivePath`.
    case sessionRotationCompleted(chunkID: UInt64, archivePath: String)
    /// A process dumped core.
    case processCrashed(CrashReport)
}

/// What a subscriber receives when a trigger with a `notify` action fires.
public struct TriggerNotification: Sendable, Hashable {
    /// The trigger's name and owner.
    public var trigger: String
    public var ownerUID: UInt32
    public var condition: TriggerCondition
    public var evaluation: ConditionEvaluation
    /// When the daemon sent it: real time, in nanoseconds since the Epoch.
    public var time: UInt64
    /// Notifications for this subscriber dropped since it received the previous one, because
    /// it did not read them fast enough.
    public var droppedBefore: UInt64

    public init(
        trigger: String, ownerUID: UInt32, condition: TriggerCondition, evaluation: ConditionEvaluation, time: UInt64,
        droppedBefore: UInt64 = 0
    ) {
        self.trigger = trigger
        self.ownerUID = ownerUID
        self.condition = condition
        self.evaluation = evaluation
        self.time = time
        self.droppedBefore = droppedBefore
    }
}

/// What a notification subscriber asks for: the notifications of the triggers named here (all
/// of the client's triggers when empty; all users' for root).
public struct NotificationSubscription: Sendable, Hashable {
    public var triggerNames: [String]

    public init(triggerNames: [String] = []) {
        self.triggerNames = triggerNames
    }

    public func includes(trigger name: String) -> Bool {
        triggerNames.isEmpty || triggerNames.contains(name)
    }
}
