import SpoorCTF
import SpoorConsumer
import SpoorPosix
import Synchronization
import Testing

/// `StreamDriver` over the in-memory source and output: what reaches the output, with no
/// shared memory and no files.
@Suite("Stream driver")
struct StreamDriverTests {
    typealias Driver = StreamDriver<InMemoryPacketSource, InMemoryTraceOutput>

    static let uuid: [UInt8] = Array(0..<16)

    /// A clock the test moves by hand.
    final class TestClock: Sendable {
        let nanoseconds = Atomic<UInt64>(1_000_000_000)
        @Sendable func read() -> UInt64 { nanoseconds.load(ordering: .relaxed) }
        func advance(by delta: UInt64) { nanoseconds.add(delta, ordering: .relaxed) }
    }

    struct Fixture {
        let source = InMemoryPacketSource(maximumPacketSize: 4096, packetCapacity: 4, packetAlignment: 1024)
        let output = InMemoryTraceOutput()
        let clock = TestClock()
        let driver: Driver

        init(tracefileSize: UInt64 = 0, tracefileCount: UInt64 = 0) throws {
            driver = try Driver(
                source: source, output: output, directory: "/trace",
                configuration: StreamConfiguration(
                    channelName: "chan", streamID: 2, cpu: 1, uuid: StreamDriverTests.uuid,
                    tracefileSize: tracefileSize, tracefileCount: tracefileCount),
                clock: clock.read)
        }

        /// Records `size` bytes of records filled with `byte` and closes the packet.
        func packet(of size: Int, filledWith byte: UInt8 = 0xAB, at timestamp: UInt64 = 100) {
            source.record([UInt8](repeating: byte, count: size), at: timestamp)
            source.closePacket(at: timestamp + 50)
        }

        /// The sequence numbers in file `path`, from its index.
        func sequenceNumbers(in path: String) -> [UInt64] {
            output.files[path]?.index.map(\.sequenceNumber) ?? []
        }
    }

    @Test("a new stream opens its chunk and its first trace file")
    func opensFirstFile() throws {
        let fixture = try Fixture()
        #expect(fixture.output.events == [.openChunk(directory: "/trace"), .openFile(path: "/trace/chan_1")])
        #expect(fixture.driver.dataPath == "/trace/chan_1")
    }

    @Test("each packet is framed by the consumer, padded with zeros, and indexed at its offset")
    func framesPackets() throws {
        let fixture = try Fixture()
        fixture.packet(of: 1000, filledWith: 0x11)
        fixture.source.discard(3)
        fixture.packet(of: 2000, filledWith: 0x22, at: 300)
        #expect(try fixture.driver.drain() == 2)

        let file = try #require(fixture.output.files["/trace/chan_1"])
        let first = PacketContext(
            uuid: Self.uuid, streamID: 2, streamInstanceID: 1, timestampBegin: 100, timestampEnd: 150,
            contentSize: UInt64(PacketContext.size + 1000) * 8, packetSize: 2048 * 8, sequenceNumber: 0,
            eventsDiscarded: 0, cpuID: 1)
        var second = first
        second.timestampBegin = 300
        second.timestampEnd = 350
        second.contentSize = UInt64(PacketContext.size + 2000) * 8
        second.packetSize = 3072 * 8
        second.sequenceNumber = 1
        second.eventsDiscarded = 3
        let expected =
            first.encoded + [UInt8](repeating: 0x11, count: 1000) + [UInt8](repeating: 0, count: 2048 - 1084)
            + second.encoded + [UInt8](repeating: 0x22, count: 2000) + [UInt8](repeating: 0, count: 3072 - 2084)
        #expect(file.bytes == expected)
        #expect(file.index == [IndexFile.entry(for: first, offset: 0), IndexFile.entry(for: second, offset: 2048)])
        #expect(fixture.driver.bytesWritten == 5120)
        #expect(fixture.driver.discardedEventCount == 3)
    }

    @Test("a packet whose release fails (overwritten while copied) is dropped and counted lost")
    func overwrittenPacketLost() throws {
        let fixture = try Fixture()
        for _ in 0..<3 { fixture.packet(of: 100) }
        fixture.source.overwriteOnRelease(1)
        #expect(try fixture.driver.drain() == 2)
        #expect(fixture.sequenceNumbers(in: "/trace/chan_1") == [0, 2])
        #expect(fixture.driver.lostPacketCount == 1)
    }

    @Test("packets lost inside the source are counted once, not twice")
    func sourceLosses() throws {
        let fixture = try Fixture()
        fixture.packet(of: 100)
        fixture.source.losePackets(2)
        fixture.packet(of: 100)
        try fixture.driver.drain()
        #expect(fixture.sequenceNumbers(in: "/trace/chan_1") == [0, 3])
        // The gap and the source's own count are the same two packets.
        #expect(fixture.driver.lostPacketCount == 4)
    }

    @Test("with --tracefile-size the packets go to numbered trace files")
    func tracefiles() throws {
        // Each packet is 2048 bytes once padded: one per file.
        let fixture = try Fixture(tracefileSize: 2048, tracefileCount: 3)
        for _ in 0..<5 { fixture.packet(of: 1000) }
        #expect(try fixture.driver.drain() == 5)
        // Files 0 and 1 were reused (truncated) for packets 3 and 4.
        #expect(fixture.sequenceNumbers(in: "/trace/chan_1_0") == [3])
        #expect(fixture.sequenceNumbers(in: "/trace/chan_1_1") == [4])
        #expect(fixture.sequenceNumbers(in: "/trace/chan_1_2") == [2])
    }

    @Test("a rotation writes the old packets to the old chunk and the new ones to the new chunk")
    func rotation() throws {
        let fixture = try Fixture()
        fixture.packet(of: 100)
        fixture.source.record([1, 2, 3], at: 500)
        let boundary = try fixture.driver.beginRotation(to: "/chunk1", clock: fixture.clock.read)
        #expect(boundary == 2)
        #expect(fixture.driver.isRotating)
        fixture.packet(of: 100)
        #expect(try fixture.driver.continueRotation())
        #expect(!fixture.driver.isRotating)
        #expect(fixture.sequenceNumbers(in: "/trace/chan_1") == [0, 1])
        #expect(fixture.sequenceNumbers(in: "/chunk1/chan_1") == [2])
        #expect(fixture.output.events.contains(.openChunk(directory: "/chunk1")))
        #expect(fixture.driver.bytesWrittenInCurrentChunk == 1024)
        #expect(fixture.driver.bytesWritten == 3 * 1024)
    }

    @Test("a rotation with nothing left to write moves to the new chunk at once")
    func emptyRotation() throws {
        let fixture = try Fixture()
        fixture.packet(of: 100)
        try fixture.driver.drain()
        try fixture.driver.beginRotation(to: "/chunk1", clock: fixture.clock.read)
        #expect(try fixture.driver.continueRotation())
        #expect(fixture.output.openPath == "/chunk1/chan_1")
        #expect(fixture.output.files["/chunk1/chan_1"] == InMemoryTraceOutput.File())
    }

    @Test("clear empties the trace files and drops what was recorded before it")
    func clear() throws {
        let fixture = try Fixture(tracefileSize: 1024)
        for _ in 0..<3 { fixture.packet(of: 100) }
        try fixture.driver.drain()
        fixture.packet(of: 100)
        fixture.source.record([9], at: 900)
        #expect(try fixture.driver.clear(timeoutMilliseconds: 0, clock: fixture.clock.read))
        fixture.packet(of: 100)
        try fixture.driver.drain()
        #expect(fixture.output.files.keys.sorted() == ["/trace/chan_1_0"])
        #expect(fixture.sequenceNumbers(in: "/trace/chan_1_0") == [5])
        #expect(fixture.driver.lostPacketCount == 0)
    }

    @Test("a packet a dead writer never completes is abandoned by a flush and drain past its timeout")
    func deadWriterOnStop() throws {
        let fixture = try Fixture()
        fixture.packet(of: 100)
        fixture.source.record([1], at: 200)
        fixture.source.closeIncompletePacket(at: 250)
        fixture.source.record([2], at: 300)
        let drained = try fixture.driver.flushAndDrain(timeoutMilliseconds: 0, clock: fixture.clock.read)
        #expect(drained)
        #expect(fixture.sequenceNumbers(in: "/trace/chan_1") == [0, 2])
        #expect(fixture.driver.lostPacketCount == 1)
    }

    @Test("the consumer's drain abandons a packet stuck for a second, not before")
    func deadWriterWhileRunning() throws {
        let fixture = try Fixture()
        fixture.source.record([1], at: 200)
        fixture.source.closeIncompletePacket(at: 250)
        fixture.packet(of: 100)
        #expect(try fixture.driver.drain() == 0)
        fixture.clock.advance(by: 999_999_999)
        #expect(try fixture.driver.drain() == 0)
        fixture.clock.advance(by: 1)
        #expect(try fixture.driver.drain() == 0)
        #expect(try fixture.driver.drain() == 1)
        #expect(fixture.sequenceNumbers(in: "/trace/chan_1") == [1])
        #expect(fixture.driver.lostPacketCount == 1)
    }

    @Test("a failed write loses its packet; the stream goes on once the output recovers")
    func writeFailure() throws {
        let fixture = try Fixture()
        fixture.packet(of: 100)
        fixture.output.failWrites(with: SystemError("write", errno: 28))
        #expect(throws: SystemError.self) { try fixture.driver.drain() }
        fixture.output.failWrites(with: nil)
        fixture.packet(of: 100)
        #expect(try fixture.driver.drain() == 1)
        #expect(fixture.sequenceNumbers(in: "/trace/chan_1") == [1])
        #expect(fixture.driver.lostPacketCount == 1)
    }

    @Test("the switch timer flushes the source once per period")
    func switchTimer() throws {
        let source = InMemoryPacketSource()
        let driver = try Driver(
            source: source, output: InMemoryTraceOutput(), directory: "/trace",
            configuration: StreamConfiguration(
                channelName: "chan", streamID: 0, cpu: 0, uuid: Self.uuid, switchTimerPeriod: .milliseconds(10)),
            clock: { 0 })
        #expect(driver.runSwitchTimer(now: 1_000_000_000) == 1_010_000_000)
        #expect(source.flushCount == 0)
        #expect(driver.runSwitchTimer(now: 1_010_000_000) == 1_020_000_000)
        #expect(source.flushCount == 1)
    }

    @Test("the monitor timer samples the source's usage")
    func monitorTimer() throws {
        let source = InMemoryPacketSource(maximumPacketSize: 4096, packetCapacity: 4)
        let driver = try Driver(
            source: source, output: InMemoryTraceOutput(), directory: "/trace",
            configuration: StreamConfiguration(
                channelName: "chan", streamID: 0, cpu: 0, uuid: Self.uuid, monitorTimerPeriod: .microseconds(5)),
            clock: { 0 })
        source.record([UInt8](repeating: 1, count: 16), at: 1)
        #expect(driver.runMonitorTimer(now: 7_000) == 12_000)
        #expect(driver.bufferUsage == BufferUsage(bytes: UInt64(PacketContext.size + 16), capacity: 16384, time: 7_000))
    }

    @Test("close closes the output and the source, and a closed stream drains nothing")
    func close() throws {
        let fixture = try Fixture()
        fixture.packet(of: 100)
        fixture.driver.close()
        #expect(fixture.source.isClosed)
        #expect(fixture.output.openPath == nil)
        #expect(try fixture.driver.drain() == 0)
        #expect(try fixture.driver.continueRotation())
    }
}
