/// A recording session as `lttng save` records it and `lttng load` restores it
/// (`lttng-save(1)`, `lttng-load(1)`): its configuration, not what it recorded.
public struct SessionConfiguration: Sendable, Hashable {
    public var name: String
    /// The trace output directory, absolute; `nil` lets the daemon choose its default one.
    public var outputPath: String?
    /// Whether the session was recording when it was saved (LTTng's `started`): loading it
    /// starts it again.
    public var isActive: Bool
    /// In creation order. Their attributes all name the same buffering scheme (LTTng's domain
    /// `buffer_type`).
    public var channels: [ChannelConfiguration]
    public var trackers: ProcessAttributeTrackers
    /// `lttng enable-rotation` schedules (`<rotation_schedules>` in session.xsd).
    public var rotationSchedules: RotationSchedules
    /// Created with `--snapshot` (LTTng's `snapshot_mode` attribute); `outputPath` is then
    /// unused.
    public var isSnapshot: Bool
    /// A snapshot session's outputs (at most one, as LTTng 2.13 allows).
    public var snapshotOutputs: [SnapshotOutput]

    public init(
        name: String, outputPath: String?, isActive: Bool = false, channels: [ChannelConfiguration] = [],
        trackers: ProcessAttributeTrackers = .init(), rotationSchedules: RotationSchedules = .init(),
        isSnapshot: Bool = false, snapshotOutputs: [SnapshotOutput] = []
    ) {
        self.rotationSchedules = rotationSchedules
        self.name = name
        self.outputPath = outputPath
        self.isActive = isActive
        self.channels = channels
        self.trackers = trackers
        self.isSnapshot = isSnapshot
        self.snapshotOutputs = snapshotOutputs
    }
}

/// A user-space channel as a saved session holds it: attributes, state, recording event rules
/// and context fields.
public struct ChannelConfiguration: Sendable, Hashable {
    public var attributes: ChannelAttributes
    public var isEnabled: Bool
    /// In creation order, each with its own state.
    public var rules: [EventRule]
    /// In the order they were added.
    public var contexts: [ContextType]
    /// Application (`$app.PROVIDER:TYPE`) and perf counter (`perf:thread:NAME`) contexts, by
    /// the name `add-context` takes, in the order they were added; records hold them after
    /// `contexts`.
    public var namedContexts: [String]

    public init(
        attributes: ChannelAttributes, isEnabled: Bool = true, rules: [EventRule] = [], contexts: [ContextType] = [],
        namedContexts: [String] = []
    ) {
        self.attributes = attributes
        self.isEnabled = isEnabled
        self.rules = rules
        self.contexts = contexts
        self.namedContexts = namedContexts
    }
}
