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
