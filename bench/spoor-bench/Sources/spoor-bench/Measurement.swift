#if canImport(Glibc)
import Glibc
#endif

/// CLOCK_MONOTONIC in nanoseconds, the clock lttng-bench.c times its loops with.
func monotonicNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// The calling thread's heap allocation count, from the alloc-count interposer
/// (bench/alloc-count) when it is preloaded; nil otherwise.
let threadAllocationCount: (@convention(c) () -> UInt64)? = {
    guard let symbol = dlsym(nil, "bench_thread_allocation_count") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) () -> UInt64).self)
}()

/// What one thread measured around its loop.
final class ThreadRun: @unchecked Sendable {
    let loop: @Sendable (Int) -> Void
    let eventCount: Int
    let barrier: UnsafeMutablePointer<pthread_barrier_t>
    var start: UInt64 = 0
    var end: UInt64 = 0
    var allocations: UInt64 = 0

    init(loop: @escaping @Sendable (Int) -> Void, eventCount: Int, barrier: UnsafeMutablePointer<pthread_barrier_t>) {
        self.loop = loop
        self.eventCount = eventCount
        self.barrier = barrier
    }

    func run() {
        pthread_barrier_wait(barrier)
        let allocationsBefore = threadAllocationCount?() ?? 0
        start = monotonicNanoseconds()
        loop(eventCount)
        end = monotonicNanoseconds()
        allocations = (threadAllocationCount?() ?? 0) - allocationsBefore
    }
}

/// Runs `workload` once and prints its line, in lttng-bench.c's format:
/// `kind=… index=… events=… wall_ns=… thread_ns=…[,…] allocations=…`.
func runOnce(_ workload: Workload, eventsPerThread: Int, kind: String, index: Int) {
    let barrier = UnsafeMutablePointer<pthread_barrier_t>.allocate(capacity: 1)
    pthread_barrier_init(barrier, nil, UInt32(workload.threadCount))
    defer {
        pthread_barrier_destroy(barrier)
        barrier.deallocate()
    }
    let runs = (0..<workload.threadCount).map { _ in
        ThreadRun(loop: workload.loop, eventCount: eventsPerThread, barrier: barrier)
    }
    if workload.threadCount == 1 {
        runs[0].run()  // on the main thread, like a plain single-threaded app
    } else {
        var threads: [pthread_t] = []
        for run in runs {
            var thread = pthread_t()
            let context = Unmanaged.passRetained(run).toOpaque()
            let status = pthread_create(
                &thread, nil,
                { context in
                    let run = Unmanaged<ThreadRun>.fromOpaque(context!).takeRetainedValue()
                    run.run()
                    return nil
                }, context)
            precondition(status == 0, "pthread_create failed")
            threads.append(thread)
        }
        for thread in threads { pthread_join(thread, nil) }
    }

    let firstStart = runs.map(\.start).min() ?? 0
    let lastEnd = runs.map(\.end).max() ?? 0
    let threadTimes = runs.map { String($0.end - $0.start) }.joined(separator: ",")
    let allocations = threadAllocationCount == nil ? "-1" : String(runs.reduce(0) { $0 + $1.allocations })
    print(
        "kind=\(kind) index=\(index) events=\(eventsPerThread * workload.threadCount)"
            + " wall_ns=\(lastEnd - firstStart) thread_ns=\(threadTimes) allocations=\(allocations)")
}
