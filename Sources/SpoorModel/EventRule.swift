/// The log-level condition of a recording event rule (`lttng-event-rule(7)`).
public enum LogLevelCondition: Sendable, Hashable {
    /// Any level (no `--loglevel` option).
    case any
    /// `--loglevel=LEVEL`: levels at least as severe as `LEVEL`.
    case atLeastAsSevereAs(LogLevel)
    /// `--loglevel-only=LEVEL`: exactly `LEVEL`.
    case exactly(LogLevel)

    /// Whether an event of `level` satisfies the condition.
    public func holds(for level: LogLevel) -> Bool {
        switch self {
        case .any: true
        case .atLeastAsSevereAs(let threshold): level <= threshold
        case .exactly(let wanted): level == wanted
        }
    }
}

/// A recording event rule of the user-space domain, as `lttng enable-event -u` creates it.
///
/// Event rules are never removed, only disabled, as in LTTng. Two rules are the same rule when
/// all their conditions are equal.
public struct EventRule: Sendable, Hashable {
    /// An event name or a pattern with `*` wildcards (`lttng-event-rule(7)`).
    public var pattern: String
    public var logLevel: LogLevelCondition
    /// Names or patterns of events the rule leaves out (`--exclude`).
    public var exclusions: [String]
    /// The filter expression (`--filter`), as the user wrote it.
    public var filter: String?
    public var isEnabled: Bool

    public init(
        pattern: String, logLevel: LogLevelCondition = .any, exclusions: [String] = [], filter: String? = nil,
        isEnabled: Bool = true
    ) {
        self.pattern = pattern
        self.logLevel = logLevel
        self.exclusions = exclusions
        self.filter = filter
        self.isEnabled = isEnabled
    }

    /// Whether the rule's name, exclusion and log-level conditions hold for `event` (the filter,
    /// which needs the event's values, is evaluated where the event is recorded).
    public func matches(_ event: EventDescriptor) -> Bool {
        let name = event.fullName
        return NamePattern.matches(pattern: pattern, name: name)
            && !exclusions.contains { NamePattern.matches(pattern: $0, name: name) }
            && logLevel.holds(for: event.logLevel)
    }

    /// Whether the rule's name condition holds for `provider:event`.
    public func matches(_ fullName: String) -> Bool {
        NamePattern.matches(pattern: pattern, name: fullName)
    }

    /// The same rule, whatever its state: what makes two `enable-event` commands name one rule.
    public func hasSameConditions(as other: EventRule) -> Bool {
        pattern == other.pattern && logLevel == other.logLevel && exclusions == other.exclusions
            && filter == other.filter
    }
}

/// Matches names against patterns where `*` stands for any run of characters, `\*` for a
/// literal star and `\\` for a backslash.
public enum NamePattern {
    public static func matches(pattern: String, name: String) -> Bool {
        matches(Array(pattern.utf8), 0, Array(name.utf8), 0)
    }

    private static func matches(_ p: [UInt8], _ pi: Int, _ n: [UInt8], _ ni: Int) -> Bool {
        var pi = pi
        var ni = ni
        // Iterative glob with one backtrack point: enough for `*`-only patterns.
        var starPattern = -1
        var starName = 0
        while ni < n.count {
            if pi < p.count {
                let c = p[pi]
                if c == UInt8(ascii: "*") {
                    starPattern = pi
                    starName = ni
                    pi += 1
                    continue
                }
                var literal = c
                var width = 1
                if c == UInt8(ascii: "\\"), pi + 1 < p.count {
                    literal = p[pi + 1]
                    width = 2
                }
                if literal == n[ni] {
                    pi += width
                    ni += 1
                    continue
                }
            }
            guard starPattern >= 0 else { return false }
            pi = starPattern + 1
            starName += 1
            ni = starName
        }
        while pi < p.count, p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }

    /// Whether the pattern contains an unescaped `*`.
    public static func hasWildcard(_ pattern: String) -> Bool {
        var escaped = false
        for c in pattern.utf8 {
            if escaped {
                escaped = false
            } else if c == UInt8(ascii: "\\") {
                escaped = true
            } else if c == UInt8(ascii: "*") {
                return true
            }
        }
        return false
    }
}
