import Spoor

/// The benchmark's tracepoints: the same provider, names and field types as the LTTng-UST
/// provider in bench/lttng/bench-tp.h, so both tracers record the same events.
enum BenchTracepoints {
    static let empty = Tracepoint(provider: "bench", name: "empty", logLevel: .info)

    static let int32 = Tracepoint(provider: "bench", name: "int32", logLevel: .info, .int32("v"))

    static let intString = Tracepoint(
        provider: "bench", name: "int_string", logLevel: .info, .int32("v"), .string("s"))

    static let tenInt64 = Tracepoint(
        provider: "bench", name: "ten_int64", logLevel: .info,
        .int64("a0"), .int64("a1"), .int64("a2"), .int64("a3"), .int64("a4"),
        .int64("a5"), .int64("a6"), .int64("a7"), .int64("a8"), .int64("a9"))

    static let string128 = Tracepoint(provider: "bench", name: "string128", logLevel: .info, .string("s"))

    /// Declares every tracepoint and waits for the session daemon's state, as an app does once
    /// at start-up; after it returns, an enabled tracepoint records from its first call.
    static func start() {
        Spoor.start(declaring: empty, int32, intString, tenInt64, string128)
    }
}
