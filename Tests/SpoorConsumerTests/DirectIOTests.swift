import Foundation
import SpoorCTF
import SpoorConsumer
import SpoorPosix
import Testing

/// Trace files written with direct I/O (first and last pages copied, the pages between written
/// from where the records lie) hold the bytes buffered writes leave.
@Suite("Direct I/O trace files")
struct DirectIOTests {
    static let page = 4096

    /// Writes packets whose records start `shift` bytes past a page-aligned header slot, with
    /// the given record counts, to a file; returns the file's and the index's bytes.
    private static func write(directIO: Bool, recordCounts: [Int], shift: Int) throws
        -> (data: [UInt8], index: [UInt8])
    {
        let directory = NSTemporaryDirectory() + "spoor-direct-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A stand-in for the ring buffer: page-aligned, records after a reserved header.
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 * page, alignment: page)
        defer { memory.deallocate() }
        for index in 0..<memory.count { memory[index] = UInt8(truncatingIfNeeded: index &* 7 &+ 3) }
        var output = LocalTraceOutput(directIO: directIO)
        try output.openChunk(directory: directory)
        try output.openFile(named: "chan_0", in: directory)
        let header = [UInt8](repeating: 0xC7, count: PacketContext.size)
        for (sequence, count) in recordCounts.enumerated() {
            let used = PacketContext.size + count
            let size = (used + page - 1) / page * page
            let context = PacketContext(
                uuid: Array(0..<16), streamID: 0, streamInstanceID: 0, timestampBegin: 1, timestampEnd: 2,
                contentSize: UInt64(used) * 8, packetSize: UInt64(size) * 8, sequenceNumber: UInt64(sequence),
                eventsDiscarded: 0, cpuID: 0)
            let records = UnsafeRawBufferPointer(
                start: memory.baseAddress! + PacketContext.size + shift, count: count)
            try header.withUnsafeBytes { header in
                try output.append(
                    FramedPacket(header: header, records: records, paddingCount: size - used, context: context))
            }
        }
        output.closeFile()
        let data = try #require(FileManager.default.contents(atPath: directory + "/chan_0"))
        let index = try #require(FileManager.default.contents(atPath: directory + "/index/chan_0.idx"))
        return (Array(data), Array(index))
    }

    static let counts = [
        0, 1, page - PacketContext.size, page - PacketContext.size + 1, 2 * page, 3 * page - PacketContext.size,
        5 * page + 17, 15 * page,
    ]

    @Test("records on page boundaries: the file and index are those of buffered writes", arguments: [0, 1, 100])
    func sameBytes(shift: Int) throws {
        let direct = try Self.write(directIO: true, recordCounts: Self.counts, shift: shift)
        let buffered = try Self.write(directIO: false, recordCounts: Self.counts, shift: shift)
        #expect(direct.data == buffered.data)
        #expect(direct.index == buffered.index)
        let expectedSize = Self.counts.reduce(0) {
            $0 + (PacketContext.size + $1 + Self.page - 1) / Self.page * Self.page
        }
        #expect(direct.data.count == expectedSize)
    }
}

/// A real stream whose sub-buffers are large enough for direct I/O.
@Suite("Direct I/O stream")
struct DirectIOStreamTests {
    @Test("a stream of 1 MiB sub-buffers written with direct I/O reads back every packet and value")
    func largeSubbuffersReadBack() throws {
        let subbufferSize = 1 << 20
        let stream = try TestStream(subbufferSize: subbufferSize, subbufferCount: 4)
        let counts = [10, TestStream.events(filling: subbufferSize), 5000, 1]
        for count in counts { try stream.writePacket(events: count) }
        let file = try stream.streamFile("chan0_0")
        #expect(file.packets.map(\.sequenceNumber) == [0, 1, 2, 3])
        #expect(file.values == Array(0..<UInt64(counts.reduce(0, +))))
    }
}
