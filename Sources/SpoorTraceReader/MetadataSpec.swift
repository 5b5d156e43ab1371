/// Byte order of a field or of the whole trace.
enum ByteOrder: Sendable, Equatable {
    case littleEndian
    case bigEndian
}

/// An `integer { … }` type as written in TSDL (CTF 1.8 §4.1.5), with `native` already resolved.
struct IntegerSpec: Equatable {
    /// Size in bits, 1…64.
    var size: Int
    /// Alignment in bits.
    var alignment: Int
    var isSigned = false
    var byteOrder: ByteOrder
    /// Preferred display base: 2, 8, 10 or 16.
    var base = 10
    /// `encoding = UTF8` or `ASCII`: arrays and sequences of such bytes are text.
    var isText = false
    /// `map = clock.NAME.value`.
    var clockName: String?
}

/// A `floating_point { … }` type (CTF 1.8 §4.1.7).
struct FloatSpec: Equatable {
    var exponentDigits: Int
    var mantissaDigits: Int
    var alignment: Int
    var byteOrder: ByteOrder
}

/// One entry of an `enum` body: `"LABEL" = lower ... upper`.
struct EnumEntrySpec: Equatable {
    var label: String
    var lower: Int128
    var upper: Int128
}

/// An `enum : container { … }` type (CTF 1.8 §4.1.8).
struct EnumSpec: Equatable {
    var container: IntegerSpec
    var entries: [EnumEntrySpec]
}

/// A named member of a structure or an option of a variant, with its name as written in TSDL.
struct MemberSpec: Equatable {
    var name: String
    var type: TypeSpec
}

/// A `struct { … } align(N)` type (CTF 1.8 §4.2.1).
struct StructSpec: Equatable {
    var members: [MemberSpec]
    /// The `align(N)` attribute in bits (1 when absent).
    var minimumAlignment: Int
}

/// A `variant <tag> { … }` type (CTF 1.8 §4.2.2).
struct VariantSpec: Equatable {
    /// Path to the tag field, as written (`id`, `stream.event.header.id`); nil until given.
    var tag: [String]?
    var options: [MemberSpec]
}

/// A TSDL field type before names are resolved.
indirect enum TypeSpec: Equatable {
    case integer(IntegerSpec)
    case floatingPoint(FloatSpec)
    case string
    case enumeration(EnumSpec)
    case structure(StructSpec)
    case variant(VariantSpec)
    /// `name[length]`.
    case array(element: TypeSpec, length: Int)
    /// `name[lengthPath]`: the length is the value of another integer field.
    case sequence(element: TypeSpec, lengthPath: [String])
}

/// A value in the `env` block.
enum EnvironmentValue: Equatable, Sendable {
    case integer(Int64)
    case string(String)
}

/// A `clock { … }` block (CTF 1.8 §8).
struct ClockSpec: Equatable {
    var name: String
    var uuid: [UInt8]?
    var frequency: UInt64 = 1_000_000_000
    var offsetSeconds: Int128 = 0
    var offsetCycles: Int128 = 0
    var line: Int
}

/// A `stream { … }` block.
struct StreamSpec: Equatable {
    var id: UInt64?
    var packetContext: TypeSpec?
    var eventHeader: TypeSpec?
    var eventContext: TypeSpec?
    var line: Int
}

/// An `event { … }` block.
struct EventSpec: Equatable {
    var name: String?
    var id: UInt64?
    var streamID: UInt64?
    var logLevel: Int64?
    var emfURI: String?
    var context: TypeSpec?
    var payload: TypeSpec?
    var line: Int
}

/// Everything a TSDL text declares, before field references are resolved.
struct MetadataSpec {
    var byteOrder: ByteOrder
    var major: UInt64?
    var minor: UInt64?
    var uuid: [UInt8]?
    var packetHeader: TypeSpec?
    /// In declaration order; a repeated key keeps its last value.
    var environment: [(key: String, value: EnvironmentValue)] = []
    var clocks: [ClockSpec] = []
    var streams: [StreamSpec] = []
    var events: [EventSpec] = []
}

/// Parses `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` into 16 bytes.
func parseUUID(_ text: String) -> [UInt8]? {
    let digits = text.utf8.filter { $0 != UInt8(ascii: "-") }
    guard text.utf8.count == 36, digits.count == 32 else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(16)
    var high: UInt8?
    for digit in digits {
        let value: UInt8
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): value = digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): value = digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): value = digit - UInt8(ascii: "A") + 10
        default: return nil
        }
        if let pending = high {
            bytes.append(pending << 4 | value)
            high = nil
        } else {
            high = value
        }
    }
    return bytes
}
