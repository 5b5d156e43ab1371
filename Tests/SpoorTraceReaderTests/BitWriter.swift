/// Writes bit fields the way CTF 1.8 §4.1.5 lays them out, to build stream files by hand.
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    /// Bits written so far.
    private(set) var bitCount = 0

    /// Pads with zero bits up to a multiple of `bits`.
    mutating func align(_ bits: Int) {
        while bitCount % bits != 0 { write(0, bits: 1) }
    }

    /// Writes the low `bits` bits of `value`: least significant bit first for little-endian,
    /// most significant bit first for big-endian.
    mutating func write(_ value: UInt64, bits: Int, bigEndian: Bool = false) {
        for index in 0..<bits {
            let bit = bigEndian ? (value >> UInt64(bits - 1 - index)) & 1 : (value >> UInt64(index)) & 1
            let byte = bitCount / 8
            if byte == bytes.count { bytes.append(0) }
            let shift = bigEndian ? 7 - bitCount % 8 : bitCount % 8
            bytes[byte] |= UInt8(bit) << UInt8(shift)
            bitCount += 1
        }
    }

    mutating func u8(_ value: UInt8) { write(UInt64(value), bits: 8) }
    mutating func u16(_ value: UInt16) { write(UInt64(value), bits: 16) }
    mutating func u32(_ value: UInt32) { write(UInt64(value), bits: 32) }
    mutating func u64(_ value: UInt64) { write(value, bits: 64) }
    mutating func i8(_ value: Int8) { write(UInt64(UInt8(bitPattern: value)), bits: 8) }
    mutating func i16(_ value: Int16) { write(UInt64(UInt16(bitPattern: value)), bits: 16) }
    mutating func i32(_ value: Int32) { write(UInt64(UInt32(bitPattern: value)), bits: 32) }
    mutating func i64(_ value: Int64) { write(UInt64(bitPattern: value), bits: 64) }
    mutating func f32(_ value: Float) { write(UInt64(value.bitPattern), bits: 32) }
    mutating func f64(_ value: Double, bigEndian: Bool = false) {
        write(value.bitPattern, bits: 64, bigEndian: bigEndian)
    }

    mutating func raw(_ data: [UInt8]) {
        for byte in data { write(UInt64(byte), bits: 8) }
    }

    /// A NUL-terminated string.
    mutating func string(_ text: String) {
        raw(Array(text.utf8))
        u8(0)
    }

    /// A NUL-terminated string from raw bytes (which may not be UTF-8).
    mutating func string(bytes: [UInt8]) {
        raw(bytes)
        u8(0)
    }
}
