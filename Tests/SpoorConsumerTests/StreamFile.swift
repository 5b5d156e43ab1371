import Foundation
import SpoorCTF
import Testing

/// A stream file read back from disk, checked against its index as babeltrace2 would check it
/// (spec/ctf-lttng.md §4.2, §5): the file is a whole number of packets, and the index is its
/// 16-byte header then one 72-byte big-endian entry per packet, with offsets from the start of
/// this file and the packet's own header and context fields.
struct StreamFile {
    let name: String
    let size: Int
    /// The packets in file order.
    let packets: [PacketContext]
    /// The `value` of every event in the file, in file order.
    let values: [UInt64]

    init(directory: String, name: String) throws {
        self.name = name
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
        let index = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/index/" + name + ".idx")))
        size = bytes.count

        var packets: [PacketContext] = []
        var values: [UInt64] = []
        var offset = 0
        while offset < bytes.count {
            let packet = try #require(
                PacketContext.decode(bytes[offset...]), "\(name): no packet header at offset \(offset)")
            let packetBytes = Int(packet.packetSize / 8)
            try #require(packet.packetSize % (4096 * 8) == 0, "\(name): packet at \(offset) is not whole pages")
            try #require(packet.contentSize <= packet.packetSize, "\(name): content past the packet at \(offset)")
            try #require(offset + packetBytes <= bytes.count, "\(name): packet at \(offset) runs past the end")
            values += try Self.values(in: bytes[(offset + PacketContext.size)..<(offset + Int(packet.contentSize / 8))])
            #expect(
                bytes[(offset + Int(packet.contentSize / 8))..<(offset + packetBytes)].allSatisfy { $0 == 0 },
                "\(name): padding of the packet at \(offset) is not zeros")
            packets.append(packet)
            offset += packetBytes
        }
        self.packets = packets
        self.values = values

        #expect(Array(index.prefix(IndexFile.headerSize)) == IndexFile.header, "\(name): index header")
        #expect(index.count == IndexFile.headerSize + packets.count * IndexEntry.size, "\(name): index length")
        var packetOffset: UInt64 = 0
        for (number, packet) in packets.enumerated() {
            let start = IndexFile.headerSize + number * IndexEntry.size
            guard start + IndexEntry.size <= index.count else { break }
            let expected = IndexFile.entry(for: packet, offset: packetOffset).encoded
            #expect(Array(index[start..<(start + IndexEntry.size)]) == expected, "\(name): index entry \(number)")
            packetOffset += packet.packetSize / 8
        }
        #expect(packetOffset == UInt64(size), "\(name): packet sizes add up to the file size")
    }

    /// Decodes the `spoor_test:value` records of one packet's content.
    static func values(in content: ArraySlice<UInt8>) throws -> [UInt64] {
        var values: [UInt64] = []
        var offset = content.startIndex
        func integer<T: FixedWidthInteger>(_: T.Type) throws -> T {
            let size = MemoryLayout<T>.size
            try #require(offset + size <= content.endIndex, "record cut at \(offset)")
            var value: T = 0
            for byte in content[offset..<(offset + size)].reversed() { value = value << 8 | T(byte) }
            offset += size
            return value
        }
        while offset < content.endIndex {
            let id = try integer(UInt16.self)
            if id == EventHeaderLayout.extendedID {
                #expect(try integer(UInt32.self) == 0)
                _ = try integer(UInt64.self)  // timestamp
            } else {
                #expect(id == 0)
                _ = try integer(UInt32.self)  // timestamp, low 32 bits
            }
            values.append(try integer(UInt64.self))
        }
        return values
    }
}
