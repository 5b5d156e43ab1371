import SpoorModel

#if canImport(Glibc)
import Glibc
#endif

/// A Swift value a tracepoint field can record. Spoor provides the conformances; apps use
/// `TraceEnum` for their own enumerations.
///
/// Both requirements run on the hot path: they never allocate and never fail. `fixedCount` is
/// the declared length of an array field (0 for any other field).
public protocol TraceFieldValue {
    /// Bytes the value takes in an event record.
    func encodedSize(fixedCount: Int) -> Int
    /// Writes the value at `address` (byte-packed, little-endian); returns the bytes written.
    func encode(to address: UnsafeMutableRawPointer, fixedCount: Int) -> Int
}

/// An integer type that fields, arrays and sequences can hold.
public protocol TraceInteger: FixedWidthInteger, TraceFieldValue, Sendable {}

extension TraceInteger {
    /// The CTF integer type of `Self`.
    public static func integerType(base: DisplayBase = .decimal) -> IntegerType {
        IntegerType(bitWidth: UInt8(bitWidth), isSigned: isSigned, base: base)
    }

    @inlinable
    public func encodedSize(fixedCount: Int) -> Int { MemoryLayout<Self>.size }

    @inlinable
    public func encode(to address: UnsafeMutableRawPointer, fixedCount: Int) -> Int {
        address.storeBytes(of: littleEndian, as: Self.self)
        return MemoryLayout<Self>.size
    }
}

extension Int8: TraceInteger {}
extension Int16: TraceInteger {}
extension Int32: TraceInteger {}
extension Int64: TraceInteger {}
extension UInt8: TraceInteger {}
extension UInt16: TraceInteger {}
extension UInt32: TraceInteger {}
extension UInt64: TraceInteger {}

extension Bool: TraceFieldValue {
    @inlinable
    public func encodedSize(fixedCount: Int) -> Int { 1 }

    @inlinable
    public func encode(to address: UnsafeMutableRawPointer, fixedCount: Int) -> Int {
        address.storeBytes(of: self ? 1 : 0, as: UInt8.self)
        return 1
    }
}

extension Float: TraceFieldValue {
    @inlinable
    public func encodedSize(fixedCount: Int) -> Int { 4 }

    @inlinable
    public func encode(to address: UnsafeMutableRawPointer, fixedCount: Int) -> Int {
        address.storeBytes(of: bitPattern.littleEndian, as: UInt32.self)
        return 4
    }
}

extension Double: TraceFieldValue {
    @inlinable
    public func encodedSize(fixedCount: Int) -> Int { 8 }

    @inlinable
    public func encode(to address: UnsafeMutableRawPointer, fixedCount: Int) -> Int {
        address.storeBytes(of: bitPattern.littleEndian, as: UInt64.self)
        return 8
    }
}

extension String: TraceFieldValue {
    /// Bytes up to the first NUL, as a C string field records them.
    @inlinable
    func recordedUTF8Count() -> Int {
        if let count = utf8.withContiguousStorageIfAvailable({ bytes -> Int in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
            // Most recorded strings are short and hold no NUL: two overlapping word loads say
            // so without memchr's set-up.
            if bytes.count >= 8 && bytes.count <= 16 {
                let raw = UnsafeRawPointer(base)
                let first = raw.loadUnaligned(as: UInt64.self)
                let last = raw.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)
                if !hasZeroByte(first) && !hasZeroByte(last) { return bytes.count }
            }
            guard let nul = memchr(base, 0, bytes.count) else { return bytes.count }
            return UnsafeRawPointer(nul) - UnsafeRawPointer(base)
        }) {
            return count
        }
        var count = 0
        for byte in utf8 {
            if byte == 0 { break }
            count += 1
        }
        return count
    }

    @inlinable
    public func encodedSize(fixedCount: Int) -> Int { recordedUTF8Count() + 1 }

    @inlinable
    public func encode(to address: UnsafeMutableRawPointer, fixedCount: Int) -> Int {
        encode(to: address, recordedCount: recordedUTF8Count())
    }

    /// Writes the first `count` UTF-8 bytes (the recorded count, measured before) and a NUL.
    @inlinable
    func encode(to address: UnsafeMutableRawPointer, recordedCount count: Int) -> Int {
        let copied: Bool? = utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard count > 0, let base = bytes.baseAddress else { return true }
            copyShort(from: UnsafeRawPointer(base), to: address, count: count)
            return true
        }
        if copied == nil {
            var index = 0
            for byte in utf8 where index < count {
                address.storeBytes(of: byte, toByteOffset: index, as: UInt8.self)
                index += 1
            }
        }
        address.storeBytes(of: 0, toByteOffset: count, as: UInt8.self)
        return count + 1
    }
}

extension String {
    /// The UTF-8 bytes of the string stored at `string`, in place, for a filter to read while
    /// the string lives there; nil if the string has no contiguous UTF-8 storage.
    ///
    /// A small string (up to 15 bytes) keeps its bytes inside the `String` value itself, as on
    /// every 64-bit platform: bytes 0–14, with bit 5 of byte 15 set and the count in its low
    /// four bits (a test pins this layout). Its bytes are read where the value lies, because
    /// `withContiguousStorageIfAvailable` would hand out a temporary copy. A larger string's
    /// bytes are in storage it owns or in the binary's constant data: their address outlives the
    /// closure as long as the string at `string` is neither changed nor destroyed, which holds
    /// while a tracepoint records the values tuple it belongs to.
    @inline(__always)
    static func storedUTF8(of string: UnsafePointer<String>) -> UnsafeRawBufferPointer? {
        let raw = UnsafeRawPointer(string)
        let discriminator = raw.load(fromByteOffset: 15, as: UInt8.self)
        if discriminator & 0x20 != 0 {
            return UnsafeRawBufferPointer(start: raw, count: Int(discriminator & 0x0F))
        }
        return string.pointee.utf8.withContiguousStorageIfAvailable { UnsafeRawBufferPointer($0) }
    }
}

#if !(arch(x86_64) || arch(arm64))
#error("String.storedUTF8(of:) reads the small-string layout of 64-bit platforms")
#endif

/// Whether any byte of `word` is zero (the classic bit trick).
@inlinable
func hasZeroByte(_ word: UInt64) -> Bool {
    (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0
}

/// Copies `count` bytes; up to 16 with overlapping word moves (short strings are the common
/// case, and memmove's call costs more than the copy there), memmove beyond.
@inlinable
func copyShort(from source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer, count: Int) {
    switch count {
    case 8...16:
        let head = source.loadUnaligned(as: UInt64.self)
        let tail = source.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        destination.storeBytes(of: head, as: UInt64.self)
        destination.storeBytes(of: tail, toByteOffset: count - 8, as: UInt64.self)
    case 4...7:
        let head = source.loadUnaligned(as: UInt32.self)
        let tail = source.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
        destination.storeBytes(of: head, as: UInt32.self)
        destination.storeBytes(of: tail, toByteOffset: count - 4, as: UInt32.self)
    case 1...3:
        destination.storeBytes(of: source.load(as: UInt8.self), as: UInt8.self)
        destination.storeBytes(of: source.load(fromByteOffset: count / 2, as: UInt8.self), toByteOffset: count / 2, as: UInt8.self)
        destination.storeBytes(of: source.load(fromByteOffset: count - 1, as: UInt8.self), toByteOffset: count - 1, as: UInt8.self)
    case 0:
        break
    default:
        destination.copyMemory(from: source, byteCount: count)
    }
}

/// Arrays of integers record as CTF arrays (`fixedCount` > 0: exactly that many elements,
/// extra ones dropped, missing ones zero) or as sequences (a 32-bit length, then the elements).
extension Array: TraceFieldValue where Element: TraceInteger {
    @inlinable
    public func encodedSize(fixedCount: Int) -> Int {
        fixedCount > 0
            ? fixedCount * MemoryLayout<Element>.size
            : 4 + Swift.min(count, Int(UInt32.max)) * MemoryLayout<Element>.size
    }

    @inlinable
    public func encode(to address: UnsafeMutableRawPointer, fixedCount: Int) -> Int {
        let size = MemoryLayout<Element>.size
        var offset = 0
        let recorded: Int
        if fixedCount > 0 {
            recorded = Swift.min(count, fixedCount)
        } else {
            recorded = Swift.min(count, Int(UInt32.max))
            address.storeBytes(of: UInt32(recorded).littleEndian, as: UInt32.self)
            offset = 4
        }
        for index in 0..<recorded {
            (address + offset).storeBytes(of: self[index].littleEndian, as: Element.self)
            offset += size
        }
        if fixedCount > recorded {
            (address + offset).initializeMemory(as: UInt8.self, repeating: 0, count: (fixedCount - recorded) * size)
            offset += (fixedCount - recorded) * size
        }
        return offset
    }
}

/// A Swift enumeration recorded as a CTF enumeration: each case's name is its label and its
/// raw value the integer recorded.
///
/// ```swift
/// enum Color: Int32, TraceEnum { case red, green, blue }
/// ```
public protocol TraceEnum: RawRepresentable, CaseIterable, TraceFieldValue where RawValue: TraceInteger {
    /// The label of a case in the trace; defaults to the case's name.
    var traceLabel: String { get }
}

extension TraceEnum {
    public var traceLabel: String { String(describing: self) }

    @inlinable
    public func encodedSize(fixedCount: Int) -> Int { MemoryLayout<RawValue>.size }

    @inlinable
    public func encode(to address: UnsafeMutableRawPointer, fixedCount: Int) -> Int {
        rawValue.encode(to: address, fixedCount: 0)
    }

    /// The CTF mappings of every case.
    static var traceMappings: [EnumerationMapping] {
        allCases.map { EnumerationMapping(label: $0.traceLabel, value: Int64($0.rawValue)) }
    }
}
