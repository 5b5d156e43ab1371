/// The number syntaxes of `lttng` option values, parsed as lttng-tools parses them.
///
/// `--subbuf-size` and `--tracefile-size` use `utils_parse_size_suffix()`, the timers
/// `utils_parse_time_suffix()`, and the counts `strtoull(arg, NULL, 0)` with a leading-digit
/// check (lttng-tools `src/common/utils.c`, `src/bin/lttng/commands/enable_channels.c`).
enum ValueParsing {
    /// `strtoull(text, &end, base)` on an unsigned number: the value and what follows it.
    ///
    /// Leading blanks and one `+` are skipped; base 0 reads `0x…` as hexadecimal and `0…` as
    /// octal. Returns `nil` when no digit was read or the value overflows (`ERANGE`).
    static func unsignedPrefix(of text: Substring, base: Int) -> (value: UInt64, rest: Substring)? {
        var index = text.startIndex
        while index < text.endIndex, text[index] == " " || text[index] == "\t" || text[index] == "\n" {
            index = text.index(after: index)
        }
        if index < text.endIndex, text[index] == "+" { index = text.index(after: index) }
        var radix = base
        let afterPrefix = text[index...]
        if radix == 0 || radix == 16, afterPrefix.hasPrefix("0x") || afterPrefix.hasPrefix("0X") {
            let digits = afterPrefix.dropFirst(2)
            if let first = digits.first, first.isHexDigit {
                radix = 16
                index = digits.startIndex
            } else if radix == 0 {
                // "0x" with no hex digit: strtoull reads the "0" and stops at the "x".
                radix = 8
            }
        } else if radix == 0 {
            radix = afterPrefix.hasPrefix("0") ? 8 : 10
        }
        var value: UInt64 = 0
        var sawDigit = false
        var overflowed = false
        while index < text.endIndex, let digit = text[index].hexDigitValue, digit < radix {
            sawDigit = true
            let (shifted, multiplyOverflow) = value.multipliedReportingOverflow(by: UInt64(radix))
            let (sum, addOverflow) = shifted.addingReportingOverflow(UInt64(digit))
            overflowed = overflowed || multiplyOverflow || addOverflow
            value = sum
            index = text.index(after: index)
        }
        guard sawDigit, !overflowed else { return nil }
        return (value, text[index...])
    }

    /// A size as `utils_parse_size_suffix()` reads it: a base-0 number and an optional `k`/`K`
    /// (KiB), `M` (MiB) or `G` (GiB) suffix, nothing else, no `-`.
    static func size(_ text: String) -> UInt64? {
        guard !text.contains("-"), let (base, rest) = unsignedPrefix(of: text[...], base: 0) else { return nil }
        let shift: UInt64
        switch rest {
        case "": shift = 0
        case "k", "K": shift = 10
        case "M": shift = 20
        case "G": shift = 30
        default: return nil
        }
        let value = base << shift
        guard value >> shift == base else { return nil }
        return value
    }

    /// A duration in microseconds as `utils_parse_time_suffix()` reads it: a decimal number and
    /// an optional `us`, `ms`, `s`, `m` or `h` suffix (no suffix is microseconds), no `-`.
    static func microseconds(_ text: String) -> UInt64? {
        guard !text.contains("-"), let (base, rest) = unsignedPrefix(of: text[...], base: 10) else { return nil }
        let multiplier: UInt64
        switch rest {
        case "", "us": multiplier = 1
        case "ms": multiplier = 1_000
        case "s": multiplier = 1_000_000
        case "m": multiplier = 60_000_000
        case "h": multiplier = 3_600_000_000
        default: return nil
        }
        let (value, overflow) = base.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : value
    }

    /// A count as lttng reads `--num-subbuf` and `--tracefile-count`: `strtoull(arg, NULL, 0)`
    /// when the text starts with a digit. As in lttng, anything after the number is ignored.
    static func leadingCount(_ text: String) -> UInt64? {
        guard let first = text.first, first.isASCII, first.isNumber else { return nil }
        return unsignedPrefix(of: text[...], base: 0)?.value
    }

    /// The smallest power of two that is at least `value` (`1 << get_count_order_u64(value)`),
    /// or `nil` when it does not fit in 64 bits. `value` must not be 0.
    static func nextPowerOfTwo(_ value: UInt64) -> UInt64? {
        precondition(value > 0, "0 has no count order")
        if value & (value - 1) == 0 { return value }
        let order = UInt64.bitWidth - (value - 1).leadingZeroBitCount
        return order < UInt64.bitWidth ? 1 << UInt64(order) : nil
    }
}
