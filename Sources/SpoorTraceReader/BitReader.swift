#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads bit fields from a buffer (CTF 1.8 §4.1.5): little-endian fields count bits from the
/// least significant bit of each byte, big-endian ones from the most significant bit.
///
/// Every read is checked against `limit`; nothing here traps on bad input.
struct BitReader {
    let bytes: [UInt8]
    /// Current position, in bits from the start of `bytes`.
    var position: Int
    /// Reads may not go past this bit.
    var limit: Int

    init(bytes: [UInt8], position: Int = 0, limit: Int? = nil) {
        self.bytes = bytes
        self.position = position
        self.limit = min(limit ?? bytes.count * 8, bytes.count * 8)
    }

    var remainingBits: Int { limit - position }

    func failure(_ reason: String) -> DecodeError {
        DecodeError(byteOffset: position / 8, reason: reason)
    }

    func truncation(_ reason: String) -> DecodeError {
        DecodeError(byteOffset: position / 8, reason: "truncated: " + reason, isTruncation: true)
    }

    @inline(__always)
    mutating func align(_ alignment: Int) throws(DecodeError) {
        guard alignment > 1 else { return }
        let aligned = (position + alignment - 1) / alignment * alignment
        guard aligned <= limit else {
            throw truncation("alignment padding runs past the end of the data")
        }
        position = aligned
    }

    /// Reads `size` (1…64) bits as an unsigned number.
    mutating func readBits(_ size: Int, byteOrder: ByteOrder) throws(DecodeError) -> UInt64 {
        guard size <= remainingBits else {
            throw truncation("a \(size)-bit field needs more than the \(max(0, remainingBits)) bits left")
        }
        let start = position >> 3
        let shift = position & 7
        position += size
        // Most fields: one unaligned 64-bit load (the common little-endian case) when eight bytes
        // are there to load.
        if byteOrder == .littleEndian, shift + size <= 64, start + 8 <= bytes.count {
            let word = bytes.withUnsafeBytes {
                UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: start, as: UInt64.self))
            }
            let mask: UInt64 = size == 64 ? .max : (1 << UInt64(size)) - 1
            return (word >> UInt64(shift)) & mask
        }
        if shift == 0, size & 7 == 0 {
            var value: UInt64 = 0
            let count = size >> 3
            if byteOrder == .littleEndian {
                for index in stride(from: start + count - 1, through: start, by: -1) {
                    value = value << 8 | UInt64(bytes[index])
                }
            } else {
                for index in start..<start + count { value = value << 8 | UInt64(bytes[index]) }
            }
            return value
        }
        let end = (position + 7) >> 3
        var wide: UInt128 = 0
        if byteOrder == .littleEndian {
            for index in stride(from: end - 1, through: start, by: -1) { wide = wide << 8 | UInt128(bytes[index]) }
            wide >>= shift
        } else {
            for index in start..<end { wide = wide << 8 | UInt128(bytes[index]) }
            wide >>= (end - start) * 8 - shift - size
        }
        let mask: UInt64 = size == 64 ? .max : (1 << UInt64(size)) - 1
        return UInt64(truncatingIfNeeded: wide) & mask
    }

    /// Reads a NUL-terminated string (byte-aligned), returning the bytes before the NUL.
    mutating func readString() throws(DecodeError) -> ArraySlice<UInt8> {
        try align(8)
        let start = position >> 3
        let end = limit >> 3
        // memchr: strings are the longest fields, and a byte-by-byte search costs the most there.
        let found = bytes.withUnsafeBytes { buffer -> Int? in
            guard start < end, let base = buffer.baseAddress,
                let hit = memchr(base + start, 0, end - start)
            else { return nil }
            return hit - UnsafeMutableRawPointer(mutating: base)
        }
        guard let terminator = found else {
            throw truncation("string without a terminating NUL byte")
        }
        position = (terminator + 1) * 8
        return bytes[start..<terminator]
    }

    /// Reads `count` whole bytes at a byte-aligned position.
    mutating func readBytes(_ count: Int) throws(DecodeError) -> ArraySlice<UInt8> {
        guard position & 7 == 0, count >= 0, count <= remainingBits / 8 else {
            throw truncation("\(count) bytes needed")
        }
        let start = position >> 3
        position += count * 8
        return bytes[start..<start + count]
    }
}
