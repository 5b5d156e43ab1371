import Testing

@testable import SpoorTraceReader

@Suite("babeltrace2's text forms")
struct TextFormatTests {
    static func integer(_ raw: UInt64, size: Int, signed: Bool, base: Int) -> String {
        var out: [UInt8] = []
        let layout = IntegerLayout(
            size: size, alignment: 8, isSigned: signed, byteOrder: .littleEndian, base: base, isText: false, clock: nil,
            role: .none, slot: 0, isShown: true)
        TextFormat.appendInteger(raw, layout, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test(
        "integers in their preferred base",
        arguments: [
            (UInt64(42), 32, false, 10, "42"),
            (UInt64(bitPattern: -42), 32, true, 10, "-42"),
            (UInt64.max, 64, false, 10, "18446744073709551615"),
            (UInt64(0xABCDEF), 32, false, 16, "0xABCDEF"),
            (UInt64(bitPattern: -2), 32, true, 16, "0xFFFFFFFE"),
            (UInt64(bitPattern: -1), 5, true, 16, "0xFF"),
            (UInt64(0), 64, true, 16, "0x0"),
            (UInt64(bitPattern: -3), 16, true, 8, "0777775"),
            (UInt64(0), 16, false, 8, "00"),
            (UInt64(0o177777), 16, false, 8, "0177777"),
            (UInt64(0x85), 8, true, 2, "0b10000101"),
            (UInt64(1), 3, false, 2, "0b001"),
        ])
    func integers(raw: UInt64, size: Int, signed: Bool, base: Int, expected: String) {
        #expect(Self.integer(raw, size: size, signed: signed, base: base) == expected)
    }

    @Test(
        "floating point numbers as printf's %g",
        arguments: [
            (0.0, "0"), (-0.0, "-0"), (1.5, "1.5"), (0.1, "0.1"), (1e-7, "1e-07"), (123456789.0, "1.23457e+08"),
            (100000.0, "100000"), (1e6, "1e+06"), (.infinity, "inf"), (-.infinity, "-inf"), (.nan, "nan"),
            (Double(Float(1.1)), "1.1"),
        ])
    func floats(value: Double, expected: String) {
        var out: [UInt8] = []
        TextFormat.appendFloat(value, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == expected)
    }

    @Test("strings are quoted with babeltrace2's escapes")
    func quoting() {
        var out: [UInt8] = []
        TextFormat.appendQuoted(
            [0x5C, 0x27, 0x22, 0x3F, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B, 0x01, 0x7F, 0x41, 0xC3, 0xA9],
            to: &out)
        #expect(String(decoding: out, as: UTF8.self) == #""\\\'\"\?\a\b\t\n\v\f\r\e\x01\x7fAé""#)
    }

    @Test("times: wall clock, delta from the previous event, unknown first delta")
    func timesAndDeltas() {
        var formatter = TimestampFormatter(timeZone: .utc)
        var out: [UInt8] = []
        formatter.appendTimeAndDelta(1_767_225_600_123_456_789, to: &out)
        formatter.appendTimeAndDelta(1_767_229_261_123_456_790, to: &out)
        #expect(
            String(decoding: out, as: UTF8.self)
                == "[00:00:00.123456789] (+?.?????????) [01:01:01.123456790] (+3661.000000001) ")
    }

    @Test("negative times: the first as seconds, later ones as the time of their absolute value")
    func negativeTimes() {
        var formatter = TimestampFormatter(timeZone: .utc)
        var out: [UInt8] = []
        formatter.appendTimeAndDelta(-1_500_000_000, to: &out)
        formatter.appendTimeAndDelta(-3_661_000_000_001, to: &out)
        #expect(
            String(decoding: out, as: UTF8.self)
                == "[-1.500000000] (+?.?????????) [01:01:01.000000001] (+18446740414.209551615) ")
    }
}
