import Foundation
import SpoorCTF
import SpoorConsumer
import SpoorPosix
import Testing

/// Packets written where they lie (header from the framer, records from the source, padding
/// from a zero block, one `writev`) are the bytes a copy would have written.
@Suite("In-place packet writes")
struct InPlaceWriteTests {
    typealias Driver = StreamDriver<InMemoryPacketSource, InMemoryTraceOutput>

    /// Drains the same packets through a source that asks for copies and one that does not.
    private static func drained(packetsStayPut: Bool) throws -> InMemoryTraceOutput.File? {
        let source = InMemoryPacketSource(
            maximumPacketSize: 4096, packetCapacity: 8, packetAlignment: 1024, packetsStayPut: packetsStayPut)
        let output = InMemoryTraceOutput()
        let driver = try Driver(
            source: source, output: output, directory: "/trace",
            configuration: StreamConfiguration(channelName: "chan", streamID: 3, cpu: 0, uuid: Array(0..<16)),
            clock: { 1 })
        for (index, size) in [0, 1, 940, 1000, 4096 - PacketContext.size].enumerated() {
            source.record((0..<size).map { UInt8(truncatingIfNeeded: $0 &+ index) }, at: UInt64(100 * index))
            source.closePacket(at: UInt64(100 * index + 50))
            source.discard(UInt64(index))
        }
        #expect(try driver.drain() == 5)
        return output.files["/trace/chan_0"]
    }

    @Test("a stream written in place holds the bytes and index a copied stream holds")
    func inPlaceMatchesCopy() throws {
        let copied = try #require(try Self.drained(packetsStayPut: false))
        let inPlace = try #require(try Self.drained(packetsStayPut: true))
        #expect(inPlace == copied)
        #expect(copied.index.count == 5)
    }

    @Test("an index entry written to memory is its encoding")
    func indexEntryWrite() {
        let entry = IndexEntry(
            offset: 0x0102_0304_0506_0708, packetSize: 8192, contentSize: 7000, timestampBegin: 11, timestampEnd: 12,
            eventsDiscarded: 13, streamID: 14, streamInstanceID: 15, sequenceNumber: 16)
        var bytes = [UInt8](repeating: 0xFF, count: IndexEntry.size + 1)
        bytes.withUnsafeMutableBytes { entry.write(to: $0.baseAddress! + 1) }
        #expect(Array(bytes[1...]) == entry.encoded)
        #expect(bytes[0] == 0xFF)
    }

    @Test("a local trace file gets header, records and long padding in order, and its index the entry")
    func localOutputWritesAllParts() throws {
        let directory = NSTemporaryDirectory() + "spoor-inplace-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var output = LocalTraceOutput(directIO: false)
        try output.openChunk(directory: directory)
        try output.openFile(named: "chan_0", in: directory)
        let header = [UInt8](repeating: 0xAA, count: PacketContext.size)
        let records = (0..<5000).map { UInt8(truncatingIfNeeded: $0) }
        // Padding longer than the zero block, so it takes several pieces.
        let padding = 200_000
        let context = PacketContext(
            uuid: Array(0..<16), streamID: 0, streamInstanceID: 0, timestampBegin: 1, timestampEnd: 2,
            contentSize: UInt64(header.count + records.count) * 8,
            packetSize: UInt64(header.count + records.count + padding) * 8, sequenceNumber: 0, eventsDiscarded: 0,
            cpuID: 0)
        for _ in 0..<2 {
            try header.withUnsafeBytes { header in
                try records.withUnsafeBytes { records in
                    try output.append(
                        FramedPacket(header: header, records: records, paddingCount: padding, context: context))
                }
            }
        }
        output.closeFile()
        let packet = header + records + [UInt8](repeating: 0, count: padding)
        let data = try #require(FileManager.default.contents(atPath: directory + "/chan_0"))
        #expect(Array(data) == packet + packet)
        let index = try #require(FileManager.default.contents(atPath: directory + "/index/chan_0.idx"))
        let expected =
            IndexFile.header + IndexFile.entry(for: context, offset: 0).encoded
            + IndexFile.entry(for: context, offset: UInt64(packet.count)).encoded
        #expect(Array(index) == expected)
    }
}
