import SpoorPosix
import Testing

@Suite("Per-thread perf counters")
struct PerfCounterTests {
    /// `PERF_TYPE_SOFTWARE` and `PERF_COUNT_SW_TASK_CLOCK`: counted on every Linux machine,
    /// unlike the hardware events LTTng names, which need a PMU (virtual machines often lack one).
    static let software: UInt32 = 1
    static let taskClock: UInt64 = 1

    @Test("a thread's counter is opened on first read and counts that thread's work")
    func countsTheThread() {
        #expect(PerfCounters.probe(type: Self.software, config: Self.taskClock) == nil)
        let first = PerfCounters.read(type: Self.software, config: Self.taskClock)
        var sink: UInt64 = 0
        for index in 0..<2_000_000 { sink = sink &+ UInt64(index) &* 31 }
        let second = PerfCounters.read(type: Self.software, config: Self.taskClock)
        #expect(sink != 1)
        #expect(second > first, "task clock went from \(first) to \(second)")
    }

    @Test("a counter the kernel refuses reads as 0, and the probe says why")
    func refusedCounter() {
        let bogusType: UInt32 = 0xFFFF_FF00
        #expect(PerfCounters.probe(type: bogusType, config: 0) != nil)
        #expect(PerfCounters.read(type: bogusType, config: 0) == 0)
        #expect(PerfCounters.read(type: bogusType, config: 0) == 0)
    }
}
