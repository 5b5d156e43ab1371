import SpoorRingBuffer
import SpoorTestSupport
import Testing

/// Single-threaded reservations with a counting clock: every address, size and timestamp is known.
@Suite("Ring buffer producer, one thread")
struct RingBufferProducerTests {
    static let dataStart = 4096  // header size of a 4 × 4 KiB buffer
    static let subbufferSize = 4096

    @Test("the first record opens a packet after the space reserved for its header")
    func firstRecordOpensPacket() throws {
        try withRingBuffer { buffer in
            let clock = CountingClock(start: 1000, step: 10)
            let reservation = try #require(buffer.reserve(100, clock: clock.read))
            #expect(reservation.offset(in: buffer) == Self.dataStart + 84)
            #expect(reservation.timestamp == 1010)
            #expect(reservation.needsFullTimestamp)
            #expect(!reservation.completedPrevious)
            #expect(buffer.writePosition == 184)
            #expect(buffer.discardedRecordCount == 0)
            #expect(buffer.nextReadablePacket() == nil)
            #expect(!buffer.commit(reservation))
            #expect(buffer.nextReadablePacket() == nil, "an open packet is never readable")
        }
    }

    @Test("later records follow contiguously and carry compact timestamps")
    func laterRecordsAreContiguous() throws {
        try withRingBuffer { buffer in
            let clock = CountingClock(start: 0, step: 3)
            var expectedOffset = 84
            var previousTimestamp: UInt64 = 0
            for (index, size) in [100, 37, 250, 1, 8, 999].enumerated() {
                let reservation = try #require(buffer.reserve(size, clock: clock.read))
                #expect(reservation.offset(in: buffer) == Self.dataStart + expectedOffset)
                #expect(reservation.needsFullTimestamp == (index == 0))
                #expect(!reservation.completedPrevious)
                #expect(reservation.timestamp > previousTimestamp)
                previousTimestamp = reservation.timestamp
                #expect(!buffer.commit(reservation))
                expectedOffset += size
                #expect(buffer.writePosition == UInt64(expectedOffset))
            }
        }
    }

    @Test("a record that does not fit closes the packet and opens the next one")
    func overflowingRecordClosesPacket() throws {
        try withRingBuffer { buffer in
            let clock = CountingClock(start: 1000, step: 10)
            let first = try #require(buffer.reserve(2000, clock: clock.read))
            let second = try #require(buffer.reserve(2000, clock: clock.read))
            #expect(!buffer.commit(first))
            #expect(!buffer.commit(second))
            #expect(buffer.writePosition == 4084)

            let closer = try #require(buffer.reserve(100, clock: clock.read))
            #expect(closer.offset(in: buffer) == Self.dataStart + Self.subbufferSize + 84)
            #expect(closer.needsFullTimestamp)
            #expect(
                closer.completedPrevious, "the closer's padding was the last commit the packet needed")
            #expect(buffer.writePosition == 4096 + 84 + 100)

            let expected = PacketFields(
                sequenceNumber: 0, offset: Self.dataStart, dataSize: 4084, timestampBegin: 1010,
                timestampEnd: 1030, discardedRecords: 0)
            #expect(buffer.nextReadablePacket()?.fields == expected)
            #expect(buffer.nextReadablePacket()?.fields == expected, "reading does not consume")
            buffer.releasePacket()
            #expect(buffer.consumedPosition == 4096)
            #expect(buffer.nextReadablePacket() == nil)
            #expect(!buffer.commit(closer))
            #expect(buffer.nextReadablePacket() == nil)
        }
    }

    @Test("a record that fills its sub-buffer exactly closes the packet at once")
    func exactFillClosesPacket() throws {
        try withRingBuffer { buffer in
            let clock = CountingClock(start: 50, step: 5)
            let filler = try #require(buffer.reserve(4096 - 84, clock: clock.read))
            #expect(filler.needsFullTimestamp)
            #expect(buffer.writePosition == 4096)
            #expect(buffer.nextReadablePacket() == nil, "not readable before its commit")
            #expect(buffer.commit(filler))
            #expect(
                buffer.nextReadablePacket()?.fields
                    == PacketFields(
                        sequenceNumber: 0, offset: Self.dataStart, dataSize: 4096, timestampBegin: 55,
                        timestampEnd: 55, discardedRecords: 0))
            buffer.releasePacket()

            let next = try #require(buffer.reserve(10, clock: clock.read))
            #expect(next.offset(in: buffer) == Self.dataStart + Self.subbufferSize + 84)
            #expect(next.needsFullTimestamp)
            #expect(!next.completedPrevious, "no packet was open, so there was nothing to close")
        }
    }

    @Test("the last of several records can fill the sub-buffer exactly")
    func exactFillAfterOtherRecords() throws {
        try withRingBuffer { buffer in
            let clock = CountingClock(start: 0, step: 1)
            let first = try #require(buffer.reserve(1000, clock: clock.read))
            let last = try #require(buffer.reserve(4096 - 84 - 1000, clock: clock.read))
            #expect(last.offset(in: buffer) == Self.dataStart + 84 + 1000)
            #expect(!buffer.commit(first))
            #expect(buffer.commit(last))
            let packet = try #require(buffer.nextReadablePacket())
            #expect(packet.dataSize == 4096)
            #expect(packet.timestampBegin == first.timestamp)
            #expect(packet.timestampEnd == last.timestamp)
        }
    }

    @Test("packets come out in order, lap after lap, with contents intact")
    func wrapsAroundForSeveralLaps() throws {
        try withRingBuffer(subbufferSize: 4096, subbufferCount: 4) { buffer in
            let clock = CountingClock(start: 1, step: 7)
            var random = SplitMix64(seed: 42)
            let subbufferSize = UInt64(4096)
            var sequence: UInt64 = 0
            var openRecords: [TestRecord] = []  // records of the packet being written
            var closedPackets: [(records: [TestRecord], end: UInt64)] = []
            var nextPacketSequence: UInt64 = 0
            var consumedRecordCount = 0

            while nextPacketSequence < 48 {
                // Sizes near the sub-buffer size too, so that exact fills and big padding happen.
                let before = buffer.writePosition
                let offset = before % subbufferSize
                var size = Int.random(in: 32...1500, using: &random)
                switch random.next() % 8 {
                case 0 where offset != 0 && subbufferSize - offset >= 32: size = Int(subbufferSize - offset)
                case 1: size = Int(subbufferSize) - 84
                default: break
                }
                let fits = offset != 0 && offset + UInt64(size) <= subbufferSize
                let closes = offset != 0 && !fits
                let start = fits ? before : (closes ? before - offset + subbufferSize : before) + 84
                let end = start + UInt64(size)

                let reservation = try #require(buffer.reserve(size, clock: clock.read))
                #expect(reservation.offset(in: buffer) == 4096 + Int(start % (4 * subbufferSize)))
                #expect(reservation.needsFullTimestamp == !fits)
                #expect(reservation.completedPrevious == closes)
                #expect(buffer.writePosition == end)
                if closes {
                    closedPackets.append((openRecords, reservation.timestamp))
                    openRecords = []
                }
                let record = TestRecord(
                    size: size, producer: 0, sequence: sequence, timestamp: reservation.timestamp)
                sequence += 1
                record.write(to: reservation.address)
                openRecords.append(record)
                let completes = end % subbufferSize == 0
                #expect(buffer.commit(reservation) == completes)
                if completes {
                    closedPackets.append((openRecords, reservation.timestamp))
                    openRecords = []
                }

                while let packet = buffer.nextReadablePacket() {
                    let expected = try #require(closedPackets.first)
                    closedPackets.removeFirst()
                    #expect(packet.sequenceNumber == nextPacketSequence)
                    #expect(packet.offset == 4096 + Int(nextPacketSequence % 4) * 4096)
                    #expect(packet.dataSize == 84 + expected.records.reduce(0) { $0 + $1.size })
                    #expect(packet.timestampBegin == expected.records.first?.timestamp)
                    #expect(packet.timestampEnd == expected.end)
                    #expect(packet.discardedRecords == 0)
                    #expect(try records(in: packet, of: buffer) == expected.records)
                    consumedRecordCount += expected.records.count
                    buffer.releasePacket()
                    nextPacketSequence += 1
                }
                #expect(closedPackets.isEmpty, "every complete packet is readable at once")
            }
            #expect(buffer.consumedPosition == 48 * subbufferSize)
            #expect(buffer.discardedRecordCount == 0)
            #expect(consumedRecordCount + openRecords.count == Int(sequence))
        }
    }
}
