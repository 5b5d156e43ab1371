import SpoorRingBuffer
import SpoorTestSupport

/// Checks, packet by packet, what one consumer reads from a stream that several producers wrote
/// concurrently with a shared monotonic clock. Positions order all records, so the consumer must
/// see each producer's records in the order it wrote them and timestamps that never go back.
///
/// Used from one thread; failures are collected as text for the test to report, because issues
/// can only be recorded from a test's own task.
struct StreamChecker {
    let producerCount: Int
    private(set) var failures: [String] = []
    private(set) var recordsPerProducer: [Int]
    private(set) var packetCount = 0
    private(set) var largestDiscardedCount: UInt64 = 0
    private var lastSequence: [UInt64?]
    private var lastTimestamp: UInt64 = 0
    private var lastPacketEnd: UInt64 = 0

    init(producerCount: Int) {
        self.producerCount = producerCount
        self.recordsPerProducer = Array(repeating: 0, count: producerCount)
        self.lastSequence = Array(repeating: nil, count: producerCount)
    }

    var recordCount: Int { recordsPerProducer.reduce(0, +) }

    mutating func fail(_ message: String) {
        if failures.count < 20 { failures.append(message) }
    }

    /// Checks one packet the consumer has just read (and not yet released).
    mutating func check(_ packet: ReadablePacket, of buffer: RingBuffer) {
        if packet.sequenceNumber != UInt64(packetCount) {
            fail("packet \(packet.sequenceNumber) read where \(packetCount) was expected")
        }
        packetCount += 1
        if packet.timestampBegin < lastPacketEnd {
            fail("\(packet.fields) begins before the previous packet ended at \(lastPacketEnd)")
        }
        lastPacketEnd = packet.timestampEnd
        if packet.discardedRecords < largestDiscardedCount {
            fail("\(packet.fields) has a smaller cumulative discarded count than an earlier packet")
        }
        largestDiscardedCount = max(largestDiscardedCount, packet.discardedRecords)
        let found: [TestRecord]
        do {
            found = try records(in: packet, of: buffer)
        } catch {
            fail("\(error)")
            return
        }
        for record in found {
            guard Int(record.producer) < producerCount else {
                fail("\(record) names an unknown producer")
                continue
            }
            let producer = Int(record.producer)
            if let last = lastSequence[producer], record.sequence <= last {
                fail("\(record) read after sequence \(last) of the same producer")
            }
            lastSequence[producer] = record.sequence
            recordsPerProducer[producer] += 1
            if record.timestamp < lastTimestamp {
                fail("\(record) is older than the record before it (\(lastTimestamp))")
            }
            lastTimestamp = record.timestamp
            if record.timestamp < packet.timestampBegin || record.timestamp > packet.timestampEnd {
                fail("\(record) lies outside its \(packet.fields)")
            }
        }
    }
}

/// A seeded choice of record sizes shared by the stress tests: mostly small, sometimes large.
func stressRecordSize(_ random: inout SplitMix64, subbufferSize: Int) -> Int {
    random.next() % 16 == 0
        ? Int.random(in: 400...(subbufferSize - RingBufferLayout.packetHeaderSize) / 2, using: &random)
        : Int.random(in: TestRecord.minimumSize...200, using: &random)
}
