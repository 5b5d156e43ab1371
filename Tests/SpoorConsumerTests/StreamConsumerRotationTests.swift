import Foundation
import SpoorConsumer
import Testing

/// `StreamConsumer` during `lttng rotate` (lttng-rotate(1)): the packets recorded before the
/// rotation stay in the old chunk's files, the later ones go to the new chunk's, none is split,
/// lost or written twice.
@Suite("Stream consumer rotation")
struct StreamConsumerRotationTests {
    /// A clock for the flushes the test makes itself, past every timestamp `TestStream` uses.
    final class LateClock {
        var now: UInt64 = 10_000_000_000
        func read() -> UInt64 {
            now += 1_000
            return now
        }
    }

    static func newChunk(of stream: TestStream) -> String { stream.directory + "-chunk1" }

    @Test("the open packet ends the old chunk; what is recorded after the rotation goes to the new one")
    func openPacketEndsOldChunk() throws {
        let stream = try TestStream()
        let next = Self.newChunk(of: stream)
        defer { try? FileManager.default.removeItem(atPath: next) }
        let clock = LateClock()
        try StreamConsumerTracefileTests.writePackets(2, to: stream)
        for _ in 0..<3 { stream.record() }

        let boundary = try stream.consumer.beginRotation(to: next, clock: clock.read)
        #expect(boundary == 3)
        #expect(stream.consumer.isRotating)
        for _ in 0..<4 { stream.record() }
        #expect(try stream.consumer.continueRotation())
        #expect(!stream.consumer.isRotating)
        #expect(stream.buffer.flush(allowEmpty: false, clock: clock.read))
        #expect(try stream.consumer.drain() == 1)

        let old = try stream.streamFile("chan0_0")
        #expect(old.packets.map(\.sequenceNumber) == [0, 1, 2])
        #expect(old.values == Array(0..<23))
        let new = try StreamFile(directory: next, name: "chan0_0")
        #expect(new.packets.map(\.sequenceNumber) == [3])
        #expect(new.values == Array(23..<27))
    }

    @Test("a packet past the boundary drained in the same pass as the old ones goes to the new chunk")
    func samePassSplitsAtTheBoundary() throws {
        let stream = try TestStream()
        let next = Self.newChunk(of: stream)
        defer { try? FileManager.default.removeItem(atPath: next) }
        let clock = LateClock()
        for _ in 0..<5 { stream.record() }
        try stream.consumer.beginRotation(to: next, clock: clock.read)
        for _ in 0..<6 { stream.record() }
        #expect(stream.buffer.flush(allowEmpty: false, clock: clock.read))
        #expect(try stream.consumer.drain() == 2)
        #expect(try stream.consumer.continueRotation())

        #expect(try stream.streamFile("chan0_0").values == Array(0..<5))
        let new = try StreamFile(directory: next, name: "chan0_0")
        #expect(new.packets.map(\.sequenceNumber) == [1])
        #expect(new.values == Array(5..<11))
    }

    @Test("a stream with nothing recorded since its last packet moves to empty files at once")
    func idleStreamSwitchesAtOnce() throws {
        let stream = try TestStream()
        let next = Self.newChunk(of: stream)
        defer { try? FileManager.default.removeItem(atPath: next) }
        try StreamConsumerTracefileTests.writePackets(1, to: stream)
        try stream.consumer.beginRotation(to: next, clock: LateClock().read)
        #expect(try stream.consumer.continueRotation())
        let new = try StreamFile(directory: next, name: "chan0_0")
        #expect(new.size == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: next + "/index/chan0_0.idx")).count == 16)
        #expect(try stream.streamFile("chan0_0").values == Array(0..<10))
    }

    @Test("with --tracefile-size the new chunk starts again at trace file 0")
    func tracefilesStartAgainAtZero() throws {
        let stream = try TestStream(tracefileSize: 8192)
        let next = Self.newChunk(of: stream)
        defer { try? FileManager.default.removeItem(atPath: next) }
        try StreamConsumerTracefileTests.writePackets(5, to: stream)
        #expect(try stream.fileNames().streams == ["chan0_0_0", "chan0_0_1", "chan0_0_2"])
        try stream.consumer.beginRotation(to: next, clock: LateClock().read)
        #expect(try stream.consumer.continueRotation())
        try StreamConsumerTracefileTests.writePackets(3, to: stream)

        let names = try FileManager.default.contentsOfDirectory(atPath: next).filter { $0 != "index" }.sorted()
        #expect(names == ["chan0_0_0", "chan0_0_1"])
        #expect(try StreamFile(directory: next, name: "chan0_0_0").values == Array(50..<70))
        #expect(try StreamFile(directory: next, name: "chan0_0_1").values == Array(70..<80))
        #expect(stream.consumer.bytesWritten == 8 * 4096)
    }
}

extension StreamConsumerRotationTests {
    @Test("the bytes of the current chunk count from the switch; the old chunk's last packets do not")
    func currentChunkBytes() throws {
        let stream = try TestStream()
        let next = Self.newChunk(of: stream)
        defer { try? FileManager.default.removeItem(atPath: next) }
        let clock = LateClock()
        try StreamConsumerTracefileTests.writePackets(2, to: stream)
        #expect(stream.consumer.bytesWrittenInCurrentChunk == 2 * 4096)
        for _ in 0..<3 { stream.record() }
        try stream.consumer.beginRotation(to: next, clock: clock.read)
        #expect(try stream.consumer.continueRotation())
        #expect(stream.consumer.bytesWrittenInCurrentChunk == 0)
        #expect(stream.consumer.bytesWritten == 3 * 4096)
        try StreamConsumerTracefileTests.writePackets(1, to: stream)
        #expect(stream.consumer.bytesWrittenInCurrentChunk == 4096)
    }
}
