/// How an integer field is displayed by trace readers (CTF `base`).
public enum DisplayBase: UInt8, Sendable, Hashable {
    case decimal = 10
    case hexadecimal = 16
}

/// The description of a CTF integer type as Spoor writes it: byte-packed, native (little-endian) byte order.
public struct IntegerType: Sendable, Hashable {
    /// Size in bits: 8, 16, 32 or 64.
    public var bitWidth: UInt8
    public var isSigned: Bool
    public var base: DisplayBase
    /// Whether the integer is a UTF-8 code unit (`encoding = UTF8`), used for text arrays.
    public var isText: Bool

    public init(bitWidth: UInt8, isSigned: Bool, base: DisplayBase = .decimal, isText: Bool = false) {
        precondition([8, 16, 32, 64].contains(bitWidth), "integer fields are 8, 16, 32 or 64 bits wide")
        self.bitWidth = bitWidth
        self.isSigned = isSigned
        self.base = base
        self.isText = isText
    }

    public var byteCount: Int { Int(bitWidth) / 8 }
}

/// One label of a CTF enumeration: a name mapped to an inclusive range of values.
public struct EnumerationMapping: Sendable, Hashable {
    public var label: String
    public var range: ClosedRange<Int64>

    public init(label: String, range: ClosedRange<Int64>) {
        self.label = label
        self.range = range
    }

    public init(label: String, value: Int64) {
        self.init(label: label, range: value...value)
    }
}

/// The type of one payload field of an event class, mirroring the `lttng_ust_field_*` macros.
public indirect enum FieldType: Sendable, Hashable {
    case integer(IntegerType)
    /// IEEE 754 binary32 (`exp_dig = 8; mant_dig = 24`).
    case float
    /// IEEE 754 binary64 (`exp_dig = 11; mant_dig = 53`).
    case double
    /// NUL-terminated UTF-8 string.
    case string
    /// A CTF enumeration over an integer container.
    case enumeration(IntegerType, [EnumerationMapping])
    /// A fixed-length array of integers.
    case array(IntegerType, count: Int)
    /// A variable-length sequence of integers, preceded by its 32-bit unsigned length.
    case sequence(IntegerType)
}

/// One named payload field of an event class.
public struct FieldDescriptor: Sendable, Hashable {
    /// The name as declared by the app, without LTTng's leading underscore.
    public var name: String
    public var type: FieldType

    public init(name: String, type: FieldType) {
        self.name = name
        self.type = type
    }
}

/// A tracepoint as an app declares it: the `provider:event` name, its log level and its fields.
public struct EventDescriptor: Sendable, Hashable {
    public var provider: String
    public var event: String
    public var logLevel: LogLevel
    public var fields: [FieldDescriptor]

    public init(provider: String, event: String, logLevel: LogLevel = .default, fields: [FieldDescriptor]) {
        self.provider = provider
        self.event = event
        self.logLevel = logLevel
        self.fields = fields
    }

    /// `provider:event`, the name event rules match.
    public var fullName: String { "\(provider):\(event)" }
}
