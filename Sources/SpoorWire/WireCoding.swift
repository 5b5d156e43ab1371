/// Why bytes received from a peer could not be decoded. Every byte from a socket is hostile:
/// decoders report these errors and never trap.
public enum WireError: Error, Sendable, Hashable {
    /// The message ended before the value being read.
    case truncated
    /// A tag or enumeration value that this version does not know.
    case invalidValue(String)
    /// A length or count beyond what a valid message can hold.
    case tooLarge(String)
    /// Bytes left after the message was fully decoded.
    case trailingBytes(Int)
}

/// Appends little-endian values to a growing byte array.
public struct WireWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func write(_ value: UInt8) { bytes.append(value) }
    public mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    public mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func write(_ value: String) {
        let utf8 = Array(value.utf8)
        write(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    public mutating func write(_ values: [UInt8]) {
        write(UInt32(values.count))
        bytes.append(contentsOf: values)
    }

    public mutating func write<T: WireCodable>(_ value: T) { value.encode(to: &self) }

    public mutating func write<T: WireCodable>(_ values: [T]) {
        write(UInt32(values.count))
        for value in values { value.encode(to: &self) }
    }

    public mutating func write<T: WireCodable>(_ value: T?) {
        if let value {
            write(true)
            value.encode(to: &self)
        } else {
            write(false)
        }
    }

    public mutating func write(_ value: String?) {
        if let value {
            write(true)
            write(value)
        } else {
            write(false)
        }
    }

    public mutating func write(_ value: UInt64?) {
        if let value {
            write(true)
            write(value)
        } else {
            write(false)
        }
    }
}

/// Reads little-endian values from received bytes, checking every length against what is left.
public struct WireReader {
    /// Strings and arrays longer than this are rejected before anything is allocated.
    public static let maximumCount = 1 << 24

    private let bytes: [UInt8]
    public private(set) var position: Int

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.position = 0
    }

    public var remaining: Int { bytes.count - position }

    public mutating func read() throws(WireError) -> UInt8 {
        guard remaining >= 1 else { throw .truncated }
        defer { position += 1 }
        return bytes[position]
    }

    public mutating func read() throws(WireError) -> Bool {
        let byte: UInt8 = try read()
        switch byte {
        case 0: return false
        case 1: return true
        default: throw .invalidValue("boolean \(byte)")
        }
    }

    public mutating func read<T: FixedWidthInteger>(_: T.Type = T.self) throws(WireError) -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw .truncated }
        var value = T.zero
        for index in 0..<size {
            value |= T(truncatingIfNeeded: bytes[position + index]) << (8 * index)
        }
        position += size
        return value
    }

    mutating func readCount(_ what: String) throws(WireError) -> Int {
        let count = Int(try read(UInt32.self))
        guard count <= Self.maximumCount else { throw .tooLarge(what) }
        return count
    }

    public mutating func read() throws(WireError) -> String {
        let count = try readCount("string")
        guard remaining >= count else { throw .truncated }
        defer { position += count }
        return String(decoding: bytes[position..<position + count], as: UTF8.self)
    }

    public mutating func read() throws(WireError) -> [UInt8] {
        let count = try readCount("byte array")
        guard remaining >= count else { throw .truncated }
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    public mutating func read<T: WireCodable>(_: T.Type = T.self) throws(WireError) -> T {
        try T(from: &self)
    }

    public mutating func read<T: WireCodable>(_: [T].Type = [T].self) throws(WireError) -> [T] {
        let count = try readCount("array")
        // Every element takes at least one byte: a count larger than what is left is a lie.
        guard count <= remaining else { throw .truncated }
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try T(from: &self)) }
        return values
    }

    public mutating func read<T: WireCodable>(_: T?.Type = T?.self) throws(WireError) -> T? {
        let present: Bool = try read()
        return present ? try T(from: &self) : nil
    }

    public mutating func read(_: String?.Type = String?.self) throws(WireError) -> String? {
        let present: Bool = try read()
        return present ? try read() as String : nil
    }

    public mutating func read(_: UInt64?.Type = UInt64?.self) throws(WireError) -> UInt64? {
        let present: Bool = try read()
        return present ? try read(UInt64.self) : nil
    }

    /// Throws if bytes are left over.
    public func finish() throws(WireError) {
        guard remaining == 0 else { throw .trailingBytes(remaining) }
    }
}

/// A value with a binary encoding shared by Spoor's processes.
public protocol WireCodable: Sendable {
    init(from reader: inout WireReader) throws(WireError)
    func encode(to writer: inout WireWriter)
}

extension WireCodable {
    /// The value's encoding alone.
    public var wireBytes: [UInt8] {
        var writer = WireWriter()
        encode(to: &writer)
        return writer.bytes
    }

    /// Decodes a value that must take exactly `bytes`.
    public static func decode(_ bytes: [UInt8]) throws(WireError) -> Self {
        var reader = WireReader(bytes)
        let value = try Self(from: &reader)
        try reader.finish()
        return value
    }
}
