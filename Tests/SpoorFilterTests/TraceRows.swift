import SpoorFilter
import SpoorModel

/// The events the conformance table runs on: the same eight rows, with the same values, that a
/// C app emitted through the real LTTng-UST 2.13 to record the expected results.
///
/// The app (`filtapp`, built from a copy of spec/tools/specapp) declared:
///
/// ```c
/// LTTNG_UST_TRACEPOINT_EVENT(filtapp, ev, ...,
///     lttng_ust_field_integer(int, row, row)
///     lttng_ust_field_integer(int64_t, i, i)
///     lttng_ust_field_integer(uint64_t, u, u)
///     lttng_ust_field_integer(int8_t, b, b)
///     lttng_ust_field_string(s, s)
///     lttng_ust_field_string(t, t)
///     lttng_ust_field_float(double, d, d)
///     lttng_ust_field_float(float, f, (float)d)
///     lttng_ust_field_array(int, arr, arr, 3)
///     lttng_ust_field_sequence(int, seq, arr, unsigned int, n)
///     lttng_ust_field_array_text(char, txt, s, 4)
///     lttng_ust_field_sequence_text(char, stxt, s, unsigned int, n))
/// LTTNG_UST_TRACEPOINT_EVENT(filtapp, small, ..., lttng_ust_field_integer(int, row, row))
/// ```
///
/// and fired `ev` then `small` for each row, with `lttng enable-event -u 'filtapp:*' --filter EXPR`
/// in a private mount namespace; babeltrace2 listed which rows each event class recorded.
struct TraceRow: Sendable {
    var i: Int64
    var u: UInt64
    var s: StaticString
    var t: StaticString
    var d: Double
    var arr: (Int32, Int32, Int32)
    var n: Int
    var b: Int8
}

let traceRows: [TraceRow] = [
    TraceRow(i: 0, u: 0, s: "hello world", t: "hello world", d: 0.0, arr: (1, 2, 3), n: 3, b: 0),
    TraceRow(i: 1, u: 1, s: "hello", t: "world", d: 1.5, arr: (-1, 0, 7), n: 2, b: 1),
    TraceRow(i: -1, u: 0xffff_ffff_ffff_ffff, s: "foo*bar", t: "foo", d: -2.5, arr: (4, 5, 6), n: 1, b: -1),
    TraceRow(i: 5, u: 0x8000_0000_0000_0000, s: "a\\b", t: "a*", d: 5.0, arr: (0, 0, 0), n: 0, b: 127),
    TraceRow(i: 100, u: 100, s: "", t: "x", d: 100.25, arr: (9, 9, 9), n: 3, b: -128),
    TraceRow(
        i: 9_223_372_036_854_775_807, u: 9_223_372_036_854_775_807, s: "192.168.1.1", t: "192.168.*", d: 1e300,
        arr: (1, 1, 1), n: 3, b: 5),
    TraceRow(i: Int64.min, u: 42, s: "abc", t: "abd", d: 0.1, arr: (3, 2, 1), n: 3, b: 42),
    TraceRow(i: 3, u: 3, s: "a\tb", t: "a\\tb", d: 3.0000001, arr: (2, 4, 8), n: 3, b: 3),
]

/// The context fields both event classes had: `vpid` and `procname` (the app was `fapp`).
let contextNames = ["vpid", "procname"]
let processName: StaticString = "fapp"

/// The `filtapp:ev` fields, in source index order.
let eventFieldNames = ["row", "i", "u", "b", "s", "t", "d", "f", "arr", "seq", "txt", "stxt"]

/// The `filtapp:ev` event class as Spoor would declare it.
let eventDescriptor = EventDescriptor(
    provider: "filtapp", event: "ev",
    fields: [
        FieldDescriptor(name: "row", type: .integer(IntegerType(bitWidth: 32, isSigned: true))),
        FieldDescriptor(name: "i", type: .integer(IntegerType(bitWidth: 64, isSigned: true))),
        FieldDescriptor(name: "u", type: .integer(IntegerType(bitWidth: 64, isSigned: false))),
        FieldDescriptor(name: "b", type: .integer(IntegerType(bitWidth: 8, isSigned: true))),
        FieldDescriptor(name: "s", type: .string),
        FieldDescriptor(name: "t", type: .string),
        FieldDescriptor(name: "d", type: .double),
        FieldDescriptor(name: "f", type: .float),
        FieldDescriptor(name: "arr", type: .array(IntegerType(bitWidth: 32, isSigned: true), count: 3)),
        FieldDescriptor(name: "seq", type: .sequence(IntegerType(bitWidth: 32, isSigned: true))),
        FieldDescriptor(
            name: "txt", type: .array(IntegerType(bitWidth: 8, isSigned: true, isText: true), count: 4)),
        FieldDescriptor(name: "stxt", type: .sequence(IntegerType(bitWidth: 8, isSigned: true, isText: true))),
    ])

/// The context fields as descriptors.
let contextDescriptors = [
    FieldDescriptor(name: "vpid", type: .integer(IntegerType(bitWidth: 32, isSigned: true))),
    FieldDescriptor(
        name: "procname", type: .array(IntegerType(bitWidth: 8, isSigned: true, isText: true), count: 17)),
]

/// The `filtapp:small` event class: only `row`.
let smallDescriptor = EventDescriptor(
    provider: "filtapp", event: "small",
    fields: [FieldDescriptor(name: "row", type: .integer(IntegerType(bitWidth: 32, isSigned: true)))])

extension StaticString {
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: utf8Start, count: utf8CodeUnitCount) }
}

/// Reads one `filtapp:ev` row the way a tracer would: in place, without allocating.
struct EventSource: FilterFieldSource {
    var index: Int
    var row: TraceRow

    init(_ index: Int) {
        self.index = index
        self.row = traceRows[index]
    }

    func value(ofField field: Int) -> FilterValue {
        switch field {
        case 0: .signed(Int64(index))
        case 1: .signed(row.i)
        case 2: .unsigned(row.u)
        case 3: .signed(Int64(row.b))
        case 4: .string(row.s.bytes)
        case 5: .string(row.t.bytes)
        case 6: .double(row.d)
        case 7: .double(Double(Float(row.d)))
        // A text array holds 4 bytes of `s`; the filter stops at the string's end (its NUL).
        case 10: .string(UnsafeRawBufferPointer(rebasing: row.s.bytes.prefix(4)))
        case 11: .string(UnsafeRawBufferPointer(rebasing: row.s.bytes.prefix(row.n)))
        default: .missing  // a whole integer array or sequence cannot be compared
        }
    }

    func value(ofField field: Int, element: Int) -> FilterValue {
        let count = field == 8 ? 3 : (field == 9 ? row.n : 0)
        guard element < count else { return .missing }
        let values = [row.arr.0, row.arr.1, row.arr.2]
        return .signed(Int64(values[element]))
    }

    func value(ofContext context: Int) -> FilterValue {
        context == 0 ? .signed(4242) : .string(processName.bytes)
    }
}

/// Reads one `filtapp:small` row.
struct SmallSource: FilterFieldSource {
    var index: Int

    func value(ofField field: Int) -> FilterValue { field == 0 ? .signed(Int64(index)) : .missing }

    func value(ofContext context: Int) -> FilterValue {
        context == 0 ? .signed(4242) : .string(processName.bytes)
    }
}

/// Which rows of each event class pass `filter`.
struct Recorded: Equatable, CustomStringConvertible {
    var ev: [Int]
    var small: [Int]

    var description: String { "ev:\(ev) small:\(small)" }
}

func record(_ program: FilterProgram, descriptors: Bool = false) -> Recorded {
    let ev =
        descriptors
        ? program.bind(event: eventDescriptor, contexts: contextDescriptors)
        : program.bind(fields: eventFieldNames, contexts: contextNames)
    let small =
        descriptors
        ? program.bind(event: smallDescriptor, contexts: contextDescriptors)
        : program.bind(fields: ["row"], contexts: contextNames)
    return Recorded(
        ev: traceRows.indices.filter { ev.evaluate(EventSource($0)) },
        small: traceRows.indices.filter { small.evaluate(SmallSource(index: $0)) })
}
