import SpoorRingBuffer
import Testing

/// Full and compact timestamps, and the record sizes that depend on them: as in LTTng, a compact
/// event header carries only the low bits of the timestamp, so a reader can rebuild it only when
/// the record before it is close enough.
@Suite("Ring buffer timestamps")
struct RingBufferTimestampTests {
    @Test(
        "a record needs its full timestamp when the clock moved 2^32 ns or more",
        arguments: [1 << 32, (1 << 32) + 1, 1 << 40] as [UInt64])
    func largeClockJumpNeedsFullTimestamp(jump: UInt64) throws {
        try withRingBuffer { buffer in
            let clock = CountingClock(start: 1000, step: 10)
            let opener = try #require(buffer.reserve(16, clock: clock.read))
            #expect(opener.needsFullTimestamp)
            clock.step = jump
            let jumped = try #require(buffer.reserve(16, clock: clock.read))
            #expect(jumped.timestamp == opener.timestamp + jump)
            #expect(jumped.needsFullTimestamp)
            clock.step = 10
            let after = try #require(buffer.reserve(16, clock: clock.read))
            #expect(!after.needsFullTimestamp, "the distance counts from the previous record only")
        }
    }

    @Test(
        "records less than 2^32 ns apart keep compact timestamps",
        arguments: [0, 1, 1000, (1 << 32) - 1] as [UInt64])
    func smallClockStepKeepsCompactTimestamp(step: UInt64) {
        withRingBuffer { buffer in
            let clock = CountingClock(start: 1000, step: step)
            #expect(buffer.reserve(16, clock: clock.read)?.needsFullTimestamp == true)
            for _ in 0..<3 {
                #expect(buffer.reserve(16, clock: clock.read)?.needsFullTimestamp == false)
            }
        }
    }

    @Test("a clock that goes backwards asks for a full timestamp")
    func backwardsClockNeedsFullTimestamp() throws {
        try withRingBuffer { buffer in
            let clock = CountingClock(start: 1000, step: 10)
            _ = try #require(buffer.reserve(16, clock: clock.read))
            clock.now -= 20
            #expect(buffer.reserve(16, clock: clock.read)?.needsFullTimestamp == true)
        }
    }

    // MARK: Records whose size depends on their header

    @Test("a record takes its compact size unless it needs a full timestamp")
    func recordSizeFollowsTimestampNeed() throws {
        try withRingBuffer { buffer in
            let clock = CountingClock(start: 1000, step: 10)
            let opener = try #require(buffer.reserve(compactSize: 10, fullSize: 20, clock: clock.read))
            #expect(opener.needsFullTimestamp, "a packet's first record carries a full timestamp")
            #expect(buffer.writePosition == 84 + 20)
            let compact = try #require(buffer.reserve(compactSize: 10, fullSize: 20, clock: clock.read))
            #expect(!compact.needsFullTimestamp)
            #expect(compact.offset(in: buffer) == recordStart(slot: 0, buffer) + 20)
            #expect(buffer.writePosition == 84 + 30)
            clock.step = 1 << 32
            let jumped = try #require(buffer.reserve(compactSize: 10, fullSize: 20, clock: clock.read))
            #expect(jumped.needsFullTimestamp)
            #expect(jumped.offset(in: buffer) == recordStart(slot: 0, buffer) + 30)
            #expect(buffer.writePosition == 84 + 50)
            for reservation in [opener, compact, jumped] { buffer.commit(reservation) }
            buffer.flush(allowEmpty: false, clock: clock.read)
            #expect(buffer.nextReadablePacket()?.dataSize == 84 + 50)
        }
    }

    @Test("a record whose compact size no longer fits opens the next packet with its full size")
    func overflowingCompactRecordOpensWithFullSize() throws {
        try withRingBuffer { buffer in
            let clock = CountingClock(start: 1000, step: 10)
            buffer.commit(try #require(buffer.reserve(4006, clock: clock.read)))  // used: 4090
            let fits = try #require(buffer.reserve(compactSize: 4, fullSize: 12, clock: clock.read))
            #expect(!fits.needsFullTimestamp)
            #expect(buffer.writePosition == 4094)
            buffer.commit(fits)
            let closer = try #require(buffer.reserve(compactSize: 4, fullSize: 12, clock: clock.read))
            #expect(closer.needsFullTimestamp)
            #expect(closer.completedPrevious)
            #expect(closer.offset(in: buffer) == recordStart(slot: 1, buffer))
            #expect(buffer.writePosition == 4096 + 84 + 12)
            #expect(buffer.nextReadablePacket()?.dataSize == 4094)
        }
    }

    @Test("a compact record that fills the packet exactly closes it")
    func compactRecordFillsPacketExactly() throws {
        try withRingBuffer { buffer in
            let clock = CountingClock(start: 1000, step: 10)
            buffer.commit(try #require(buffer.reserve(4000, clock: clock.read)))  // used: 4084
            let filler = try #require(buffer.reserve(compactSize: 12, fullSize: 20, clock: clock.read))
            #expect(buffer.writePosition == 4096)
            #expect(buffer.commit(filler))
            #expect(buffer.nextReadablePacket()?.fields.dataSize == 4096)
            #expect(buffer.nextReadablePacket()?.timestampEnd == filler.timestamp)
        }
    }

    @Test("whether a record fits is judged by the size it will really take")
    func fitIsJudgedByTheSizeTaken() throws {
        try withRingBuffer { buffer in
            let clock = CountingClock(start: 1000, step: 10)
            // Opening a packet needs the full size: too large even though the compact one is small.
            #expect(buffer.reserve(compactSize: 10, fullSize: 4096 - 84 + 1, clock: clock.read) == nil)
            #expect(buffer.discardedRecordCount == 1)
            #expect(buffer.writePosition == 0)
            // In an open packet a compact record only needs its compact size.
            _ = try #require(buffer.reserve(16, clock: clock.read))
            let compact = try #require(buffer.reserve(compactSize: 10, fullSize: 1 << 20, clock: clock.read))
            #expect(!compact.needsFullTimestamp)
            #expect(buffer.writePosition == 84 + 16 + 10)
            #expect(buffer.discardedRecordCount == 1)
        }
    }
}
