// spoor-differential-app: the differential test's Spoor app. It emits the same table of events,
// with the same providers, names, log levels, fields and values, as the LTTng-UST app in
// differential/lttng-app/app.c, so that `scripts/differential.sh` can run one set of event rules
// against both tracers and compare what they record.
//
//   spoor-differential-app [--ready PATH] [--wait-for PATH]
//
// It names its thread "diffapp" (what `$ctx.procname` filters see), creates the --ready file
// once it has registered, waits until the --wait-for file exists, emits, and exits.
//
// Emission goes in rounds: round k emits row k of each event's table that has one, in the
// order of `emitAll`. Every event's first field, n, counts the events emitted so far, so that
// a reader can put events back in emission order. An empty string comes only in the first row
// of an event's table (see app.c: babeltrace2 2.0 misreads a reused empty string field).

import Spoor

#if canImport(Glibc)
import Glibc
#endif

enum Color: Int32, TraceEnum { case red, green, blue }

enum Tracepoints {
    static let alpha = Tracepoint(
        provider: "diff_a", name: "alpha", logLevel: .info,
        .uint32("n"), .int8("i8"), .int16("i16"), .int32("i32"), .int64("i64"),
        .uint8("u8"), .uint16("u16"), .uint32("u32"), .uint64("u64"), .uint64("h", base: .hexadecimal),
        .float("f"), .double("d"), .string("s"), .string("t"), .enumeration("color", Color.self),
        .array("arr", of: Int32.self, count: 3), .sequence("sq", of: Int16.self), .int32("x"))
    // No log level: the default one, TRACE_DEBUG_LINE.
    static let alphabet = Tracepoint(provider: "diff_a", name: "alphabet", .uint32("n"), .string("s"), .int64("x"))
    static let beta = Tracepoint(
        provider: "diff_a", name: "beta", logLevel: .warning, .uint32("n"), .double("x"), .string("s"), .int64("i64"))
    static let abAlpha = Tracepoint(
        provider: "diff_ab", name: "alpha", logLevel: .notice, .uint32("n"), .uint64("x"), .string("s"))
    static let bAlpha = Tracepoint(
        provider: "diff_b", name: "alpha", logLevel: .emergency,
        .uint32("n"), .array("arr", of: Int64.self, count: 2), .sequence("sq", of: UInt32.self), .float("x"))
    static let delta = Tracepoint(
        provider: "diff_b", name: "delta", logLevel: .debug,
        .uint32("n"), .string("x"), .string("s"), .enumeration("e", Color.self))
    static let gamma = Tracepoint(
        provider: "diff_bx", name: "gamma", logLevel: .error, .uint32("n"), .string("x"), .int32("i32"))
    static let gamma2 = Tracepoint(provider: "diff_bx", name: "gamma2", logLevel: .critical, .uint32("n"), .string("s"))
    static let zeta = Tracepoint(
        provider: "diff_c", name: "zeta", logLevel: .alert, .uint32("n"), .uint8("u8"), .int8("x"))
    static let eta = Tracepoint(provider: "diff_c", name: "eta", logLevel: .debugProgram, .uint32("n"), .double("d"))
    static let omega = Tracepoint(provider: "diff_c", name: "omega", logLevel: .debugSystem, .uint32("n"))
    static let omega2 = Tracepoint(
        provider: "diff_c", name: "omega2", logLevel: .debugFunction, .uint32("n"), .uint32("h", base: .hexadecimal))
    static let kappa = Tracepoint(provider: "diff_c", name: "kappa", logLevel: .debugProcess, .uint32("n"), .int16("x"))
    static let lambda = Tracepoint(
        provider: "diff_c", name: "lambda", logLevel: .debugModule, .uint32("n"), .uint16("x"))
    static let mu = Tracepoint(provider: "diff_c", name: "mu", logLevel: .debugUnit, .uint32("n"), .uint32("x"))
    static let nu = Tracepoint(provider: "diff_c", name: "nu", logLevel: .debugLine, .uint32("n"), .int32("x"))
}

/// The payload of a diff_a:alpha event (app.c's `struct alpha_row`).
struct AlphaRow {
    var i8: Int8, i16: Int16, i32: Int32, i64: Int64
    var u8: UInt8, u16: UInt16, u32: UInt32, u64: UInt64, h: UInt64
    var f: Float, d: Double, s: String, t: String, color: Color
    var arr: [Int32], sq: [Int16], x: Int32
}

let alphaRows: [AlphaRow] = [
    AlphaRow(
        i8: 0, i16: 0, i32: 0, i64: 0, u8: 0, u16: 0, u32: 0, u64: 0, h: 0x0, f: 0.0, d: 0.0, s: "", t: "",
        color: .red, arr: [0, 0, 0], sq: [], x: 0),
    AlphaRow(
        i8: 1, i16: 1, i32: 1, i64: 1, u8: 1, u16: 1, u32: 1, u64: 1, h: 0x1, f: 1.0, d: 1.0, s: "a", t: "a",
        color: .green, arr: [1, 2, 3], sq: [1], x: 1),
    AlphaRow(
        i8: -1, i16: -1, i32: -1, i64: -1, u8: 255, u16: 65535, u32: 4_294_967_295, u64: .max, h: .max,
        f: -1.0, d: -1.0, s: "abc", t: "ab", color: .blue, arr: [-1, 0, 1], sq: [-1, -2], x: -1),
    AlphaRow(
        i8: .min, i16: .min, i32: .min, i64: .min, u8: 128, u16: 32768, u32: 2_147_483_648,
        u64: 9_223_372_036_854_775_808, h: 0x8000_0000_0000_0000, f: 0.5, d: 0.25, s: "a*b", t: "a*b",
        color: .red, arr: [.max, .min, 7], sq: [.max, .min, 0], x: 2),
    AlphaRow(
        i8: .max, i16: .max, i32: .max, i64: .max, u8: 127, u16: 32767, u32: 2_147_483_647,
        u64: 9_223_372_036_854_775_807, h: 0x7FFF_FFFF_FFFF_FFFF, f: 2.5, d: 2.5, s: "a\\b", t: "*",
        color: .green, arr: [10, 20, 30], sq: [5, 6, 7, 8], x: 3),
    AlphaRow(
        i8: 42, i16: 1000, i32: 100_000, i64: 10_000_000_000, u8: 42, u16: 1000, u32: 100_000,
        u64: 10_000_000_000, h: 0xDEAD_BEEF, f: 0.1, d: 0.1, s: "h\u{E9}llo w\u{F6}rld", t: "h\u{E9}llo",
        color: .blue, arr: [1, 1, 1], sq: [42], x: 42),
    AlphaRow(
        i8: -42, i16: -1000, i32: -100_000, i64: -10_000_000_000, u8: 200, u16: 50000, u32: 3_000_000_000,
        u64: 12_345_678_901_234_567_890, h: 0xCAFE_BABE_0000_0000, f: -2.75, d: -0.001,
        s: "this string is longer than sixteen bytes", t: "this string is longer than sixteen bytes",
        color: .red, arr: [-5, 5, -5], sq: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], x: -42),
    AlphaRow(
        i8: 5, i16: 5, i32: 5, i64: 5, u8: 5, u16: 5, u32: 5, u64: 5, h: 0x5, f: 5.0, d: 5.0, s: "5", t: "5",
        color: .green, arr: [5, 5, 5], sq: [5], x: 5),
    AlphaRow(
        i8: 8, i16: 8, i32: 8, i64: 8, u8: 8, u16: 8, u32: 8, u64: 8, h: 0x10, f: 3.0e10, d: 1e300, s: "ab",
        t: "abc", color: .blue, arr: [0, 1, 2], sq: [3], x: 8),
    AlphaRow(
        i8: 64, i16: 64, i32: 64, i64: 64, u8: 64, u16: 64, u32: 64, u64: 1_099_511_627_776, h: 0x40,
        f: .nan, d: .nan, s: "ABC", t: "abc", color: .red, arr: [63, 64, -1], sq: [63, 64], x: 63),
    AlphaRow(
        i8: -7, i16: -7, i32: -7, i64: -7, u8: 7, u16: 7, u32: 7, u64: 7, h: 0x7, f: -0.0, d: .infinity,
        s: "\u{65E5}\u{672C}\u{8A9E}", t: "\u{65E5}\u{672C}*", color: .green, arr: [7, 7, 7], sq: [], x: -7),
    AlphaRow(
        i8: 3, i16: 3, i32: 3, i64: 3, u8: 3, u16: 3, u32: 3, u64: 3, h: 0x3, f: 1.5, d: -1.5,
        s: "back\\slash*star", t: "x", color: .blue, arr: [3, 2, 1], sq: [], x: 3),
    AlphaRow(
        i8: 16, i16: 16, i32: 16, i64: 16, u8: 16, u16: 16, u32: 16, u64: 16, h: 0x10, f: 16.0, d: 16.0,
        s: "short", t: "short", color: .red, arr: [16, 16, 16], sq: [16, 16], x: 16),
]

let alphabetRows: [(s: String, x: Int64)] = [("", 0), ("alphabet", -1), ("a*", .min), ("ab", .max)]
let betaRows: [(x: Double, s: String, i64: Int64)] = [
    (-2.5, "", -1), (1.0, "b", 1), (0.0, "beta", 0), (1e-10, "*", 42), (100.0, "h\u{E9}llo", 100),
]
let abAlphaRows: [(x: UInt64, s: String)] = [(42, ""), (.max, "x"), (9_223_372_036_854_775_808, "diff_ab"), (0, "ab")]
let bAlphaRows: [(arr: [Int64], sq: [UInt32], x: Float)] = [
    ([0, 0], [], 0.0), ([-1, .max], [1, 2, 3], 1.5), ([42, 43], [4_294_967_295], -3.25),
]
let deltaRows: [(x: String, s: String, e: Color)] = [("", "", .blue), ("abc", "abd", .green), ("1", "1", .red)]
let gammaRows: [(x: String, i32: Int32)] = [("gamma", 1), ("*", 2), ("a\\b", 3)]
let gamma2Rows: [String] = ["", "gamma2"]
let zetaRows: [(u8: UInt8, x: Int8)] = [(0, 0), (255, -128), (1, 1)]
let etaRows: [Double] = [1.0, -1.0]
let omegaRows = 2
let omega2Rows: [UInt32] = [0xFF, 0]
let kappaRows: [Int16] = [-1, 300]
let lambdaRows: [UInt16] = [65535, 1]
let muRows: [UInt32] = [4_294_967_295, 1]
let nuRows: [Int32] = [1, 2]

func emitAll() {
    var n: UInt32 = 0
    func next() -> UInt32 {
        defer { n += 1 }
        return n
    }
    for k in alphaRows.indices {
        let r = alphaRows[k]
        Tracepoints.alpha.emit(
            next(), r.i8, r.i16, r.i32, r.i64, r.u8, r.u16, r.u32, r.u64, r.h, r.f, r.d, r.s, r.t, r.color, r.arr,
            r.sq, r.x)
        if k < alphabetRows.count { Tracepoints.alphabet.emit(next(), alphabetRows[k].s, alphabetRows[k].x) }
        if k < betaRows.count { Tracepoints.beta.emit(next(), betaRows[k].x, betaRows[k].s, betaRows[k].i64) }
        if k < abAlphaRows.count { Tracepoints.abAlpha.emit(next(), abAlphaRows[k].x, abAlphaRows[k].s) }
        if k < bAlphaRows.count {
            Tracepoints.bAlpha.emit(next(), bAlphaRows[k].arr, bAlphaRows[k].sq, bAlphaRows[k].x)
        }
        if k < deltaRows.count { Tracepoints.delta.emit(next(), deltaRows[k].x, deltaRows[k].s, deltaRows[k].e) }
        if k < gammaRows.count { Tracepoints.gamma.emit(next(), gammaRows[k].x, gammaRows[k].i32) }
        if k < gamma2Rows.count { Tracepoints.gamma2.emit(next(), gamma2Rows[k]) }
        if k < zetaRows.count { Tracepoints.zeta.emit(next(), zetaRows[k].u8, zetaRows[k].x) }
        if k < etaRows.count { Tracepoints.eta.emit(next(), etaRows[k]) }
        if k < omegaRows { Tracepoints.omega.emit(next()) }
        if k < omega2Rows.count { Tracepoints.omega2.emit(next(), omega2Rows[k]) }
        if k < kappaRows.count { Tracepoints.kappa.emit(next(), kappaRows[k]) }
        if k < lambdaRows.count { Tracepoints.lambda.emit(next(), lambdaRows[k]) }
        if k < muRows.count { Tracepoints.mu.emit(next(), muRows[k]) }
        if k < nuRows.count { Tracepoints.nu.emit(next(), nuRows[k]) }
    }
}

var readyPath: String?
var waitPath: String?
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--ready" where !arguments.isEmpty: readyPath = arguments.popFirst()
    case "--wait-for" where !arguments.isEmpty: waitPath = arguments.popFirst()
    default:
        print("usage: spoor-differential-app [--ready PATH] [--wait-for PATH]")
        exit(2)
    }
}

/// Names the main thread as app.c's `pthread_setname_np` does (the main thread's `comm` is the
/// process's).
func nameThisProcess(_ name: String) {
    let fd = open("/proc/self/comm", O_WRONLY)
    guard fd >= 0 else { return }
    _ = name.withCString { write(fd, $0, strlen($0)) }
    close(fd)
}

// Before Spoor.start, which reads the process name once.
nameThisProcess("diffapp")

Spoor.start(
    declaring: Tracepoints.alpha, Tracepoints.alphabet, Tracepoints.beta, Tracepoints.abAlpha, Tracepoints.bAlpha,
    Tracepoints.delta, Tracepoints.gamma, Tracepoints.gamma2, Tracepoints.zeta, Tracepoints.eta, Tracepoints.omega,
    Tracepoints.omega2, Tracepoints.kappa, Tracepoints.lambda, Tracepoints.mu, Tracepoints.nu)

if let readyPath {
    let fd = open(readyPath, O_WRONLY | O_CREAT, 0o644)
    if fd >= 0 { close(fd) }
}
if let waitPath {
    while access(waitPath, F_OK) != 0 { usleep(1000) }
}
emitAll()
