import SpoorRingBuffer
import Testing

/// Interleavings of several writers, played out step by step on one thread.
@Suite("Ring buffer interleavings")
struct RingBufferInterleavingTests {
    @Test(
        "a packet is not readable until its first writer commits, even if a later writer already did")
    func laterCommitDoesNotPublishEarlierRecord() throws {
        try withRingBuffer { buffer in
            let clock = CountingClock()
            let a = try #require(buffer.reserve(1000, clock: clock.read))
            let b = try #require(buffer.reserve(4096 - 84 - 1000, clock: clock.read))  // fills exactly
            #expect(!buffer.commit(b))
            #expect(buffer.nextReadablePacket() == nil)
            #expect(!buffer.flush(allowEmpty: false, clock: clock.read), "the packet is already closed")
            #expect(buffer.nextReadablePacket() == nil)
            #expect(buffer.commit(a))
            let packet = try #require(buffer.nextReadablePacket())
            #expect(packet.dataSize == 4096)
            #expect(packet.timestampEnd == b.timestamp)
        }
    }

    @Test(
        "a closer's padding committed before the last writer's commit leaves completion to that writer")
    func paddingBeforeLastCommit() throws {
        try withRingBuffer { buffer in
            let clock = CountingClock()
            let writer = try #require(buffer.reserve(3000, clock: clock.read))
            let closer = try #require(buffer.reserve(2000, clock: clock.read))
            #expect(!closer.completedPrevious, "the writer has not committed yet")
            #expect(buffer.nextReadablePacket() == nil)
            #expect(buffer.commit(writer), "the writer's commit is the one that completes the packet")
            let packet = try #require(buffer.nextReadablePacket())
            #expect(packet.dataSize == 84 + 3000)
            #expect(packet.timestampEnd == closer.timestamp)
            buffer.releasePacket()
            #expect(!buffer.commit(closer))
            #expect(buffer.nextReadablePacket() == nil)
        }
    }

    @Test("a closer's padding committed after the last writer's commit completes the previous packet")
    func paddingAfterLastCommit() throws {
        try withRingBuffer { buffer in
            let clock = CountingClock()
            let writer = try #require(buffer.reserve(3000, clock: clock.read))
            #expect(!buffer.commit(writer))
            let closer = try #require(buffer.reserve(2000, clock: clock.read))
            #expect(closer.completedPrevious)
            #expect(buffer.nextReadablePacket()?.dataSize == 84 + 3000)
            #expect(!buffer.commit(closer))
        }
    }

    @Test("packets are read in order even when a later one completes first")
    func laterPacketCompletingFirstWaits() throws {
        try withRingBuffer { buffer in
            let clock = CountingClock()
            let slow = try #require(buffer.reserve(3000, clock: clock.read))  // packet 0
            let closer = try #require(buffer.reserve(2000, clock: clock.read))  // closes 0, opens 1
            let filler = try #require(buffer.reserve(4096 - 84 - 2000, clock: clock.read))  // fills 1
            #expect(!buffer.commit(filler))
            #expect(buffer.commit(closer), "packet 1 is complete")
            #expect(buffer.nextReadablePacket() == nil, "packet 0 still waits for its writer")
            #expect(buffer.commit(slow))
            #expect(drainPackets(buffer).map(\.sequenceNumber) == [0, 1])
        }
    }

    @Test(
        "commits in any order complete the packet exactly once",
        arguments: [[0, 1, 2], [2, 1, 0], [1, 2, 0], [2, 0, 1]])
    func commitOrderDoesNotMatter(order: [Int]) throws {
        try withRingBuffer { buffer in
            let clock = CountingClock()
            let reservations = try [1000, 1500, 4096 - 84 - 2500].map {
                try #require(buffer.reserve($0, clock: clock.read))
            }
            let results = order.map { buffer.commit(reservations[$0]) }
            #expect(results == [false, false, true])
            #expect(buffer.nextReadablePacket()?.dataSize == 4096)
        }
    }

    // MARK: Races played through the clock
    //
    // `reserve` and `flush` read the clock between loading the write position and exchanging it,
    // so a clock that acts on the buffer on its first read plays another producer (or the
    // consumer) winning the race at exactly that point.

    @Test("a reservation that loses the position race retries at the new position with a new timestamp")
    func losingReservationRetries() throws {
        try withRingBuffer { buffer in
            let other = CountingClock(start: 100, step: 1)
            var winner: RingBuffer.Reservation?
            var reads: UInt64 = 0
            let loser = try #require(
                buffer.reserve(50) {
                    reads += 1
                    if reads == 1 { winner = buffer.reserve(30, clock: other.read) }
                    return 1000 + reads
                })
            let first = try #require(winner)
            #expect(reads >= 2, "the clock is read again on the retry")
            #expect(first.offset(in: buffer) == recordStart(slot: 0, buffer))
            #expect(first.needsFullTimestamp)
            #expect(loser.offset(in: buffer) == recordStart(slot: 0, buffer) + 30)
            #expect(loser.timestamp == 1000 + reads)
            #expect(!loser.needsFullTimestamp, "it no longer opens the packet")
            #expect(buffer.writePosition == 84 + 30 + 50)
        }
    }

    @Test("a reservation whose position went stale while the consumer moved past it retries")
    func stalePositionBehindConsumerRetries() throws {
        try withRingBuffer(subbufferSize: 4096, subbufferCount: 4) { buffer in
            var reads = 0
            let late = try #require(
                buffer.reserve(100) {
                    reads += 1
                    if reads == 1 {
                        // Two whole packets are written and consumed while this producer is paused.
                        let other = CountingClock(start: 10, step: 1)
                        for _ in 0..<2 {
                            buffer.commit(buffer.reserve(4096 - 84, clock: other.read)!)
                            _ = buffer.nextReadablePacket()!
                            buffer.releasePacket()
                        }
                    }
                    return 500
                })
            #expect(buffer.consumedPosition == 2 * 4096)
            #expect(late.offset(in: buffer) == recordStart(slot: 2, buffer))
            #expect(buffer.writePosition == 2 * 4096 + 84 + 100)
            #expect(buffer.discardedRecordCount == 0)
        }
    }

    @Test("a flush that loses the race to a reservation closes the packet after that record")
    func losingFlushRetries() throws {
        try withRingBuffer { buffer in
            let clock = CountingClock()
            buffer.commit(try #require(buffer.reserve(100, clock: clock.read)))
            var reads = 0
            let flushed = buffer.flush(allowEmpty: false) {
                reads += 1
                if reads == 1 { buffer.commit(buffer.reserve(200, clock: clock.read)!) }
                return clock.read()
            }
            #expect(flushed)
            #expect(buffer.writePosition == 4096)
            #expect(buffer.nextReadablePacket()?.dataSize == 84 + 100 + 200)
        }
    }

    @Test("a closer that loses the race to a flush opens the next packet without closing it twice")
    func closerLosingToFlushDoesNotCloseTwice() throws {
        try withRingBuffer { buffer in
            let clock = CountingClock()
            buffer.commit(try #require(buffer.reserve(3000, clock: clock.read)))
            var reads = 0
            let closer = try #require(
                buffer.reserve(2000) {
                    reads += 1
                    if reads == 1 { #expect(buffer.flush(allowEmpty: false, clock: clock.read)) }
                    return clock.read()
                })
            #expect(!closer.completedPrevious, "the flush closed the packet, not this record")
            #expect(closer.needsFullTimestamp)
            #expect(closer.offset(in: buffer) == recordStart(slot: 1, buffer))
            let packet = try #require(buffer.nextReadablePacket())
            #expect(packet.dataSize == 84 + 3000)
            buffer.releasePacket()
            #expect(!buffer.commit(closer))
            #expect(buffer.nextReadablePacket() == nil, "the next packet is still open")
            #expect(buffer.flush(allowEmpty: false, clock: clock.read))
            #expect(buffer.nextReadablePacket()?.dataSize == 84 + 2000)
        }
    }
}
