/// Fixed-width integer stores and loads at byte offsets, in an explicit byte order.
///
/// CTF data in Spoor traces is byte-packed (no field is aligned), so every access is unaligned.
extension UnsafeMutableRawPointer {
    /// Stores `value` little-endian at `offset`, unaligned.
    func storeLittleEndian<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        storeBytes(of: value.littleEndian, toByteOffset: offset, as: T.self)
    }
}

extension Array where Element == UInt8 {
    /// Appends `value` big-endian.
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }

    /// Appends `value` little-endian.
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}

/// Reads little-endian integers from a byte collection that is known to be long enough.
struct LittleEndianReader<Bytes: Collection<UInt8>> {
    let bytes: Bytes

    /// The `T` stored little-endian at byte `offset` from the start of the collection.
    func read<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
        var value: T = 0
        var index = bytes.index(bytes.startIndex, offsetBy: offset)
        for byteNumber in 0..<(T.bitWidth / 8) {
            value |= T(truncatingIfNeeded: bytes[index]) << (8 * byteNumber)
            index = bytes.index(after: index)
        }
        return value
    }

    /// `count` bytes starting at byte `offset`.
    func bytes(at offset: Int, count: Int) -> [UInt8] {
        let start = bytes.index(bytes.startIndex, offsetBy: offset)
        return Array(bytes[start..<bytes.index(start, offsetBy: count)])
    }
}
