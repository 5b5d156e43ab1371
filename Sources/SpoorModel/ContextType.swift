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
