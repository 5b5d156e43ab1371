/// What a capture descriptor reads when an event-rule-matches condition is satisfied
/// (`lttng-add-trigger(1)`, "Capture descriptor").
public indirect enum CaptureDescriptor: Sendable, Hashable, CustomStringConvertible {
    /// `NAME`: an event record field.
    case payloadField(String)
    /// `$ctx.NAME`: a statically-known context field.
    case contextField(String)
    /// `$app.PROVIDER:TYPE`: an application-specific context field.
    case applicationContextField(provider: String, type: String)
    /// `EXPR[INDEX]`: an element of an array or sequence field.
    case arrayElement(CaptureDescriptor, index: UInt32)

    /// The descriptor as `lttng list-triggers` prints it, which is also how it is written.
    public var description: String {
        switch self {
        case .payloadField(let name): name
        case .contextField(let name): "$ctx.\(name)"
        case .applicationContextField(let provider, let type): "$app.\(provider):\(type)"
        case .arrayElement(let parent, let index): "\(parent)[\(index)]"
        }
    }

    /// Why the descriptor cannot be captured, or `nil` when it can.
    public var problem: String? {
        switch self {
        case .payloadField(let name):
            if name.contains(".") { return "capturing subfields is not supported" }
            return CaptureDescriptor.isIdentifier(name, allowingContextPunctuation: false)
                ? nil : "invalid field name `\(name)`"
        case .contextField(let name):
            return CaptureDescriptor.isIdentifier(name, allowingContextPunctuation: true)
                ? nil : "invalid context field name `\(name)`"
        case .applicationContextField(let provider, let type):
            if provider.isEmpty || type.isEmpty || provider.contains(":") || type.contains(":") {
                return "invalid application context field `\(provider):\(type)`"
            }
            return nil
        case .arrayElement(let parent, _):
            if case .arrayElement = parent { return "an array element is not an array: `\(self)`" }
            return parent.problem
        }
    }

    /// Whether `name` is a field name as the filter language reads them: letters, digits and
    /// `_`, not starting with a digit; context fields such as `perf:cpu:stalled-cycles-frontend`
    /// also hold `:` and `-`.
    static func isIdentifier(_ name: String, allowingContextPunctuation: Bool) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
                || (allowingContextPunctuation && ($0 == ":" || $0 == "-"))
        }
    }
}

extension CaptureDescriptor {
    /// Parses a capture descriptor as `lttng add-trigger --capture` accepts it: `NAME`,
    /// `$ctx.NAME`, `$app.PROVIDER:TYPE`, each optionally followed by `[INDEX]`.
    public init(parsing text: String) throws(TriggerValidationError) {
        var body = Substring(text).trimmingSpaces()
        var index: UInt32?
        if body.hasSuffix("]") {
            guard let open = body.lastIndex(of: "[") else { throw .invalidCapture(text, "unbalanced `]`") }
            let digits = body[body.index(after: open)..<body.index(before: body.endIndex)]
                .trimmingSpaces()
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let value = UInt32(digits) else {
                throw .invalidCapture(text, "the array index must be a constant, positive integer")
            }
            index = value
            body = body[..<open].trimmingSpaces()[...]
        }
        if body.contains("[") || body.contains("]") { throw .invalidCapture(text, "unbalanced `[`") }
        let base: CaptureDescriptor
        if body.hasPrefix("$ctx.") {
            base = .contextField(String(body.dropFirst(5)))
        } else if body.hasPrefix("$app.") {
            let rest = body.dropFirst(5)
            guard let colon = rest.firstIndex(of: ":") else {
                throw .invalidCapture(text, "missing colon in `\(rest)`")
            }
            base = .applicationContextField(
                provider: String(rest[..<colon]), type: String(rest[rest.index(after: colon)...]))
        } else if body.hasPrefix("$") {
            throw .invalidCapture(text, "unexpected identifier `\(body.prefix { $0 != "." })`")
        } else {
            base = .payloadField(String(body))
        }
        let descriptor = index.map { CaptureDescriptor.arrayElement(base, index: $0) } ?? base
        if let problem = descriptor.problem { throw .invalidCapture(text, problem) }
        self = descriptor
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var text = self
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return text
    }
}

/// The threshold of a buffer usage condition: a fraction of the buffer, or a number of bytes.
public enum BufferUsageThreshold: Sendable, Hashable {
    /// A fraction of the channel's buffer size, from 0 to 1.
    case ratio(Double)
    /// A number of bytes of the channel's buffer.
    case bytes(UInt64)
}

/// The condition of a trigger (`lttng-concepts(7)`, "TRIGGER").
public enum TriggerCondition: Sendable, Hashable {
    /// `event-rule-matches`: an event of the user-space domain matches `rule`; `captures`
    /// say which field values go with the notification.
    case eventRuleMatches(EventRule, captures: [CaptureDescriptor])
    /// The session has consumed more than `thresholdBytes` bytes.
    case sessionConsumedSize(session: String, thresholdBytes: UInt64)
    /// The usage of a channel's buffers (user-space domain) rose above the threshold.
    case bufferUsageHigh(session: String, channel: String, threshold: BufferUsageThreshold)
    /// The usage of a channel's buffers (user-space domain) fell below the threshold.
    case bufferUsageLow(session: String, channel: String, threshold: BufferUsageThreshold)
    /// A rotation of the session started.
    case sessionRotationOngoing(session: String)
    /// A rotation of the session completed.
    case sessionRotationCompleted(session: String)
    /// A process dumped core (Spoor's crash handler reports it): any process of the trigger's
    /// owner (any process at all for root), or only those whose name (`/proc/PID/comm`) matches
    /// `namePattern` (`*` wildcards) and whose user is `uid`.
    case processCrashed(namePattern: String?, uid: UInt32?)

    /// The condition's name in lttng's messages (`lttng_condition_type_str()`).
    public var typeName: String {
        switch self {
        case .eventRuleMatches: "event rule matches"
        case .sessionConsumedSize: "session consumed size"
        case .bufferUsageHigh: "buffer usage high"
        case .bufferUsageLow: "buffer usage low"
        case .sessionRotationOngoing: "session rotation ongoing"
        case .sessionRotationCompleted: "session rotation completed"
        case .processCrashed: "process crashed"
        }
    }

    /// The session the condition watches, if it watches one.
    public var sessionName: String? {
        switch self {
        case .eventRuleMatches, .processCrashed: nil
        case .sessionConsumedSize(let session, _), .bufferUsageHigh(let session, _, _),
            .bufferUsageLow(let session, _, _), .sessionRotationOngoing(let session),
            .sessionRotationCompleted(let session):
            session
        }
    }

    /// Throws when the condition can never be satisfied or names something invalid.
    public func validate() throws(TriggerValidationError) {
        if let session = sessionName, let problem = NameValidation.sessionNameProblem(session) {
            throw .invalidCondition(problem)
        }
        switch self {
        case .eventRuleMatches(let rule, let captures):
            if rule.pattern.isEmpty { throw .invalidCondition("the event rule's name pattern is empty") }
            // A trigger's event rule has no state of its own: the trigger is the thing added or removed.
            if !rule.isEnabled { throw .invalidCondition("the event rule of a trigger cannot be disabled") }
            if rule.exclusions.contains(where: \.isEmpty) { throw .invalidCondition("an exclusion is empty") }
            if rule.filter?.isEmpty == true { throw .invalidCondition("the filter expression is empty") }
            for capture in captures {
                if let problem = capture.problem { throw .invalidCapture(capture.description, problem) }
            }
        case .bufferUsageHigh(_, let channel, let threshold), .bufferUsageLow(_, let channel, let threshold):
            if let problem = NameValidation.channelNameProblem(channel) { throw .invalidCondition(problem) }
            if case .ratio(let ratio) = threshold, !(0...1).contains(ratio) {
                throw .invalidCondition("the buffer usage ratio must be between 0 and 1")
            }
        case .processCrashed(let pattern, _):
            if pattern?.isEmpty == true { throw .invalidCondition("the process name pattern is empty") }
        case .sessionConsumedSize, .sessionRotationOngoing, .sessionRotationCompleted:
            break
        }
    }
}
