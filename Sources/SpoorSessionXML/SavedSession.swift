import SpoorModel

/// A session a configuration file defines, checked against the schema; `configuration` turns
/// it into what the daemon loads, or says which of its parts Spoor cannot load.
public struct SavedSession: Sendable, Hashable {
    public let name: String
    /// The line of its `<session>` element.
    public let line: Int
    let element: XMLTreeElement

    /// The session as Spoor loads it.
    ///
    /// Elements the file leaves out take the schema's defaults (`started` false, an event rule
    /// enabled, type `TRACEPOINT`, log-level type `ALL`), channel attributes the defaults of
    /// `enable-channel`, and an event rule without a name is `*`. A session without `<output>`
    /// writes where `create` would. Kernel and agent domains with nothing in them are ignored,
    /// as LTTng ignores them when it has no such tracer; anything in them is refused.
    public func configuration(accounts: AccountNames = .system) throws(SessionFileError) -> SessionConfiguration {
        if let path = try element.string("shared_memory_path"), !path.isEmpty {
            throw unsupported(element.child("shared_memory_path"), "a shared memory path (--shm-path)")
        }
        var isSnapshot = false
        if let attributes = element.child("attributes") {
            isSnapshot = try attributes.boolean("snapshot_mode") == true
            if let live = try attributes.unsigned("live_timer_interval"), live > 0 {
                throw unsupported(attributes.child("live_timer_interval"), "live mode (--live)")
            }
        }
        var configuration = SessionConfiguration(
            name: name, outputPath: try outputPath(element.child("output")),
            isActive: try element.boolean("started") ?? false,
            rotationSchedules: try rotationSchedules(element.child("attributes")?.child("rotation_schedules")),
            isSnapshot: isSnapshot, snapshotOutputs: try snapshotOutputs(element.child("output")))
        if !isSnapshot, let outputs = element.child("output")?.child("snapshot_outputs"), !outputs.children.isEmpty {
            throw SessionSchema.invalid(outputs, "snapshot outputs belong to a snapshot mode session")
        }
        var userSpaceDomain: XMLTreeElement?
        for domain in element.child("domains")?.children("domain") ?? [] {
            let type = domain.keyword("type") ?? ""
            guard type == "UST" else {
                try checkIsEmpty(domain, type: type)
                continue
            }
            guard userSpaceDomain == nil else {
                throw SessionSchema.invalid(domain, "<session> has more than one user-space (UST) domain")
            }
            userSpaceDomain = domain
            let buffering: BufferingScheme
            switch domain.keyword("buffer_type") {
            case "PER_PID": buffering = .perPID
            case "PER_UID": buffering = .perUID
            default:
                throw SessionSchema.invalid(
                    domain.child("buffer_type") ?? domain,
                    "GLOBAL buffers are for the kernel domain: user-space buffers are PER_UID or PER_PID")
            }
            for channel in domain.child("channels")?.children("channel") ?? [] {
                configuration.channels.append(try channelConfiguration(channel, buffering: buffering))
            }
            configuration.trackers = try trackers(of: domain, accounts: accounts)
        }
        return configuration
    }

    // MARK: Session parts

    private func outputPath(_ output: XMLTreeElement?) throws(SessionFileError) -> String? {
        guard let output else { return nil }
        if output.child("snapshot_outputs") != nil { return nil }
        guard let consumer = output.child("consumer_output") else { return nil }
        return try localPath(consumer, what: "network output")
    }

    /// The directory a `<consumer_output>` names, or nil when it has no `<destination>`; a
    /// network destination or a disabled output is refused (`what` names it).
    private func localPath(_ consumer: XMLTreeElement, what: String) throws(SessionFileError) -> String? {
        guard let destination = consumer.child("destination") else { return nil }
        if let network = destination.child("net_output") {
            let url = try network.string("control_uri") ?? ""
            throw unsupported(network, "\(what) (to a relay daemon at \(url))")
        }
        let path = try destination.string("path") ?? ""
        guard try consumer.boolean("enabled") != false, !path.isEmpty else {
            throw unsupported(consumer, "a session without output (--no-output)")
        }
        guard path.hasPrefix("/") else {
            throw SessionSchema.invalid(
                destination.child("path") ?? destination, "the output <path> must be absolute, not '\(path)'")
        }
        return path
    }

    /// A snapshot session's outputs (`<snapshot_outputs>`), in order, numbered from 1 as the
    /// daemon numbers them when it loads them.
    private func snapshotOutputs(_ output: XMLTreeElement?) throws(SessionFileError) -> [SnapshotOutput] {
        var outputs: [SnapshotOutput] = []
        for element in output?.child("snapshot_outputs")?.children("output") ?? [] {
            guard let consumer = element.child("consumer_output"),
                let path = try localPath(consumer, what: "a network snapshot output")
            else { throw SessionSchema.invalid(element, "a snapshot <output> needs a <destination>") }
            outputs.append(
                SnapshotOutput(
                    id: UInt32(outputs.count + 1), name: try element.string("name") ?? "",
                    maxSize: try element.unsigned("max_size") ?? 0, path: path))
        }
        return outputs
    }

    /// Refuses a kernel or agent domain that holds anything.
    private func checkIsEmpty(_ domain: XMLTreeElement, type: String) throws(SessionFileError) {
        let domainName =
            switch type {
            case "KERNEL": "the kernel domain"
            case "JUL": "the java.util.logging (JUL) domain"
            case "LOG4J": "the log4j domain"
            default: "the Python domain"
            }
        if let channel = domain.child("channels")?.children.first {
            throw unsupported(channel, "\(domainName) (channel \(try channel.string("name") ?? ""))")
        }
        let trackers =
            (domain.child("process_attr_trackers")?.children ?? []) + (domain.child("trackers")?.children ?? [])
        if let tracker = trackers.first {
            throw unsupported(tracker, "process attribute tracking in \(domainName)")
        }
    }

    private func channelConfiguration(_ element: XMLTreeElement, buffering: BufferingScheme)
        throws(SessionFileError) -> ChannelConfiguration
    {
        var attributes = ChannelAttributes(
            name: try element.string("name") ?? "",
            subbufferSize: buffering == .perPID
                ? ChannelDefaults.perPIDSubbufferSize : ChannelDefaults.perUIDSubbufferSize,
            buffering: buffering)
        if element.keyword("overwrite_mode") == "OVERWRITE" { attributes.lossMode = .overwrite }
        if let size = try element.unsigned("subbuffer_size") { attributes.subbufferSize = size }
        if let count = try element.unsigned("subbuffer_count") { attributes.subbufferCount = count }
        if let period = try element.unsigned("switch_timer_interval") { attributes.switchTimerPeriod = period }
        if let period = try element.unsigned("read_timer_interval") { attributes.readTimerPeriod = period }
        if let period = try element.unsigned("monitor_timer_interval") { attributes.monitorTimerPeriod = period }
        if let size = try element.unsigned("tracefile_size") { attributes.tracefileSize = size }
        if let count = try element.unsigned("tracefile_count") { attributes.tracefileCount = count }
        if let timeout = try element.signed("blocking_timeout") {
            attributes.blockingTimeout = timeout < 0 ? nil : UInt64(timeout)
        }
        if element.keyword("output_type") == "SPLICE" {
            throw unsupported(element.child("output_type"), "the SPLICE output type (kernel domain only)")
        }
        if let live = try element.unsigned("live_timer_interval"), live > 0 {
            throw unsupported(element.child("live_timer_interval"), "a channel live timer (live mode)")
        }
        var rules: [EventRule] = []
        for event in element.child("events")?.children("event") ?? [] {
            rules.append(try rule(event))
        }
        var contexts: [ContextType] = []
        var namedContexts: [String] = []
        for context in element.child("contexts")?.children("context") ?? [] {
            switch try self.context(context) {
            case .builtIn(let type): contexts.append(type)
            case .named(let name): namedContexts.append(name)
            }
        }
        return ChannelConfiguration(
            attributes: attributes, isEnabled: try element.boolean("enabled") ?? true, rules: rules,
            contexts: contexts, namedContexts: namedContexts)
    }

    private func rule(_ element: XMLTreeElement) throws(SessionFileError) -> EventRule {
        if let attributes = element.child("attributes") {
            throw SessionSchema.invalid(attributes, "probe and function attributes are for the kernel domain")
        }
        if let type = element.keyword("type"), type != "TRACEPOINT" && type != "ALL" {
            throw SessionSchema.invalid(
                element.child("type") ?? element, "the user-space domain has no \(type) event rules, only TRACEPOINT")
        }
        let levelElement = element.child("loglevel") ?? element
        let levelNumber = try element.signed("loglevel") ?? -1
        func level() throws(SessionFileError) -> LogLevel {
            guard let level = LogLevel(rawValue: Int32(clamping: levelNumber)) else {
                throw SessionSchema.invalid(
                    levelElement, "<loglevel> \(levelNumber) is not a user-space log level (0 to 14)")
            }
            return level
        }
        let logLevel: LogLevelCondition
        switch element.keyword("loglevel_type") {
        case "RANGE":
            // -1, the schema's default, is the whole range, as LTTng reads it.
            logLevel = .atLeastAsSevereAs(levelNumber == -1 ? .debug : try level())
        case "SINGLE": logLevel = .exactly(try level())
        default: logLevel = .any
        }
        var exclusions: [String] = []
        for exclusion in element.child("exclusions")?.children("exclusion") ?? [] {
            exclusions.append(try exclusion.value(as: .string))
        }
        return EventRule(
            pattern: try element.string("name") ?? "*", logLevel: logLevel, exclusions: exclusions,
            filter: try element.string("filter"), isEnabled: try element.boolean("enabled") ?? true)
    }

    private enum Context {
        case builtIn(ContextType)
        /// `$app.PROVIDER:TYPE` or `perf:thread:NAME`.
        case named(String)
    }

    private func context(_ element: XMLTreeElement) throws(SessionFileError) -> Context {
        if let type = element.keyword("type") {
            guard let context = ContextType(rawValue: type.lowercased()) else {
                throw unsupported(element.child("type"), "context \(type.lowercased())")
            }
            return .builtIn(context)
        }
        if let perf = element.child("perf") {
            let fieldName = try perf.string("name") ?? ""
            let type = try perf.unsigned("type") ?? 0
            let config = try perf.unsigned("config") ?? 0
            guard let name = Self.perfContextName(fieldName: fieldName, type: type, config: config) else {
                throw unsupported(perf, "perf counter context \(fieldName) (type \(type), config \(config))")
            }
            return .named(name)
        }
        let app = element.child("app")
        let name = "$app.\(try app?.string("provider_name") ?? ""):\(try app?.string("ctx_name") ?? "")"
        guard ApplicationContext.isValid(name) else {
            throw SessionSchema.invalid(app ?? element, "\(name) is not an application context $app.PROVIDER:TYPE")
        }
        return .named(name)
    }

    /// The `perf:thread:` context LTTng saved as `<perf>`: its field name (the context name
    /// with `:` and `-` as `_`) with the counter's type and config.
    static func perfContextName(fieldName: String, type: UInt64, config: UInt64) -> String? {
        func matches(_ name: String) -> Bool {
            guard let counter = PerfCounter(contextName: name) else { return false }
            return counter.fieldName == fieldName && UInt64(counter.type) == type && counter.config == config
        }
        let rawPrefix = "perf_thread_raw_"
        if fieldName.hasPrefix(rawPrefix) {
            // perf_thread_raw_rN_NAME: N is hexadecimal, so the first `_` ends it.
            let rest = fieldName.dropFirst(rawPrefix.count)
            guard let separator = rest.firstIndex(of: "_") else { return nil }
            let name = "perf:thread:raw:\(rest[..<separator]):\(rest[rest.index(after: separator)...])"
            return matches(name) ? name : nil
        }
        return PerfCounter.names.first(where: matches)
    }

    // MARK: Trackers

    private func trackers(of domain: XMLTreeElement, accounts: AccountNames) throws(SessionFileError)
        -> ProcessAttributeTrackers
    {
        var trackers = ProcessAttributeTrackers()
        var seen: Set<String> = []
        for tracker in domain.child("process_attr_trackers")?.children ?? [] {
            guard seen.insert(tracker.name).inserted else {
                throw SessionSchema.invalid(tracker, "<\(tracker.name)> appears more than once")
            }
            let values = tracker.child("process_attr_values")?.children ?? []
            switch tracker.name {
            case "vpid_process_attr_tracker":
                trackers.virtualProcessIDs = .only(try ids(values, what: "process ID", names: nil))
            case "vuid_process_attr_tracker":
                trackers.virtualUserIDs = .only(try ids(values, what: "user ID", names: accounts.userID))
            case "vgid_process_attr_tracker":
                trackers.virtualGroupIDs = .only(try ids(values, what: "group ID", names: accounts.groupID))
            default:
                let attribute = tracker.name.prefix { $0 != "_" }
                throw SessionSchema.invalid(
                    tracker, "the \(attribute) tracker is for the kernel domain: user-space tracks vpid, vuid and vgid")
            }
        }
        // LTTng 2.11 and earlier wrote a vpid tracker as `<trackers><pid_tracker>`.
        let legacy = domain.child("trackers")?.children("pid_tracker") ?? []
        if let first = legacy.first {
            guard !seen.contains("vpid_process_attr_tracker") else {
                throw SessionSchema.invalid(first, "<pid_tracker> repeats the vpid tracker")
            }
            var values: Set<Int64> = []
            for tracker in legacy {
                for target in tracker.child("targets")?.children("pid_target") ?? [] {
                    values.formUnion(try ids([target], what: "process ID", names: nil, element: "pid"))
                }
            }
            trackers.virtualProcessIDs = .only(values)
        }
        return trackers
    }

    /// The ids of tracker value elements (`<vuid><id>…</id></vuid>` or `<vuid><name>…</name>`).
    private func ids(
        _ values: [XMLTreeElement], what: String, names: (@Sendable (String) -> Int64?)?, element: String = "id"
    ) throws(SessionFileError) -> Set<Int64> {
        var result: Set<Int64> = []
        for value in values {
            if let idElement = value.child(element) {
                guard case .signed(let id) = try SessionSchema.parse(idElement, as: .integer), id >= 0 else {
                    throw SessionSchema.invalid(idElement, "\(idElement.text) is not a valid \(what)")
                }
                result.insert(id)
            } else if let nameElement = value.child("name"), let names {
                let name = try nameElement.value(as: .string)
                guard let id = names(name) else {
                    throw SessionSchema.invalid(
                        nameElement, "there is no \(what == "user ID" ? "user" : "group") \(name)")
                }
                result.insert(id)
            }
        }
        return result
    }

    private func unsupported(_ element: XMLTreeElement?, _ what: String) -> SessionFileError {
        SessionFileError(.unsupported, line: element?.line ?? line, "\(what) is not supported yet by spoor")
    }
}

/// Typed values of child elements, checked against the schema's types.
extension XMLTreeElement {
    func value(as type: SessionSchema.Value) throws(SessionFileError) -> String {
        switch try SessionSchema.parse(self, as: type) {
        case .string(let text): text
        case .unsigned(let value): String(value)
        case .signed(let value): String(value)
        case .boolean(let value): String(value)
        }
    }

    func string(_ name: String) throws(SessionFileError) -> String? {
        try child(name)?.value(as: .string)
    }

    /// An enumeration value (already checked against its choices), whitespace removed.
    func keyword(_ name: String) -> String? {
        child(name)?.text.trimmingXMLWhitespace
    }

    func unsigned(_ name: String) throws(SessionFileError) -> UInt64? {
        guard let element = child(name),
            case .unsigned(let value) = try SessionSchema.parse(element, as: .unsigned(.max))
        else { return nil }
        return value
    }

    func signed(_ name: String) throws(SessionFileError) -> Int64? {
        guard let element = child(name), case .signed(let value) = try SessionSchema.parse(element, as: .integer)
        else { return nil }
        return value
    }

    func boolean(_ name: String) throws(SessionFileError) -> Bool? {
        guard let element = child(name), case .boolean(let value) = try SessionSchema.parse(element, as: .boolean)
        else { return nil }
        return value
    }
}
