// spoor-example: an instrumented app that records N events (default 10) using every field
// type Spoor supports, then one `spoor_example:done` event.
//
//   spoor-example [N] [--interval-us MICROSECONDS] [--wait-for PATH] [--crash]
//
// `--wait-for` makes it register, then wait until PATH exists before recording: tests use it
// to start the app before `spoor start`, or before the session daemon itself. `--crash` makes
// it abort (SIGABRT, with a core dump where the core size limit allows) right after `done`.
//
// Event i carries values computed by `ExampleValues(i)`, so a test can check every field.
// The app also provides two application contexts: `$app.spoor_example:iteration` (i, as a
// signed integer) and `$app.spoor_example:parity` ("even" or "odd", a string).

import Spoor
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

enum Color: Int32, TraceEnum {
    case red, green, blue
}

enum ExampleTracepoints {
    static let allTypes = Tracepoint(
        provider: "spoor_example", name: "all_types", logLevel: .info,
        .int8("i8"), .int16("i16"), .int32("i32"), .int64("i64"),
        .uint8("u8"), .uint16("u16"), .uint32("u32"), .uint64("u64_hex", base: .hexadecimal),
        .bool("flag"), .float("f32"), .double("f64"), .string("text"),
        .enumeration("color", Color.self), .array("triple", of: Int32.self, count: 3),
        .sequence("samples", of: UInt16.self), .bytes("raw"))

    static let done = Tracepoint(provider: "spoor_example", name: "done", .uint32("count"))
}

/// The values of event `i`.
struct ExampleValues {
    let i: Int

    var i8: Int8 { Int8(truncatingIfNeeded: -i) }
    var i16: Int16 { Int16(truncatingIfNeeded: -1000 * i) }
    var i32: Int32 { Int32(truncatingIfNeeded: -100_000 * i) }
    var i64: Int64 { -Int64(i) * 10_000_000_000 }
    var u8: UInt8 { UInt8(truncatingIfNeeded: i * 3) }
    var u16: UInt16 { UInt16(truncatingIfNeeded: i * 1000) }
    var u32: UInt32 { UInt32(truncatingIfNeeded: i * 100_000) }
    var u64: UInt64 { 0xDEAD_BEEF_0000_0000 &+ UInt64(i) }
    var flag: Bool { i % 2 == 0 }
    var f32: Float { Float(i) + 0.5 }
    var f64: Double { Double(i) * 0.25 }
    var text: String { "event \(i)" }
    var color: Color { Color(rawValue: Int32(i % 3))! }
    var triple: [Int32] { [Int32(i), Int32(i + 1), Int32(i + 2)] }
    var samples: [UInt16] { (0..<(i % 4)).map { UInt16($0 * 10) } }
    var raw: [UInt8] { [0xCA, 0xFE, UInt8(truncatingIfNeeded: i)] }
}

var count = 10
var intervalMicroseconds = 0
var waitPath: String?
var crashes = false
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--interval-us":
        intervalMicroseconds = arguments.popFirst().flatMap(Int.init) ?? 0
    case "--wait-for":
        waitPath = arguments.popFirst()
    case "--crash":
        crashes = true
    default:
        guard let value = Int(argument), value >= 0 else {
            print("usage: spoor-example [N] [--interval-us MICROSECONDS] [--wait-for PATH] [--crash]")
            exit(2)
        }
        count = value
    }
}

/// The number of the event being recorded, for the application contexts.
let iteration = Atomic<Int>(0)

Spoor.provideContext(provider: "spoor_example", type: "iteration") {
    .signed(Int64(iteration.load(ordering: .relaxed)))
}
Spoor.provideContext(provider: "spoor_example", type: "parity") {
    .string(iteration.load(ordering: .relaxed) % 2 == 0 ? "even" : "odd")
}
Spoor.start(declaring: ExampleTracepoints.allTypes, ExampleTracepoints.done)

if let waitPath {
    while access(waitPath, F_OK) != 0 { usleep(1000) }
}

for i in 0..<count {
    iteration.store(i, ordering: .relaxed)
    let v = ExampleValues(i: i)
    ExampleTracepoints.allTypes {
        (v.i8, v.i16, v.i32, v.i64, v.u8, v.u16, v.u32, v.u64, v.flag, v.f32, v.f64, v.text, v.color, v.triple,
         v.samples, v.raw)
    }
    if intervalMicroseconds > 0 { usleep(UInt32(intervalMicroseconds)) }
}
iteration.store(count, ordering: .relaxed)
ExampleTracepoints.done { UInt32(truncatingIfNeeded: count) }
print("spoor-example: recorded \(count) events")
if crashes {
    // The tracer is told nothing: the events are in the ring buffers, as after a real crash.
    fflush(nil)  // every output stream
    abort()
}
