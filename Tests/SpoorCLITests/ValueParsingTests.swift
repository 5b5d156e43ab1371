import Testing

@testable import SpoorCLI

@Suite("Option values are read as lttng reads them")
struct ValueParsingTests {
    @Test(
        "sizes take k, K, M and G suffixes and any base",
        arguments: [
            ("4096", 4096), ("4k", 4096), ("4K", 4096), ("5k", 5120), ("10M", 10_485_760), ("1G", 1_073_741_824),
            ("0x1000", 4096), ("010", 8), ("+8", 8), ("0", 0),
        ] as [(String, UInt64)])
    func sizes(text: String, bytes: UInt64) {
        #expect(ValueParsing.size(text) == bytes)
    }

    @Test(
        "sizes refuse other suffixes, signs and garbage",
        arguments: ["", "abc", "2g", "4kb", "-1", "4 k", "1T", "k", "99999999999999999999", "17179869184G"])
    func badSizes(text: String) {
        #expect(ValueParsing.size(text) == nil)
    }

    @Test(
        "durations are microseconds unless a unit says otherwise",
        arguments: [
            ("100", 100), ("100us", 100), ("5ms", 5000), ("2s", 2_000_000), ("1m", 60_000_000),
            ("1h", 3_600_000_000), ("0", 0),
        ] as [(String, UInt64)])
    func durations(text: String, microseconds: UInt64) {
        #expect(ValueParsing.microseconds(text) == microseconds)
    }

    @Test(
        "durations refuse hexadecimal, signs and unknown units",
        arguments: ["abc", "-1", "1d", "0x10", "1u", "", "5 s"])
    func badDurations(text: String) {
        #expect(ValueParsing.microseconds(text) == nil)
    }

    @Test("counts need a leading digit and, as in lttng, ignore what follows the number")
    func counts() {
        #expect(ValueParsing.leadingCount("3") == 3)
        #expect(ValueParsing.leadingCount("0x10") == 16)
        #expect(ValueParsing.leadingCount("010") == 8)
        #expect(ValueParsing.leadingCount("4abc") == 4)
        #expect(ValueParsing.leadingCount("abc") == nil)
        #expect(ValueParsing.leadingCount(" 4") == nil)
        #expect(ValueParsing.leadingCount("-1") == nil)
        #expect(ValueParsing.leadingCount("") == nil)
    }

    @Test(
        "sizes and counts round up to the next power of two",
        arguments: [
            (1, 1), (2, 2), (3, 4), (1000, 1024), (4096, 4096), (5120, 8192), (10_485_760, 16_777_216),
            (1 << 63, 1 << 63),
        ] as [(UInt64, UInt64)])
    func powerOfTwo(value: UInt64, rounded: UInt64) {
        #expect(ValueParsing.nextPowerOfTwo(value) == rounded)
    }

    @Test("rounding past 2^63 overflows")
    func powerOfTwoOverflow() {
        #expect(ValueParsing.nextPowerOfTwo((1 << 63) + 1) == nil)
        #expect(ValueParsing.nextPowerOfTwo(.max) == nil)
    }
}
