/// A user-space context field that `lttng add-context -u` adds to every event record of a
/// channel (`lttng-add-context(1)`).
///
/// Every one has a fixed size, so a channel's context part of a record has a fixed size too.
public enum ContextType: String, Sendable, Hashable, CaseIterable {
    case vpid
    case vtid
    case procname
    case pthreadID = "pthread_id"
    case cpuID = "cpu_id"
    case cgroupNamespace = "cgroup_ns"
    case ipcNamespace = "ipc_ns"
    case mountNamespace = "mnt_ns"
    case networkNamespace = "net_ns"
    case pidNamespace = "pid_ns"
    case timeNamespace = "time_ns"
    case userNamespace = "user_ns"
    case utsNamespace = "uts_ns"
    case vuid
    case veuid
    case vsuid
    case vgid
    case vegid
    case vsgid
    /// The address in the app just after the tracepoint.
    case ip

    /// The name `add-context --type` takes and the trace shows.
    public var name: String { rawValue }

    /// The field as the trace metadata declares it, with LTTng-UST's types.
    public var field: FieldDescriptor {
        let type: FieldType
        switch self {
        case .vpid, .vtid, .cpuID: type = .integer(IntegerType(bitWidth: 32, isSigned: true))
        case .procname: type = .array(IntegerType(bitWidth: 8, isSigned: true, isText: true), count: 17)
        case .pthreadID: type = .integer(IntegerType(bitWidth: 64, isSigned: false))
        case .cgroupNamespace, .ipcNamespace, .mountNamespace, .networkNamespace, .pidNamespace, .timeNamespace,
            .userNamespace, .utsNamespace:
            type = .integer(IntegerType(bitWidth: 64, isSigned: false))
        case .vuid, .veuid, .vsuid, .vgid, .vegid, .vsgid: type = .integer(IntegerType(bitWidth: 32, isSigned: false))
        case .ip: type = .integer(IntegerType(bitWidth: 64, isSigned: false, base: .hexadecimal))
        }
        return FieldDescriptor(name: rawValue, type: type)
    }

    /// Bytes the field takes in a record.
    public var byteCount: Int {
        switch field.type {
        case .integer(let integer): integer.byteCount
        case .array(let element, let count): element.byteCount * count
        default: 0
        }
    }

    /// The numeric code apps receive for this context (its position in `allCases`).
    public var code: UInt8 { UInt8(Self.allCases.firstIndex(of: self) ?? 0) }

    public init?(code: UInt8) {
        guard Int(code) < Self.allCases.count else { return nil }
        self = Self.allCases[Int(code)]
    }
}

/// An application context, `$app.PROVIDER:TYPE` (`lttng-add-context(1)`): a value the app
/// computes for each record, from a provider it registered with the Spoor API.
///
/// Its value has LTTng's dynamic type: a one-byte tag that says which of ``Kind`` follows, then
/// the value (nothing for ``Kind/none``, a NUL-terminated string for ``Kind/string``).
public enum ApplicationContext {
    /// The tag values of the dynamic type, as LTTng numbers them.
    public enum Kind: UInt8, Sendable, CaseIterable {
        case none = 0
        case int8, int16, int32, int64
        case uint8, uint16, uint32, uint64
        case float, double, string

        /// The enumeration label and variant option name (with a leading underscore in TSDL).
        public var label: String { String(describing: self) }
    }

    /// Whether `name` is `$app.PROVIDER:TYPE` with a non-empty provider and type made of
    /// letters, digits, `_`, `-` and `.` (and no second `:`).
    public static func isValid(_ name: String) -> Bool {
        guard name.hasPrefix("$app.") else { return false }
        let parts = name.dropFirst(5).split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { part in
            !part.isEmpty && part.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            }
        }
    }

    /// The field's name in the trace: `$app.PROVIDER:TYPE` with every character that cannot be in
    /// a TSDL identifier replaced by `_` (`_app_PROVIDER_TYPE`, which readers show without the
    /// first underscore).
    public static func fieldName(_ name: String) -> String {
        String(
            name.map { character in
                character.isASCII && (character.isLetter || character.isNumber || character == "_") ? character : "_"
            })
    }
}

/// A per-thread performance counter context, `perf:thread:NAME` or `perf:thread:raw:rN:NAME`
/// (`lttng-add-context(1)`): the calling thread's count of a hardware event, read from the
/// kernel with `perf_event_open(2)`, recorded as an unsigned 64-bit integer.
public struct PerfCounter: Sendable, Hashable {
    /// The context name, as `add-context --type` takes it.
    public var name: String
    /// `perf_event_attr.type`: 0 hardware, 3 hardware cache, 4 raw.
    public var type: UInt32
    /// `perf_event_attr.config`.
    public var config: UInt64

    static let prefix = "perf:thread:"

    /// The generic hardware events, by LTTng's names, with their `PERF_COUNT_HW_*` numbers.
    static let hardware: [(String, UInt64)] = [
        ("cpu-cycles", 0), ("cycles", 0), ("instructions", 1), ("cache-references", 2), ("cache-misses", 3),
        ("branch-instructions", 4), ("branches", 4), ("branch-misses", 5), ("bus-cycles", 6),
        ("stalled-cycles-frontend", 7), ("idle-cycles-frontend", 7), ("stalled-cycles-backend", 8),
        ("idle-cycles-backend", 8),
    ]

    /// The hardware cache events: cache (`PERF_COUNT_HW_CACHE_*`), then the operations and
    /// results LTTng names for it.
    static let caches: [(String, UInt64, [(String, UInt64)])] = [
        ("L1-dcache", 0, [("loads", 0), ("stores", 1), ("prefetches", 2)]),
        ("L1-icache", 1, [("loads", 0), ("prefetches", 2)]),
        ("LLC", 2, [("loads", 0), ("stores", 1), ("prefetches", 2)]),
        ("dTLB", 3, [("loads", 0), ("stores", 1), ("prefetches", 2)]),
        ("iTLB", 4, [("loads", 0)]),
        ("branch", 5, [("loads", 0)]),
    ]

    /// Every `perf:thread:` name but the raw ones.
    public static var names: [String] {
        var names = hardware.map { prefix + $0.0 }
        for (cache, _, operations) in caches {
            for (operation, _) in operations {
                names.append(prefix + "\(cache)-\(operation)")
                // "loads" misses are "load-misses", and so on.
                names.append(prefix + "\(cache)-\(operation.dropLast(operation.hasSuffix("ches") ? 2 : 1))-misses")
            }
        }
        return names
    }

    /// Parses a `perf:thread:` context name; nil if it is not one.
    public init?(contextName: String) {
        guard contextName.hasPrefix(Self.prefix) else { return nil }
        let rest = String(contextName.dropFirst(Self.prefix.count))
        name = contextName
        if let (_, config) = Self.hardware.first(where: { $0.0 == rest }) {
            (type, self.config) = (0, config)
            return
        }
        for (cache, id, operations) in Self.caches {
            for (operation, code) in operations {
                let miss = "\(operation.dropLast(operation.hasSuffix("ches") ? 2 : 1))-misses"
                if rest == "\(cache)-\(operation)" {
                    (type, config) = (3, id | code << 8)
                    return
                }
                if rest == "\(cache)-\(miss)" {
                    (type, config) = (3, id | code << 8 | 1 << 16)
                    return
                }
            }
        }
        // raw:rN:NAME, N hexadecimal.
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "raw", parts[1].count > 1, parts[1].first == "r", !parts[2].isEmpty,
            let raw = UInt64(parts[1].dropFirst(), radix: 16)
        else { return nil }
        (type, config) = (4, raw)
    }

    /// The field's name in the trace: the context name with `:` and `-` as `_`
    /// (`perf_thread_cpu_cycles`).
    public var fieldName: String {
        String(name.map { $0 == ":" || $0 == "-" ? "_" : $0 })
    }

    /// The field as the trace metadata declares it.
    public var field: FieldDescriptor {
        FieldDescriptor(name: fieldName, type: .integer(IntegerType(bitWidth: 64, isSigned: false)))
    }
}
