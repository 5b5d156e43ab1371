/// Where formatted text goes: a byte array, or the event text scratch buffer that the decoding
/// hot path writes through a pointer.
protocol TextSink {
    mutating func append(_ byte: UInt8)
    mutating func append(bytes: UnsafeRawBufferPointer)
}

extension Array: TextSink where Element == UInt8 {
    mutating func append(bytes: UnsafeRawBufferPointer) {
        append(contentsOf: bytes)
    }
}

/// The text of one event while it is being decoded: a growable buffer written through a
/// pointer, without the uniqueness and capacity checks an array makes on every append.
///
/// Copies share the buffer; only one copy may be written to (the cursor's own), and a copy
/// must not be used after another one grew the buffer.
struct EventTextScratch: TextSink {
    /// Owns the memory, so that it is freed with the last copy.
    private final class Storage {
        var pointer: UnsafeMutablePointer<UInt8>

        init(capacity: Int) {
            pointer = .allocate(capacity: capacity)
        }

        deinit {
            pointer.deallocate()
        }
    }

    private let storage: Storage
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes written since the last `removeAll`.
    private(set) var count = 0

    init(capacity: Int = 4096) {
        storage = Storage(capacity: capacity)
        base = storage.pointer
        self.capacity = capacity
    }

    /// The bytes written.
    var bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base, count: count)
    }

    mutating func removeAll() {
        count = 0
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if bytes.count > capacity - count { grow(toHold: bytes.count) }
        UnsafeMutableRawPointer(base + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    private mutating func grow(toHold extra: Int) {
        let newCapacity = max(capacity * 2, count + extra)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        storage.pointer.deallocate()
        storage.pointer = newBase
        base = newBase
        capacity = newCapacity
    }
}
