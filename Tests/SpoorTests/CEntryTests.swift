import CSpoorABI
import CSpoorTracer
import SpoorModel
import SpoorRingBuffer
import SpoorTestSupport
import Testing

@testable import Spoor

#if canImport(Glibc)
import Glibc
#endif

/// A one-stream channel in private memory, recording, with a target table for `eventID`.
private final class OneStreamChannel {
    let layout: RingBufferLayout
    let memory: UnsafeMutableRawPointer
    let buffer: RingBuffer
    let handle: UnsafeMutablePointer<StreamHandle>
    let table: UnsafeMutableRawPointer

    init(eventID: UInt32) throws {
        layout = try #require(RingBufferLayout(subbufferSize: 4096, subbufferCount: 2))
        memory = UnsafeMutableRawPointer.allocate(byteCount: layout.totalSize, alignment: 4096)
        memory.initializeMemory(as: UInt8.self, repeating: 0, count: layout.totalSize)
        buffer = RingBuffer.create(at: memory, layout: layout, cpu: 0)
        buffer.setRecording(true)
        handle = UnsafeMutablePointer<StreamHandle>.allocate(capacity: 1)
        // No consumer to wake: a wake on -1 fails quietly, as it may in production.
        handle.initialize(to: StreamHandle(buffer: buffer, wakeFD: -1))
        let target = RecordingTarget(
            streams: UnsafeBufferPointer(start: handle, count: 1), eventID: eventID,
            contexts: UnsafeBufferPointer(start: nil, count: 0), contextSize: 0, recordsCallerAddress: false,
            namedContexts: UnsafeBufferPointer(start: nil, count: 0), filters: nil)
        table = TargetTableHeader.make([target], notifiers: nil)
    }

    deinit {
        table.deallocate()
        handle.deallocate()
        memory.deallocate()
    }

    /// The bytes of the first packet after its 84-byte header, once the open packet is closed.
    func firstPacketRecords() throws -> [UInt8] {
        buffer.flush(allowEmpty: false) { monotonicNow() }
        let packet = try #require(buffer.nextReadablePacket())
        let start = packet.offset + RingBufferLayout.packetHeaderSize
        return Array(UnsafeRawBufferPointer(start: memory + start, count: packet.offset + packet.dataSize - start))
    }
}

private func monotonicNow() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}


private func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    withUnsafeBytes(of: value.littleEndian) { Array($0) }
}

@Suite("The tracer's C entry")
struct CEntryTests {
    static let pair = Tracepoint(provider: "centry_test", name: "pair", .uint32("id"), .uint64("big"))

    @Test("spoor_record, called through its C declaration, writes what a Swift tracepoint writes")
    func cEntryRecordsLikeSwift() throws {
        let channel = try OneStreamChannel(eventID: 7)
        var values = (UInt32(42), UInt64(0x0102_0304_0506_0708))
        withUnsafePointer(to: Self.pair.plan) { plan in
            withUnsafePointer(to: &values) { values in
                spoor_record(channel.table, plan, values)
                record(channel.table, Self.pair.plan, values)
            }
        }
        let bytes = try channel.firstPacketRecords()
        let payload = littleEndian(UInt32(42)) + littleEndian(UInt64(0x0102_0304_0506_0708))
        // First of its packet: the extended header (0xFFFF, u32 id, u64 timestamp).
        #expect(bytes.count == 14 + payload.count + 6 + payload.count)
        #expect(Array(bytes[0..<6]) == [0xFF, 0xFF, 7, 0, 0, 0])
        #expect(Array(bytes[14..<14 + payload.count]) == payload)
        // The Swift path's record follows it, compact: u16 id and the timestamp's low 32 bits.
        let second = 14 + payload.count
        #expect(Array(bytes[second..<second + 2]) == [7, 0])
        #expect(Array(bytes[second + 6..<second + 6 + payload.count]) == payload)
    }

    @Test("an event id from 65535 always gets the extended header")
    func largeEventIDsAreExtended() throws {
        let channel = try OneStreamChannel(eventID: 0x1_0000)
        var values = (UInt32(1), UInt64(2))
        withUnsafePointer(to: Self.pair.plan) { plan in
            withUnsafePointer(to: &values) { values in
                spoor_record(channel.table, plan, values)
                spoor_record(channel.table, plan, values)
            }
        }
        let bytes = try channel.firstPacketRecords()
        let recordSize = 14 + 12
        #expect(bytes.count == 2 * recordSize)
        #expect(Array(bytes[0..<6]) == [0xFF, 0xFF, 0, 0, 1, 0])
        #expect(Array(bytes[recordSize..<recordSize + 6]) == [0xFF, 0xFF, 0, 0, 1, 0])
    }

    @Test("recording through either entry allocates nothing, buffer full or not")
    func recordingAllocatesNothing() throws {
        let channel = try OneStreamChannel(eventID: 9)
        var values = (UInt32(1), UInt64(2))
        let plan = Self.pair.plan
        let (heapBefore, heapAfter, mallocsBefore, mallocsAfter) = withUnsafePointer(to: plan) { plan in
            withUnsafePointer(to: &values) { values in
                // Warm up: the first record of a thread may set up its per-thread state.
                spoor_record(channel.table, plan, values)
                let heapBefore = heapBytesInUse()
                let mallocsBefore = threadAllocationCount()
                // Far more records than the 8 KiB buffer holds: the discard path runs too.
                for _ in 0..<500_000 {
                    spoor_record(channel.table, plan, values)
                    record(channel.table, Self.pair.plan, values)
                }
                return (heapBefore, heapBytesInUse(), mallocsBefore, threadAllocationCount())
            }
        }
        // Exact with the benchmark's malloc counter preloaded (bench/alloc-count).
        if let mallocsBefore, let mallocsAfter {
            #expect(mallocsAfter == mallocsBefore, "\(mallocsAfter - mallocsBefore) allocations")
        }
        // Without it: other tests allocate in parallel, but a block kept per record would be
        // over 16 MB.
        let (before, after) = (try #require(heapBefore), try #require(heapAfter))
        #expect(after < before + (16 << 20), "heap grew by \(after - before) bytes")
        #expect(channel.buffer.discardedRecordCount > 0)
    }

    @Test("a stopped channel records nothing through the C entry")
    func stoppedChannelRecordsNothing() throws {
        let channel = try OneStreamChannel(eventID: 3)
        channel.buffer.setRecording(false)
        var values = (UInt32(1), UInt64(2))
        withUnsafePointer(to: Self.pair.plan) { plan in
            withUnsafePointer(to: &values) { spoor_record(channel.table, plan, $0) }
        }
        #expect(channel.buffer.writePosition == 0)
    }
}
