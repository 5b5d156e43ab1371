#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Text forms of field values, exactly as babeltrace2 2.0.4's `sink.text.pretty` writes them.
enum TextFormat {
    /// `<unknown>`, an enumeration value no label covers.
    static let unknownLabel = Array("<unknown>".utf8)
    /// ` : container = `, between an enumeration's labels and its value.
    static let containerLabel = Array(" : container = ".utf8)

    static func append(_ text: String, to out: inout [UInt8]) {
        out.append(contentsOf: text.utf8)
    }

    /// A string in double quotes with babeltrace2's escapes: `\\ \' \" \?`, the named C control
    /// escapes, `\xNN` for other control bytes; every other byte is copied as is.
    static func appendQuoted(_ bytes: some Sequence<UInt8>, to out: inout some TextSink) {
        appendQuoted(ArraySlice(bytes), to: &out)
    }

    /// `appendQuoted` for bytes in memory: runs of plain bytes are copied whole.
    static func appendQuoted(_ bytes: ArraySlice<UInt8>, to out: inout some TextSink) {
        out.append(UInt8(ascii: "\""))
        var runStart = bytes.startIndex
        var index = runStart
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte >= 0x20, byte != 0x5C, byte != 0x27, byte != 0x22, byte != 0x3F, byte != 0x7F {
                index += 1
                continue
            }
            bytes[runStart..<index].withUnsafeBytes { out.append(bytes: $0) }
            appendEscape(byte, to: &out)
            index += 1
            runStart = index
        }
        bytes[runStart..<index].withUnsafeBytes { out.append(bytes: $0) }
        out.append(UInt8(ascii: "\""))
    }

    /// The escape of one byte that `appendQuoted` does not copy as is.
    private static func appendEscape(_ byte: UInt8, to out: inout some TextSink) {
        out.append(0x5C)
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "?"): out.append(byte)
        case 0x07: out.append(UInt8(ascii: "a"))
        case 0x08: out.append(UInt8(ascii: "b"))
        case 0x09: out.append(UInt8(ascii: "t"))
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0B: out.append(UInt8(ascii: "v"))
        case 0x0C: out.append(UInt8(ascii: "f"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x1B: out.append(UInt8(ascii: "e"))
        case 0x00: out.append(UInt8(ascii: "0"))
        default:
            out.append(UInt8(ascii: "x"))
            appendPadded(UInt64(byte), radix: 16, width: 2, to: &out)
        }
    }

    /// "00" to "99", for writing decimal numbers two digits at a time (a static string: no
    /// reference counting, no lazy initialisation).
    private static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    /// Digits of `value` in `radix`, at least `width` of them (zero-padded).
    static func appendPadded(
        _ value: UInt64, radix: Int, width: Int = 1, uppercase: Bool = false, to out: inout some TextSink
    ) {
        // Digits are written backwards into a stack buffer, then appended in one go.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 80) { buffer in
            var index = buffer.count
            var rest = value
            if radix == 10 {
                // Two digits per division by a constant (which compiles to a multiplication).
                let pairs = digitPairs.utf8Start
                while rest >= 100 {
                    let pair = Int(truncatingIfNeeded: rest % 100) &* 2
                    rest /= 100
                    index -= 2
                    buffer[index] = pairs[pair]
                    buffer[index + 1] = pairs[pair + 1]
                }
                if rest >= 10 {
                    let pair = Int(truncatingIfNeeded: rest) &* 2
                    index -= 2
                    buffer[index] = pairs[pair]
                    buffer[index + 1] = pairs[pair + 1]
                } else {
                    index -= 1
                    buffer[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest)
                }
            } else {
                let base = UInt64(radix)
                let letter: UInt8 = uppercase ? UInt8(ascii: "A") - 10 : UInt8(ascii: "a") - 10
                repeat {
                    index -= 1
                    let digit = UInt8(truncatingIfNeeded: rest % base)
                    buffer[index] = digit < 10 ? UInt8(ascii: "0") + digit : letter + digit
                    rest /= base
                } while rest > 0
            }
            let first = buffer.count - min(max(width, 1), buffer.count)
            while index > first {
                index -= 1
                buffer[index] = UInt8(ascii: "0")
            }
            out.append(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer[index...])))
        }
    }

    static func appendSigned(_ value: Int64, to out: inout some TextSink) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        appendPadded(value.magnitude, radix: 10, to: &out)
    }

    /// An integer in its preferred base: decimal, `0x` + upper-case hex (masked to whole
    /// nibbles), `0` + octal (signed values masked to whole 3-bit groups), `0b` + every bit.
    static func appendInteger(_ raw: UInt64, _ layout: IntegerLayout, to out: inout [UInt8]) {
        appendInteger(raw, size: layout.size, base: layout.base, isSigned: layout.isSigned, to: &out)
    }

    /// `appendInteger(_:_:to:)` with the three properties of the layout that matter.
    static func appendInteger(
        _ raw: UInt64, size: Int, base: Int, isSigned: Bool, to out: inout some TextSink
    ) {
        switch base {
        case 16:
            var value = raw
            if size < 64 {
                let rounded = (size + 3) & ~3
                if rounded < 64 { value &= (1 << UInt64(rounded)) - 1 }
            }
            out.append(UInt8(ascii: "0"))
            out.append(UInt8(ascii: "x"))
            appendPadded(value, radix: 16, uppercase: true, to: &out)
        case 8:
            var value = raw
            if isSigned, size < 64 {
                let rounded = ((size - 1) / 3 + 1) * 3
                if rounded < 64 { value &= (1 << UInt64(rounded)) - 1 }
            }
            out.append(UInt8(ascii: "0"))
            appendPadded(value, radix: 8, to: &out)
        case 2:
            out.append(UInt8(ascii: "0"))
            out.append(UInt8(ascii: "b"))
            for bit in stride(from: size - 1, through: 0, by: -1) {
                out.append((raw >> UInt64(bit)) & 1 == 1 ? UInt8(ascii: "1") : UInt8(ascii: "0"))
            }
        default:
            if isSigned {
                appendSigned(Int64(bitPattern: raw), to: &out)
            } else {
                appendPadded(raw, radix: 10, to: &out)
            }
        }
    }

    /// `printf("%g", value)`.
    static func appendFloat(_ value: Double, to out: inout [UInt8]) {
        FloatFormat.appendShortest6(value, to: &out)
    }

    /// Makes the C library read `TZ` again, so that wall-clock times use the current time zone.
    static func resetTimeZone() {
        tzset()
    }
}

/// Formats event times as babeltrace2 does: `HH:MM:SS.nnnnnnnnn` in local time, and the delta
/// from the previous event as `+S.nnnnnnnnn` (`+?.?????????` for the first).
struct TimestampFormatter {
    /// Which civil time the wall-clock part is shown in.
    enum TimeZone: Sendable {
        /// The process's local time (`TZ`), as babeltrace2 shows by default.
        case local
        /// UTC (`babeltrace2 --clock-gmt`); lets tests avoid changing `TZ` for the process.
        case utc
    }

    let timeZone: TimeZone
    private var lastNanoseconds: Int64?
    private var hasFallenBackForNegativeTime = false
    /// `HH:MM:SS` of the last second shown: consecutive events mostly share it.
    private var cachedSecond: (seconds: UInt64, text: [UInt8])?

    init(timeZone: TimeZone = .local) {
        self.timeZone = timeZone
    }

    /// Appends `[time] (+delta) ` for an event at `nanoseconds` from the clock origin.
    mutating func appendTimeAndDelta(_ nanoseconds: Int64, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        appendWallClock(nanoseconds, to: &out)
        out.append(UInt8(ascii: "]"))
        out.append(UInt8(ascii: " "))
        out.append(UInt8(ascii: "("))
        if let lastNanoseconds {
            let delta = UInt64(bitPattern: nanoseconds &- lastNanoseconds)
            out.append(UInt8(ascii: "+"))
            TextFormat.appendPadded(delta / 1_000_000_000, radix: 10, to: &out)
            out.append(UInt8(ascii: "."))
            TextFormat.appendPadded(delta % 1_000_000_000, radix: 10, width: 9, to: &out)
        } else {
            TextFormat.append("+?.?????????", to: &out)
        }
        out.append(UInt8(ascii: ")"))
        out.append(UInt8(ascii: " "))
        lastNanoseconds = nanoseconds
    }

    private mutating func appendWallClock(_ nanoseconds: Int64, to out: inout [UInt8]) {
        let seconds = nanoseconds / 1_000_000_000
        let fraction = nanoseconds % 1_000_000_000
        let isNegative = seconds < 0 || fraction < 0
        let absoluteSeconds = seconds.magnitude
        let absoluteFraction = fraction.magnitude
        // babeltrace2 prints the first negative time as seconds (with a warning on stderr) and
        // later ones as the local time of their absolute value.
        var useSeconds = false
        if isNegative, !hasFallenBackForNegativeTime {
            hasFallenBackForNegativeTime = true
            useSeconds = true
        }
        if !useSeconds, let cachedSecond, cachedSecond.seconds == absoluteSeconds {
            out += cachedSecond.text
        } else if !useSeconds, let clock = Self.civilTime(absoluteSeconds, timeZone) {
            var text: [UInt8] = []
            TextFormat.appendPadded(UInt64(clock.hour), radix: 10, width: 2, to: &text)
            text.append(UInt8(ascii: ":"))
            TextFormat.appendPadded(UInt64(clock.minute), radix: 10, width: 2, to: &text)
            text.append(UInt8(ascii: ":"))
            TextFormat.appendPadded(UInt64(clock.second), radix: 10, width: 2, to: &text)
            cachedSecond = (absoluteSeconds, text)
            out += text
        } else {
            if isNegative { out.append(UInt8(ascii: "-")) }
            TextFormat.appendPadded(absoluteSeconds, radix: 10, to: &out)
        }
        out.append(UInt8(ascii: "."))
        TextFormat.appendPadded(absoluteFraction, radix: 10, width: 9, to: &out)
    }

    private static func civilTime(
        _ seconds: UInt64, _ timeZone: TimeZone
    ) -> (hour: Int32, minute: Int32, second: Int32)? {
        guard let value = time_t(exactly: seconds) else { return nil }
        var time = value
        var broken = tm()
        let converted =
            switch timeZone {
            case .local: localtime_r(&time, &broken)
            case .utc: gmtime_r(&time, &broken)
            }
        guard converted != nil else { return nil }
        return (broken.tm_hour, broken.tm_min, broken.tm_sec)
    }
}
