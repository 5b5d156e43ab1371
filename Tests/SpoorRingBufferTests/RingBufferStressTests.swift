import SpoorRingBuffer
import SpoorTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Several producer threads and a consumer thread on one buffer, as in a traced process whose
/// threads share a CPU's stream (LTTng's per-UID buffers) while the consumer daemon reads.
@Suite("Ring buffer under concurrent producers")
struct RingBufferStressTests {
    final class ProducerResult: @unchecked Sendable {
        // Written by one producer thread, read by the test after joining it.
        var attempted = 0
        var dropped = 0
        /// Drops of a record that was then tried again (every 250th record is written
        /// whatever the wait, so that the ring wraps however the threads are scheduled).
        var retried = 0
    }

    final class ConsumerResult: @unchecked Sendable {
        // Written by the consumer thread, read by the test after joining it.
        var checker: StreamChecker
        var timedOut = false
        var isDrained = false
        init(producerCount: Int) { checker = StreamChecker(producerCount: producerCount) }
    }

    /// A mix of record sizes and buffer geometry.
    enum Scenario: CaseIterable, CustomTestStringConvertible {
        /// Mostly small records, some large: several records per packet, 4 KiB × 4.
        case mixedSizes
        /// Every record is larger than half a sub-buffer, so every reservation closes a packet,
        /// racing with drops (2 sub-buffers fill at once) and with the consumer's flushes.
        case everyRecordClosesAPacket

        var testDescription: String { "\(self)" }
        var subbufferCount: Int { self == .mixedSizes ? 4 : 2 }
        var recordsPerProducer: Int { self == .mixedSizes ? 50_000 : 15_000 }

        func recordSize(_ random: inout SplitMix64) -> Int {
            switch self {
            case .mixedSizes: stressRecordSize(&random, subbufferSize: 4096)
            case .everyRecordClosesAPacket: Int.random(in: 2100...2400, using: &random)
            }
        }
    }

    @Test(
        "four producer threads and a consumer lose nothing, alter nothing, and keep every order",
        .timeLimit(.minutes(1)), arguments: Scenario.allCases)
    func producersAndConsumerRace(_ scenario: Scenario) {
        let producerCount = 4
        let recordsPerProducer = scenario.recordsPerProducer
        withRingBuffer(subbufferSize: 4096, subbufferCount: scenario.subbufferCount) { buffer in
            let finishedProducers = SharedCounter()
            let results = (0..<producerCount).map { _ in ProducerResult() }
            let consumer = ConsumerResult(producerCount: producerCount)
            let deadline = monotonicNanoseconds() + 40_000_000_000

            let consumerThread = startThread {
                var idle = 0
                while true {
                    if let packet = buffer.nextReadablePacket() {
                        consumer.checker.check(packet, of: buffer)
                        buffer.releasePacket()
                        continue
                    }
                    // Acquiring: pairs with each producer's releasing increment, so all their
                    // commits are visible before the final flush.
                    if finishedProducers.value.load(ordering: .acquiring) == producerCount {
                        buffer.flush(allowEmpty: false, clock: monotonicNanoseconds)
                        while let packet = buffer.nextReadablePacket() {
                            consumer.checker.check(packet, of: buffer)
                            buffer.releasePacket()
                        }
                        consumer.isDrained = buffer.isDrained
                        return
                    }
                    idle += 1
                    if idle % 64 == 0 {
                        // Like the consumer daemon's live timer: force a switch while producers write.
                        buffer.flush(allowEmpty: false, clock: monotonicNanoseconds)
                        if monotonicNanoseconds() > deadline {
                            consumer.timedOut = true
                            return
                        }
                    }
                    sched_yield()
                }
            }

            let producerThreads = (0..<producerCount).map { producer in
                let result = results[producer]
                return startThread {
                    var random = SplitMix64(seed: UInt64(producer) + 100)
                    for sequence in 0..<recordsPerProducer {
                        let size = scenario.recordSize(&random)
                        result.attempted += 1
                        var reserved = buffer.reserve(size, clock: monotonicNanoseconds)
                        while reserved == nil && sequence % 250 == 0 && monotonicNanoseconds() < deadline {
                            result.dropped += 1
                            result.retried += 1
                            sched_yield()
                            reserved = buffer.reserve(size, clock: monotonicNanoseconds)
                        }
                        guard let reservation = reserved else {
                            result.dropped += 1
                            // Dropping is much faster than writing: odd producers give the consumer a
                            // chance, or nearly every record would be dropped; even ones keep hammering,
                            // so that drops race with the closing of packets.
                            if producer % 2 == 1 { sched_yield() }
                            continue
                        }
                        TestRecord(
                            size: size, producer: UInt32(producer), sequence: UInt64(sequence),
                            timestamp: reservation.timestamp
                        ).write(to: reservation.address)
                        buffer.commit(reservation)
                    }
                    // Releasing: every commit above happens before the consumer's final flush.
                    finishedProducers.value.add(1, ordering: .releasing)
                }
            }
            producerThreads.forEach(join)
            join(consumerThread)

            #expect(!consumer.timedOut, "the consumer did not finish within its deadline")
            #expect(consumer.checker.failures == [])
            #expect(consumer.isDrained)
            let attempted = results.reduce(0) { $0 + $1.attempted }
            let dropped = results.reduce(0) { $0 + $1.dropped }
            #expect(attempted == producerCount * recordsPerProducer)
            #expect(UInt64(dropped) == buffer.discardedRecordCount, "every drop is counted exactly once")
            let retried = results.reduce(0) { $0 + $1.retried }
            #expect(consumer.checker.recordCount + dropped - retried == attempted)
            #expect(consumer.checker.recordsPerProducer == results.map { $0.attempted - $0.dropped + $0.retried })
            #expect(consumer.checker.largestDiscardedCount <= buffer.discardedRecordCount)
            // Ten laps of the ring at least, which the records written whatever the wait ensure.
            #expect(
                consumer.checker.packetCount > 10 * scenario.subbufferCount,
                "the buffer should wrap many times (\(consumer.checker.recordCount) records read, \(dropped) dropped)")
        }
    }
}

/// A counter that threads share.
final class SharedCounter: Sendable {
    let value = Atomic<Int>(0)
}
