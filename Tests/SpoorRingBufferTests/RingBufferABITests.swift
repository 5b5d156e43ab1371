import CSpoorABI
import SpoorCTF
import SpoorRingBuffer
import Testing

/// The C header `CSpoorABI.h` is the one definition of shared memory; these tests pin what Swift
/// sees of it, so that the tracer, the consumer and a C library built from the header agree.
@Suite("Shared-memory ABI")
struct RingBufferABITests {
    @Test("Swift imports the control header with the offsets the C header asserts")
    func headerStructOffsets() {
        typealias Header = spoor_rb_header
        #expect(MemoryLayout<Header>.offset(of: \Header.magic) == RingBufferLayout.magicOffset)
        #expect(MemoryLayout<Header>.offset(of: \Header.version) == RingBufferLayout.versionOffset)
        #expect(MemoryLayout<Header>.offset(of: \Header.header_size) == RingBufferLayout.headerSizeOffset)
        #expect(MemoryLayout<Header>.offset(of: \Header.subbuffer_count) == RingBufferLayout.subbufferCountOffset)
        #expect(MemoryLayout<Header>.offset(of: \Header.subbuffer_size) == RingBufferLayout.subbufferSizeOffset)
        #expect(MemoryLayout<Header>.offset(of: \Header.cpu) == RingBufferLayout.cpuOffset)
        #expect(MemoryLayout<Header>.offset(of: \Header.flags) == RingBufferLayout.flagsOffset)
        #expect(MemoryLayout<Header>.offset(of: \Header.blocking_timeout_us) == RingBufferLayout.blockingTimeoutOffset)
        #expect(MemoryLayout<Header>.offset(of: \Header.write_position) == RingBufferLayout.writePositionOffset)
        #expect(MemoryLayout<Header>.offset(of: \Header.consumed_position) == RingBufferLayout.consumedPositionOffset)
        #expect(MemoryLayout<Header>.offset(of: \Header.last_timestamp) == RingBufferLayout.lastTimestampOffset)
        #expect(MemoryLayout<Header>.offset(of: \Header.discarded_records) == RingBufferLayout.discardedRecordsOffset)
        #expect(MemoryLayout<Header>.size == RingBufferLayout.slotsOffset)
    }

    @Test("Swift imports the slot with the offsets the C header asserts")
    func slotStructOffsets() {
        typealias Slot = spoor_rb_slot
        #expect(MemoryLayout<Slot>.offset(of: \Slot.commit_count) == RingBufferLayout.slotCommitCountOffset)
        #expect(MemoryLayout<Slot>.offset(of: \Slot.timestamp_begin) == RingBufferLayout.slotTimestampBeginOffset)
        #expect(MemoryLayout<Slot>.offset(of: \Slot.timestamp_end) == RingBufferLayout.slotTimestampEndOffset)
        #expect(MemoryLayout<Slot>.offset(of: \Slot.data_size) == RingBufferLayout.slotDataSizeOffset)
        #expect(MemoryLayout<Slot>.offset(of: \Slot.discarded_at_close) == RingBufferLayout.slotDiscardedOffset)
        #expect(MemoryLayout<Slot>.size == RingBufferLayout.slotSize)
    }

    @Test("the blocking timeout sits at byte 32 and the flag bits are 1, 2 and 4")
    func remainingFixedFields() {
        #expect(RingBufferLayout.blockingTimeoutOffset == 32)
        #expect(RingBufferLayout.recordingFlag == 1)
        #expect(RingBufferLayout.overwriteFlag == 2)
        #expect(RingBufferLayout.timerWakeupFlag == 4)
        #expect(RingBufferFlags.recording.rawValue == 1)
        #expect(RingBufferFlags.overwrite.rawValue == 2)
        #expect(RingBufferFlags.timerWakeup.rawValue == 4)
    }

    @Test("creation writes the blocking timeout and the fixed flags where the header says")
    func creationWritesTimeoutAndFlags() throws {
        let layout = try #require(RingBufferLayout(subbufferSize: 4096, subbufferCount: 2))
        withMappedBytes(layout.totalSize) { base in
            let buffer = RingBuffer.create(
                at: base, layout: layout, cpu: 3, overwrite: true, blockingTimeoutMicroseconds: 1500,
                readsOnTimer: true)
            #expect(base.load(fromByteOffset: 32, as: UInt64.self) == 1500)
            #expect(base.load(fromByteOffset: 28, as: UInt32.self) == 6)
            #expect(buffer.blockingTimeout == 1500)
            #expect(buffer.currentFlags == [.overwrite, .timerWakeup])
            #expect(buffer.isOverwriteMode)
            #expect(!buffer.wakesConsumer)
        }
    }

    @Test("starting and stopping leave the fixed flag bits as they were")
    func recordingKeepsOtherBits() throws {
        let layout = try #require(RingBufferLayout(subbufferSize: 4096, subbufferCount: 2))
        withMappedBytes(layout.totalSize) { base in
            let buffer = RingBuffer.create(at: base, layout: layout, cpu: 0, overwrite: true, readsOnTimer: true)
            buffer.setRecording(true)
            #expect(base.load(fromByteOffset: 28, as: UInt32.self) == 7)
            buffer.setRecording(true)
            #expect(buffer.currentFlags == [.recording, .overwrite, .timerWakeup])
            buffer.setRecording(false)
            #expect(base.load(fromByteOffset: 28, as: UInt32.self) == 6)
        }
    }

    @Test("the space a packet reserves is the 84-byte packet header and context the consumer writes")
    func packetHeaderSizeMatchesPacketContext() {
        #expect(RingBufferLayout.packetHeaderSize == 84)
        #expect(PacketContext.size == RingBufferLayout.packetHeaderSize)
        #expect(Int(SPOOR_PACKET_HEADER_SIZE) == PacketContext.size)
        #expect(PacketContext.magic == SPOOR_PACKET_MAGIC)
    }

    @Test("the packet context's fields land at the offsets of spoor_packet_header")
    func packetContextFieldsAtHeaderOffsets() {
        let context = PacketContext(
            uuid: Array(1...16), streamID: 0x0102_0304, streamInstanceID: 0x1111, timestampBegin: 0x2222,
            timestampEnd: 0x3333, contentSize: 0x4444, packetSize: 0x5555, sequenceNumber: 0x6666,
            eventsDiscarded: 0x7777, cpuID: 0x8888)
        let bytes = context.encoded
        func value(at offset: Int, _ size: Int) -> UInt64 {
            (0..<size).reduce(0) { $0 | UInt64(bytes[offset + $1]) << (8 * $1) }
        }
        #expect(value(at: SPOOR_PACKET_MAGIC_OFFSET, 4) == 0xC1FC_1FC1)
        #expect(Array(bytes[SPOOR_PACKET_UUID_OFFSET..<SPOOR_PACKET_UUID_OFFSET + 16]) == Array(1...16))
        #expect(value(at: SPOOR_PACKET_STREAM_ID_OFFSET, 4) == 0x0102_0304)
        #expect(value(at: SPOOR_PACKET_STREAM_INSTANCE_ID_OFFSET, 8) == 0x1111)
        #expect(value(at: SPOOR_PACKET_TIMESTAMP_BEGIN_OFFSET, 8) == 0x2222)
        #expect(value(at: SPOOR_PACKET_TIMESTAMP_END_OFFSET, 8) == 0x3333)
        #expect(value(at: SPOOR_PACKET_CONTENT_SIZE_OFFSET, 8) == 0x4444)
        #expect(value(at: SPOOR_PACKET_PACKET_SIZE_OFFSET, 8) == 0x5555)
        #expect(value(at: SPOOR_PACKET_SEQ_NUM_OFFSET, 8) == 0x6666)
        #expect(value(at: SPOOR_PACKET_EVENTS_DISCARDED_OFFSET, 8) == 0x7777)
        #expect(value(at: SPOOR_PACKET_CPU_ID_OFFSET, 4) == 0x8888)
        #expect(
            [
                SPOOR_PACKET_MAGIC_OFFSET, SPOOR_PACKET_UUID_OFFSET, SPOOR_PACKET_STREAM_ID_OFFSET,
                SPOOR_PACKET_STREAM_INSTANCE_ID_OFFSET, SPOOR_PACKET_TIMESTAMP_BEGIN_OFFSET,
                SPOOR_PACKET_TIMESTAMP_END_OFFSET, SPOOR_PACKET_CONTENT_SIZE_OFFSET, SPOOR_PACKET_PACKET_SIZE_OFFSET,
                SPOOR_PACKET_SEQ_NUM_OFFSET, SPOOR_PACKET_EVENTS_DISCARDED_OFFSET, SPOOR_PACKET_CPU_ID_OFFSET,
            ] == [0, 4, 20, 24, 32, 40, 48, 56, 64, 72, 80])
    }

    @Test(
        "the event header encoder writes event_header_large byte for byte",
        arguments: [
            (UInt32(5), UInt64(0x1122_3344_5566_7788), false, [5, 0, 0x88, 0x77, 0x66, 0x55] as [UInt8]),
            (
                UInt32(0x0001_0000), UInt64(0x1122_3344_5566_7788), true,
                [0xFF, 0xFF, 0, 0, 1, 0, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11] as [UInt8]
            ),
        ])
    func eventHeaderBytes(id: UInt32, timestamp: UInt64, extended: Bool, expected: [UInt8]) {
        var bytes = [UInt8](repeating: 0xAA, count: 16)
        let written = bytes.withUnsafeMutableBytes {
            spoor_event_header_write($0.baseAddress! + 1, id, timestamp, extended ? 1 : 0)
        }
        #expect(written == expected.count)
        #expect(Array(bytes[1..<1 + expected.count]) == expected)
        #expect(bytes[0] == 0xAA && bytes[1 + expected.count] == 0xAA)
        #expect(spoor_event_id_needs_extended(0xFFFE) == 0 && spoor_event_id_needs_extended(0xFFFF) != 0)
    }
}
