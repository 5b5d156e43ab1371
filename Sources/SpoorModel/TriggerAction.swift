/// When an action runs, given how many times its trigger asked it to run
/// (`lttng-add-trigger(1)`, `--rate-policy`).
public enum RatePolicy: Sendable, Hashable {
    /// `every:COUNT`: on every COUNT-th request.
    case every(UInt64)
    /// `once-after:COUNT`: on the COUNT-th request only.
    case onceAfter(UInt64)

    /// `every:1`: on every request.
    public static let `default` = RatePolicy.every(1)

    /// Whether the action runs on request number `count` (counted from 1).
    public func allowsExecution(atRequest count: UInt64) -> Bool {
        switch self {
        case .every(let interval): interval > 0 && count % interval == 0
        case .onceAfter(let threshold): count == threshold
        }
    }

    /// The policy's count, which must be above 0.
    public var count: UInt64 {
        switch self {
        case .every(let count), .onceAfter(let count): count
        }
    }
}

/// Where a `snapshot-session` action writes its snapshot instead of the session's own
/// snapshot output.
public enum SnapshotActionDestination: Sendable, Hashable {
    /// `--path=PATH`: a local directory (absolute).
    case path(String)
    /// `--url=URL`: `file://PATH`, `net://…` or `net6://…`.
    case url(String)
    /// `--ctrl-url=URL --data-url=URL`: a relay daemon's control and data ports.
    case controlAndData(control: String, data: String)
}

/// The snapshot output of a `snapshot-session` action.
public struct SnapshotActionOutput: Sendable, Hashable {
    /// Where the snapshot goes.
    public var destination: SnapshotActionDestination
    /// `--name`: the output's name, part of the snapshot's directory name.
    public var name: String?
    /// `--max-size`: the largest snapshot, in bytes.
    public var maximumSize: UInt64?

    public init(destination: SnapshotActionDestination, name: String? = nil, maximumSize: UInt64? = nil) {
        self.destination = destination
        self.name = name
        self.maximumSize = maximumSize
    }
}

/// What an action does when it runs (`lttng-add-trigger(1)`, "Action specifier").
public enum TriggerActionKind: Sendable, Hashable {
    /// Sends a notification to the clients that subscribed to the condition.
    case notify
    /// Starts the session, as `lttng start` would.
    case startSession(String)
    /// Stops the session, as `lttng stop` would.
    case stopSession(String)
    /// Archives the session's current trace chunk, as `lttng rotate` would.
    case rotateSession(String)
    /// Takes a snapshot of a snapshot-mode session, to `output` or to the session's output.
    case snapshotSession(String, output: SnapshotActionOutput?)

    /// The session the action acts on, if any.
    public var sessionName: String? {
        switch self {
        case .notify: nil
        case .startSession(let name), .stopSession(let name), .rotateSession(let name), .snapshotSession(let name, _):
            name
        }
    }
}

/// One action of a trigger, with its rate policy.
public struct TriggerAction: Sendable, Hashable {
    /// What the action does.
    public var kind: TriggerActionKind
    /// When, among the trigger's requests to run it, the action runs.
    public var ratePolicy: RatePolicy

    public init(_ kind: TriggerActionKind, ratePolicy: RatePolicy = .default) {
        self.kind = kind
        self.ratePolicy = ratePolicy
    }

    /// Throws when the action names something invalid or can never run.
    public func validate() throws(TriggerValidationError) {
        if ratePolicy.count == 0 { throw .invalidRatePolicy("the count of a rate policy must be above 0") }
        if let session = kind.sessionName, let problem = NameValidation.sessionNameProblem(session) {
            throw .invalidAction(problem)
        }
        guard case .snapshotSession(_, let output?) = kind else { return }
        switch output.destination {
        case .path(let path):
            if !path.hasPrefix("/") { throw .invalidAction("the snapshot path must be absolute: \(path)") }
        case .url(let url):
            if !SnapshotActionDestination.isURL(url) { throw .invalidAction("unsupported snapshot URL: \(url)") }
        case .controlAndData(let control, let data):
            for url in [control, data] where !SnapshotActionDestination.isConnectionURL(url) {
                throw .invalidAction("unsupported snapshot URL: \(url)")
            }
        }
        if output.maximumSize == 0 { throw .invalidAction("the snapshot maximum size must be above 0") }
        if let name = output.name, name.isEmpty || name.contains("/") {
            throw .invalidAction("invalid snapshot output name `\(name)`")
        }
    }
}

extension SnapshotActionDestination {
    /// Whether `url` is what `--url` takes: a `file://` URL or a `net[6]://` one.
    public static func isURL(_ url: String) -> Bool {
        switch try? TraceURL.parse(url) {
        case .local(_, isBare: false): true
        case .relay(let relay): relay.scheme.isCombined
        default: false
        }
    }

    /// Whether `url` is what `--ctrl-url` and `--data-url` take: a `tcp[6]://` URL.
    public static func isConnectionURL(_ url: String) -> Bool {
        guard case .relay(let relay) = try? TraceURL.parse(url) else { return false }
        return !relay.scheme.isCombined
    }
}
