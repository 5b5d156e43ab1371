import SpoorRingBuffer
import Testing

/// The consumer reads slot fields that hostile producers may have scribbled on.
@Suite("Ring buffer consumer")
struct RingBufferConsumerTests {
    func slot(_ index: Int, _ field: Int, of buffer: RingBuffer) -> UnsafeMutableRawPointer {
        buffer.base + RingBufferLayout.slotsOffset + index * RingBufferLayout.slotSize + field
    }

    @Test("a complete packet's fields are read from its slot")
    func readsSlotFields() throws {
        try withRingBuffer { buffer in
            buffer.commit(try #require(buffer.reserve(4096 - 84) { 77 }))
            #expect(
                slot(0, RingBufferLayout.slotCommitCountOffset, of: buffer).load(as: UInt64.self) == 4096)
            #expect(
                slot(0, RingBufferLayout.slotDataSizeOffset, of: buffer).load(as: UInt64.self) == 4096)
            #expect(
                slot(0, RingBufferLayout.slotTimestampBeginOffset, of: buffer).load(as: UInt64.self) == 77)
            #expect(
                slot(0, RingBufferLayout.slotTimestampEndOffset, of: buffer).load(as: UInt64.self) == 77)
            slot(0, RingBufferLayout.slotDiscardedOffset, of: buffer).storeBytes(of: 12, as: UInt64.self)
            #expect(buffer.nextReadablePacket()?.discardedRecords == 12)
        }
    }

    @Test(
        "a hostile data size is clamped to the sub-buffer",
        arguments: [
            (UInt64(0), 84), (83, 84), (85, 85), (4096, 4096), (4097, 4096), (UInt64.max, 4096),
        ])
    func clampsDataSize(stored: UInt64, read: Int) throws {
        try withRingBuffer { buffer in
            buffer.commit(try #require(buffer.reserve(4096 - 84) { 1 }))
            slot(0, RingBufferLayout.slotDataSizeOffset, of: buffer).storeBytes(
                of: stored, as: UInt64.self)
            let packet = try #require(buffer.nextReadablePacket())
            #expect(packet.dataSize == read)
            #expect(packet.offset + packet.dataSize <= buffer.layout.totalSize)
        }
    }

    @Test("an end timestamp before the begin timestamp reads as the begin timestamp")
    func clampsEndTimestamp() throws {
        try withRingBuffer { buffer in
            buffer.commit(try #require(buffer.reserve(4096 - 84) { 500 }))
            slot(0, RingBufferLayout.slotTimestampEndOffset, of: buffer).storeBytes(
                of: 3, as: UInt64.self)
            let packet = try #require(buffer.nextReadablePacket())
            #expect(packet.timestampBegin == 500)
            #expect(packet.timestampEnd == 500)
        }
    }

    @Test("a fresh buffer has nothing to read and is drained")
    func freshBufferIsDrained() {
        withRingBuffer { buffer in
            #expect(buffer.nextReadablePacket() == nil)
            #expect(buffer.isDrained)
            #expect(buffer.writePosition == 0)
            #expect(buffer.consumedPosition == 0)
        }
    }

    @Test("a buffer with an open or unread packet is not drained")
    func openOrUnreadPacketIsNotDrained() throws {
        try withRingBuffer { buffer in
            buffer.commit(try #require(buffer.reserve(10) { 1 }))
            #expect(!buffer.isDrained)
            buffer.flush(allowEmpty: false) { 2 }
            #expect(!buffer.isDrained)
            buffer.releasePacket()
            #expect(buffer.isDrained)
        }
    }
}
