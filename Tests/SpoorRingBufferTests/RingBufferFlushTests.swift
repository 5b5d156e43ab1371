import SpoorRingBuffer
import Testing

/// `flush(allowEmpty:clock:)`: the forced sub-buffer switch of `lttng stop` and of the consumer's
/// live timer.
@Suite("Ring buffer flush")
struct RingBufferFlushTests {
    @Test("flushing closes the open packet so its records become readable")
    func flushClosesOpenPacket() throws {
        try withRingBuffer { buffer in
            let clock = CountingClock(start: 100, step: 10)
            let first = try #require(buffer.reserve(100, clock: clock.read))
            let second = try #require(buffer.reserve(200, clock: clock.read))
            buffer.commit(first)
            buffer.commit(second)
            #expect(buffer.nextReadablePacket() == nil)

            #expect(buffer.flush(allowEmpty: false, clock: clock.read))
            #expect(buffer.writePosition == 4096)
            #expect(
                buffer.nextReadablePacket()?.fields
                    == PacketFields(
                        sequenceNumber: 0, offset: 4096, dataSize: 384, timestampBegin: 110, timestampEnd: 130,
                        discardedRecords: 0))
            buffer.releasePacket()
            #expect(buffer.isDrained)

            let next = try #require(buffer.reserve(10, clock: clock.read))
            #expect(next.offset(in: buffer) == recordStart(slot: 1, buffer))
            #expect(next.needsFullTimestamp)
            #expect(!next.completedPrevious)
        }
    }

    @Test("flushing an idle buffer with allowEmpty writes an empty packet")
    func flushWritesEmptyPacket() throws {
        try withRingBuffer { buffer in
            let clock = CountingClock(start: 7, step: 1)
            #expect(buffer.flush(allowEmpty: true, clock: clock.read))
            #expect(buffer.writePosition == 4096)
            #expect(
                buffer.nextReadablePacket()?.fields
                    == PacketFields(
                        sequenceNumber: 0, offset: 4096, dataSize: 84, timestampBegin: 8, timestampEnd: 8,
                        discardedRecords: 0))
            buffer.releasePacket()
            #expect(buffer.isDrained)
            #expect(buffer.flush(allowEmpty: true, clock: clock.read))
            let second = try #require(buffer.nextReadablePacket())
            #expect(second.sequenceNumber == 1)
            #expect(second.offset == 8192)
            #expect(second.dataSize == 84)
            #expect(second.timestampBegin == 9)
            #expect(second.timestampEnd == 9)
        }
    }

    @Test("flushing without allowEmpty does nothing when no packet is open")
    func flushWithoutOpenPacketDoesNothing() throws {
        try withRingBuffer { buffer in
            let clock = CountingClock()
            #expect(!buffer.flush(allowEmpty: false, clock: clock.read))
            #expect(buffer.writePosition == 0)
            #expect(buffer.nextReadablePacket() == nil)

            // After an exact fill no packet is open either.
            buffer.commit(try #require(buffer.reserve(4096 - 84, clock: clock.read)))
            #expect(!buffer.flush(allowEmpty: false, clock: clock.read))
            #expect(buffer.writePosition == 4096)
            #expect(drainPackets(buffer).count == 1)
            #expect(buffer.isDrained)
        }
    }

    @Test("an empty packet needs a free sub-buffer")
    func flushWithoutFreeSubbufferDoesNothing() {
        withRingBuffer(subbufferSize: 4096, subbufferCount: 4) { buffer in
            let clock = CountingClock()
            for _ in 0..<4 {
                #expect(buffer.flush(allowEmpty: true, clock: clock.read))
            }
            #expect(!buffer.flush(allowEmpty: true, clock: clock.read))
            #expect(buffer.writePosition == 4 * 4096)
            #expect(buffer.discardedRecordCount == 0, "a flush is not a record")
            #expect(buffer.nextReadablePacket()?.sequenceNumber == 0)
            buffer.releasePacket()
            #expect(buffer.flush(allowEmpty: true, clock: clock.read))
            #expect(drainPackets(buffer).map(\.sequenceNumber) == [1, 2, 3, 4])
        }
    }

    @Test("flushing closes the open packet even when no other sub-buffer is free")
    func flushClosesLastOpenPacket() throws {
        try withRingBuffer(subbufferSize: 4096, subbufferCount: 2) { buffer in
            let clock = CountingClock()
            for _ in 0..<5 {
                buffer.commit(try #require(buffer.reserve(1000, clock: clock.read)))
            }
            #expect(buffer.reserve(4000, clock: clock.read) == nil)
            #expect(buffer.flush(allowEmpty: true, clock: clock.read))
            let packets = drainPackets(buffer)
            #expect(packets.map(\.dataSize) == [4084, 1084])
            #expect(packets.map(\.discardedRecords) == [0, 1])
        }
    }

    @Test("a record reserved before a flush and committed after it still completes the packet")
    func flushWaitsForPendingRecord() throws {
        try withRingBuffer { buffer in
            let clock = CountingClock(start: 0, step: 1)
            let committed = try #require(buffer.reserve(64, clock: clock.read))
            let pending = try #require(buffer.reserve(300, clock: clock.read))
            buffer.commit(committed)
            #expect(buffer.flush(allowEmpty: true, clock: clock.read))
            #expect(
                buffer.nextReadablePacket() == nil, "the consumer must not see a packet still being written"
            )

            // Records after the flush go to the next packet, not into the one being completed.
            let after = try #require(buffer.reserve(10, clock: clock.read))
            #expect(after.offset(in: buffer) == recordStart(slot: 1, buffer))
            buffer.commit(after)
            #expect(buffer.nextReadablePacket() == nil)

            TestRecord(size: 300, producer: 1, sequence: 9, timestamp: pending.timestamp).write(
                to: pending.address)
            #expect(buffer.commit(pending), "the late commit completes the flushed packet")
            let packet = try #require(buffer.nextReadablePacket())
            #expect(packet.sequenceNumber == 0)
            #expect(packet.dataSize == 84 + 64 + 300)
            #expect(packet.timestampEnd == 3)
            let found = try #require(
                TestRecord.read(from: buffer.base + packet.offset + 84 + 64, available: 300))
            #expect(found.sequence == 9)
        }
    }
}
