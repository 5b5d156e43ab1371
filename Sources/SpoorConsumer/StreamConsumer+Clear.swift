import SpoorPosix
import SpoorRingBuffer

extension StreamConsumer {
    /// `lttng clear` for one stream (lttng-clear(1)): forgets everything recorded so far. The
    /// stream's trace files and their indexes are emptied (with `--tracefile-size`, every piece
    /// goes and the stream starts again at piece 0), and what the ring buffer holds is released
    /// without being written. Records reserved after the call keep going to the files.
    ///
    /// The open packet is closed first, so that everything recorded before the call sits in
    /// packets numbered below the write position then; those are dropped whichever thread reads
    /// them (the consumer's `drain` skips them too). Returns once they are all gone, or after
    /// `timeoutMilliseconds` (a writer that died mid-record never completes its packet, which
    /// is then given up, as `stop` does). Returns whether the buffer got past them.
    @discardableResult
    public func clear(timeoutMilliseconds: Int, clock: () -> UInt64) throws(SystemError) -> Bool {
        buffer.flush(allowEmpty: false, clock: clock)
        let subbufferSize = UInt64(buffer.layout.subbufferSize)
        // A writer may already have opened the next packet: it holds records made after the
        // flush, so it stays.
        let boundary = buffer.writePosition / subbufferSize
        try files.withLock { (files) throws(SystemError) in
            guard !files.isClosed else { return }
            files.discardBeforeSequenceNumber = max(files.discardBeforeSequenceNumber, boundary)
            try truncateFiles(&files)
            files.nextSequenceNumber = max(files.nextSequenceNumber, boundary)
        }
        var waited = 0
        while true {
            try drain()
            if buffer.consumedPosition >= boundary * subbufferSize { return true }
            if waited >= timeoutMilliseconds {
                for _ in 0..<buffer.layout.subbufferCount {
                    files.withLock { files in
                        if !files.isClosed && buffer.isOldestPacketIncomplete { abandonOldestPacket(in: &files) }
                    }
                    try drain()
                }
                return buffer.consumedPosition >= boundary * subbufferSize
            }
            Spawn.pause(milliseconds: 1)
            waited += 1
        }
    }

    /// Removes every trace file of the stream and its index, and opens an empty piece 0.
    private func truncateFiles(_ files: inout Files) throws(SystemError) {
        files.data.close()
        files.index.close()
        let rotation = files.rotation
        if rotation.sizeLimit > 0 {
            // Pieces only ever go up to the current number, or wrap below the count.
            let highest =
                rotation.countLimit > 0 ? max(rotation.countLimit - 1, rotation.fileNumber) : rotation.fileNumber
            for number in 0...highest {
                let name = rotation.fileName(stream: streamName, number: number)
                FileSystem.remove(files.directory + "/" + name)
                FileSystem.remove(files.directory + "/index/" + name + ".idx")
            }
        }
        files.rotation = TracefileRotation(sizeLimit: rotation.sizeLimit, countLimit: rotation.countLimit)
        let (data, index) = try Self.createFiles(
            directory: files.directory, name: files.rotation.fileName(stream: streamName, number: 0))
        files.data = data
        files.index = index
        files.packetCount = 0
        files.stuck = nil
    }
}
