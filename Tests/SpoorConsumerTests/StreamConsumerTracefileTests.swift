import Foundation
import SpoorCTF
import SpoorTestSupport
import Testing

/// `StreamConsumer` under `--tracefile-size` / `--tracefile-count` (lttng-enable-channel(1),
/// spec/ctf-lttng.md §1.1), with a real ring buffer and real files.
///
/// Packets hold `eventsPerPacket` events each, so packet `p` (its `packet_seq_num`) holds the values
/// `p × eventsPerPacket ..< (p + 1) × eventsPerPacket` and is 4096 bytes on disk.
@Suite("Stream consumer trace files")
struct StreamConsumerTracefileTests {
    static let eventsPerPacket = 10

    /// The values packet `sequenceNumber` holds.
    static func values(ofPacket sequenceNumber: Int) -> [UInt64] {
        Array(UInt64(sequenceNumber * eventsPerPacket)..<UInt64((sequenceNumber + 1) * eventsPerPacket))
    }

    /// The values of packets `sequenceNumbers`, in order.
    static func values(ofPackets sequenceNumbers: some Sequence<Int>) -> [UInt64] {
        sequenceNumbers.flatMap(values(ofPacket:))
    }

    /// Writes `count` packets of `eventsPerPacket` events, drained one by one.
    static func writePackets(_ count: Int, to stream: TestStream) throws {
        for _ in 0..<count { try stream.writePacket(events: eventsPerPacket) }
    }

    @Test("without limits the stream is the one file <channel>_<cpu> and its index, as before")
    func noLimitsKeepOneFile() throws {
        let stream = try TestStream()
        try Self.writePackets(5, to: stream)

        let names = try stream.fileNames()
        #expect(names.streams == ["chan0_0"])
        #expect(names.indexes == ["chan0_0.idx"])
        let file = try stream.streamFile("chan0_0")
        #expect(file.size == 5 * 4096)
        #expect(file.packets.map(\.sequenceNumber) == [0, 1, 2, 3, 4])
        #expect(file.values == Self.values(ofPackets: 0..<5))
    }

    @Test("a count limit without a size limit changes nothing")
    func countAloneChangesNothing() throws {
        let stream = try TestStream(tracefileSize: 0, tracefileCount: 2)
        try Self.writePackets(5, to: stream)

        #expect(try stream.fileNames().streams == ["chan0_0"])
        #expect(try stream.streamFile("chan0_0").values == Self.values(ofPackets: 0..<5))
    }

    @Test("with a size limit packets go to files numbered from 0, none past the limit")
    func sizeLimitNumbersFiles() throws {
        let stream = try TestStream(tracefileSize: 8192)
        try Self.writePackets(5, to: stream)

        let names = try stream.fileNames()
        #expect(names.streams == ["chan0_0_0", "chan0_0_1", "chan0_0_2"])
        #expect(names.indexes == ["chan0_0_0.idx", "chan0_0_1.idx", "chan0_0_2.idx"])
        let files = try names.streams.map(stream.streamFile)
        #expect(files.map(\.size) == [8192, 8192, 4096])
        #expect(files.map { $0.packets.map(\.sequenceNumber) } == [[0, 1], [2, 3], [4]])
        #expect(files.flatMap(\.values) == Self.values(ofPackets: 0..<5))
        // One stream for readers: every piece has the same stream class and instance.
        #expect(Set(files.flatMap { $0.packets.map { "\($0.streamID)/\($0.streamInstanceID)" } }) == ["0/0"])
    }

    @Test("a size limit that is not a multiple of the packet size still never splits a packet")
    func oddSizeLimitNeverSplits() throws {
        let stream = try TestStream(tracefileSize: 10_000)
        try Self.writePackets(5, to: stream)

        let names = try stream.fileNames()
        #expect(names.streams == ["chan0_0_0", "chan0_0_1", "chan0_0_2"])
        let files = try names.streams.map(stream.streamFile)
        #expect(files.map(\.size) == [8192, 8192, 4096])
        #expect(files.flatMap(\.values) == Self.values(ofPackets: 0..<5))
    }

    @Test("a packet larger than the size limit is written alone in its file")
    func largePacketIsAlone() throws {
        let stream = try TestStream(tracefileSize: 8192, subbufferSize: 16384)
        let small = TestStream.events(filling: 4096)
        let large = TestStream.events(filling: 12288)
        for events in [small, large, small, small] { try stream.writePacket(events: events) }

        let names = try stream.fileNames()
        #expect(names.streams == ["chan0_0_0", "chan0_0_1", "chan0_0_2"])
        let files = try names.streams.map(stream.streamFile)
        let packetSizes: [[UInt64]] = files.map { $0.packets.map { $0.packetSize / 8 } }
        #expect(packetSizes == [[4096], [12288], [4096, 4096]])
        #expect(files.flatMap(\.values) == Array(0..<UInt64(3 * small + large)))
    }

    /// Packets written, then the `packet_seq_num`s left in `_0`, `_1` and `_2`.
    static let ringCases: [(packets: Int, files: [[UInt64]])] = [
        // As observed with LTTng 2.13 (spec §1.1): _2 holds seq 4–5, _0 seq 6–7, _1 seq 8–9.
        (10, [[6, 7], [8, 9], [4, 5]]),
        (101, [[96, 97], [98, 99], [100]]),
        (1000, [[996, 997], [998, 999], [994, 995]]),
    ]

    @Test("with a count limit the files are a ring that keeps only the newest packets", arguments: ringCases)
    func countLimitKeepsNewestPackets(packets: Int, expected: [[UInt64]]) throws {
        let stream = try TestStream(tracefileSize: 8192, tracefileCount: 3)
        try Self.writePackets(packets, to: stream)

        let names = try stream.fileNames()
        #expect(names.streams == ["chan0_0_0", "chan0_0_1", "chan0_0_2"])
        #expect(names.indexes == ["chan0_0_0.idx", "chan0_0_1.idx", "chan0_0_2.idx"])
        let files = try names.streams.map(stream.streamFile)
        #expect(files.map { $0.packets.map(\.sequenceNumber) } == expected)
        #expect(files.map(\.size) == expected.map { $0.count * 4096 })
        for (file, sequenceNumbers) in zip(files, expected) {
            #expect(file.values == Self.values(ofPackets: sequenceNumbers.map { Int($0) }))
        }
    }

    @Test("with a count of 1 the single file keeps only the newest packets")
    func countOfOneKeepsNewestPackets() throws {
        let stream = try TestStream(tracefileSize: 8192, tracefileCount: 1)
        try Self.writePackets(5, to: stream)

        let names = try stream.fileNames()
        #expect(names.streams == ["chan0_0_0"])
        #expect(names.indexes == ["chan0_0_0.idx"])
        let file = try stream.streamFile("chan0_0_0")
        #expect(file.packets.map(\.sequenceNumber) == [4])
        #expect(file.values == Self.values(ofPacket: 4))
    }

    @Test("after close, drain writes nothing and the files stay whole")
    func closeStopsWriting() throws {
        let stream = try TestStream(tracefileSize: 8192, tracefileCount: 3)
        try Self.writePackets(3, to: stream)
        stream.consumer.close()
        #expect(try stream.consumer.drain() == 0)
        stream.consumer.close()

        let files = try stream.fileNames().streams.map(stream.streamFile)
        #expect(files.flatMap(\.values) == Self.values(ofPackets: 0..<3))
    }

    static let babeltraceCases: [(size: UInt64, count: UInt64, survivors: ClosedRange<Int>)] = [
        (0, 0, 0...9), (8192, 0, 0...9), (10_000, 0, 0...9), (8192, 3, 4...9), (8192, 1, 8...9), (4096, 4, 6...9),
    ]

    @Test(
        "babeltrace2 reads the trace files as one stream, without a warning, newest events in order",
        arguments: babeltraceCases)
    func babeltraceReadsTraceFiles(size: UInt64, count: UInt64, survivors: ClosedRange<Int>) throws {
        try RequiredTool.babeltrace2.require()
        let stream = try TestStream(tracefileSize: size, tracefileCount: count)
        try Self.writePackets(10, to: stream)
        try TestTrace.writeMetadata(in: stream.directory)

        let result = try RequiredTool.babeltrace2.run([stream.directory], timeout: .seconds(60))
        #expect(!result.timedOut)
        #expect(result.status == 0)
        #expect(result.standardError == "")
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.allSatisfy { $0.contains(" vm spoor_test:value: { cpu_id = 0 }, { value = ") })
        let values = lines.compactMap { line -> UInt64? in
            guard let field = line.split(separator: "value = ").last else { return nil }
            return UInt64(field.dropLast(2))  // " }"
        }
        #expect(values.count == lines.count)
        #expect(values == Self.values(ofPackets: survivors))
    }
}
