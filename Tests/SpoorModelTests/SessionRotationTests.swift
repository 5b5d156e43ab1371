import SpoorModel
import Testing

@Suite("Trace chunk names and rotation schedules")
struct SessionRotationTests {
    @Test("archived and current chunks are named as LTTng names them")
    func chunkNames() {
        #expect(
            TraceChunkName.archive(begin: "20261202T140312+0000", end: "20261202T140401+0000", id: 0)
                == "20261202T140312+0000-20261202T140401+0000-0")
        #expect(TraceChunkName.current(begin: "20261202T140401+0000", id: 1) == "20261202T140401+0000-1")
    }

    @Test("schedules are empty only without a period and a size threshold")
    func schedulesEmptiness() {
        #expect(RotationSchedules().isEmpty)
        #expect(!RotationSchedules(periodMicroseconds: 1).isEmpty)
        #expect(!RotationSchedules(sizeThresholdBytes: 1).isEmpty)
    }

    @Test("the longest period is LTTng's: 2^32 - 1 microseconds")
    func longestPeriod() {
        #expect(RotationSchedule.maximumPeriodMicroseconds == 4_294_967_295)
    }
}
