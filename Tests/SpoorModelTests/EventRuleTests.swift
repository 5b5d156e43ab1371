import SpoorModel
import Testing

@Suite("Event rule conditions")
struct EventRuleTests {
    static func event(_ fullName: String, _ level: LogLevel = .default) -> EventDescriptor {
        let colon = fullName.firstIndex(of: ":") ?? fullName.endIndex
        let event = colon == fullName.endIndex ? "" : String(fullName[fullName.index(after: colon)...])
        return EventDescriptor(provider: String(fullName[..<colon]), event: event, logLevel: level, fields: [])
    }

    // MARK: Log-level conditions

    @Test("any level holds for every level", arguments: LogLevel.allCases)
    func anyLevel(level: LogLevel) {
        #expect(LogLevelCondition.any.holds(for: level))
    }

    @Test(
        "a range holds for its level and every more severe one, as lttng-ust's loglevel_match",
        arguments: LogLevel.allCases)
    func range(threshold: LogLevel) {
        let condition = LogLevelCondition.atLeastAsSevereAs(threshold)
        for level in LogLevel.allCases {
            #expect(
                condition.holds(for: level) == (level.rawValue <= threshold.rawValue),
                "\(level) against <= \(threshold)")
        }
    }

    @Test("exactly holds for its level alone", arguments: LogLevel.allCases)
    func exactly(wanted: LogLevel) {
        let condition = LogLevelCondition.exactly(wanted)
        #expect(LogLevel.allCases.filter(condition.holds) == [wanted])
    }

    @Test("a range and exactly differ on the levels more severe than theirs")
    func rangeVersusExactly() {
        #expect(LogLevelCondition.atLeastAsSevereAs(.info).holds(for: .critical))
        #expect(!LogLevelCondition.exactly(.info).holds(for: .critical))
        #expect(LogLevelCondition.atLeastAsSevereAs(.info).holds(for: .info))
        #expect(LogLevelCondition.exactly(.info).holds(for: .info))
        #expect(!LogLevelCondition.atLeastAsSevereAs(.info).holds(for: .debugSystem))
        #expect(!LogLevelCondition.exactly(.info).holds(for: .debugSystem))
        // The least severe range is every level; the most severe is TRACE_EMERG alone.
        #expect(LogLevel.allCases.allSatisfy(LogLevelCondition.atLeastAsSevereAs(.debug).holds))
        #expect(LogLevel.allCases.filter(LogLevelCondition.atLeastAsSevereAs(.emergency).holds) == [.emergency])
    }

    // MARK: Matching events

    @Test("a rule without conditions matches through its pattern alone")
    func patternOnly() {
        let rule = EventRule(pattern: "app:*")
        #expect(rule.matches(Self.event("app:tick", .debug)))
        #expect(rule.matches(Self.event("app:tick", .emergency)))
        #expect(!rule.matches(Self.event("other:tick")))
        #expect(!rule.matches(Self.event("application:tick")))
    }

    @Test(
        "exclusions leave out the events they name or match",
        arguments: [
            ("app:tick", false), ("app:tock", true), ("app:debug_a", false), ("app:debug", false),
            ("app:xdebug_a", true), ("app:t", true), ("other:tick", false),
        ])
    func exclusions(name: String, isMatched: Bool) {
        let rule = EventRule(pattern: "app:*", exclusions: ["app:tick", "app:debug*"])
        #expect(rule.matches(Self.event(name)) == isMatched)
    }

    @Test("an exclusion is a pattern with escapes too")
    func escapedExclusion() {
        let rule = EventRule(pattern: "a:*", exclusions: ["a:\\*"])
        #expect(!rule.matches(Self.event("a:*")))
        #expect(rule.matches(Self.event("a:b")))
        let glob = EventRule(pattern: "*", exclusions: ["*:*_end", "lttng_ust_*"])
        #expect(!glob.matches(Self.event("app:loop_end")))
        #expect(!glob.matches(Self.event("lttng_ust_statedump:start")))
        #expect(glob.matches(Self.event("app:loop_start")))
        #expect(glob.matches(Self.event("app:end")))
    }

    @Test("an exclusion that covers the pattern leaves nothing")
    func exclusionCoveringEverything() {
        let rule = EventRule(pattern: "app:*", exclusions: ["*"])
        #expect(!rule.matches(Self.event("app:tick")))
        #expect(!rule.matches(Self.event("app:")))
    }

    @Test("a range rule matches events at its level or more severe")
    func rangeRule() {
        let rule = EventRule(pattern: "app:*", logLevel: .atLeastAsSevereAs(.warning))
        #expect(rule.matches(Self.event("app:a", .emergency)))
        #expect(rule.matches(Self.event("app:a", .warning)))
        #expect(!rule.matches(Self.event("app:a", .notice)))
        #expect(!rule.matches(Self.event("app:a")))  // TRACE_DEBUG_LINE, the default level
    }

    @Test("an exactly rule matches events at its level only")
    func exactlyRule() {
        let rule = EventRule(pattern: "app:*", logLevel: .exactly(.warning))
        #expect(!rule.matches(Self.event("app:a", .emergency)))
        #expect(rule.matches(Self.event("app:a", .warning)))
        #expect(!rule.matches(Self.event("app:a", .notice)))
        let defaultLevel = EventRule(pattern: "app:a", logLevel: .exactly(.default))
        #expect(defaultLevel.matches(Self.event("app:a")))
    }

    @Test(
        "name, exclusions and level must all hold",
        arguments: [
            ("app:tick", LogLevel.error, true),
            ("app:tick", .info, true),
            ("app:tick", .notice, true),
            ("app:tick", .debug, false),  // level
            ("app:noisy", .error, false),  // excluded
            ("app:noisy_too", .error, false),  // excluded by glob
            ("lib:tick", .error, false),  // name
            ("app:noisy", .debug, false),  // all three fail but the name
        ])
    func combinedConditions(name: String, level: LogLevel, isMatched: Bool) {
        let rule = EventRule(pattern: "app:*", logLevel: .atLeastAsSevereAs(.info), exclusions: ["app:noisy*"])
        #expect(rule.matches(Self.event(name, level)) == isMatched)
    }

    @Test("a filter does not change what the name, exclusion and level conditions match")
    func filterIsNotEvaluatedHere() {
        let filtered = EventRule(pattern: "app:*", filter: "0 == 1")
        #expect(filtered.matches(Self.event("app:a")))
        #expect(!filtered.matches(Self.event("lib:a")))
    }

    @Test("a disabled rule's conditions still match: whether it records is the caller's business")
    func disabledRuleStillMatches() {
        let rule = EventRule(pattern: "app:*", logLevel: .exactly(.info), isEnabled: false)
        #expect(rule.matches(Self.event("app:a", .info)))
        #expect(!rule.matches(Self.event("app:a", .error)))
    }

    @Test("matching a full name checks the pattern only")
    func fullNameMatching() {
        let rule = EventRule(pattern: "app:*", logLevel: .exactly(.emergency), exclusions: ["app:a"])
        #expect(rule.matches("app:a"))
        #expect(!rule.matches(Self.event("app:a", .emergency)))
    }

    // MARK: Identity

    @Test("rules are the same rule when every condition is equal, whatever their state")
    func sameConditions() {
        let rule = EventRule(pattern: "a:*", logLevel: .exactly(.info), exclusions: ["a:b"], filter: "x == 1")
        var disabled = rule
        disabled.isEnabled = false
        #expect(rule.hasSameConditions(as: disabled))
        #expect(rule != disabled)
        #expect(rule.hasSameConditions(as: rule))
    }

    @Test(
        "any condition that differs makes another rule",
        arguments: [
            EventRule(pattern: "a:b", logLevel: .exactly(.info), exclusions: ["a:b"], filter: "x == 1"),
            EventRule(pattern: "a:*", logLevel: .atLeastAsSevereAs(.info), exclusions: ["a:b"], filter: "x == 1"),
            EventRule(pattern: "a:*", logLevel: .exactly(.notice), exclusions: ["a:b"], filter: "x == 1"),
            EventRule(pattern: "a:*", logLevel: .any, exclusions: ["a:b"], filter: "x == 1"),
            EventRule(pattern: "a:*", logLevel: .exactly(.info), exclusions: [], filter: "x == 1"),
            EventRule(pattern: "a:*", logLevel: .exactly(.info), exclusions: ["a:b", "a:c"], filter: "x == 1"),
            EventRule(pattern: "a:*", logLevel: .exactly(.info), exclusions: ["a:b"], filter: nil),
            EventRule(pattern: "a:*", logLevel: .exactly(.info), exclusions: ["a:b"], filter: ""),
            EventRule(pattern: "a:*", logLevel: .exactly(.info), exclusions: ["a:b"], filter: "x == 2"),
        ])
    func differentConditions(other: EventRule) {
        let rule = EventRule(pattern: "a:*", logLevel: .exactly(.info), exclusions: ["a:b"], filter: "x == 1")
        #expect(!rule.hasSameConditions(as: other))
        #expect(!other.hasSameConditions(as: rule))
    }

    @Test("a new rule is enabled, matches any level and has no exclusion or filter")
    func defaults() {
        let rule = EventRule(pattern: "a:*")
        #expect(rule.isEnabled)
        #expect(rule.logLevel == .any)
        #expect(rule.exclusions.isEmpty)
        #expect(rule.filter == nil)
    }
}
