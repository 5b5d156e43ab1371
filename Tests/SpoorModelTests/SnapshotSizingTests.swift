import SpoorModel
import Testing

/// `snapshot record --max-size` as LTTng 2.13 sizes a snapshot.
@Suite("Snapshot sizing")
struct SnapshotSizingTests {
    /// Two streams (CPUs) of a channel of 4 sub-buffers of 8 KiB, as in the LTTng run these
    /// values were checked against.
    static let twoStreams = [SnapshotSizing.Channel(subbufferSize: 8192, subbufferCount: 4, streamCount: 2)]

    @Test(
        "a size that cannot hold one packet of every stream is refused; others keep whole packets",
        arguments: [
            (UInt64(1), UInt64?.none), (4096, nil), (8191, nil), (16_383, nil), (16_384, 1), (32_767, 1),
            (32_768, 2), (102_400, 4), (1 << 30, 4), (0, UInt64.max),
        ] as [(UInt64, UInt64?)])
    func packetsPerStream(maxSize: UInt64, expected: UInt64?) {
        #expect(SnapshotSizing.packetsPerStream(maxSize: maxSize, channels: Self.twoStreams) == expected)
    }

    @Test("without streams any size is accepted, as LTTng does before an app registers")
    func noStreams() {
        #expect(SnapshotSizing.packetsPerStream(maxSize: 1, channels: []) == .max)
        let empty = [SnapshotSizing.Channel(subbufferSize: 4096, subbufferCount: 4, streamCount: 0)]
        #expect(SnapshotSizing.packetsPerStream(maxSize: 1, channels: empty) == .max)
    }

    @Test("a channel with fewer sub-buffers stops counting once it has given them all")
    func channelsOfDifferentCounts() {
        let channels = [
            SnapshotSizing.Channel(subbufferSize: 4096, subbufferCount: 1, streamCount: 1),
            SnapshotSizing.Channel(subbufferSize: 4096, subbufferCount: 8, streamCount: 1),
        ]
        // 8 KiB for the first packet of both, then 4 KiB per packet of the second alone.
        #expect(SnapshotSizing.packetsPerStream(maxSize: 8192 + 3 * 4096, channels: channels) == 4)
    }

    @Test("an unnamed output is named after its id")
    func defaultName() {
        #expect(SnapshotOutput.defaultName(id: 1) == "snapshot-1")
        #expect(SnapshotOutput.defaultName(id: 0) == "snapshot-0")
    }
}
