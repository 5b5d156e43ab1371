/// How two values compare.
@usableFromInline
enum FilterOrder: UInt8 {
    case less = 0
    case equal = 1
    case greater = 2
    /// A NaN was involved: only `!=` holds.
    case unordered = 3
}

/// The value semantics the interpreter and the constant folder share.
///
/// These follow what LTTng 2.13 does (checked against lttng-ust with `lttng enable-event --filter`):
/// integers compare as `Int64`; an integer and a double compare as doubles (`i < 1.5`,
/// `i == 5.0`); strings compare byte by byte; bitwise operators work on the `UInt64` bit patterns.
@usableFromInline
enum FilterRuntime {
    @inlinable
    static func order(_ lhs: Int64, _ rhs: Int64) -> FilterOrder {
        lhs < rhs ? .less : (lhs == rhs ? .equal : .greater)
    }

    @inlinable
    static func order(_ lhs: Double, _ rhs: Double) -> FilterOrder {
        if lhs < rhs { return .less }
        if lhs > rhs { return .greater }
        return lhs == rhs ? .equal : .unordered
    }

    @inlinable
    static func holds(_ relation: FilterRelation, _ order: FilterOrder) -> Bool {
        switch relation {
        case .equal: order == .equal
        case .notEqual: order != .equal
        case .less: order == .less
        case .lessOrEqual: order == .less || order == .equal
        case .greater: order == .greater
        case .greaterOrEqual: order == .greater || order == .equal
        }
    }

    /// `(int64_t) ((uint64_t) value << amount)`, or `nil` (the filter is false) when the amount
    /// is outside 0...63, as lttng-event-rule(7) specifies.
    @inlinable
    static func shiftLeft(_ value: Int64, by amount: Int64) -> Int64? {
        guard amount >= 0 && amount <= 63 else { return nil }
        return Int64(bitPattern: UInt64(bitPattern: value) &<< UInt64(amount))
    }

    /// `(int64_t) ((uint64_t) value >> amount)`: a logical shift, so `-1 >> 1` is `INT64_MAX`.
    @inlinable
    static func shiftRight(_ value: Int64, by amount: Int64) -> Int64? {
        guard amount >= 0 && amount <= 63 else { return nil }
        return Int64(bitPattern: UInt64(bitPattern: value) &>> UInt64(amount))
    }

    /// The length of `string` up to its first NUL.
    @inlinable
    static func length(_ string: UnsafeRawBufferPointer) -> Int {
        var count = 0
        while count < string.count && string[count] != 0 { count += 1 }
        return count
    }

    /// Byte-by-byte comparison of two field strings (each ending at its length or first NUL), as
    /// `strcmp` with unsigned bytes. LTTng compares `char`s, which are signed on x86, so it sorts
    /// bytes ≥ 0x80 (non-ASCII UTF-8) first; Spoor sorts UTF-8 by code point on purpose.
    @inlinable
    static func order(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> FilterOrder {
        var index = 0
        while true {
            let left: UInt8 = index < lhs.count ? lhs[index] : 0
            let right: UInt8 = index < rhs.count ? rhs[index] : 0
            if left != right { return left < right ? .less : .greater }
            if left == 0 { return .equal }
            index += 1
        }
    }

    /// Whether `string` relates to a literal (encoded as in ``FilterStringLiteral/pattern``).
    ///
    /// `==` and `!=` match the literal as a glob: each wildcard matches any run of bytes,
    /// anywhere (LTTng 2.13 star-glob patterns). `<`, `<=`, `>` and `>=` compare bytewise up to
    /// the first wildcard, where the strings compare equal (LTTng's legacy `"prefix*"` rule).
    @inlinable
    static func compare(_ string: UnsafeRawBufferPointer, _ relation: FilterRelation, literal: UnsafeRawBufferPointer)
        -> Bool
    {
        switch relation {
        case .equal: return matches(string, pattern: literal)
        case .notEqual: return !matches(string, pattern: literal)
        default: return holds(relation, prefixOrder(string, literal))
        }
    }

    @inlinable
    static func prefixOrder(_ string: UnsafeRawBufferPointer, _ literal: UnsafeRawBufferPointer) -> FilterOrder {
        var index = 0
        while true {
            guard index < literal.count else {
                return index < string.count && string[index] != 0 ? .greater : .equal
            }
            let expected = literal[index]
            if expected == FilterStringLiteral.wildcard { return .equal }
            let actual: UInt8 = index < string.count ? string[index] : 0
            if actual != expected { return actual < expected ? .less : .greater }
            index += 1
        }
    }

    /// Whether `string` (ending at its length or first NUL) is exactly `literal`, which has no NUL.
    @inlinable
    static func equals(_ string: UnsafeRawBufferPointer, _ literal: UnsafeRawBufferPointer) -> Bool {
        let count = literal.count
        guard hasPrefix(string, literal) else { return false }
        return string.count == count || string[count] == 0
    }

    /// Whether `string` starts with `prefix`, which has no NUL (so a NUL in `string` mismatches).
    /// Compares eight bytes at a time.
    @inlinable
    static func hasPrefix(_ string: UnsafeRawBufferPointer, _ prefix: UnsafeRawBufferPointer) -> Bool {
        let count = prefix.count
        guard string.count >= count else { return false }
        guard count > 0, let s = string.baseAddress, let p = prefix.baseAddress else { return true }
        var index = 0
        while index + 8 <= count {
            if s.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                != p.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            {
                return false
            }
            index += 8
        }
        while index < count {
            if s.load(fromByteOffset: index, as: UInt8.self) != p.load(fromByteOffset: index, as: UInt8.self) {
                return false
            }
            index += 1
        }
        return true
    }

    /// Glob matching without allocation or backtracking.
    ///
    /// A pattern of `*` wildcards only, `S0*S1*…*Sk`, matches when the string starts with `S0`,
    /// ends with `Sk` (after `S0`), and holds `S1` … `Sk-1` in order in between; taking the
    /// leftmost occurrence of each middle segment is never wrong, so no backtracking is needed.
    @inlinable
    static func matches(_ string: UnsafeRawBufferPointer, pattern: UnsafeRawBufferPointer) -> Bool {
        let count = length(string)
        let patternCount = pattern.count
        // The first segment: a prefix.
        var firstEnd = 0
        while firstEnd < patternCount && pattern[firstEnd] != FilterStringLiteral.wildcard { firstEnd += 1 }
        guard firstEnd < patternCount else {
            return count == patternCount && segment(pattern, 0..<patternCount, isAt: 0, in: string)
        }
        guard count >= firstEnd && segment(pattern, 0..<firstEnd, isAt: 0, in: string) else { return false }
        // The last segment: a suffix, after the prefix.
        var lastStart = patternCount
        while pattern[lastStart - 1] != FilterStringLiteral.wildcard { lastStart -= 1 }
        let suffixCount = patternCount - lastStart
        guard count - firstEnd >= suffixCount,
            segment(pattern, lastStart..<patternCount, isAt: count - suffixCount, in: string)
        else { return false }
        // The middle segments, leftmost first, between the two.
        let end = count - suffixCount
        var position = firstEnd
        var segmentStart = firstEnd + 1
        while segmentStart < lastStart {
            var segmentEnd = segmentStart
            while pattern[segmentEnd] != FilterStringLiteral.wildcard { segmentEnd += 1 }
            if segmentEnd > segmentStart {
                let length = segmentEnd - segmentStart
                while true {
                    guard end - position >= length else { return false }
                    if segment(pattern, segmentStart..<segmentEnd, isAt: position, in: string) { break }
                    position += 1
                }
                position += length
            }
            segmentStart = segmentEnd + 1
        }
        return true
    }

    /// Whether `pattern[range]` is at `offset` in `string` (the caller checked the length).
    @inlinable @inline(__always)
    static func segment(
        _ pattern: UnsafeRawBufferPointer, _ range: Range<Int>, isAt offset: Int, in string: UnsafeRawBufferPointer
    ) -> Bool {
        var index = 0
        while index < range.count {
            if pattern[range.lowerBound + index] != string[offset + index] { return false }
            index += 1
        }
        return true
    }
}
