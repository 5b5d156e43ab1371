import SpoorConsumer
import Testing

@Suite("Monitor timer")
struct MonitorTimerTests {
    @Test("samples the unconsumed part of the buffer once per period")
    func samplesBufferUsage() throws {
        let stream = try TestStream(subbufferSize: 4096, subbufferCount: 4, monitorTimerMicroseconds: 1000)
        let consumer = stream.consumer
        #expect(consumer.bufferUsage == nil)
        #expect(consumer.runMonitorTimer(now: 10_000_000) == 11_000_000)
        #expect(consumer.bufferUsage == BufferUsage(bytes: 0, capacity: 16384, time: 10_000_000))

        for _ in 0..<100 { stream.record() }
        let pending = stream.buffer.writePosition - stream.buffer.consumedPosition
        #expect(pending > 0)
        // Not due yet: the sample stays as it was.
        #expect(consumer.runMonitorTimer(now: 10_500_000) == 11_000_000)
        #expect(consumer.bufferUsage?.bytes == 0)
        #expect(consumer.runMonitorTimer(now: 11_000_000) == 12_000_000)
        let usage = try #require(consumer.bufferUsage)
        #expect(usage.bytes == pending)
        #expect(usage.ratio == Double(pending) / 16384)

        // Once the data is on disk the usage falls back.
        #expect(stream.buffer.flush(allowEmpty: false) { 20_000_000 })
        try consumer.drain()
        _ = consumer.runMonitorTimer(now: 12_000_000)
        #expect(consumer.bufferUsage?.bytes == 0)
    }

    @Test("without a monitor timer nothing is sampled")
    func noTimerNoSample() throws {
        let stream = try TestStream()
        #expect(stream.consumer.runMonitorTimer(now: 1) == nil)
        #expect(stream.consumer.bufferUsage == nil)
    }
}
