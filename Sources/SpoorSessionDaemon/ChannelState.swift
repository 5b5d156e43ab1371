import SpoorFilter
import SpoorModel

/// A channel of a recording session: its attributes, state and recording event rules.
struct ChannelState {
    /// The bytecode of the filter `0`.
    static let recordsNothing = (try? FilterProgram(compiling: "0").bytes) ?? []

    var attributes: ChannelAttributes
    var isEnabled = true
    var rules: [EventRule] = []
    /// Context fields of every record, in the order they were added.
    var contexts: [ContextType] = []
    /// Application contexts (`$app.PROVIDER:TYPE`) of every record, after `contexts`.
    var namedContexts: [String] = []

    /// What decides whether the channel records an event of class `event`: nil when no enabled
    /// rule matches it; no filter when a matching rule has none; else the bytecode of each
    /// distinct filter of the matching rules, any of which records the event.
    func filters(for event: EventDescriptor, bytecode: [String: [UInt8]]) -> [[UInt8]]? {
        guard isEnabled else { return nil }
        var expressions: [String] = []
        var matched = false
        for rule in rules where rule.isEnabled && rule.matches(event) {
            matched = true
            guard let filter = rule.filter else { return [] }
            if !expressions.contains(filter) { expressions.append(filter) }
        }
        guard matched else { return nil }
        // Every rule's filter was compiled when the rule was enabled; a rule that somehow was
        // not records nothing rather than everything.
        return expressions.map { bytecode[$0] ?? (try? FilterProgram(compiling: $0).bytes) ?? Self.recordsNothing }
    }
}
