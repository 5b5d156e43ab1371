#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `printf("%g", value)` (six significant digits) without the C library's general-purpose
/// conversion, which costs more than decoding a whole event.
///
/// The digits are computed exactly: the value is a fraction `N / D` of two 128-bit integers
/// (a double is `m × 2^e`, scaled by a power of ten), so the quotient and the remainder decide
/// the rounding exactly as glibc does (round half to even, on the exact binary value). Values
/// whose fraction does not fit in 128 bits (very large or very small exponents) and non-finite
/// values go to the C library instead.
enum FloatFormat {
    /// Powers of ten that fit in a `UInt128` (10^0 … 10^38).
    private static let powersOfTen: [UInt128] = {
        var powers: [UInt128] = [1]
        for _ in 1...38 { powers.append(powers[powers.count - 1] * 10) }
        return powers
    }()

    /// Appends `value` as `%g` prints it.
    static func appendShortest6(_ value: Double, to out: inout some TextSink) {
        if value == 0 {
            if value.sign == .minus { out.append(UInt8(ascii: "-")) }
            out.append(UInt8(ascii: "0"))
            return
        }
        guard value.isFinite, let (digits, exponent) = sixDigits(value.magnitude) else {
            appendWithCLibrary(value, to: &out)
            return
        }
        if value.sign == .minus { out.append(UInt8(ascii: "-")) }
        // The six digits, most significant first.
        var text: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0)
        var rest = digits
        withUnsafeMutableBytes(of: &text) { bytes in
            for index in stride(from: 5, through: 0, by: -1) {
                bytes[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
        }
        withUnsafeBytes(of: &text) { bytes in
            // %g drops trailing zeros of the fraction (and the point when none is left).
            var significant = 6
            while significant > 1, bytes[significant - 1] == UInt8(ascii: "0") { significant -= 1 }
            if exponent >= -4, exponent < 6 {
                if exponent < 0 {
                    out.append(UInt8(ascii: "0"))
                    out.append(UInt8(ascii: "."))
                    for _ in 0..<(-exponent - 1) { out.append(UInt8(ascii: "0")) }
                    out.append(bytes: UnsafeRawBufferPointer(rebasing: bytes[0..<significant]))
                } else {
                    let integerDigits = exponent + 1
                    out.append(bytes: UnsafeRawBufferPointer(rebasing: bytes[0..<integerDigits]))
                    if significant > integerDigits {
                        out.append(UInt8(ascii: "."))
                        out.append(bytes: UnsafeRawBufferPointer(rebasing: bytes[integerDigits..<significant]))
                    }
                }
            } else {
                out.append(bytes[0])
                if significant > 1 {
                    out.append(UInt8(ascii: "."))
                    out.append(bytes: UnsafeRawBufferPointer(rebasing: bytes[1..<significant]))
                }
                out.append(UInt8(ascii: "e"))
                out.append(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
                let magnitude = exponent.magnitude
                if magnitude < 10 { out.append(UInt8(ascii: "0")) }
                TextFormat.appendPadded(UInt64(magnitude), radix: 10, to: &out)
            }
        }
    }

    /// The value rounded to six significant digits `d` (100000 ≤ d ≤ 999999) and the decimal
    /// exponent of the first one; nil when the exact computation does not fit in 128 bits.
    static func sixDigits(_ magnitude: Double) -> (digits: UInt64, exponent: Int)? {
        let significand = magnitude.significandBitPattern | (magnitude.isNormal ? 1 << 52 : 0)
        let binaryExponent = Int(magnitude.exponent) - 52
        // log10(2) × the binary exponent: at most one off, which the loop corrects.
        var exponent = Int((Double(magnitude.exponent) * 0.301_029_995_663_981_2).rounded(.down))
        // Correct the guess until six digits come out.
        for _ in 0..<4 {
            guard let (quotient, remainder, denominator) = scaled(significand, binaryExponent, 5 - exponent) else {
                return nil
            }
            if quotient >= 1_000_000 {
                exponent += 1
                continue
            }
            if quotient < 100_000 {
                exponent -= 1
                continue
            }
            var digits = UInt64(quotient)
            let twice = remainder << 1
            if twice > denominator || (twice == denominator && digits & 1 == 1) { digits += 1 }
            if digits == 1_000_000 {
                digits = 100_000
                exponent += 1
            }
            return (digits, exponent)
        }
        return nil
    }

    /// `significand × 2^binaryExponent × 10^decimalScale` as quotient, remainder and denominator.
    private static func scaled(
        _ significand: UInt64, _ binaryExponent: Int, _ decimalScale: Int
    ) -> (UInt128, UInt128, UInt128)? {
        guard decimalScale.magnitude <= 38 else { return nil }
        var numerator = UInt128(significand)
        var denominator: UInt128 = 1
        // Both stay below 2^126, so that twice the remainder cannot overflow.
        if binaryExponent >= 0 {
            guard binaryExponent <= 125, numerator.leadingZeroBitCount > binaryExponent + 2 else { return nil }
            numerator <<= UInt128(binaryExponent)
        } else {
            guard -binaryExponent <= 125 else { return nil }
            denominator <<= UInt128(-binaryExponent)
        }
        let power = powersOfTen[Int(decimalScale.magnitude)]
        if decimalScale >= 0 {
            let (product, overflow) = numerator.multipliedReportingOverflow(by: power)
            guard !overflow, product.leadingZeroBitCount >= 2 else { return nil }
            numerator = product
        } else {
            let (product, overflow) = denominator.multipliedReportingOverflow(by: power)
            guard !overflow, product.leadingZeroBitCount >= 2 else { return nil }
            denominator = product
        }
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        return (quotient, remainder, denominator)
    }

    /// `%g` from the C library, for the values the exact path does not cover.
    static func appendWithCLibrary(_ value: Double, to out: inout some TextSink) {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            guard let base = buffer.baseAddress else { return }
            #if canImport(Glibc)
                // glibc's gcvt is `sprintf("%.*g")`, without Swift's variadic-argument boxing.
                _ = gcvt(value, 6, base)
            #else
                _ = withVaList([value]) { vsnprintf(base, buffer.count, "%g", $0) }
            #endif
            var index = 0
            while index < buffer.count, base[index] != 0 {
                out.append(UInt8(bitPattern: base[index]))
                index += 1
            }
        }
    }
}
