/// One line of `lttng list`: a recording session's name, state and output.
public struct SessionSummary: Sendable, Hashable {
    public var name: String
    public var outputPath: String
    public var isActive: Bool
    /// Creation time, seconds since the Unix epoch.
    public var creationTime: Int64
    /// Created with `--snapshot`: the session has snapshot outputs, not a trace output
    /// (`outputPath` is empty).
    public var isSnapshot: Bool

    public init(name: String, outputPath: String, isActive: Bool, creationTime: Int64, isSnapshot: Bool = false) {
        self.name = name
        self.outputPath = outputPath
        self.isActive = isActive
        self.creationTime = creationTime
        self.isSnapshot = isSnapshot
    }
}

/// A channel with its attributes, state, rules and statistics, as `lttng list SESSION` shows it.
public struct ChannelInfo: Sendable, Hashable {
    public var attributes: ChannelAttributes
    public var isEnabled: Bool
    public var rules: [EventRule]
    public var discardedEventCount: UInt64
    public var lostPacketCount: UInt64

    public init(
        attributes: ChannelAttributes, isEnabled: Bool, rules: [EventRule],
        discardedEventCount: UInt64 = 0, lostPacketCount: UInt64 = 0
    ) {
        self.attributes = attributes
        self.isEnabled = isEnabled
        self.rules = rules
        self.discardedEventCount = discardedEventCount
        self.lostPacketCount = lostPacketCount
    }
}

/// Everything `lttng list SESSION` and `lttng status` print about one session.
public struct SessionDetail: Sendable, Hashable {
    public var summary: SessionSummary
    public var channels: [ChannelInfo]
    public var trackers: ProcessAttributeTrackers

    public init(summary: SessionSummary, channels: [ChannelInfo], trackers: ProcessAttributeTrackers = .init()) {
        self.summary = summary
        self.channels = channels
        self.trackers = trackers
    }
}

/// A registered instrumented process and the tracepoints it declared (`lttng list -u`).
public struct AppTracepoints: Sendable, Hashable {
    public var pid: Int32
    public var processName: String
    public var events: [EventDescriptor]

    public init(pid: Int32, processName: String, events: [EventDescriptor]) {
        self.pid = pid
        self.processName = processName
        self.events = events
    }
}
