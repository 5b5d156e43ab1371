import SpoorCTF
import SpoorPosix
import SpoorRingBuffer

/// What one stream gave a snapshot.
public struct StreamSnapshotResult: Sendable, Hashable {
    /// Packets written to the snapshot's stream file.
    public var packetCount: Int
    /// Packets of the snapshot's range that were lost: overwritten by writers while the
    /// snapshot was taken, or never completed by a writer that died mid-record.
    public var lostPacketCount: Int
}

extension StreamDriver where Source == RingBufferPacketSource {
    /// `lttng snapshot record` for one stream (lttng-snapshot(1)): writes the newest packets the
    /// ring buffer holds, at most `packetLimit`, to `<directory>/<channel>_<cpu>` and its index,
    /// without consuming them: the buffer and its writers go on as if nothing happened, and the
    /// next snapshot finds the same packets (less what writers overwrote meanwhile).
    ///
    /// The open packet is closed first, as LTTng does, so the snapshot holds every record made
    /// before the call. A packet whose writers have not committed yet is waited for, up to
    /// `timeoutMilliseconds` for the whole stream; a packet overwritten during the copy is left
    /// out (its sequence number shows the gap), never written torn.
    public func writeSnapshot(
        to directory: String, packetLimit: UInt64, timeoutMilliseconds: Int, clock: () -> UInt64
    ) throws(SystemError) -> StreamSnapshotResult {
        var output = LocalTraceOutput(maximumPacketSize: source.maximumPacketSize)
        try output.openChunk(directory: directory)
        try output.openFile(named: configuration.streamName, in: directory)
        defer { output.closeFile() }
        var result = StreamSnapshotResult(packetCount: 0, lostPacketCount: 0)
        guard !isClosed else { return result }
        let buffer = source.buffer
        buffer.flush(allowEmpty: false, clock: clock)
        let range = buffer.snapshotRange
        let first =
            range.upperBound - range.lowerBound > packetLimit ? range.upperBound - packetLimit : range.lowerBound
        let subbufferSize = buffer.layout.subbufferSize
        // Page-aligned, so that direct I/O writes the copy as it is.
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: subbufferSize, alignment: PacketFile.unit)
        defer { copy.deallocate() }
        let framer = PacketFramer(
            uuid: configuration.uuid, streamID: configuration.streamID, cpu: configuration.cpu,
            alignment: source.packetAlignment, maximumPacketSize: subbufferSize, copiesRecords: false)
        var waited = 0
        var lastDiscarded: UInt64 = 0
        for sequenceNumber in first..<range.upperBound {
            var outcome = buffer.copyPacket(sequenceNumber, into: copy)
            while outcome == .incomplete && waited < timeoutMilliseconds {
                Spawn.pause(milliseconds: 1)
                waited += 1
                outcome = buffer.copyPacket(sequenceNumber, into: copy)
            }
            guard case .copied(let packet) = outcome else {
                result.lostPacketCount += 1
                continue
            }
            // The copy is checked: its header is written over it, and it goes to the file as is.
            let framed = framer.frame(packet, inPlace: copy, discardedBefore: lastDiscarded)
            lastDiscarded = framed.context.eventsDiscarded
            try output.append(framed)
            result.packetCount += 1
        }
        return result
    }
}
