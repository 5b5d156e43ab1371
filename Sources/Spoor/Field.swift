import SpoorFilter
import SpoorModel

/// The declaration of one payload field of a tracepoint: its name and CTF type, for values
/// of type `Value`.
///
/// Declare fields with the static factories: `.int32("id")`, `.uint64("address", base: .hexadecimal)`,
/// `.string("path")`, `.enumeration("color", Color.self)`, `.array("samples", of: Int16.self, count: 4)`,
/// `.sequence("ids", of: UInt32.self)`, `.bytes("payload")`.
///
/// Sendable although its filter reader is a plain closure: the reader captures nothing but the
/// value's type, and only reads the value it is given.
public struct Field<Value: TraceFieldValue>: @unchecked Sendable {
    public let descriptor: FieldDescriptor
    /// The length of an array field, 0 otherwise.
    let fixedCount: Int
    /// How the hot path records the value.
    let kind: FieldPlan.Kind
    /// How a filter reads a scalar.
    let number: FieldPlan.Number
    /// How a filter reads a generic value.
    let filterReader: FilterReader?

    init(_ name: String, _ type: FieldType, fixedCount: Int = 0, filterReader: FilterReader? = nil) {
        descriptor = FieldDescriptor(name: name, type: type)
        self.fixedCount = fixedCount
        self.filterReader = filterReader
        switch type {
        // Integers, Bool, Float and Double are stored as their little-endian CTF bytes.
        case .integer(let integer):
            kind = .scalar
            number = integer.isSigned ? .signed : .unsigned
        case .float, .double:
            kind = .scalar
            number = .floatingPoint
        case .string:
            kind = .string
            number = .unsigned
        case .enumeration, .array, .sequence:
            kind = .generic
            number = .unsigned
        }
    }

    /// Size and alignment of the field's Swift values, to lay out the values tuple.
    var memoryLayout: (size: Int, alignment: Int) { (MemoryLayout<Value>.size, MemoryLayout<Value>.alignment) }

    /// This field's plan, with its value at `offset` in the values tuple.
    func plan(offset: Int) -> FieldPlan {
        FieldPlan(
            kind: kind, offset: offset, size: MemoryLayout<Value>.size, number: number, fixedCount: fixedCount,
            codec: kind == .generic
                ? GenericFieldCodec(Value.self, filterValue: filterReader ?? { _, _ in .missing }) : nil)
    }

    /// Any integer type, in decimal or hexadecimal.
    public static func integer(_ name: String, base: DisplayBase = .decimal) -> Field where Value: TraceInteger {
        Field(name, .integer(Value.integerType(base: base)))
    }
}

extension Field where Value == Int8 {
    public static func int8(_ name: String, base: DisplayBase = .decimal) -> Field { .integer(name, base: base) }
}
extension Field where Value == Int16 {
    public static func int16(_ name: String, base: DisplayBase = .decimal) -> Field { .integer(name, base: base) }
}
extension Field where Value == Int32 {
    public static func int32(_ name: String, base: DisplayBase = .decimal) -> Field { .integer(name, base: base) }
}
extension Field where Value == Int64 {
    public static func int64(_ name: String, base: DisplayBase = .decimal) -> Field { .integer(name, base: base) }
}
extension Field where Value == UInt8 {
    public static func uint8(_ name: String, base: DisplayBase = .decimal) -> Field { .integer(name, base: base) }
}
extension Field where Value == UInt16 {
    public static func uint16(_ name: String, base: DisplayBase = .decimal) -> Field { .integer(name, base: base) }
}
extension Field where Value == UInt32 {
    public static func uint32(_ name: String, base: DisplayBase = .decimal) -> Field { .integer(name, base: base) }
}
extension Field where Value == UInt64 {
    public static func uint64(_ name: String, base: DisplayBase = .decimal) -> Field { .integer(name, base: base) }
}

extension Field where Value == Bool {
    /// A boolean, recorded as an 8-bit unsigned integer (0 or 1).
    public static func bool(_ name: String) -> Field {
        Field(name, .integer(IntegerType(bitWidth: 8, isSigned: false)))
    }
}

extension Field where Value == Float {
    public static func float(_ name: String) -> Field { Field(name, .float) }
}

extension Field where Value == Double {
    public static func double(_ name: String) -> Field { Field(name, .double) }
}

extension Field where Value == String {
    /// A NUL-terminated UTF-8 string; a value with an embedded NUL is recorded up to it.
    public static func string(_ name: String) -> Field { Field(name, .string) }
}

extension Field {
    /// A Swift enumeration, recorded as a CTF enumeration of its raw values.
    public static func enumeration(_ name: String, _ type: Value.Type, base: DisplayBase = .decimal) -> Field
    where Value: TraceEnum {
        Field(name, .enumeration(Value.RawValue.integerType(base: base), Value.traceMappings)) { value, element in
            guard element == nil else { return .missing }
            return FilterValue(value.assumingMemoryBound(to: Value.self).pointee.rawValue)
        }
    }

    /// A fixed-length array of `count` integers.
    public static func array<Element: TraceInteger>(
        _ name: String, of element: Element.Type, count: Int, base: DisplayBase = .decimal
    ) -> Field where Value == [Element] {
        precondition(count > 0, "an array field holds at least one element")
        return Field(name, .array(Element.integerType(base: base), count: count), fixedCount: count) { value, element in
            // Elements the array lacks are recorded as zeros, so a filter sees zeros.
            guard let element, element < count else { return .missing }
            let array = value.assumingMemoryBound(to: [Element].self)
            return element < array.pointee.count ? FilterValue(array.pointee[element]) : FilterValue(Element.zero)
        }
    }

    /// A variable-length sequence of integers.
    public static func sequence<Element: TraceInteger>(
        _ name: String, of element: Element.Type, base: DisplayBase = .decimal
    ) -> Field where Value == [Element] {
        Field(name, .sequence(Element.integerType(base: base)), filterReader: Self.sequenceElement(Element.self))
    }

    /// Raw bytes, as a sequence of hexadecimal 8-bit integers.
    public static func bytes(_ name: String) -> Field where Value == [UInt8] {
        Field(
            name, .sequence(IntegerType(bitWidth: 8, isSigned: false, base: .hexadecimal)),
            filterReader: Self.sequenceElement(UInt8.self))
    }

    /// Reads element `element` of a sequence for a filter.
    private static func sequenceElement<Element: TraceInteger>(_: Element.Type) -> FilterReader {
        { value, element in
            guard let element else { return .missing }
            let array = value.assumingMemoryBound(to: [Element].self)
            return element < min(array.pointee.count, Int(UInt32.max)) ? FilterValue(array.pointee[element]) : .missing
        }
    }
}

extension FilterValue {
    /// An integer as a filter sees it: signed or unsigned as its type.
    @inline(__always)
    init<Integer: TraceInteger>(_ integer: Integer) {
        self = Integer.isSigned ? .signed(Int64(truncatingIfNeeded: integer)) : .unsigned(UInt64(truncatingIfNeeded: integer))
    }
}
