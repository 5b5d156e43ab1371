import Foundation
import SpoorCTF
import SpoorConsumer
import SpoorPosix
import SpoorRingBuffer
import Testing

/// One real stream: a ring buffer in shared memory that the test writes event records into,
/// drained by a `StreamConsumer` into a fresh temporary trace directory.
///
/// Every record is the event `spoor_test:value` (id 0) of `TestTrace.metadataText`:
/// an `event_header_large` then one `uint64_t value`, counting up from 0 across the stream.
/// The clock is deterministic: each read is 1 µs after the previous one.
final class TestStream {
    static let channelName = "chan0"
    /// The size of a record with a compact and with an extended event header.
    static let compactRecordSize = EventHeaderLayout.compactSize + 8
    static let extendedRecordSize = EventHeaderLayout.extendedSize + 8

    let directory: String
    let buffer: RingBuffer
    let consumer: StreamConsumer
    /// The value the next record carries: the number of records written so far.
    private(set) var nextValue: UInt64 = 0
    private var now: UInt64 = 1_000_000_000

    init(
        tracefileSize: UInt64 = 0, tracefileCount: UInt64 = 0, subbufferSize: Int = 4096, subbufferCount: Int = 4,
        monitorTimerMicroseconds: UInt64 = 0
    ) throws {
        let layout = try #require(RingBufferLayout(subbufferSize: subbufferSize, subbufferCount: subbufferCount))
        directory = NSTemporaryDirectory() + "spoor-consumer-\(UInt64.random(in: 0...UInt64.max))"
        let memory = try SharedMemory(creatingNamed: "spoor-consumer-test", size: layout.totalSize)
        buffer = RingBuffer.create(at: memory.base, layout: layout, cpu: 0)
        consumer = try StreamConsumer(
            memory: memory, layout: layout, wakeFD: try EventFD.make(), directory: directory,
            channelName: Self.channelName, streamID: 0, cpu: 0, uuid: TestTrace.uuid, tracefileSize: tracefileSize,
            tracefileCount: tracefileCount, monitorTimerMicroseconds: monitorTimerMicroseconds)
    }

    deinit {
        consumer.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func tick() -> UInt64 {
        now += 1_000
        return now
    }

    /// Records `count` events, closes the packet and drains it to disk.
    func writePacket(events count: Int) throws {
        for _ in 0..<count { record() }
        #expect(buffer.flush(allowEmpty: false, clock: tick))
        #expect(try consumer.drain() == 1)
    }

    /// How many records fill a packet of `bytes` (header included, at most a sub-buffer).
    static func events(filling bytes: Int) -> Int {
        1 + (bytes - PacketContext.size - extendedRecordSize) / compactRecordSize
    }

    func record() {
        guard
            let reservation = buffer.reserve(
                compactSize: Self.compactRecordSize, fullSize: Self.extendedRecordSize, clock: tick)
        else {
            Issue.record("no room for record \(nextValue)")
            return
        }
        let headerSize = EventHeaderLayout.write(
            id: 0, timestamp: reservation.timestamp, extended: reservation.needsFullTimestamp,
            to: reservation.address)
        reservation.address.storeBytes(of: nextValue.littleEndian, toByteOffset: headerSize, as: UInt64.self)
        buffer.commit(reservation)
        nextValue += 1
    }

    /// The names in the trace directory and in its `index` directory.
    func fileNames() throws -> (streams: [String], indexes: [String]) {
        let streams = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0 != "index" }
        let indexes = try FileManager.default.contentsOfDirectory(atPath: directory + "/index")
        return (streams.sorted(), indexes.sorted())
    }

    /// Reads stream file `name` and checks it against its index; see `StreamFile`.
    func streamFile(_ name: String) throws -> StreamFile {
        try StreamFile(directory: directory, name: name)
    }
}

/// The metadata of the test traces: the LTTng-UST preamble, one stream class, one event class.
enum TestTrace {
    static let uuid: [UInt8] = [
        0x6d, 0x62, 0xde, 0x8b, 0x9e, 0xc4, 0x44, 0x2a, 0xac, 0xe7, 0x1d, 0xed, 0xfe, 0xac, 0xb4, 0xe3,
    ]

    static var metadataText: String {
        let description = TraceDescription(
            uuid: uuid,
            environment: TraceEnvironment(
                bufferingScheme: .perUID, bufferingID: 1000, traceName: "tracefiles",
                creationDatetime: "20261122T110738+0000", hostname: "vm", spoorVersion: "0.1.0"),
            clock: ClockDescription(uuid: nil, offset: 1_795_345_658_000_000_000))
        return TSDL.preamble(description) + TSDL.streamClass(id: 0)
            + TSDL.eventClass(
                name: "spoor_test:value", id: 0, streamID: 0, logLevel: .debugLine,
                fields: [.init(name: "value", type: .integer(.init(bitWidth: 64, isSigned: false)))])
    }

    /// Writes the packetized `metadata` file into `directory`.
    static func writeMetadata(in directory: String) throws {
        let bytes = MetadataPacket.packets(text: Array(metadataText.utf8), uuid: uuid)
        try Data(bytes).write(to: URL(fileURLWithPath: directory + "/metadata"))
    }
}
