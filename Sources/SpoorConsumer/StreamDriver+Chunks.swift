import SpoorPosix

extension StreamDriver {
    /// Starts `lttng rotate` for this stream (lttng-rotate(1)): makes `directory` ready in the
    /// output, closes the open packet, so that every record reserved before the call sits in a
    /// packet numbered below the write position then, and sends the packets from that one on to
    /// new trace files in `directory`. Records reserved after the call go to the new chunk;
    /// none is lost or written twice, since a packet is never split.
    ///
    /// Returns the sequence number of the first packet of the new chunk. Call
    /// `continueRotation` until it returns true.
    @discardableResult
    public func beginRotation(to directory: String, clock: () -> UInt64) throws(SystemError) -> UInt64 {
        try state.withLock { (state) throws(SystemError) in try state.output.openChunk(directory: directory) }
        source.flush(allowEmpty: false, clock: clock)
        // A writer may already have opened the next packet: it holds records made after the
        // flush, so it belongs to the new chunk.
        let boundary = source.writeSequenceNumber
        state.withLock { $0.machine.rotationBegan(directory: directory, firstSequenceNumber: boundary) }
        return boundary
    }

    /// Writes what is complete and returns whether the rotation of this stream is done: every
    /// packet of the old chunk is written and the stream writes into the new chunk's files (so
    /// the old ones are closed for good). With `abandoningIncompletePackets`, an old packet a
    /// dead writer left incomplete is given up, as `stop` does after its wait.
    public func continueRotation(abandoningIncompletePackets: Bool = false) throws(SystemError) -> Bool {
        try drain()
        return try state.withLock { (state) throws(SystemError) -> Bool in
            let consumed = state.machine.isClosed ? 0 : source.consumedSequenceNumber
            switch state.machine.rotationProgress(consumedSequenceNumber: consumed) {
            case .done:
                return true
            case .switchChunk(let directory, let fileName):
                // If opening fails, the switch stays pending and is tried again.
                try state.output.openFile(named: fileName, in: directory)
                state.machine.chunkOpened()
                publishByteCounts(of: state.machine)
                return true
            case .waiting:
                if abandoningIncompletePackets && source.isOldestPacketIncomplete { abandonOldestPacket(in: &state) }
                return false
            }
        }
    }

    /// Whether a rotation of this stream is under way.
    public var isRotating: Bool { state.withLock { $0.machine.isRotating } }

    /// `lttng clear` for one stream (lttng-clear(1)): forgets everything recorded so far. The
    /// stream's trace files and their indexes are emptied (with `--tracefile-size`, every trace
    /// file goes and the stream starts again at file 0), and what the source holds is released
    /// without being written. Records reserved after the call keep going to the files.
    ///
    /// The open packet is closed first, so that everything recorded before the call sits in
    /// packets numbered below the write position then; those are dropped whichever thread reads
    /// them (the consumer's `drain` skips them too). Returns once they are all gone, or after
    /// `timeoutMilliseconds` (a writer that died mid-record never completes its packet, which
    /// is then given up, as `stop` does). Returns whether the source got past them.
    @discardableResult
    public func clear(timeoutMilliseconds: Int, clock: () -> UInt64) throws(SystemError) -> Bool {
        source.flush(allowEmpty: false, clock: clock)
        // A writer may already have opened the next packet: it holds records made after the
        // flush, so it stays.
        let boundary = source.writeSequenceNumber
        try state.withLock { (state) throws(SystemError) in
            guard let plan = state.machine.clearRequested(boundary: boundary) else { return }
            state.output.closeFile()
            for name in plan.removals { state.output.removeFile(named: name, in: plan.directory) }
            try state.output.openFile(named: plan.firstFileName, in: plan.directory)
        }
        return try drain(timeoutMilliseconds: timeoutMilliseconds) { $0.consumedSequenceNumber >= boundary }
    }

    /// Closes the open packet (or writes an empty one), then writes everything until the source
    /// is drained or `timeoutMilliseconds` pass (a writer that died mid-record never commits).
    /// Returns whether the source was fully drained.
    @discardableResult
    public func flushAndDrain(timeoutMilliseconds: Int, clock: () -> UInt64) throws(SystemError) -> Bool {
        source.flush(allowEmpty: true, clock: clock)
        return try drain(timeoutMilliseconds: timeoutMilliseconds) { $0.isDrained }
    }

    /// Drains until `isDone`, or until `timeoutMilliseconds` pass; then what is still incomplete
    /// belongs to writers that died mid-record and is given up, so that everything after it is
    /// written. Returns whether `isDone` holds in the end.
    ///
    /// Between two looks it sleeps on the source's wake-up descriptor, so a packet completing
    /// ends the wait at once; the wait is bounded to 1 ms because a source read on a timer never
    /// signals, and another thread's `drain` may take the signal first.
    private func drain(timeoutMilliseconds: Int, until isDone: (Source) -> Bool) throws(SystemError) -> Bool {
        let deadline = clock() + UInt64(max(0, timeoutMilliseconds)) * 1_000_000
        while true {
            try drain()
            // A closed source's memory is gone: nothing to look at, nothing more to drain.
            if isClosed { return false }
            if isDone(source) { return true }
            if clock() >= deadline { break }
            if let descriptor = source.wakeDescriptor {
                PollSet.waitReadable(descriptor, timeoutMilliseconds: 1)
            } else {
                Spawn.pause(milliseconds: 1)
            }
        }
        for _ in 0..<source.packetCapacity {
            let isClosed = state.withLock { state in
                if !state.machine.isClosed && source.isOldestPacketIncomplete { abandonOldestPacket(in: &state) }
                return state.machine.isClosed
            }
            if isClosed { break }
            try drain()
        }
        return isDone(source)
    }
}
