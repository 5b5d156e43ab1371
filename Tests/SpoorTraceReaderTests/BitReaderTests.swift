import Testing

@testable import SpoorTraceReader

@Suite("Bit field reading")
struct BitReaderTests {
    @Test("little-endian bit fields count from the least significant bit of each byte")
    func littleEndianBitFields() throws {
        // b3 = 5, b7 = -3 (7 bits), b6 = 33: 0b100001_1111101_101 = 0x87ED.
        var reader = BitReader(bytes: [0xED, 0x87])
        #expect(try reader.readBits(3, byteOrder: .littleEndian) == 5)
        #expect(try reader.readBits(7, byteOrder: .littleEndian) == 0x7D)
        #expect(try reader.readBits(6, byteOrder: .littleEndian) == 33)
        #expect(reader.remainingBits == 0)
    }

    @Test("big-endian bit fields count from the most significant bit")
    func bigEndianBitFields() throws {
        var reader = BitReader(bytes: [0xAB, 0xC5])
        #expect(try reader.readBits(12, byteOrder: .bigEndian) == 0xABC)
        #expect(try reader.readBits(4, byteOrder: .bigEndian) == 5)
    }

    @Test(
        "fields written by BitWriter read back at every bit offset and size",
        arguments: [ByteOrder.littleEndian, .bigEndian], [1, 5, 8, 13, 27, 32, 33, 63, 64])
    func roundTrip(order: ByteOrder, size: Int) throws {
        let value: UInt64 = 0xF0E1_D2C3_B4A5_9687 & (size == 64 ? .max : (1 << UInt64(size)) - 1)
        for offset in 0..<8 {
            var writer = BitWriter()
            writer.write(0, bits: offset, bigEndian: order == .bigEndian)
            writer.write(value, bits: size, bigEndian: order == .bigEndian)
            var reader = BitReader(bytes: writer.bytes, position: offset)
            #expect(try reader.readBits(size, byteOrder: order) == value, "offset \(offset)")
        }
    }

    @Test("reads past the limit throw and leave the reader usable")
    func truncation() throws {
        var reader = BitReader(bytes: [1, 2, 3], limit: 20)
        #expect(try reader.readBits(16, byteOrder: .littleEndian) == 0x0201)
        #expect(throws: DecodeError.self) { try reader.readBits(5, byteOrder: .littleEndian) }
        #expect(try reader.readBits(4, byteOrder: .littleEndian) == 3)
        #expect(throws: DecodeError.self) { try reader.align(8) }
        var strings = BitReader(bytes: Array("ab".utf8))
        #expect(throws: DecodeError.self) { try strings.readString() }
    }

    @Test("strings stop at NUL and are byte aligned")
    func strings() throws {
        var reader = BitReader(bytes: [0xFF] + Array("hi\0yo\0".utf8), position: 3)
        #expect(Array(try reader.readString()) == Array("hi".utf8))
        #expect(Array(try reader.readString()) == Array("yo".utf8))
        #expect(reader.remainingBits == 0)
    }
}
