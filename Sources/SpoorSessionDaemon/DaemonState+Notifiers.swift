import SpoorFilter
import SpoorModel
import SpoorWire
import SpoorSessionCore

/// Event-rule-matches triggers in apps: the daemon sends each app the triggers whose event
/// rule matches one of its events (its notifiers), and fires a trigger when an app says one of
/// its events matched (`AppMessage.eventNotification`).
///
/// Unlike the daemon's other conditions, these are evaluated in the app, where the event's
/// values are: the app runs the rule's filter and reads the captured fields, as LTTng-UST's
/// event notifiers do.
extension DaemonState {
    /// The notifiers of each event of `app`: the event-rule-matches triggers of root and of the
    /// app's user whose rule's name, exclusion and log-level conditions hold for the event.
    func notifiers(of app: AppRecord) -> [EventNotifiers] {
        let candidates = triggers.triggers.filter { trigger in
            guard case .eventRuleMatches = trigger.condition else { return false }
            return Credentials(uid: trigger.ownerUID).mayAccess(ownedBy: app.uid)
        }
        return app.events.enumerated().map { index, event in
            var notifiers: [EventNotifier] = []
            for trigger in candidates {
                guard case .eventRuleMatches(let rule, let captures) = trigger.condition, rule.matches(event),
                    let token = notifierTokens[TriggerKey(trigger)]
                else { continue }
                // Filters were compiled when the trigger was added; one that somehow was not
                // notifies nothing rather than everything.
                let filter = rule.filter.map {
                    filterBytecode[$0] ?? (try? FilterProgram(compiling: $0).bytes) ?? ChannelState.recordsNothing
                }
                notifiers.append(EventNotifier(token: token, filter: filter ?? [], captures: captures))
            }
            return EventNotifiers(eventIndex: UInt32(index), notifiers: notifiers)
        }
    }

    /// Gives every event-rule-matches trigger a token, the number apps send it back by.
    mutating func assignNotifierTokens() {
        for trigger in triggers.triggers {
            guard case .eventRuleMatches = trigger.condition, notifierTokens[TriggerKey(trigger)] == nil else {
                continue
            }
            let token = nextNotifierToken
            nextNotifierToken += 1
            notifierTokens[TriggerKey(trigger)] = token
            notifierTriggers[token] = TriggerKey(trigger)
        }
    }

    /// Forgets the token of a removed trigger: notifications still in flight are then ignored,
    /// and a trigger added again under the name gets a new one.
    mutating func forgetNotifierToken(of trigger: Trigger) {
        guard let token = notifierTokens.removeValue(forKey: TriggerKey(trigger)) else { return }
        notifierTriggers.removeValue(forKey: token)
    }

    /// Sends `app` its notifiers if they changed since it was last sent them; returns whether
    /// it sent them.
    mutating func sendNotifiers(to app: AppRecord) -> Bool {
        let notifiers = notifiers(of: app)
        guard notifiers != app.sentNotifiers else { return false }
        // An app that did not get them keeps its old ones (and is dropped by `send`).
        guard app.send(.setNotifiers(notifiers)) else { return false }
        app.sentNotifiers = notifiers
        return true
    }

    /// Sends every app its notifiers after a trigger was added or removed; the command waits
    /// until the apps have applied them.
    mutating func pushNotifiers() {
        assignNotifierTokens()
        for app in apps.values where sendNotifiers(to: app) {
            let token = nextSynchronizationToken
            nextSynchronizationToken += 1
            if app.send(.synchronize(token: token)) { pendingAcknowledgements.append((app, token)) }
        }
    }

    /// An event of app `pid` matched the trigger known by `token`: fires it with the captured
    /// values, named after the trigger's capture descriptors. Unknown tokens (a trigger removed
    /// meanwhile) are ignored; `discardedBefore` goes to the counter `list-triggers` shows.
    mutating func eventMatched(token: UInt64, captures: [CapturedValue], discardedBefore: UInt64, pid: Int32) {
        guard let key = notifierTriggers[token], let app = apps[pid],
            let trigger = triggers.triggers.first(where: { TriggerKey($0) == key }),
            Credentials(uid: trigger.ownerUID).mayAccess(ownedBy: app.uid),
            case .eventRuleMatches(_, let descriptors) = trigger.condition
        else { return }
        countDiscarded(discardedBefore, of: trigger)
        // One value per descriptor, in order, whatever a confused app sent.
        let fields = descriptors.enumerated().map { index, descriptor in
            CapturedField(
                descriptor: descriptor.description, value: index < captures.count ? captures[index] : .unavailable)
        }
        fire(trigger, .eventRuleMatched(captures: fields))
    }

    /// App `pid` dropped `count` notifications of the trigger known by `token`.
    mutating func notificationsDiscarded(token: UInt64, count: UInt64, pid: Int32) {
        guard let key = notifierTriggers[token], let app = apps[pid],
            let trigger = triggers.triggers.first(where: { TriggerKey($0) == key }),
            Credentials(uid: trigger.ownerUID).mayAccess(ownedBy: app.uid)
        else { return }
        countDiscarded(count, of: trigger)
    }

    /// Adds to the "discarded tracer messages" `list-triggers` shows.
    private mutating func countDiscarded(_ count: UInt64, of trigger: Trigger) {
        triggerEngine.countDiscarded(count, of: trigger)
    }
}
