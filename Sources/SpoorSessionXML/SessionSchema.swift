/// The structure session.xsd (LTTng 2.13, installed as `/usr/share/xml/lttng/session.xsd`)
/// gives a session configuration file, as a table, and the check of a parsed document against
/// it: what `xmllint --schema` checks, for the constructs the schema uses.
///
/// Every element of the schema is here, kernel-only ones included, so that a file LTTng wrote
/// for another domain is recognised (and refused as unsupported) rather than called invalid.
/// One deliberate extension: a context `<type>` may also be one of the names LTTng 2.13 writes
/// although its schema does not list them (`VUID`, `NET_NS`, …) and Spoor's `CPU_ID`.
enum SessionSchema {
    /// The simple types of the schema.
    enum Value: Sendable {
        /// `xs:string`: kept exactly, whitespace included.
        case string
        /// `name_type`: a string of at most 255 characters.
        case name
        /// `uint32_type`, `uint64_type`: 0 up to the bound.
        case unsigned(UInt64)
        /// `xs:int`.
        case int32
        /// `xs:integer`, as far as an `Int64` goes.
        case integer
        /// `xs:boolean`: `true`, `false`, `1` or `0`.
        case boolean
        /// `blocking_timeout_type`: -1 up to 2147483648000.
        case blockingTimeout
        /// An enumeration.
        case oneOf([String])
    }

    /// How the content of an element is made, as the schema's complex types declare it.
    indirect enum Content: Sendable {
        case value(Value)
        /// `xs:all`: each child at most once, in any order; the required ones exactly once.
        case all([Child])
        /// `xs:choice`: exactly one of the children, or none when optional.
        case choice([Child], isOptional: Bool)
        /// A repeated element or choice: any number of these children, in any order.
        case list([Child], minimum: Int)
    }

    struct Child: Sendable {
        var name: String
        var isRequired: Bool
        var content: Content

        static func required(_ name: String, _ content: Content) -> Child {
            Child(name: name, isRequired: true, content: content)
        }

        static func optional(_ name: String, _ content: Content) -> Child {
            Child(name: name, isRequired: false, content: content)
        }
    }

    static let maximumNameLength = 255
    static let uint32 = Value.unsigned(UInt64(UInt32.max))
    static let uint64 = Value.unsigned(UInt64.max)
    static let maximumBlockingTimeout: Int64 = 2_147_483_648_000

    /// The context types of `event_context_type_type`.
    static let schemaContextTypes = [
        "PID", "PROCNAME", "PRIO", "NICE", "VPID", "TID", "VTID", "PPID", "VPPID", "PTHREAD_ID", "HOSTNAME", "IP",
        "APP", "INTERRUPTIBLE", "PREEMPTIBLE", "NEED_RESCHEDULE", "MIGRATABLE", "CALLSTACK_USER", "CALLSTACK_KERNEL",
    ]

    /// Context types LTTng 2.13 writes that its schema does not list, and Spoor's `CPU_ID`.
    static let extraContextTypes = [
        "CGROUP_NS", "IPC_NS", "MNT_NS", "NET_NS", "PID_NS", "TIME_NS", "USER_NS", "UTS_NS", "UID", "EUID", "SUID",
        "GID", "EGID", "SGID", "VUID", "VEUID", "VSUID", "VGID", "VEGID", "VSGID", "CPU_ID",
    ]

    // MARK: The schema's types

    static let event: Content = .all([
        .optional("name", .value(.name)),
        .optional("enabled", .value(.boolean)),
        .optional(
            "type",
            .value(
                .oneOf([
                    "ALL", "TRACEPOINT", "PROBE", "USERSPACE_PROBE", "FUNCTION", "FUNCTION_ENTRY", "NOOP", "SYSCALL",
                    "KPROBE", "KRETPROBE",
                ]))),
        .optional("loglevel_type", .value(.oneOf(["ALL", "RANGE", "SINGLE"]))),
        .optional("loglevel", .value(.int32)),
        .optional("filter", .value(.string)),
        .optional("exclusions", .list([.optional("exclusion", .value(.string))], minimum: 0)),
        .optional("attributes", eventAttributes),
    ])

    static let lookupMethod = Content.value(.oneOf(["DEFAULT", "ELF", "SDT"]))

    static let eventAttributes: Content = .choice(
        [
            .required(
                "probe_attributes",
                .all([
                    .optional("symbol_name", .value(.name)), .optional("address", .value(uint64)),
                    .optional("offset", .value(uint64)),
                ])),
            .required("function_attributes", .all([.required("symbol_name", .value(.name))])),
            .required(
                "userspace_probe_function_attributes",
                .all([
                    .required("lookup_method", lookupMethod), .required("binary_path", .value(.string)),
                    .required("function_name", .value(.string)),
                ])),
            .required(
                "userspace_probe_tracepoint_attributes",
                .all([
                    .required("lookup_method", lookupMethod), .required("binary_path", .value(.string)),
                    .required("probe_name", .value(.string)), .required("provider_name", .value(.string)),
                ])),
        ], isOptional: false)

    static let context: Content = .choice(
        [
            .required("type", .value(.oneOf(schemaContextTypes + extraContextTypes))),
            .required(
                "perf",
                .all([
                    .required("type", .value(uint32)), .required("config", .value(uint64)),
                    .required("name", .value(.name)),
                ])),
            .required(
                "app", .all([.required("provider_name", .value(.string)), .required("ctx_name", .value(.string))])),
        ], isOptional: false)

    static let channel: Content = .all([
        .required("name", .value(.name)),
        .optional("enabled", .value(.boolean)),
        .optional("overwrite_mode", .value(.oneOf(["DISCARD", "OVERWRITE"]))),
        .optional("subbuffer_size", .value(uint64)),
        .optional("subbuffer_count", .value(uint64)),
        .optional("switch_timer_interval", .value(uint32)),
        .required("read_timer_interval", .value(uint32)),
        .optional("blocking_timeout", .value(.blockingTimeout)),
        .required("output_type", .value(.oneOf(["SPLICE", "MMAP"]))),
        .optional("tracefile_size", .value(uint64)),
        .optional("tracefile_count", .value(uint64)),
        .optional("live_timer_interval", .value(uint32)),
        .optional("events", .list([.optional("event", event)], minimum: 0)),
        .optional("contexts", .list([.optional("context", context)], minimum: 0)),
        .optional("monitor_timer_interval", .value(uint64)),
    ])

    /// A tracker whose values are `<ELEMENT><id>…</id></ELEMENT>` or also `<name>…</name>`.
    static func tracker(values element: String, value: Content) -> Content {
        .all([.required("process_attr_values", .list([.optional(element, value)], minimum: 0))])
    }

    static let idOrName: Content = .choice(
        [.required("id", .value(.integer)), .required("name", .value(.string))], isOptional: false)

    static let processAttributeTrackers: Content = .list(
        [
            .optional(
                "pid_process_attr_tracker",
                tracker(values: "pid", value: .choice([.required("id", .value(.integer))], isOptional: true))),
            .optional(
                "vpid_process_attr_tracker", tracker(values: "vpid", value: .all([.required("id", .value(.integer))]))),
            .optional("uid_process_attr_tracker", tracker(values: "uid", value: idOrName)),
            .optional("vuid_process_attr_tracker", tracker(values: "vuid", value: idOrName)),
            .optional("gid_process_attr_tracker", tracker(values: "gid", value: idOrName)),
            .optional("vgid_process_attr_tracker", tracker(values: "vgid", value: idOrName)),
        ], minimum: 0)

    /// The trackers of LTTng 2.11 and earlier (`<trackers><pid_tracker>`).
    static let legacyTrackers: Content = .list(
        [
            .optional(
                "pid_tracker",
                .all([
                    .required(
                        "targets",
                        .list(
                            [.optional("pid_target", .all([.required("pid", .value(.integer))]))], minimum: 0))
                ]))
        ], minimum: 0)

    static let domain: Content = .all([
        .required("type", .value(.oneOf(["KERNEL", "UST", "JUL", "LOG4J", "PYTHON"]))),
        .required("buffer_type", .value(.oneOf(["PER_PID", "PER_UID", "GLOBAL"]))),
        .optional("channels", .list([.optional("channel", channel)], minimum: 0)),
        .optional("process_attr_trackers", processAttributeTrackers),
        .optional("trackers", legacyTrackers),
    ])

    static let consumerOutput: Content = .all([
        .required("enabled", .value(.boolean)),
        .required(
            "destination",
            .choice(
                [
                    .required("path", .value(.string)),
                    .required(
                        "net_output",
                        .all([.required("control_uri", .value(.string)), .required("data_uri", .value(.string))])),
                ], isOptional: false)),
    ])

    static let sessionAttributes: Content = .all([
        .optional("snapshot_mode", .value(.boolean)),
        .optional("live_timer_interval", .value(uint32)),
        .optional(
            "rotation_schedules",
            .list(
                [
                    .optional("periodic", .all([.optional("time_us", .value(uint64))])),
                    .optional("size_threshold", .all([.optional("bytes", .value(uint64))])),
                ], minimum: 1)),
    ])

    static let sessionOutput: Content = .choice(
        [
            .required(
                "snapshot_outputs",
                .list(
                    [
                        .optional(
                            "output",
                            .all([
                                .required("name", .value(.name)), .required("max_size", .value(uint64)),
                                .required("consumer_output", consumerOutput),
                            ]))
                    ], minimum: 0)),
            .required("consumer_output", consumerOutput),
        ], isOptional: false)

    static let session: Content = .all([
        .required("name", .value(.name)),
        .optional("shared_memory_path", .value(.string)),
        .optional("domains", .list([.optional("domain", domain)], minimum: 0)),
        .optional("started", .value(.boolean)),
        .optional("attributes", sessionAttributes),
        .optional("output", sessionOutput),
    ])

    /// The document element.
    static let sessions: Content = .list([.optional("session", session)], minimum: 1)

    // MARK: Checking

    /// Checks a whole document: its root is `<sessions>` and everything in it is as the
    /// schema says.
    static func validate(document root: XMLTreeElement) throws(SessionFileError) {
        guard root.name == "sessions" else {
            throw SessionFileError(.invalid, line: root.line, "the document element is <\(root.name)>, not <sessions>")
        }
        try validate(root, as: sessions)
    }

    static func validate(_ element: XMLTreeElement, as content: Content) throws(SessionFileError) {
        if let attribute = element.attributeNames.first {
            throw invalid(element, "attribute '\(attribute)' is not expected on <\(element.name)>")
        }
        switch content {
        case .value(let value):
            if let child = element.children.first {
                throw invalid(child, "<\(child.name)> is not expected in <\(element.name)>, which holds a value")
            }
            _ = try parse(element, as: value)
        case .all(let allowed):
            try checkNoText(element)
            var seen: Set<String> = []
            for child in element.children {
                guard let rule = allowed.first(where: { $0.name == child.name }) else {
                    throw unexpected(child, in: element)
                }
                guard seen.insert(child.name).inserted else {
                    throw invalid(child, "<\(child.name)> appears more than once in <\(element.name)>")
                }
                try validate(child, as: rule.content)
            }
            if let missing = allowed.first(where: { $0.isRequired && !seen.contains($0.name) }) {
                throw invalid(element, "<\(element.name)> lacks <\(missing.name)>")
            }
        case .choice(let allowed, let isOptional):
            try checkNoText(element)
            guard element.children.count <= 1, let child = element.children.first else {
                if element.children.isEmpty && isOptional { return }
                let names = allowed.map { "<\($0.name)>" }.joined(separator: ", ")
                throw invalid(element, "<\(element.name)> must hold exactly one of \(names)")
            }
            guard let rule = allowed.first(where: { $0.name == child.name }) else {
                throw unexpected(child, in: element)
            }
            try validate(child, as: rule.content)
        case .list(let allowed, let minimum):
            try checkNoText(element)
            for child in element.children {
                guard let rule = allowed.first(where: { $0.name == child.name }) else {
                    throw unexpected(child, in: element)
                }
                try validate(child, as: rule.content)
            }
            if element.children.count < minimum {
                let names = allowed.map { "<\($0.name)>" }.joined(separator: " or ")
                throw invalid(element, "<\(element.name)> must hold at least \(minimum) \(names)")
            }
        }
    }

    /// A simple value, checked against its type. Whitespace around values other than strings
    /// does not count (the schema's `collapse`).
    enum ParsedValue: Hashable {
        case string(String)
        case unsigned(UInt64)
        case signed(Int64)
        case boolean(Bool)
    }

    static func parse(_ element: XMLTreeElement, as value: Value) throws(SessionFileError) -> ParsedValue {
        let text = element.text
        let trimmed = text.trimmingXMLWhitespace
        switch value {
        case .string:
            return .string(text)
        case .name:
            // The schema's length counts characters: Unicode scalars, not bytes or graphemes.
            guard text.unicodeScalars.count <= maximumNameLength else {
                throw invalid(element, "<\(element.name)> is longer than \(maximumNameLength) characters")
            }
            return .string(text)
        case .unsigned(let maximum):
            guard let (isNegative, magnitude) = integer(trimmed), !isNegative || magnitude == 0, magnitude <= maximum
            else {
                throw invalid(element, "<\(element.name)> must be an integer from 0 to \(maximum), not '\(trimmed)'")
            }
            return .unsigned(magnitude)
        case .int32, .integer, .blockingTimeout:
            let range: ClosedRange<Int64> =
                switch value {
                case .int32: Int64(Int32.min)...Int64(Int32.max)
                case .blockingTimeout: -1...maximumBlockingTimeout
                default: Int64.min...Int64.max
                }
            guard let (isNegative, magnitude) = integer(trimmed),
                let signed = isNegative
                    ? (magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil)
                    : (magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil),
                range.contains(signed)
            else {
                throw invalid(
                    element,
                    "<\(element.name)> must be an integer from \(range.lowerBound) to \(range.upperBound), not '\(trimmed)'"
                )
            }
            return .signed(signed)
        case .boolean:
            switch trimmed {
            case "true", "1": return .boolean(true)
            case "false", "0": return .boolean(false)
            default: throw invalid(element, "<\(element.name)> must be true, false, 1 or 0, not '\(trimmed)'")
            }
        case .oneOf(let choices):
            guard choices.contains(trimmed) else {
                throw invalid(
                    element, "<\(element.name)> must be one of \(choices.joined(separator: ", ")), not '\(trimmed)'")
            }
            return .string(trimmed)
        }
    }

    /// An `xs:integer` lexical form: an optional sign and decimal digits. `nil` when it is not
    /// one, or its magnitude does not fit 64 bits.
    static func integer(_ text: String) -> (isNegative: Bool, magnitude: UInt64)? {
        var digits = Substring(text)
        var isNegative = false
        if let sign = digits.first, sign == "-" || sign == "+" {
            isNegative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty else { return nil }
        var magnitude: UInt64 = 0
        for character in digits.utf8 {
            guard character >= UInt8(ascii: "0"), character <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(character - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            magnitude = sum
        }
        return (isNegative, magnitude)
    }

    private static func checkNoText(_ element: XMLTreeElement) throws(SessionFileError) {
        guard element.text.allSatisfy(\.isXMLWhitespace) else {
            throw invalid(element, "<\(element.name)> cannot hold text, only elements")
        }
    }

    private static func unexpected(_ child: XMLTreeElement, in parent: XMLTreeElement) -> SessionFileError {
        invalid(child, "<\(child.name)> is not expected in <\(parent.name)>")
    }

    static func invalid(_ element: XMLTreeElement, _ message: String) -> SessionFileError {
        SessionFileError(.invalid, line: element.line, message)
    }
}

extension Character {
    /// XML's whitespace: space, tab, line feed, carriage return.
    var isXMLWhitespace: Bool { self == " " || self == "\t" || self == "\n" || self == "\r" || self == "\r\n" }
}

extension String {
    /// Without XML whitespace at either end.
    var trimmingXMLWhitespace: String {
        String(drop(while: \.isXMLWhitespace).reversed().drop(while: \.isXMLWhitespace).reversed())
    }
}
