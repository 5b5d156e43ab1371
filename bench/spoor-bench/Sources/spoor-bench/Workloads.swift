/// One workload: a tight loop of tracepoint calls, on `threadCount` threads at once.
struct Workload: Sendable {
    let name: String
    let threadCount: Int
    let loop: @Sendable (Int) -> Void

    /// The workloads, named as in lttng-bench.c. "disabled" runs the int32 loop with no
    /// session enabling it.
    static let all: [Workload] = [
        Workload(name: "empty", threadCount: 1, loop: loopEmpty),
        Workload(name: "int32", threadCount: 1, loop: loopInt32),
        Workload(name: "int_string", threadCount: 1, loop: loopIntString),
        Workload(name: "ten_int64", threadCount: 1, loop: loopTenInt64),
        Workload(name: "string128", threadCount: 1, loop: loopString128),
        Workload(name: "disabled", threadCount: 1, loop: loopInt32),
        Workload(name: "two_threads", threadCount: 2, loop: loopIntString),
        Workload(name: "two_threads_string128", threadCount: 2, loop: loopString128),
    ]
}

// One loop per workload, never inlined into the driver, so that each is a plain loop around
// the tracepoint written as an application writes it: the closure form, whose arguments are
// evaluated only when the tracepoint is enabled.

@inline(never)
func loopEmpty(_ count: Int) {
    for _ in 0..<count {
        BenchTracepoints.empty { () }
    }
}

@inline(never)
func loopInt32(_ count: Int) {
    for i in 0..<count {
        BenchTracepoints.int32 { Int32(truncatingIfNeeded: i) }
    }
}

@inline(never)
func loopIntString(_ count: Int) {
    let text = "hello, world"  // 12 bytes, as in lttng-bench.c
    for i in 0..<count {
        BenchTracepoints.intString { (Int32(truncatingIfNeeded: i), text) }
    }
}

@inline(never)
func loopTenInt64(_ count: Int) {
    for index in 0..<count {
        let i = Int64(index)
        BenchTracepoints.tenInt64 { (i, i + 1, i + 2, i + 3, i + 4, i + 5, i + 6, i + 7, i + 8, i + 9) }
    }
}

@inline(never)
func loopString128(_ count: Int) {
    // 128 bytes, as in lttng-bench.c; a literal, so that building it allocates nothing.
    let text = """
        0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\
        0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
        """
    for _ in 0..<count {
        BenchTracepoints.string128 { text }
    }
}
