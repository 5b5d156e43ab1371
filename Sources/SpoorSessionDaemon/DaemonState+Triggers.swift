import SpoorModel

extension DaemonState {
    /// `lttng add-trigger` (lttng-add-trigger(1)). The trigger is stored whether or not the
    /// sessions it names exist. A filter is compiled as `enable-event` compiles it, so a
    /// trigger with a filter apps could not run is refused.
    ///
    /// The trigger engine (`DaemonState+TriggerEngine.swift`) evaluates its condition from then
    /// on and runs its actions; adding it again after a removal starts its counters afresh.
    mutating func addTrigger(
        name: String?, ownerUID: UInt32?, condition: TriggerCondition, actions: [TriggerAction], uid: UInt32
    ) throws(SpoorError) -> String {
        if case .eventRuleMatches(let rule, _) = condition, let filter = rule.filter {
            try compileFilter(filter)
        }
        let trigger = try triggers.add(
            name: name, ownerUID: ownerUID, condition: condition, actions: actions, clientUID: uid)
        forgetState(of: trigger)
        // Apps evaluate event-rule-matches conditions: they learn of the trigger now.
        pushNotifiers()
        logger.info("added trigger \(trigger.name) of uid \(trigger.ownerUID)")
        return trigger.name
    }

    /// `lttng list-triggers`: the client's triggers, or every user's for root.
    func listTriggers(uid: UInt32) -> [TriggerListing] {
        triggers.visible(to: uid).map { TriggerListing(trigger: $0, errors: errorCounts(of: $0)) }
    }

    /// `lttng remove-trigger`.
    mutating func removeTrigger(name: String, ownerUID: UInt32?, uid: UInt32) throws(SpoorError) {
        let trigger = try triggers.remove(name: name, ownerUID: ownerUID, clientUID: uid)
        forgetState(of: trigger)
        forgetNotifierToken(of: trigger)
        pushNotifiers()
        logger.info("removed trigger \(trigger.name) of uid \(trigger.ownerUID)")
    }
}
