import SpoorPosix
import SpoorRingBuffer

/// A rotation of one stream under way: the packets numbered from `firstSequenceNumber` on belong
/// to the new trace chunk, whose trace directory is `directory`.
struct ChunkSwitch {
    var directory: String
    var firstSequenceNumber: UInt64
}

extension StreamConsumer {
    /// Starts `lttng rotate` for this stream (lttng-rotate(1)): closes the open packet, so that
    /// every record reserved before the call sits in a packet numbered below the write position
    /// then, and sends the packets from that one on to new trace files in `directory` (its
    /// `index` directory is created now). Records reserved after the call go to the new chunk;
    /// none is lost or written twice, since a packet is never split.
    ///
    /// Returns the sequence number of the first packet of the new chunk. Call
    /// `continueRotation` until it returns true.
    @discardableResult
    public func beginRotation(to directory: String, clock: () -> UInt64) throws(SystemError) -> UInt64 {
        try FileSystem.makeDirectories(directory + "/index")
        buffer.flush(allowEmpty: false, clock: clock)
        // A writer may already have opened the next packet: it holds records made after the
        // flush, so it belongs to the new chunk.
        let boundary = buffer.writePosition / UInt64(buffer.layout.subbufferSize)
        files.withLock { files in
            guard !files.isClosed else { return }
            files.chunkSwitch = ChunkSwitch(directory: directory, firstSequenceNumber: boundary)
        }
        return boundary
    }

    /// Writes what is complete and returns whether the rotation of this stream is done: every
    /// packet of the old chunk is written and the stream writes into the new chunk's files (so
    /// the old ones are closed for good). With `abandoningIncompletePackets`, an old packet a
    /// dead writer left incomplete is given up, as `stop` does after its wait.
    public func continueRotation(abandoningIncompletePackets: Bool = false) throws(SystemError) -> Bool {
        try drain()
        return try files.withLock { (files) throws(SystemError) -> Bool in
            guard !files.isClosed, let pending = files.chunkSwitch else { return true }
            let subbufferSize = UInt64(buffer.layout.subbufferSize)
            if buffer.consumedPosition >= pending.firstSequenceNumber * subbufferSize {
                try switchChunk(to: pending.directory, in: &files)
                return true
            }
            if abandoningIncompletePackets && buffer.isOldestPacketIncomplete { abandonOldestPacket(in: &files) }
            return false
        }
    }

    /// Whether a rotation of this stream is under way.
    public var isRotating: Bool { files.withLock { !$0.isClosed && $0.chunkSwitch != nil } }

    /// Bytes this stream has written to trace files since it was created, in every chunk.
    public var bytesWritten: UInt64 { files.withLock { $0.bytesWritten } }

    /// Bytes this stream has written to the current trace chunk: since its creation, or since
    /// it moved to the chunk of its latest rotation.
    public var bytesWrittenInCurrentChunk: UInt64 { files.withLock { $0.chunkBytesWritten } }

    /// Before a packet is written: the first packet of the new chunk opens the new files.
    func switchChunkIfDue(beforePacket sequenceNumber: UInt64, in files: inout Files) throws(SystemError) {
        guard let pending = files.chunkSwitch, sequenceNumber >= pending.firstSequenceNumber else { return }
        try switchChunk(to: pending.directory, in: &files)
    }

    /// Closes the old chunk's files and opens the stream's files in `directory`, starting
    /// again at trace file 0 with `--tracefile-size`, as each chunk is a trace of its own.
    private func switchChunk(to directory: String, in files: inout Files) throws(SystemError) {
        files.data.close()
        files.index.close()
        files.rotation = TracefileRotation(sizeLimit: files.rotation.sizeLimit, countLimit: files.rotation.countLimit)
        // If creating the files fails, the switch stays pending and is tried again.
        let (data, index) = try Self.createFiles(
            directory: directory, name: files.rotation.fileName(stream: streamName, number: 0))
        files.data = data
        files.index = index
        files.directory = directory
        files.packetCount = 0
        files.chunkBytesWritten = 0
        files.chunkSwitch = nil
    }
}
