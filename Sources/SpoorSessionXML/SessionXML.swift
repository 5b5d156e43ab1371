import SpoorModel

/// Session configuration files: the XML that `lttng save` writes and `lttng load` reads,
/// as LTTng 2.13's session.xsd defines it (`lttng-save(1)`, `lttng-load(1)`).
public enum SessionXML {
    /// The largest file `sessions(in:)` reads.
    public static let maximumFileSize = XMLTree.maximumSize

    /// The sessions a file defines, once its content is known to be well-formed XML that the
    /// schema accepts (see `SessionSchema` for the one extension).
    public static func sessions(in bytes: [UInt8]) throws(SessionFileError) -> [SavedSession] {
        let root = try XMLTree.parse(bytes)
        try SessionSchema.validate(document: root)
        var sessions: [SavedSession] = []
        for element in root.children("session") {
            guard
                case .string(let name)? = try element.child("name").map({ (child) throws(SessionFileError) in
                    try SessionSchema.parse(child, as: .name)
                })
            else { continue }
            sessions.append(SavedSession(name: name, line: element.line, element: element))
        }
        return sessions
    }

    /// The file `lttng save` would write for these sessions, element by element in LTTng's
    /// order. Throws only for a string XML cannot hold (a control character).
    public static func document(for sessions: [SessionConfiguration]) throws(SessionFileError) -> String {
        var writer = XMLTextWriter()
        writer.open("sessions")
        for session in sessions { try write(session, to: &writer) }
        writer.close()
        return writer.text
    }

    /// The name a context has in a session file: LTTng's `lttng_event_context_type` name.
    public static func xmlName(of context: ContextType) -> String { context.rawValue.uppercased() }

    /// The contexts of `session` that the schema does not list. LTTng 2.13 writes them the
    /// same way, and its own `load` then refuses the file; Spoor reads them back.
    public static func contextsOutsideSchema(of session: SessionConfiguration) -> [(
        channel: String, context: ContextType
    )] {
        session.channels.flatMap { channel in
            channel.contexts.filter { !SessionSchema.schemaContextTypes.contains(xmlName(of: $0)) }.map {
                (channel.attributes.name, $0)
            }
        }
    }

    // MARK: Writing

    private static func write(_ session: SessionConfiguration, to writer: inout XMLTextWriter)
        throws(SessionFileError)
    {
        writer.open("session")
        try writer.element("name", session.name)
        if !session.channels.isEmpty || session.trackers != ProcessAttributeTrackers() {
            writer.open("domains")
            writer.open("domain")
            try writer.element("type", "UST")
            let buffering = session.channels.first?.attributes.buffering ?? .perUID
            try writer.element("buffer_type", buffering == .perPID ? "PER_PID" : "PER_UID")
            if session.channels.isEmpty {
                writer.empty("channels")
            } else {
                writer.open("channels")
                for channel in session.channels { try write(channel, to: &writer) }
                writer.close()
            }
            write(session.trackers, to: &writer)
            writer.close()
            writer.close()
        }
        writer.element("started", session.isActive)
        // A snapshot session has no rotation: its attributes are the snapshot mode.
        if !session.isSnapshot { writeRotationSchedules(session.rotationSchedules, to: &writer) }
        if session.isSnapshot {
            // As lttng save writes a snapshot session: the mode, then its snapshot outputs.
            writer.open("attributes")
            writer.element("snapshot_mode", true)
            writer.close()
            writer.open("output")
            if session.snapshotOutputs.isEmpty {
                writer.empty("snapshot_outputs")
            } else {
                writer.open("snapshot_outputs")
                for output in session.snapshotOutputs {
                    writer.open("output")
                    try writer.element("name", output.name)
                    writer.element("max_size", output.maxSize)
                    writer.open("consumer_output")
                    writer.element("enabled", true)
                    writer.open("destination")
                    try writer.element("path", output.path)
                    writer.close()
                    writer.close()
                    writer.close()
                }
                writer.close()
            }
            writer.close()
        } else if let path = session.outputPath {
            writer.open("output")
            writer.open("consumer_output")
            writer.element("enabled", true)
            writer.open("destination")
            try writer.element("path", path)
            writer.close()
            writer.close()
            writer.close()
        }
        writer.close()
    }

    private static func write(_ channel: ChannelConfiguration, to writer: inout XMLTextWriter)
        throws(SessionFileError)
    {
        let attributes = channel.attributes
        writer.open("channel")
        try writer.element("name", attributes.name)
        writer.element("enabled", channel.isEnabled)
        try writer.element("overwrite_mode", attributes.lossMode == .overwrite ? "OVERWRITE" : "DISCARD")
        writer.element("subbuffer_size", attributes.subbufferSize)
        writer.element("subbuffer_count", attributes.subbufferCount)
        writer.element("switch_timer_interval", attributes.switchTimerPeriod)
        writer.element("read_timer_interval", attributes.readTimerPeriod)
        try writer.element("output_type", "MMAP")
        // -1 is "block forever" (`--blocking-timeout=inf`).
        writer.element("blocking_timeout", attributes.blockingTimeout.map { Int64(clamping: $0) } ?? -1)
        writer.element("monitor_timer_interval", attributes.monitorTimerPeriod)
        writer.element("tracefile_size", attributes.tracefileSize)
        writer.element("tracefile_count", attributes.tracefileCount)
        writer.element("live_timer_interval", 0)
        if channel.rules.isEmpty {
            writer.empty("events")
        } else {
            writer.open("events")
            for rule in channel.rules { try write(rule, to: &writer) }
            writer.close()
        }
        if channel.contexts.isEmpty && channel.namedContexts.isEmpty {
            writer.empty("contexts")
        } else {
            writer.open("contexts")
            for context in channel.contexts {
                writer.open("context")
                try writer.element("type", xmlName(of: context))
                writer.close()
            }
            for name in channel.namedContexts { try write(namedContext: name, to: &writer) }
            writer.close()
        }
        writer.close()
    }

    /// `<app>` for `$app.PROVIDER:TYPE`, `<perf>` (with the field name as LTTng writes it) for
    /// `perf:thread:NAME`.
    private static func write(namedContext name: String, to writer: inout XMLTextWriter) throws(SessionFileError) {
        writer.open("context")
        if ApplicationContext.isValid(name), let colon = name.firstIndex(of: ":") {
            writer.open("app")
            try writer.element("provider_name", String(name[name.index(name.startIndex, offsetBy: 5)..<colon]))
            try writer.element("ctx_name", String(name[name.index(after: colon)...]))
            writer.close()
        } else if let counter = PerfCounter(contextName: name) {
            writer.open("perf")
            writer.element("type", counter.type)
            writer.element("config", counter.config)
            try writer.element("name", counter.fieldName)
            writer.close()
        } else {
            throw SessionFileError(.invalid, "context \(name) is neither $app.PROVIDER:TYPE nor perf:thread:NAME")
        }
        writer.close()
    }

    private static func write(_ rule: EventRule, to writer: inout XMLTextWriter) throws(SessionFileError) {
        writer.open("event")
        try writer.element("name", rule.pattern)
        writer.element("enabled", rule.isEnabled)
        try writer.element("type", "TRACEPOINT")
        switch rule.logLevel {
        case .any:
            try writer.element("loglevel_type", "ALL")
        case .atLeastAsSevereAs(let level):
            try writer.element("loglevel_type", "RANGE")
            writer.element("loglevel", level.rawValue)
        case .exactly(let level):
            try writer.element("loglevel_type", "SINGLE")
            writer.element("loglevel", level.rawValue)
        }
        if let filter = rule.filter { try writer.element("filter", filter) }
        if !rule.exclusions.isEmpty {
            writer.open("exclusions")
            for exclusion in rule.exclusions { try writer.element("exclusion", exclusion) }
            writer.close()
        }
        writer.close()
    }

    /// The trackers that do not include everything (LTTng leaves those out), values in
    /// increasing order.
    private static func write(_ trackers: ProcessAttributeTrackers, to writer: inout XMLTextWriter) {
        let restricted: [(tracker: String, value: String, values: Set<Int64>)] = ProcessAttribute.allCases
            .compactMap { attribute in
                guard case .only(let values) = trackers[attribute] else { return nil }
                let value =
                    switch attribute {
                    case .virtualProcessID: "vpid"
                    case .virtualUserID: "vuid"
                    case .virtualGroupID: "vgid"
                    }
                return ("\(value)_process_attr_tracker", value, values)
            }
        guard !restricted.isEmpty else {
            writer.empty("process_attr_trackers")
            return
        }
        writer.open("process_attr_trackers")
        for (tracker, value, values) in restricted {
            writer.open(tracker)
            if values.isEmpty {
                writer.empty("process_attr_values")
            } else {
                writer.open("process_attr_values")
                for id in values.sorted() {
                    writer.open(value)
                    writer.element("id", id)
                    writer.close()
                }
                writer.close()
            }
            writer.close()
        }
        writer.close()
    }
}
