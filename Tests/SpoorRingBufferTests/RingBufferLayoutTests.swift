import SpoorRingBuffer
import SpoorTestSupport
import Testing

@Suite("Ring buffer layout")
struct RingBufferLayoutTests {
    @Test("the control header's fields sit at their documented offsets")
    func fixedOffsets() {
        #expect(RingBufferLayout.magic == 0x5350_524E)
        #expect(RingBufferLayout.version == 1)
        #expect(RingBufferLayout.packetHeaderSize == 84)
        #expect(RingBufferLayout.magicOffset == 0)
        #expect(RingBufferLayout.versionOffset == 4)
        #expect(RingBufferLayout.headerSizeOffset == 8)
        #expect(RingBufferLayout.subbufferCountOffset == 12)
        #expect(RingBufferLayout.subbufferSizeOffset == 16)
        #expect(RingBufferLayout.cpuOffset == 24)
        #expect(RingBufferLayout.flagsOffset == 28)
        #expect(RingBufferLayout.recordingFlag == 1)
    }

    @Test("each hot counter has a cache line of its own")
    func hotCountersOnSeparateCacheLines() {
        let counters = [
            RingBufferLayout.writePositionOffset, RingBufferLayout.consumedPositionOffset,
            RingBufferLayout.lastTimestampOffset, RingBufferLayout.discardedRecordsOffset,
        ]
        #expect(counters == [64, 128, 192, 256])
        #expect(RingBufferLayout.slotsOffset == 320)
        #expect(RingBufferLayout.slotSize == 64)
        #expect(Set(counters.map { $0 / 64 }).count == counters.count)
        #expect(counters.allSatisfy { $0 % 64 == 0 })
    }

    @Test("a slot holds the commit count and the closed packet's fields at fixed offsets")
    func slotOffsets() {
        #expect(RingBufferLayout.slotCommitCountOffset == 0)
        #expect(RingBufferLayout.slotTimestampBeginOffset == 8)
        #expect(RingBufferLayout.slotTimestampEndOffset == 16)
        #expect(RingBufferLayout.slotDataSizeOffset == 24)
        #expect(RingBufferLayout.slotDiscardedOffset == 32)
        #expect(RingBufferLayout.slotDiscardedOffset + 8 <= RingBufferLayout.slotSize)
    }

    @Test(
        "the header size is rounded up to a whole page",
        arguments: [
            (1, 4096, 4096), (2, 4096, 4096), (16, 4096, 4096), (32, 4096, 4096), (64, 4096, 8192),
            (128, 4096, 12288), (1024, 4096, 69632), (1 << 16, 4096, 4_198_400), (1, 16384, 16384),
            (128, 16384, 16384), (256, 16384, 32768), (512, 16384, 49152),
        ])
    func headerSizeRoundsToPages(subbufferCount: Int, pageSize: Int, headerSize: Int) throws {
        let layout = try #require(
            RingBufferLayout(subbufferSize: 4096, subbufferCount: subbufferCount, pageSize: pageSize))
        #expect(layout.headerSize == headerSize)
        #expect(layout.headerSize % pageSize == 0)
        #expect(
            layout.headerSize >= RingBufferLayout.slotsOffset + RingBufferLayout.slotSize * subbufferCount
        )
        #expect(
            layout.headerSize - pageSize < RingBufferLayout.slotsOffset + RingBufferLayout.slotSize
                * subbufferCount)
    }

    @Test("the total size is the header plus every sub-buffer")
    func totalSize() throws {
        let layout = try #require(RingBufferLayout(subbufferSize: 1 << 20, subbufferCount: 8))
        #expect(layout.dataSize == 8 << 20)
        #expect(layout.totalSize == 4096 + 8 << 20)
        let small = try #require(RingBufferLayout(subbufferSize: 4096, subbufferCount: 4))
        #expect(small.totalSize == 4096 + 4 * 4096)
    }

    @Test(
        "sizes and counts must be powers of two within bounds",
        arguments: [
            (2048, 4), (4095, 4), (6144, 4), (0, 4), (-4096, 4), (1 << 33, 4), (4096, 0), (4096, 3),
            (4096, -2),
            (4096, 1 << 17),
        ])
    func rejectsInvalidGeometry(subbufferSize: Int, subbufferCount: Int) {
        #expect(RingBufferLayout(subbufferSize: subbufferSize, subbufferCount: subbufferCount) == nil)
    }

    @Test("the largest and smallest geometries are accepted")
    func acceptsBoundaryGeometry() {
        #expect(RingBufferLayout(subbufferSize: 4096, subbufferCount: 1) != nil)
        #expect(RingBufferLayout(subbufferSize: 1 << 32, subbufferCount: 1 << 16) != nil)
    }

    @Test("initializing writes the fixed fields in native byte order")
    func initializeWritesFixedFields() throws {
        let layout = try #require(RingBufferLayout(subbufferSize: 8192, subbufferCount: 2))
        withMappedBytes(layout.totalSize) { base in
            layout.initialize(at: base, cpu: 7)
            #expect(base.load(fromByteOffset: 0, as: UInt32.self) == 0x5350_524E)
            #expect(base.load(fromByteOffset: 4, as: UInt32.self) == 1)
            #expect(base.load(fromByteOffset: 8, as: UInt32.self) == 4096)
            #expect(base.load(fromByteOffset: 12, as: UInt32.self) == 2)
            #expect(base.load(fromByteOffset: 16, as: UInt64.self) == 8192)
            #expect(base.load(fromByteOffset: 24, as: UInt32.self) == 7)
            #expect(base.load(fromByteOffset: 28, as: UInt32.self) == 0)
            #expect(RingBufferLayout.validated(at: base, mappedSize: layout.totalSize) == layout)
        }
    }

    @Test("the recording flag lives in bit 0 of the flags word")
    func recordingFlag() {
        withRingBuffer { buffer in
            #expect(!buffer.isRecording)
            buffer.setRecording(true)
            #expect(buffer.isRecording)
            #expect(buffer.base.load(fromByteOffset: RingBufferLayout.flagsOffset, as: UInt32.self) == 1)
            buffer.setRecording(false)
            #expect(!buffer.isRecording)
            #expect(buffer.base.load(fromByteOffset: RingBufferLayout.flagsOffset, as: UInt32.self) == 0)
        }
    }

    // MARK: Validation of shared memory

    @Test("a buffer validates against a mapping of exactly its size")
    func validatesExactMapping() throws {
        let layout = try #require(RingBufferLayout(subbufferSize: 4096, subbufferCount: 4))
        withMappedBytes(layout.totalSize) { base in
            layout.initialize(at: base, cpu: 0)
            #expect(RingBufferLayout.validated(at: base, mappedSize: layout.totalSize) == layout)
            #expect(RingBufferLayout.validated(at: base, mappedSize: layout.totalSize + 4096) == layout)
            #expect(RingBufferLayout.validated(at: base, mappedSize: layout.totalSize - 1) == nil)
            #expect(RingBufferLayout.validated(at: base, mappedSize: layout.headerSize) == nil)
            #expect(
                RingBufferLayout.validated(at: base, mappedSize: RingBufferLayout.slotsOffset - 1) == nil)
            #expect(RingBufferLayout.validated(at: base, mappedSize: 0) == nil)
        }
    }

    /// One way a hostile or stale peer can lie about the buffer.
    enum Corruption: CaseIterable, CustomTestStringConvertible {
        case magic, version, headerSize, subbufferSizeTooSmall, subbufferSizeNotPowerOfTwo,
            subbufferSizeHuge,
            subbufferSizeBeyondUInt32, subbufferCountZero, subbufferCountNotPowerOfTwo,
            subbufferCountHuge,
            subbufferCountLargerThanMapping

        var testDescription: String { "\(self)" }

        func apply(to base: UnsafeMutableRawPointer) {
            switch self {
            case .magic: base.storeBytes(of: 0x4E52_5053, toByteOffset: 0, as: UInt32.self)
            case .version: base.storeBytes(of: 2, toByteOffset: 4, as: UInt32.self)
            case .headerSize: base.storeBytes(of: 8192, toByteOffset: 8, as: UInt32.self)
            case .subbufferSizeTooSmall: base.storeBytes(of: 2048, toByteOffset: 16, as: UInt64.self)
            case .subbufferSizeNotPowerOfTwo:
                base.storeBytes(of: 4096 + 64, toByteOffset: 16, as: UInt64.self)
            case .subbufferSizeHuge: base.storeBytes(of: 1 << 40, toByteOffset: 16, as: UInt64.self)
            case .subbufferSizeBeyondUInt32:
                base.storeBytes(of: UInt64.max, toByteOffset: 16, as: UInt64.self)
            case .subbufferCountZero: base.storeBytes(of: 0, toByteOffset: 12, as: UInt32.self)
            case .subbufferCountNotPowerOfTwo: base.storeBytes(of: 3, toByteOffset: 12, as: UInt32.self)
            case .subbufferCountHuge: base.storeBytes(of: 1 << 20, toByteOffset: 12, as: UInt32.self)
            case .subbufferCountLargerThanMapping:
                base.storeBytes(of: 8, toByteOffset: 12, as: UInt32.self)
            }
        }
    }

    @Test("hostile or stale fields never validate", arguments: Corruption.allCases)
    func rejectsCorruptHeader(_ corruption: Corruption) throws {
        let layout = try #require(RingBufferLayout(subbufferSize: 4096, subbufferCount: 4))
        withMappedBytes(layout.totalSize) { base in
            layout.initialize(at: base, cpu: 0)
            corruption.apply(to: base)
            #expect(RingBufferLayout.validated(at: base, mappedSize: layout.totalSize) == nil)
        }
    }

    @Test("whatever the header says, a validated layout stays inside the mapping")
    func validatedLayoutsStayInBounds() throws {
        let mappedSize = 4096 * 6
        var random = SplitMix64(seed: 0x5EED)
        let sizes: [UInt64] = [0, 1, 4095, 4096, 8192, 16384, 1 << 32, 1 << 33, UInt64.max]
        let counts: [UInt32] = [0, 1, 2, 3, 4, 5, 8, 1 << 16, UInt32.max]
        withMappedBytes(mappedSize) { base in
            var accepted = 0
            for _ in 0..<2000 {
                base.storeBytes(of: RingBufferLayout.magic, toByteOffset: 0, as: UInt32.self)
                base.storeBytes(of: RingBufferLayout.version, toByteOffset: 4, as: UInt32.self)
                let headerSize: UInt32 =
                    random.next() % 4 == 0 ? UInt32.random(in: 0...1 << 20, using: &random) : 4096
                base.storeBytes(of: headerSize, toByteOffset: 8, as: UInt32.self)
                base.storeBytes(
                    of: counts.randomElement(using: &random)!, toByteOffset: 12, as: UInt32.self)
                base.storeBytes(of: sizes.randomElement(using: &random)!, toByteOffset: 16, as: UInt64.self)
                guard let layout = RingBufferLayout.validated(at: base, mappedSize: mappedSize) else {
                    continue
                }
                accepted += 1
                #expect(layout.totalSize <= mappedSize)
                #expect(layout.headerSize + layout.subbufferCount * layout.subbufferSize <= mappedSize)
                #expect(
                    RingBufferLayout.slotsOffset + layout.subbufferCount * RingBufferLayout.slotSize
                        <= layout.headerSize)
            }
            #expect(accepted > 0, "the sample should include some valid headers")
        }
    }
}

/// Runs `body` with `count` zero-filled bytes.
func withMappedBytes<R>(_ count: Int, _ body: (UnsafeMutableRawPointer) throws -> R) rethrows -> R {
    let memory = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 4096)
    memory.initializeMemory(as: UInt8.self, repeating: 0, count: count)
    defer { memory.deallocate() }
    return try body(memory)
}
