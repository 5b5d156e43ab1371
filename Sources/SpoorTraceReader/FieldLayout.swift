/// What an integer field means to the reader (babeltrace2 gives meaning to these names, see
/// spec/ctf-lttng.md §6.2); such fields are decoded but not shown.
enum FieldRole: Sendable, Equatable {
    case none
    case magic
    case streamClassID
    case dataStreamID
    case packetBeginTime
    case packetEndTime
    case contentSize
    case packetSize
    case packetSequenceNumber
    case discardedEvents
    case eventClassID
}

/// A resolved integer (or the container of an enumeration).
struct IntegerLayout: Sendable, Equatable {
    var size: Int
    var alignment: Int
    var isSigned: Bool
    var byteOrder: ByteOrder
    var base: Int
    var isText: Bool
    /// Index in `TraceClass.clocks` of the clock this field updates.
    var clock: Int?
    var role: FieldRole
    /// Where the decoder stores the last value, for sequences and variants that refer to it.
    var slot: Int
    var isShown: Bool
}

/// One label of an enumeration with all its ranges (repeated labels are merged, first one wins the
/// position, as babeltrace2 does).
struct EnumMapping: Sendable, Equatable {
    var label: String
    var ranges: [ClosedRange<Int128>]

    func contains(_ value: Int128) -> Bool {
        ranges.contains { $0.contains(value) }
    }
}

/// A resolved floating point number: 32 or 64 bits.
struct FloatLayout: Sendable, Equatable {
    var isDouble: Bool
    var alignment: Int
    var byteOrder: ByteOrder
}

/// A named member of a struct or option of a variant, with babeltrace2's display name (one
/// leading underscore removed).
struct NamedLayout: Sendable {
    var name: String
    var layout: FieldLayout
    /// `name = `, ready to append to a line.
    let label: [UInt8]

    init(name: String, layout: FieldLayout) {
        self.name = name
        self.layout = layout
        self.label = Array((name + " = ").utf8)
    }
}

/// A resolved structure.
struct StructLayout: Sendable {
    var members: [NamedLayout]
    var alignment: Int
    var isShown: Bool
}

/// A resolved variant: the tag's slot and, for each tag value range, which option it selects.
struct VariantLayout: Sendable {
    var tagSlot: Int
    var tagIsSigned: Bool
    /// In the order of the tag enumeration's labels: the first range holding the value wins.
    var selectors: [(range: ClosedRange<Int128>, option: Int)]
    var options: [NamedLayout]
    var isShown: Bool
}

/// A resolved static array or sequence.
struct ArrayLayout: Sendable {
    enum Length: Sendable, Equatable {
        case fixed(Int)
        case slot(Int, isSigned: Bool)
    }

    var element: FieldLayout
    var length: Length
    /// Bytes shown as a string (8-bit, byte-aligned integers with a text encoding).
    var isText: Bool
    var isShown: Bool
}

/// A field type with every name reference resolved, ready to decode.
indirect enum FieldLayout: Sendable {
    case integer(IntegerLayout)
    case enumeration(IntegerLayout, [EnumMapping])
    case floatingPoint(FloatLayout)
    case string
    case structure(StructLayout)
    case variant(VariantLayout)
    case array(ArrayLayout)

    /// Alignment in bits before the field starts (a variant has none of its own).
    var alignment: Int {
        switch self {
        case .integer(let integer), .enumeration(let integer, _): integer.alignment
        case .floatingPoint(let float): float.alignment
        case .string: 8
        case .structure(let structure): structure.alignment
        case .variant: 1
        case .array(let array): array.element.alignment
        }
    }

    /// Whether babeltrace2 shows this field (CTF fields with a special meaning or a clock mapping
    /// are not part of its trace IR unless a sequence or variant depends on them).
    var isShown: Bool {
        switch self {
        case .integer(let integer), .enumeration(let integer, _): integer.isShown
        case .floatingPoint, .string: true
        case .structure(let structure): structure.isShown
        case .variant(let variant): variant.isShown
        case .array(let array): array.isShown
        }
    }

    /// True when a value of this type may take no bits at all (empty structs and the like).
    var mayBeEmpty: Bool {
        switch self {
        case .integer, .enumeration, .floatingPoint, .string: false
        case .structure(let structure): structure.members.allSatisfy { $0.layout.mayBeEmpty }
        case .variant(let variant): variant.options.contains { $0.layout.mayBeEmpty }
        case .array(let array):
            if case .fixed(let length) = array.length, length > 0 { array.element.mayBeEmpty } else { true }
        }
    }
}
