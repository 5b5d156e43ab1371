import SpoorRingBuffer

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: Buffers

/// Runs `body` with a fresh, zero-filled ring buffer in ordinary memory, freed afterwards.
func withRingBuffer<R>(
    subbufferSize: Int = 4096, subbufferCount: Int = 4, _ body: (RingBuffer) throws -> R
) rethrows -> R {
    guard let layout = RingBufferLayout(subbufferSize: subbufferSize, subbufferCount: subbufferCount)
    else {
        preconditionFailure("invalid test layout \(subbufferSize) × \(subbufferCount)")
    }
    let memory = UnsafeMutableRawPointer.allocate(byteCount: layout.totalSize, alignment: 4096)
    memory.initializeMemory(as: UInt8.self, repeating: 0, count: layout.totalSize)
    defer { memory.deallocate() }
    return try body(RingBuffer.create(at: memory, layout: layout, cpu: 0))
}

/// Offset of the first record byte of the packet that occupies sub-buffer `slot`.
func recordStart(slot: Int, _ buffer: RingBuffer) -> Int {
    buffer.layout.headerSize + slot * buffer.layout.subbufferSize + RingBufferLayout.packetHeaderSize
}

extension RingBuffer.Reservation {
    /// The reservation's address as an offset from the buffer's base.
    func offset(in buffer: RingBuffer) -> Int { address - buffer.base }
}

/// The fields of a `ReadablePacket`, which tests outside the module cannot build directly.
struct PacketFields: Equatable, CustomStringConvertible {
    var sequenceNumber: UInt64
    var offset: Int
    var dataSize: Int
    var timestampBegin: UInt64
    var timestampEnd: UInt64
    var discardedRecords: UInt64

    var description: String {
        "packet #\(sequenceNumber) @\(offset) \(dataSize) B [\(timestampBegin), \(timestampEnd)]"
            + " discarded \(discardedRecords)"
    }
}

extension ReadablePacket {
    var fields: PacketFields {
        PacketFields(
            sequenceNumber: sequenceNumber, offset: offset, dataSize: dataSize,
            timestampBegin: timestampBegin,
            timestampEnd: timestampEnd, discardedRecords: discardedRecords)
    }
}

/// Reads every packet the consumer can see now, releasing each one.
func drainPackets(_ buffer: RingBuffer) -> [ReadablePacket] {
    var packets: [ReadablePacket] = []
    while let packet = buffer.nextReadablePacket() {
        packets.append(packet)
        buffer.releasePacket()
    }
    return packets
}

// MARK: Clocks

/// A deterministic clock: each read returns the previous value plus `step`.
final class CountingClock {
    var now: UInt64
    var step: UInt64

    init(start: UInt64 = 1_000, step: UInt64 = 10) {
        self.now = start
        self.step = step
    }

    func read() -> UInt64 {
        now += step
        return now
    }
}

/// CLOCK_MONOTONIC in nanoseconds: one clock for every thread and process of the machine.
func monotonicNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

// MARK: Random numbers

// MARK: Records

/// A self-checking record: a header that names its producer and sequence number, then a payload
/// whose every byte derives from them, so a torn, shifted, duplicated or overwritten record is
/// caught.
///
/// ```
///  0       4          8          16          24       32
///  ┌───────┬──────────┬──────────┬───────────┬────────┬─────────────────────┐
///  │ size  │ producer │ sequence │ timestamp │ check  │ payload (size − 32) │
///  │ u32   │ u32      │ u64      │ u64       │ u64    │ pattern(producer,   │
///  │       │          │          │           │        │ sequence, index)    │
///  └───────┴──────────┴──────────┴───────────┴────────┴─────────────────────┘
/// ```
struct TestRecord: Hashable, CustomStringConvertible {
    static let minimumSize = 32

    var size: Int
    var producer: UInt32
    var sequence: UInt64
    var timestamp: UInt64

    var description: String { "record(p\(producer) #\(sequence) \(size) B @\(timestamp))" }

    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var z = a &* 0x9E37_79B9_7F4A_7C15 ^ (b &+ 0x632B_E59B_D9B4_E019)
        z = (z ^ (z >> 29)) &* 0xBF58_476D_1CE4_E5B9
        return z ^ (z >> 32)
    }

    var check: UInt64 {
        Self.mix(Self.mix(UInt64(size) << 32 | UInt64(producer), sequence), timestamp)
    }

    func payloadWord(_ index: Int) -> UInt64 {
        Self.mix(UInt64(producer) << 40 ^ sequence, UInt64(index))
    }

    /// Writes the record's `size` bytes at `address`.
    func write(to address: UnsafeMutableRawPointer) {
        precondition(size >= Self.minimumSize)
        address.storeBytes(of: UInt32(size), toByteOffset: 0, as: UInt32.self)
        address.storeBytes(of: producer, toByteOffset: 4, as: UInt32.self)
        address.storeBytes(of: sequence, toByteOffset: 8, as: UInt64.self)
        address.storeBytes(of: timestamp, toByteOffset: 16, as: UInt64.self)
        address.storeBytes(of: check, toByteOffset: 24, as: UInt64.self)
        var offset = Self.minimumSize
        var index = 0
        while offset + 8 <= size {
            address.storeBytes(of: payloadWord(index), toByteOffset: offset, as: UInt64.self)
            offset += 8
            index += 1
        }
        let tail = payloadWord(index)
        var shift: UInt64 = 0
        while offset < size {
            address.storeBytes(
                of: UInt8(truncatingIfNeeded: tail >> shift), toByteOffset: offset, as: UInt8.self)
            offset += 1
            shift += 8
        }
    }

    /// Reads a record at `address` with at most `available` bytes, or nil if any byte is wrong.
    static func read(from address: UnsafeRawPointer, available: Int) -> TestRecord? {
        guard available >= minimumSize else { return nil }
        let size = Int(address.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
        guard size >= minimumSize, size <= available else { return nil }
        let record = TestRecord(
            size: size,
            producer: address.loadUnaligned(fromByteOffset: 4, as: UInt32.self),
            sequence: address.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
            timestamp: address.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        guard address.loadUnaligned(fromByteOffset: 24, as: UInt64.self) == record.check else {
            return nil
        }
        var offset = minimumSize
        var index = 0
        while offset + 8 <= size {
            guard
                address.loadUnaligned(fromByteOffset: offset, as: UInt64.self) == record.payloadWord(index)
            else {
                return nil
            }
            offset += 8
            index += 1
        }
        let tail = record.payloadWord(index)
        var shift: UInt64 = 0
        while offset < size {
            guard
                address.load(fromByteOffset: offset, as: UInt8.self)
                    == UInt8(truncatingIfNeeded: tail >> shift)
            else { return nil }
            offset += 1
            shift += 8
        }
        return record
    }
}

/// Why a packet's contents could not be parsed into whole records.
struct CorruptPacket: Error, CustomStringConvertible {
    var packet: ReadablePacket
    var recordOffset: Int
    var description: String { "corrupt record at byte \(recordOffset) of \(packet)" }
}

/// The records of a packet: back to back from the end of the reserved header to `dataSize`.
func records(in packet: ReadablePacket, of buffer: RingBuffer) throws(CorruptPacket) -> [TestRecord] {
    let start = UnsafeRawPointer(buffer.base + packet.offset)
    var offset = RingBufferLayout.packetHeaderSize
    var found: [TestRecord] = []
    while offset < packet.dataSize {
        guard let record = TestRecord.read(from: start + offset, available: packet.dataSize - offset)
        else {
            throw CorruptPacket(packet: packet, recordOffset: offset)
        }
        found.append(record)
        offset += record.size
    }
    return found
}

// MARK: Threads

private final class ThreadBody {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}

/// Starts a POSIX thread (not a task: the producers and the consumer must really run at once).
func startThread(_ body: @escaping @Sendable () -> Void) -> pthread_t {
    let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    var thread = pthread_t()
    let result = pthread_create(
        &thread, nil,
        { context in
            guard let context else { return nil }
            Unmanaged<ThreadBody>.fromOpaque(context).takeRetainedValue().body()
            return nil
        }, context)
    precondition(result == 0, "pthread_create failed: \(result)")
    return thread
}

func join(_ thread: pthread_t) {
    let result = pthread_join(thread, nil)
    precondition(result == 0, "pthread_join failed: \(result)")
}
