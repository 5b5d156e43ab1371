/// The triggers of a session daemon, with LTTng's ownership rules: each belongs to a Unix
/// user, its name is unique among that user's triggers, and only root acts for other users.
///
/// A pure value: the daemon keeps it in its state, and checks filters before adding.
public struct TriggerRegistry: Sendable {
    /// In the order they were added.
    public private(set) var triggers: [Trigger] = []
    /// The number of the next generated name, `trigger<N>`; it only grows, as in LTTng, and
    /// skips names the user already has.
    private var nextGeneratedNumber: UInt64 = 0

    public init() {}

    /// Adds a trigger for `clientUID`, or for `ownerUID` when root asks; a nil `name` gets
    /// the next free `triggerN` name of the owner. Returns the trigger as stored.
    public mutating func add(
        name: String?, ownerUID: UInt32?, condition: TriggerCondition, actions: [TriggerAction], clientUID: UInt32
    ) throws(SpoorError) -> Trigger {
        let owner = try Self.owner(ownerUID, clientUID: clientUID)
        var trigger = Trigger(name: name ?? "", ownerUID: owner, condition: condition, actions: actions)
        if name == nil { trigger.name = generatedName(for: owner) }
        do {
            try trigger.validate()
        } catch {
            throw SpoorError(.invalidTrigger, error.description)
        }
        guard !contains(trigger.name, ownerUID: owner) else { throw SpoorError(.triggerExists, trigger.name) }
        if name == nil { nextGeneratedNumber += 1 }
        triggers.append(trigger)
        return trigger
    }

    /// Removes the trigger `name` of `clientUID`, or of `ownerUID` when root asks.
    public mutating func remove(name: String, ownerUID: UInt32?, clientUID: UInt32) throws(SpoorError) -> Trigger {
        let owner = try Self.owner(ownerUID, clientUID: clientUID)
        guard let index = triggers.firstIndex(where: { $0.name == name && $0.ownerUID == owner }) else {
            throw SpoorError(.triggerNotFound, name)
        }
        return triggers.remove(at: index)
    }

    /// The triggers `clientUID` may see (root sees every user's), ordered by name as
    /// `lttng list-triggers` prints them (byte order), then by owner.
    public func visible(to clientUID: UInt32) -> [Trigger] {
        triggers.filter { Credentials(uid: clientUID).mayAccess(ownedBy: $0.ownerUID) }.sorted { left, right in
            left.name == right.name
                ? left.ownerUID < right.ownerUID : Array(left.name.utf8).lexicographicallyPrecedes(right.name.utf8)
        }
    }

    /// Whether `ownerUID` has a trigger named `name`.
    public func contains(_ name: String, ownerUID: UInt32) -> Bool {
        triggers.contains { $0.name == name && $0.ownerUID == ownerUID }
    }

    /// The owner a request acts for: `--owner-uid` is for root only.
    static func owner(_ requested: UInt32?, clientUID: UInt32) throws(SpoorError) -> UInt32 {
        guard let requested, requested != clientUID else { return clientUID }
        guard clientUID == 0 else {
            throw SpoorError(.permissionDenied, "only root may act for another user (--owner-uid=\(requested))")
        }
        return requested
    }

    /// `trigger<N>` with the smallest N from the counter on that `owner` does not use yet.
    private mutating func generatedName(for owner: UInt32) -> String {
        while contains("trigger\(nextGeneratedNumber)", ownerUID: owner) { nextGeneratedNumber += 1 }
        return "trigger\(nextGeneratedNumber)"
    }
}
