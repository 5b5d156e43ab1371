import SpoorRingBuffer
import Testing

/// Discard mode: when no sub-buffer is free a record is dropped and counted, never blocked on.
@Suite("Ring buffer discard mode")
struct RingBufferDiscardTests {
    /// Writes and commits `count` records of `size` bytes, each of which must be accepted.
    func writeRecords(
        _ count: Int, size: Int, to buffer: RingBuffer, clock: CountingClock,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        for _ in 0..<count {
            let reservation = try #require(
                buffer.reserve(size, clock: clock.read), sourceLocation: sourceLocation)
            buffer.commit(reservation)
        }
    }

    @Test("with every sub-buffer full and unread, each record is dropped and counted once")
    func fullBufferDropsAndCounts() throws {
        try withRingBuffer(subbufferSize: 4096, subbufferCount: 4) { buffer in
            let clock = CountingClock()
            // Four records of 1000 bytes fill a packet to 4084 bytes: packets 0…2 close, packet 3 stays open.
            try writeRecords(16, size: 1000, to: buffer, clock: clock)
            let fullPosition = buffer.writePosition
            #expect(fullPosition == 3 * 4096 + 4084)
            for dropped in 1...5 {
                #expect(buffer.reserve(1000, clock: clock.read) == nil)
                #expect(buffer.discardedRecordCount == UInt64(dropped))
                #expect(buffer.writePosition == fullPosition, "a dropped record reserves nothing")
            }

            // Releasing one sub-buffer makes room for exactly one more packet.
            let first = try #require(buffer.nextReadablePacket())
            #expect(first.sequenceNumber == 0)
            #expect(first.discardedRecords == 0)
            buffer.releasePacket()
            let reopened = try #require(buffer.reserve(1000, clock: clock.read))
            #expect(
                reopened.offset(in: buffer) == recordStart(slot: 0, buffer),
                "the freed sub-buffer is reused")
            #expect(reopened.needsFullTimestamp)
            #expect(reopened.completedPrevious)
            buffer.commit(reopened)
            try writeRecords(3, size: 1000, to: buffer, clock: clock)
            for dropped in 6...8 {
                #expect(buffer.reserve(1000, clock: clock.read) == nil)
                #expect(buffer.discardedRecordCount == UInt64(dropped))
            }

            // The count stored with each packet is the stream's total when it closed.
            let unread = drainPackets(buffer)
            #expect(unread.map(\.sequenceNumber) == [1, 2, 3])
            #expect(unread.map(\.discardedRecords) == [0, 0, 5])
            buffer.commit(try #require(buffer.reserve(1000, clock: clock.read)))
            #expect(buffer.flush(allowEmpty: false, clock: clock.read))
            let later = drainPackets(buffer)
            #expect(later.map(\.sequenceNumber) == [4, 5])
            #expect(later.map(\.discardedRecords) == [8, 8])
            #expect(later.map(\.dataSize) == [4084, 1084])
            #expect(buffer.discardedRecordCount == 8)
        }
    }

    @Test("a record that fits the open packet is accepted even when no other sub-buffer is free")
    func fullBufferStillFillsOpenPacket() throws {
        try withRingBuffer(subbufferSize: 4096, subbufferCount: 2) { buffer in
            let clock = CountingClock()
            try writeRecords(8, size: 1000, to: buffer, clock: clock)
            #expect(buffer.reserve(13, clock: clock.read) == nil)
            #expect(buffer.discardedRecordCount == 1)
            let filler = try #require(buffer.reserve(12, clock: clock.read))
            #expect(filler.offset(in: buffer) == recordStart(slot: 1, buffer) + 4000)
            #expect(buffer.commit(filler), "filling the last sub-buffer exactly closes its packet")
            #expect(drainPackets(buffer).map(\.dataSize) == [4084, 4096])
            #expect(drainPackets(buffer).isEmpty)
        }
    }

    @Test("a record larger than a sub-buffer minus its packet header is always dropped")
    func oversizedRecordIsDropped() throws {
        try withRingBuffer(subbufferSize: 4096, subbufferCount: 4) { buffer in
            let clock = CountingClock()
            // On an idle buffer.
            #expect(buffer.reserve(4096 - 84 + 1, clock: clock.read) == nil)
            #expect(buffer.reserve(1 << 40, clock: clock.read) == nil)
            #expect(buffer.discardedRecordCount == 2)
            #expect(buffer.writePosition == 0)
            let largest = try #require(buffer.reserve(4096 - 84, clock: clock.read))
            buffer.commit(largest)

            // With a packet open: the packet stays open and later records follow the earlier ones.
            let opener = try #require(buffer.reserve(100, clock: clock.read))
            buffer.commit(opener)
            #expect(buffer.reserve(4096, clock: clock.read) == nil)
            #expect(buffer.discardedRecordCount == 3)
            #expect(buffer.writePosition == 4096 + 184)
            let next = try #require(buffer.reserve(50, clock: clock.read))
            #expect(next.offset(in: buffer) == recordStart(slot: 1, buffer) + 100)
            #expect(!next.needsFullTimestamp)
            buffer.commit(next)
            #expect(buffer.flush(allowEmpty: false, clock: clock.read))
            let packets = drainPackets(buffer)
            #expect(packets.map(\.dataSize) == [4096, 234])
            #expect(packets.map(\.discardedRecords) == [2, 3])
        }
    }
}
