import SpoorConsumer
import Testing

/// The pure decisions of `--tracefile-size` / `--tracefile-count`: which file each packet goes to.
@Suite("Tracefile rotation")
struct TracefileRotationTests {
    /// Feeds packets of the given sizes and returns the file number each one lands in.
    static func files(for sizes: [UInt64], sizeLimit: UInt64, countLimit: UInt64) -> [UInt64] {
        var rotation = TracefileRotation(sizeLimit: sizeLimit, countLimit: countLimit)
        return sizes.map { size in
            if case .open = rotation.packetReady(size: size) { rotation.fileOpened() }
            rotation.packetWritten(size: size)
            return rotation.fileNumber
        }
    }

    @Test("without a size limit every packet goes to the one unnumbered file")
    func noSizeLimitKeepsOneFile() {
        var rotation = TracefileRotation(sizeLimit: 0, countLimit: 3)
        for _ in 0..<100 {
            #expect(rotation.packetReady(size: 1 << 20) == .append)
            rotation.packetWritten(size: 1 << 20)
        }
        #expect(rotation.fileName(stream: "chan0_1", number: rotation.fileNumber) == "chan0_1")
    }

    @Test("with a size limit the files are numbered from 0")
    func sizeLimitNumbersFiles() {
        let rotation = TracefileRotation(sizeLimit: 8192, countLimit: 0)
        #expect(rotation.fileName(stream: "chan0_1", number: 0) == "chan0_1_0")
        #expect(rotation.fileName(stream: "chan0_1", number: 12) == "chan0_1_12")
    }

    @Test("a packet that would pass the size limit starts the next file")
    func packetPastLimitStartsNextFile() {
        #expect(
            Self.files(for: Array(repeating: 4096, count: 7), sizeLimit: 8192, countLimit: 0) == [0, 0, 1, 1, 2, 2, 3])
        #expect(Self.files(for: [4096, 4096, 4096], sizeLimit: 12287, countLimit: 0) == [0, 0, 1])
    }

    @Test("a packet larger than the limit is written alone in its file, never split or skipped")
    func largePacketGetsItsOwnFile() {
        #expect(
            Self.files(for: [12288, 4096, 4096, 12288, 12288], sizeLimit: 8192, countLimit: 0) == [0, 1, 1, 2, 3])
        #expect(Self.files(for: [4096, 12288, 4096], sizeLimit: 8192, countLimit: 0) == [0, 1, 2])
    }

    @Test("with a count limit the file numbers wrap around")
    func countLimitWraps() {
        #expect(
            Self.files(for: Array(repeating: 4096, count: 10), sizeLimit: 8192, countLimit: 3)
                == [0, 0, 1, 1, 2, 2, 0, 0, 1, 1])
        #expect(Self.files(for: Array(repeating: 4096, count: 5), sizeLimit: 4096, countLimit: 1) == [0, 0, 0, 0, 0])
    }

    @Test("every wrap to a used file asks for it to be opened again, so that it is truncated")
    func wrapReopensFile() {
        var rotation = TracefileRotation(sizeLimit: 4096, countLimit: 1)
        #expect(rotation.packetReady(size: 4096) == .append)
        rotation.packetWritten(size: 4096)
        #expect(rotation.packetReady(size: 4096) == .open(number: 0))
        rotation.fileOpened()
        #expect(rotation.fileSize == 0)
    }

    @Test("a file that could not be created is asked for again, not skipped")
    func failedOpenIsRetried() {
        var rotation = TracefileRotation(sizeLimit: 4096, countLimit: 0)
        rotation.packetWritten(size: 4096)
        #expect(rotation.packetReady(size: 4096) == .open(number: 1))
        // The creation failed: no `fileOpened()`.
        #expect(rotation.packetReady(size: 4096) == .open(number: 1))
        rotation.fileOpened()
        #expect(rotation.packetReady(size: 4096) == .append)
    }

    @Test("sizes near the top of UInt64 do not overflow")
    func hugeSizesDoNotOverflow() {
        var rotation = TracefileRotation(sizeLimit: .max - 1, countLimit: 0)
        rotation.packetWritten(size: .max - 10)
        #expect(rotation.packetReady(size: 4096) == .open(number: 1))
    }
}
