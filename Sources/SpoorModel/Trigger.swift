/// A trigger of the session daemon (`lttng-concepts(7)`, "TRIGGER"): when its condition is
/// satisfied, its actions run in order, each as its rate policy allows.
///
/// A trigger belongs to a Unix user; its name is unique among that user's triggers.
public struct Trigger: Sendable, Hashable {
    /// Unique among the triggers of `ownerUID`.
    public var name: String
    /// The Unix user the trigger belongs to.
    public var ownerUID: UInt32
    /// What makes the trigger fire.
    public var condition: TriggerCondition
    /// At least one; they run in this order.
    public var actions: [TriggerAction]

    public init(name: String, ownerUID: UInt32, condition: TriggerCondition, actions: [TriggerAction]) {
        self.name = name
        self.ownerUID = ownerUID
        self.condition = condition
        self.actions = actions
    }

    /// Throws the first reason the trigger cannot be added.
    public func validate() throws(TriggerValidationError) {
        try Trigger.validate(name: name)
        try condition.validate()
        if actions.isEmpty { throw .noAction }
        for action in actions { try action.validate() }
    }

    /// Throws when `name` cannot name a trigger. LTTng accepts an empty name; Spoor does not,
    /// since `remove-trigger` could not name it.
    public static func validate(name: String) throws(TriggerValidationError) {
        if name.isEmpty { throw .invalidName("a trigger name cannot be empty") }
        if name.utf8.count > NameValidation.maximumLength {
            throw .invalidName("a trigger name is at most \(NameValidation.maximumLength) bytes")
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw .invalidName("a trigger name cannot hold control characters")
        }
    }
}

/// The error counters `lttng list-triggers` shows for a trigger. They count what went wrong
/// while the trigger fired.
public struct TriggerErrorCounts: Sendable, Hashable {
    /// Event-rule-matches conditions: notifications the tracer could not send.
    public var discardedTracerMessages: UInt64
    /// Per action, in order: how many of its executions failed.
    public var actionExecutionFailures: [UInt64]

    public init(discardedTracerMessages: UInt64 = 0, actionExecutionFailures: [UInt64]) {
        self.discardedTracerMessages = discardedTracerMessages
        self.actionExecutionFailures = actionExecutionFailures
    }
}

/// A trigger as `list-triggers` shows it: the trigger and its error counters.
public struct TriggerListing: Sendable, Hashable {
    /// The trigger as stored.
    public var trigger: Trigger
    /// What went wrong while it fired.
    public var errors: TriggerErrorCounts

    public init(trigger: Trigger, errors: TriggerErrorCounts) {
        self.trigger = trigger
        self.errors = errors
    }
}

/// Why a trigger is invalid; the text says what is wrong.
public enum TriggerValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The trigger's name cannot name a trigger.
    case invalidName(String)
    /// The condition names something invalid or can never be satisfied.
    case invalidCondition(String)
    /// A capture descriptor, as written, and what is wrong with it.
    case invalidCapture(String, String)
    /// An action names something invalid.
    case invalidAction(String)
    /// A rate policy can never let its action run.
    case invalidRatePolicy(String)
    /// The trigger has no action.
    case noAction

    public var description: String {
        switch self {
        case .invalidName(let text), .invalidCondition(let text), .invalidAction(let text),
            .invalidRatePolicy(let text):
            text
        case .invalidCapture(let descriptor, let problem): "invalid capture descriptor `\(descriptor)`: \(problem)"
        case .noAction: "a trigger needs at least one action"
        }
    }
}
