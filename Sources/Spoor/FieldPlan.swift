import SpoorFilter

#if _endian(big)
#error("Spoor records native integers as little-endian CTF: big-endian hosts need byte swapping")
#endif

/// How the hot path records one field, worked out once when the tracepoint is declared.
///
/// Swift 6.3 runs loops over a parameter pack as generic loops (value-witness copies and
/// protocol-witness calls per element, even when specialized), which costs tens of
/// nanoseconds a field. So a record does not walk the pack: it takes the address of the values
/// tuple and walks this plan, copying scalars and strings straight from the tuple's memory.
struct FieldPlan {
    enum Kind: UInt8, Sendable {
        /// Integers, `Bool`, `Float`, `Double`: `size` bytes copied as they are in memory.
        case scalar
        /// A `String`: its UTF-8 bytes up to the first NUL, then a NUL.
        case string
        /// Anything else (enumerations, arrays): through `TraceFieldValue`, via `codec`.
        case generic
    }

    /// How a filter reads a scalar.
    enum Number: UInt8, Sendable {
        case signed, unsigned, floatingPoint
    }

    var kind: Kind
    /// Byte offset of the value in the tuple of the tracepoint's values.
    var offset: Int
    /// For scalars, the size in bytes.
    var size: Int
    /// For scalars, how a filter reads them.
    var number: Number
    var fixedCount: Int
    var codec: GenericFieldCodec?
}

/// The size and encoding functions of one value type, for fields recorded through
/// `TraceFieldValue` rather than copied.
/// Immutable once made, hence safe to share.
final class GenericFieldCodec: @unchecked Sendable {
    let encodedSize: (UnsafeRawPointer, Int) -> Int
    let encode: (UnsafeRawPointer, UnsafeMutableRawPointer, Int) -> Int
    /// The value a filter sees: the whole value (element nil) or one element.
    let filterValue: FilterReader

    init<Value: TraceFieldValue>(_: Value.Type, filterValue: @escaping FilterReader) {
        self.filterValue = filterValue
        encodedSize = { value, fixedCount in
            value.assumingMemoryBound(to: Value.self).pointee.encodedSize(fixedCount: fixedCount)
        }
        encode = { value, address, fixedCount in
            value.assumingMemoryBound(to: Value.self).pointee.encode(to: address, fixedCount: fixedCount)
        }
    }
}

/// Reads a value of the values tuple for a filter: the whole value (element nil) or one element
/// of an array or sequence. Runs on the hot path: no allocation.
typealias FilterReader = (UnsafeRawPointer, Int?) -> FilterValue

/// A tracepoint's field plans, in a buffer that lives as long as the process.
@usableFromInline
struct RecordPlan: @unchecked Sendable {
    let fields: UnsafeMutablePointer<FieldPlan>
    let count: Int

    init(_ plans: [FieldPlan]) {
        count = plans.count
        fields = UnsafeMutablePointer<FieldPlan>.allocate(capacity: max(1, plans.count))
        fields.initialize(from: plans, count: plans.count)
    }

    /// Lays out the plans of `kinds` as Swift lays out a tuple of their types: each element at
    /// the next multiple of its alignment.
    static func tupleOffsets(_ layouts: [(size: Int, alignment: Int)]) -> [Int] {
        var offset = 0
        return layouts.map { layout in
            offset = (offset + layout.alignment - 1) / layout.alignment * layout.alignment
            defer { offset += layout.size }
            return offset
        }
    }

    /// String lengths measured by `payloadSize` for `encode`, so each string is scanned once.
    struct StringLengths {
        static let capacity = 8
        var values: (Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0

        mutating func append(_ length: Int) {
            if count < Self.capacity {
                withUnsafeMutableBytes(of: &values) { $0.storeBytes(of: length, toByteOffset: count * 8, as: Int.self) }
            }
            count += 1
        }

        /// The `index`-th length, or nil past the capacity (then the string is measured again).
        func length(_ index: Int) -> Int? {
            guard index < Self.capacity else { return nil }
            return withUnsafeBytes(of: values) { $0.load(fromByteOffset: index * 8, as: Int.self) }
        }
    }

    /// Bytes the values at `values` take in a record.
    func payloadSize(of values: UnsafeRawPointer, lengths: inout StringLengths) -> Int {
        var total = 0
        for index in 0..<count {
            let plan = fields[index]
            switch plan.kind {
            case .scalar:
                total += plan.size
            case .string:
                let length = (values + plan.offset).assumingMemoryBound(to: String.self).pointee.recordedUTF8Count()
                lengths.append(length)
                total += length + 1
            case .generic:
                total += plan.codec.unsafelyUnwrapped.encodedSize(values + plan.offset, plan.fixedCount)
            }
        }
        return total
    }

    /// Writes the values at `values` at `address`; returns the end.
    func encode(
        _ values: UnsafeRawPointer, to address: UnsafeMutableRawPointer, lengths: StringLengths
    ) -> UnsafeMutableRawPointer {
        var address = address
        var stringIndex = 0
        for index in 0..<count {
            let plan = fields[index]
            let value = values + plan.offset
            switch plan.kind {
            case .scalar:
                // Fixed-size loads and stores: memmove's call costs more than these fields.
                switch plan.size {
                case 1: address.storeBytes(of: value.load(as: UInt8.self), as: UInt8.self)
                case 2: address.storeBytes(of: value.loadUnaligned(as: UInt16.self), as: UInt16.self)
                case 4: address.storeBytes(of: value.loadUnaligned(as: UInt32.self), as: UInt32.self)
                case 8: address.storeBytes(of: value.loadUnaligned(as: UInt64.self), as: UInt64.self)
                default: address.copyMemory(from: value, byteCount: plan.size)
                }
                address += plan.size
            case .string:
                let string = value.assumingMemoryBound(to: String.self)
                let length = lengths.length(stringIndex) ?? string.pointee.recordedUTF8Count()
                address += string.pointee.encode(to: address, recordedCount: length)
                stringIndex += 1
            case .generic:
                address += plan.codec.unsafelyUnwrapped.encode(value, address, plan.fixedCount)
            }
        }
        return address
    }
}

extension RecordPlan {
    /// Field `index` of the values at `values` as a filter sees it (element `element` of an
    /// array or sequence when not nil).
    @inline(__always)
    func filterValue(of values: UnsafeRawPointer, field index: Int, element: Int?) -> FilterValue {
        guard index < count else { return .missing }
        let plan = fields[index]
        let value = values + plan.offset
        switch plan.kind {
        case .scalar:
            guard element == nil else { return .missing }
            switch (plan.number, plan.size) {
            case (.signed, 1): return .signed(Int64(value.load(as: Int8.self)))
            case (.signed, 2): return .signed(Int64(value.loadUnaligned(as: Int16.self)))
            case (.signed, 4): return .signed(Int64(value.loadUnaligned(as: Int32.self)))
            case (.signed, _): return .signed(value.loadUnaligned(as: Int64.self))
            case (.unsigned, 1): return .unsigned(UInt64(value.load(as: UInt8.self)))
            case (.unsigned, 2): return .unsigned(UInt64(value.loadUnaligned(as: UInt16.self)))
            case (.unsigned, 4): return .unsigned(UInt64(value.loadUnaligned(as: UInt32.self)))
            case (.unsigned, _): return .unsigned(value.loadUnaligned(as: UInt64.self))
            case (.floatingPoint, 4): return .double(Double(value.loadUnaligned(as: Float.self)))
            case (.floatingPoint, _): return .double(value.loadUnaligned(as: Double.self))
            }
        case .string:
            guard element == nil,
                let bytes = String.storedUTF8(of: value.assumingMemoryBound(to: String.self))
            else { return .missing }
            return .string(bytes)
        case .generic:
            return plan.codec.unsafelyUnwrapped.filterValue(value, element)
        }
    }
}

/// What a filter reads from an event being recorded: the values tuple, through the record plan,
/// and the context fields of the process and thread.
struct RecordFieldSource: FilterFieldSource {
    let values: UnsafeRawPointer
    let plan: RecordPlan
    let cpu: Int
    /// The values of the channel's application contexts, which filters index after
    /// `ProcessContext.filterContexts`.
    var namedContexts: UnsafeBufferPointer<NamedContextSlot>? = nil

    @inline(__always)
    func value(ofField index: Int) -> FilterValue { plan.filterValue(of: values, field: index, element: nil) }

    @inline(__always)
    func value(ofField index: Int, element: Int) -> FilterValue {
        plan.filterValue(of: values, field: index, element: element)
    }

    @inline(__always)
    func value(ofContext index: Int) -> FilterValue {
        let application = index - ProcessContext.filterContextCount
        guard application >= 0 else { return ProcessContext.filterValue(index, element: nil, cpu: cpu) }
        guard let slots = namedContexts, application < slots.count, let base = slots.baseAddress else {
            return .missing
        }
        return NamedContextSlot.filterValue(base + application)
    }

    @inline(__always)
    func value(ofContext index: Int, element: Int) -> FilterValue {
        index < ProcessContext.filterContextCount ? ProcessContext.filterValue(index, element: element, cpu: cpu) : .missing
    }
}
