// spoor-bench: the Spoor side of the benchmark. Runs one workload's tight loop of tracepoint
// calls, once to warm up, then REPETITIONS timed times, printing one line per run in the
// format of lttng-bench.c (see there):
//
//   spoor-bench WORKLOAD EVENTS_PER_THREAD REPETITIONS PAUSE_MS
//
// Spoor.start waits for the session daemon's state, so a session started before this program
// records from the first timed event, as LTTng-UST's constructor does for lttng-bench.

#if canImport(Glibc)
import Glibc
#endif

let arguments = CommandLine.arguments
guard arguments.count == 5,
    let workload = Workload.all.first(where: { $0.name == arguments[1] }),
    let eventsPerThread = Int(arguments[2]), eventsPerThread > 0,
    let repetitions = Int(arguments[3]), repetitions > 0,
    let pauseMilliseconds = UInt32(arguments[4])
else {
    let names = Workload.all.map(\.name).joined(separator: "|")
    print("usage: spoor-bench \(names) EVENTS_PER_THREAD REPETITIONS PAUSE_MS")
    exit(2)
}

BenchTracepoints.start()

// The warm-up run faults in the ring buffer pages and the tracer's per-thread state.
runOnce(workload, eventsPerThread: eventsPerThread, kind: "warmup", index: 0)
for index in 0..<repetitions {
    // The pause lets the consumer drain the buffers, so every run starts from the same state.
    usleep(pauseMilliseconds * 1000)
    runOnce(workload, eventsPerThread: eventsPerThread, kind: "rep", index: index)
}
