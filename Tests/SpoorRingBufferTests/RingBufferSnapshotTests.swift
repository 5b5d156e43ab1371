import SpoorRingBuffer
import SpoorTestSupport
import Synchronization
import Testing

/// `lttng snapshot record` reads the ring buffer without consuming it.
@Suite("Ring buffer snapshots")
struct RingBufferSnapshotTests {
    /// Runs `body` with a fresh buffer in ordinary memory, in overwrite mode or not.
    func withBuffer<R>(count: Int = 4, overwrite: Bool, _ body: (RingBuffer) throws -> R) rethrows -> R {
        let layout = RingBufferLayout(subbufferSize: 4096, subbufferCount: count)!
        let memory = UnsafeMutableRawPointer.allocate(byteCount: layout.totalSize, alignment: 4096)
        memory.initializeMemory(as: UInt8.self, repeating: 0, count: layout.totalSize)
        defer { memory.deallocate() }
        return try body(RingBuffer.create(at: memory, layout: layout, cpu: 0, overwrite: overwrite))
    }

    /// Writes `count` test records of `size` bytes from producer 0, numbered from `first`.
    func write(_ count: Int, size: Int = 200, from first: UInt64 = 0, into buffer: RingBuffer) {
        for sequence in first..<first + UInt64(count) {
            guard let reservation = buffer.reserve(size, clock: { 100 + sequence }) else { continue }
            TestRecord(size: size, producer: 0, sequence: sequence, timestamp: reservation.timestamp)
                .write(to: reservation.address)
            buffer.commit(reservation)
        }
    }

    /// The records of a copied packet, or a thrown `CorruptPacket`.
    func records(in packet: ReadablePacket, copy: UnsafeRawBufferPointer) throws -> [TestRecord] {
        var offset = RingBufferLayout.packetHeaderSize
        var found: [TestRecord] = []
        while offset < packet.dataSize {
            guard
                let record = TestRecord.read(
                    from: copy.baseAddress! + offset, available: packet.dataSize - offset)
            else { throw CorruptPacket(packet: packet, recordOffset: offset) }
            found.append(record)
            offset += record.size
        }
        return found
    }

    /// Copies every packet of the snapshot range; returns the intact ones' records.
    func snapshot(_ buffer: RingBuffer) throws -> (records: [TestRecord], overwritten: Int, incomplete: Int) {
        buffer.flush(allowEmpty: false) { 10_000 }
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 8)
        defer { copy.deallocate() }
        var found: [TestRecord] = []
        var overwritten = 0
        var incomplete = 0
        for sequence in buffer.snapshotRange {
            switch buffer.copyPacket(sequence, into: copy) {
            case .copied(let packet):
                #expect(packet.sequenceNumber == sequence)
                found += try records(in: packet, copy: UnsafeRawBufferPointer(copy))
            case .overwritten: overwritten += 1
            case .incomplete: incomplete += 1
            }
        }
        return (found, overwritten, incomplete)
    }

    @Test("a snapshot copies every closed packet, the open one after closing it, and consumes nothing")
    func copiesWithoutConsuming() throws {
        try withBuffer(overwrite: true) { buffer in
            write(30, into: buffer)  // 20 records a packet: one full packet and an open one
            let first = try snapshot(buffer)
            #expect(first.records.map(\.sequence) == Array(0..<30))
            #expect(first.overwritten == 0 && first.incomplete == 0)
            #expect(buffer.consumedPosition == 0)
            // The same packets are still there for the next snapshot, and for a consumer.
            let second = try snapshot(buffer)
            #expect(second.records == first.records)
            #expect(buffer.nextReadablePacket()?.sequenceNumber == 0)
        }
    }

    @Test("an empty buffer gives an empty snapshot")
    func emptyBuffer() throws {
        try withBuffer(overwrite: true) { buffer in
            let result = try snapshot(buffer)
            #expect(result.records.isEmpty)
            #expect(buffer.snapshotRange.isEmpty)
        }
    }

    @Test("a packet a writer has not committed yet is incomplete until it commits")
    func incompleteUntilCommitted() throws {
        try withBuffer(overwrite: true) { buffer in
            let pending = try #require(buffer.reserve(200) { 5 })
            TestRecord(size: 200, producer: 0, sequence: 7, timestamp: 5).write(to: pending.address)
            buffer.flush(allowEmpty: false) { 6 }
            let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 8)
            defer { copy.deallocate() }
            #expect(buffer.snapshotRange == 0..<1)
            #expect(buffer.copyPacket(0, into: copy) == .incomplete)
            buffer.commit(pending)
            guard case .copied(let packet) = buffer.copyPacket(0, into: copy) else {
                Issue.record("the committed packet was not copied")
                return
            }
            #expect(try records(in: packet, copy: UnsafeRawBufferPointer(copy)).map(\.sequence) == [7])
        }
    }

    @Test("in overwrite mode a snapshot holds the newest packets, and an overwritten one is refused")
    func newestPacketsAfterOverwrite() throws {
        try withBuffer(overwrite: true) { buffer in
            write(200, into: buffer)  // 10 packets through 4 sub-buffers
            let result = try snapshot(buffer)
            // The last 3 complete packets and the one the flush closed: the newest records, in order.
            let sequences = result.records.map(\.sequence)
            #expect(sequences.last == 199)
            #expect(sequences == Array(sequences.first!...199))
            #expect(sequences.count >= 60)
            let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 8)
            defer { copy.deallocate() }
            #expect(buffer.copyPacket(0, into: copy) == .overwritten)
            #expect(buffer.copyPacket(buffer.snapshotRange.lowerBound - 1, into: copy) == .overwritten)
        }
    }

    @Test("a packet reused by a writer between the check and the copy's end is refused")
    func reuseDuringCopyIsDetected() throws {
        try withBuffer(count: 2, overwrite: true) { buffer in
            write(40, into: buffer)  // two full packets: the ring is full
            buffer.flush(allowEmpty: false) { 1_000 }
            let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 8)
            defer { copy.deallocate() }
            guard case .copied = buffer.copyPacket(0, into: copy) else {
                Issue.record("packet 0 should be intact before any overwrite")
                return
            }
            // A writer opening packet 2 takes sub-buffer 0 back: packet 0's copy is now stale.
            write(1, from: 1_000, into: buffer)
            #expect(buffer.copyPacket(0, into: copy) == .overwritten)
            guard case .copied = buffer.copyPacket(1, into: copy) else {
                Issue.record("packet 1 is still intact")
                return
            }
        }
    }

    @Test(
        "snapshots taken while writers overwrite never hand out a torn packet",
        .timeLimit(.minutes(1)))
    func concurrentWritersNeverTear() throws {
        try withBuffer(count: 4, overwrite: true) { buffer in
            let producerCount = 3
            let stop = Atomic<Bool>(false)
            let threads = (0..<producerCount).map { producer in
                startThread {
                    var sequence: UInt64 = 0
                    var random = SplitMix64(seed: UInt64(producer) + 1)
                    while !stop.load(ordering: .relaxed) {
                        let size = Int.random(in: 32...700, using: &random)
                        guard let reservation = buffer.reserve(size, clock: monotonicNanoseconds) else { continue }
                        TestRecord(
                            size: size, producer: UInt32(producer), sequence: sequence,
                            timestamp: reservation.timestamp
                        ).write(to: reservation.address)
                        buffer.commit(reservation)
                        sequence += 1
                    }
                }
            }
            var copiedRecords = 0
            var overwritten = 0
            var corrupt: [String] = []
            let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 8)
            defer { copy.deallocate() }
            let deadline = monotonicNanoseconds() + 3_000_000_000
            while monotonicNanoseconds() < deadline {
                buffer.flush(allowEmpty: false, clock: monotonicNanoseconds)
                var last = [UInt64?](repeating: nil, count: producerCount)
                for sequence in buffer.snapshotRange {
                    switch buffer.copyPacket(sequence, into: copy) {
                    case .copied(let packet):
                        do {
                            for record in try records(in: packet, copy: UnsafeRawBufferPointer(copy)) {
                                // Within a snapshot each producer's records only move forward.
                                let producer = Int(record.producer)
                                guard producer < producerCount else {
                                    throw CorruptPacket(packet: packet, recordOffset: 0)
                                }
                                if let previous = last[producer], previous >= record.sequence {
                                    corrupt.append("p\(producer) #\(record.sequence) after #\(previous)")
                                }
                                last[producer] = record.sequence
                                copiedRecords += 1
                            }
                        } catch {
                            corrupt.append("\(error)")
                        }
                    case .overwritten: overwritten += 1
                    case .incomplete: break
                    }
                }
                #expect(buffer.consumedPosition <= buffer.writePosition)
            }
            stop.store(true, ordering: .relaxed)
            threads.forEach(join)
            #expect(corrupt.isEmpty, "torn or reordered packets: \(corrupt.prefix(5))")
            #expect(copiedRecords > 0)
            // The writers lapped the snapshots: the overwrite detection was exercised.
            #expect(overwritten > 0)
        }
    }
}
