import Testing

@testable import SpoorTraceReader

/// The reader's own number formatting agrees with the C library's on every value tried.
@Suite("fast text forms agree with the C library")
struct FastFormatTests {
    static func fast(_ value: Double) -> String {
        var out: [UInt8] = []
        FloatFormat.appendShortest6(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func reference(_ value: Double) -> String {
        var out: [UInt8] = []
        FloatFormat.appendWithCLibrary(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Values where rounding to six digits is hardest: ties, carries, powers of ten.
    static let edgeValues: [Double] = {
        var values: [Double] = [
            0.5, 1.5, 2.5, 123456.5, 1234565, 1234575, 999999.5, 9999995, 0.0001, 0.00009999995, 0.000099999,
            1e-5, 1e15, 1e16, 1e17, 1e22, 1e23, 123456789012345678, 5e-324, 2.2250738585072014e-308,
            .greatestFiniteMagnitude,
            Double(Float.greatestFiniteMagnitude), 3.14159265358979, 2.718281828, 1.0 / 3.0, 2.0 / 3.0, 100000, 999999,
            1000000, 0.1, 0.2, 0.3, 1e-4, 9.999995e-5, 4503599627370496.5, 9007199254740993,
        ]
        var power = 1e-30
        while power < 1e30 {
            values += [power, power.nextUp, power.nextDown, power * 5, power * 9.999995, power * 1.000005]
            power *= 10
        }
        return values + values.map { -$0 }
    }()

    @Test("edge values: ties, carries, powers of ten")
    func edges() {
        for value in Self.edgeValues {
            #expect(Self.fast(value) == Self.reference(value), "value \(value)")
        }
    }

    @Test("what tracepoints record: i + 0.5 as float, i × 0.25 as double, for a million i")
    func countingValues() {
        var mismatches = 0
        for i in stride(from: 0, to: 2_000_000, by: 7) {
            for value in [Double(Float(i) + 0.5), Double(i) * 0.25, Double(i) / 1000, Double(i) * 1e-9] {
                if Self.fast(value) != Self.reference(value) {
                    mismatches += 1
                    Issue.record("value \(value): \(Self.fast(value)) vs \(Self.reference(value))")
                    if mismatches > 5 { return }
                }
            }
        }
    }

    @Test("random bit patterns")
    func randomBits() {
        var generator = SystemRandomNumberGenerator()
        var mismatches = 0
        for _ in 0..<200_000 {
            let value = Double(bitPattern: generator.next())
            if Self.fast(value) != Self.reference(value) {
                mismatches += 1
                let bits = String(value.bitPattern, radix: 16)
                Issue.record("bits 0x\(bits): \(Self.fast(value)) vs \(Self.reference(value))")
                if mismatches > 5 { return }
            }
        }
    }

    @Test("decimal and hexadecimal digits, with padding")
    func padded() {
        for value: UInt64 in [0, 1, 9, 10, 99, 100, 12345, UInt64(Int64.max), .max] {
            var decimal: [UInt8] = []
            TextFormat.appendPadded(value, radix: 10, width: 9, to: &decimal)
            let digits = String(value)
            let padding = String(repeating: "0", count: max(0, 9 - digits.count))
            #expect(String(decoding: decimal, as: UTF8.self) == padding + digits)
            var hex: [UInt8] = []
            TextFormat.appendPadded(value, radix: 16, uppercase: true, to: &hex)
            #expect(String(decoding: hex, as: UTF8.self) == String(value, radix: 16, uppercase: true))
        }
    }

    @Test("escapes in runs of plain text")
    func quoted() {
        var out: [UInt8] = []
        TextFormat.appendQuoted(Array("a\\b'c\"d?e\u{7}\n\u{1}\u{7F}é".utf8)[...], to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "\"a\\\\b\\'c\\\"d\\?e\\a\\n\\x01\\x7fé\"")
    }
}
