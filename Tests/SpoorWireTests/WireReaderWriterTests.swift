import SpoorWire
import Testing

@Suite("WireWriter and WireReader primitives")
struct WireReaderWriterTests {
    @Test("integers are written little-endian at their natural width")
    func integersAreLittleEndian() {
        var writer = WireWriter()
        writer.write(UInt8(0xAB))
        writer.write(Int16(-2))
        writer.write(UInt32(0x0102_0304))
        writer.write(Int64.min)
        writer.write(UInt64(0x1122_3344_5566_7788))
        #expect(
            writer.bytes == [
                0xAB,
                0xFE, 0xFF,
                0x04, 0x03, 0x02, 0x01,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80,
                0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11,
            ])
    }

    @Test("integers read back with their sign, including the most negative")
    func integersReadBack() throws {
        var reader = WireReader([
            0xFF,
            0xFE, 0xFF,
            0xFF, 0xFF, 0xFF, 0xFF,
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80,
            0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        ])
        #expect(try reader.read(Int8.self) == -1)
        #expect(try reader.read(Int16.self) == -2)
        #expect(try reader.read(UInt32.self) == UInt32.max)
        #expect(try reader.read(Int64.self) == Int64.min)
        #expect(reader.position == 15)
        #expect(try reader.read(UInt64.self) == UInt64.max)
        #expect(reader.remaining == 0)
        try reader.finish()
    }

    @Test("booleans are one byte, 0 or 1; anything else is refused")
    func booleans() throws {
        var writer = WireWriter()
        writer.write(true)
        writer.write(false)
        #expect(writer.bytes == [0x01, 0x00])

        for byte in [UInt8(2), 0x7F, 0xFF] {
            var reader = WireReader([byte])
            #expect(throws: WireError.invalidValue("boolean \(byte)")) { _ = try reader.read() as Bool }
        }
    }

    @Test("strings are a u32 byte count then UTF-8")
    func strings() throws {
        var writer = WireWriter()
        writer.write("")
        writer.write("é!")
        #expect(writer.bytes == [0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0xC3, 0xA9, 0x21])

        var reader = WireReader(writer.bytes)
        #expect(try reader.read() as String == "")
        #expect(try reader.read() as String == "é!")
        try reader.finish()
    }

    @Test("invalid UTF-8 in a string never traps")
    func invalidUTF8NeverTraps() {
        var reader = WireReader([0x03, 0x00, 0x00, 0x00, 0xFF, 0xC3, 0x28])
        // Either repaired or refused; what matters is that hostile bytes do not trap.
        if let text = try? reader.read() as String {
            #expect(!text.isEmpty)
        }
    }

    @Test("byte arrays are a u32 count then the bytes")
    func byteArrays() throws {
        var writer = WireWriter()
        writer.write([UInt8]([0xDE, 0xAD]))
        #expect(writer.bytes == [0x02, 0x00, 0x00, 0x00, 0xDE, 0xAD])
        var reader = WireReader(writer.bytes)
        #expect(try reader.read() as [UInt8] == [0xDE, 0xAD])
        try reader.finish()
    }

    @Test("optionals are a presence byte then the value")
    func optionals() throws {
        var writer = WireWriter()
        writer.write(String?.none)
        writer.write(String?.some("a"))
        writer.write(UInt64?.none)
        writer.write(UInt64?.some(2))
        #expect(
            writer.bytes == [
                0x00,
                0x01, 0x01, 0x00, 0x00, 0x00, 0x61,
                0x00,
                0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            ])

        var reader = WireReader(writer.bytes)
        #expect(try reader.read(String?.self) == nil)
        #expect(try reader.read(String?.self) == "a")
        #expect(try reader.read(UInt64?.self) == nil)
        #expect(try reader.read(UInt64?.self) == 2)
        try reader.finish()
    }

    @Test("a presence byte other than 0 or 1 is refused")
    func invalidPresenceByte() {
        var strings = WireReader([0x02, 0x00, 0x00, 0x00, 0x00])
        #expect(throws: WireError.invalidValue("boolean 2")) { _ = try strings.read(String?.self) }
        var numbers = WireReader([0xFF] + Array(repeating: 0, count: 8))
        #expect(throws: WireError.invalidValue("boolean 255")) { _ = try numbers.read(UInt64?.self) }
    }

    @Test("every read past the end is truncated", arguments: 0...8)
    func readsPastTheEndAreTruncated(available: Int) {
        let bytes = Array(repeating: UInt8(0), count: available)
        func attempt(_ read: (inout WireReader) throws(WireError) -> Void) -> WireError? {
            var reader = WireReader(bytes)
            do {
                try read(&reader)
                return nil
            } catch {
                return error
            }
        }
        #expect(
            attempt { reader throws(WireError) in _ = try reader.read() as UInt8 }
                == (available < 1 ? .truncated : nil))
        #expect(
            attempt { reader throws(WireError) in _ = try reader.read(UInt16.self) }
                == (available < 2 ? .truncated : nil))
        #expect(
            attempt { reader throws(WireError) in _ = try reader.read(Int32.self) }
                == (available < 4 ? .truncated : nil))
        #expect(
            attempt { reader throws(WireError) in _ = try reader.read(UInt64.self) }
                == (available < 8 ? .truncated : nil))
    }

    @Test("a length longer than what is left is truncated without reading past the end")
    func lengthsBeyondTheMessageAreTruncated() {
        var string = WireReader(littleEndian(5) + [0x61, 0x62])
        #expect(throws: WireError.truncated) { _ = try string.read() as String }
        var bytes = WireReader(littleEndian(3) + [0x01])
        #expect(throws: WireError.truncated) { _ = try bytes.read() as [UInt8] }
        // The largest accepted count passes the size check, then finds the bytes missing.
        var largest = WireReader(littleEndian(UInt32(WireReader.maximumCount)))
        #expect(throws: WireError.truncated) { _ = try largest.read() as String }
    }

    @Test(
        "absurd lengths are refused before anything is allocated",
        arguments: [
            UInt32.max, 0x8000_0000, UInt32(WireReader.maximumCount) + 1,
        ])
    func absurdLengthsAreTooLarge(count: UInt32) {
        var string = WireReader(littleEndian(count))
        #expect(throws: WireError.tooLarge("string")) { _ = try string.read() as String }
        var bytes = WireReader(littleEndian(count))
        #expect(throws: WireError.tooLarge("byte array")) { _ = try bytes.read() as [UInt8] }
        var strings = WireReader(littleEndian(count))
        #expect(throws: WireError.tooLarge("string array")) { _ = try strings.readStrings() }
        var targets = WireReader(littleEndian(count))
        #expect(throws: WireError.tooLarge("array")) { _ = try targets.read([EventTarget].self) }
    }

    @Test("an array count larger than the bytes left is truncated before reserving space")
    func arrayCountsBeyondTheMessageAreTruncated() {
        var targets = WireReader(littleEndian(UInt32(WireReader.maximumCount)) + [0x00])
        #expect(throws: WireError.truncated) { _ = try targets.read([EventTarget].self) }
        var strings = WireReader(littleEndian(1000) + littleEndian(0))
        #expect(throws: WireError.truncated) { _ = try strings.readStrings() }
    }

    @Test("string arrays are a u32 count then each string")
    func stringArrays() throws {
        var writer = WireWriter()
        writer.writeStrings(["a", ""])
        #expect(
            writer.bytes == [
                0x02, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00, 0x00,
            ])
        var reader = WireReader(writer.bytes)
        #expect(try reader.readStrings() == ["a", ""])
        try reader.finish()
    }

    @Test("finish reports how many bytes were left over")
    func finishReportsLeftovers() throws {
        var reader = WireReader([0x01, 0x02, 0x03])
        #expect(throws: WireError.trailingBytes(3)) { try reader.finish() }
        _ = try reader.read() as UInt8
        #expect(throws: WireError.trailingBytes(2)) { try reader.finish() }
    }
}
