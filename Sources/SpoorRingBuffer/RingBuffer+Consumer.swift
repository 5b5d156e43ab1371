import Atomics

/// A complete packet waiting in a sub-buffer, as the consumer sees it.
public struct ReadablePacket: Sendable, Hashable {
    /// The packet's position in the stream: its `packet_seq_num`.
    public var sequenceNumber: UInt64
    /// Offset of the packet's first byte from the buffer's base.
    public var offset: Int
    /// Bytes used, the reserved packet header included (`content_size / 8`).
    public var dataSize: Int
    public var timestampBegin: UInt64
    public var timestampEnd: UInt64
    /// Cumulative records discarded in this stream when the packet closed.
    public var discardedRecords: UInt64
}

extension RingBuffer {
    /// Initializes a fresh, zero-filled buffer and returns its view.
    public static func create(
        at base: UnsafeMutableRawPointer, layout: RingBufferLayout, cpu: UInt32, overwrite: Bool = false,
        blockingTimeoutMicroseconds: UInt64 = 0, readsOnTimer: Bool = false
    ) -> RingBuffer {
        layout.initialize(at: base, cpu: cpu)
        base.storeBytes(
            of: blockingTimeoutMicroseconds, toByteOffset: RingBufferLayout.blockingTimeoutOffset, as: UInt64.self)
        let buffer = RingBuffer(base: base, layout: layout)
        var flags: RingBufferFlags = []
        if overwrite { flags.insert(.overwrite) }
        if readsOnTimer { flags.insert(.timerWakeup) }
        buffer.flags.store(flags.rawValue, ordering: .relaxed)
        return buffer
    }

    /// The oldest complete packet not yet released, or nil if the next one is still being written.
    ///
    /// The slot's fields come from the (possibly hostile) producers' shared memory: sizes are
    /// clamped so a reader never goes outside the sub-buffer.
    public func nextReadablePacket() -> ReadablePacket? {
        let consumed = atomic(RingBufferLayout.consumedPositionOffset).load(ordering: .relaxed)
        let slot = self.slot(of: consumed)
        let lap = consumed / ringSize
        // Acquiring: pairs with the producers' releasing commits, so the data and the closer's
        // slot fields are visible once the count is complete.
        let committed = slotAtomic(slot, RingBufferLayout.slotCommitCountOffset).load(ordering: .acquiring)
        guard committed >= (lap + 1) * subbufferSize else { return nil }
        return closedPacket(slot: slot, sequenceNumber: consumed / subbufferSize)
    }

    /// The packet `sequenceNumber` as its closer described it in `slot`; read once its commit
    /// count is complete. The fields come from the (possibly hostile) producers' shared memory:
    /// the size is clamped so a reader never goes outside the sub-buffer.
    func closedPacket(slot: Int, sequenceNumber: UInt64) -> ReadablePacket {
        let rawSize = slotField(slot, RingBufferLayout.slotDataSizeOffset).load(as: UInt64.self)
        let dataSize = Int(min(max(rawSize, UInt64(RingBufferLayout.packetHeaderSize)), subbufferSize))
        let begin = slotField(slot, RingBufferLayout.slotTimestampBeginOffset).load(as: UInt64.self)
        let end = slotField(slot, RingBufferLayout.slotTimestampEndOffset).load(as: UInt64.self)
        return ReadablePacket(
            sequenceNumber: sequenceNumber,
            offset: layout.headerSize + slot * layout.subbufferSize,
            dataSize: dataSize,
            timestampBegin: begin,
            timestampEnd: max(begin, end),
            discardedRecords: slotField(slot, RingBufferLayout.slotDiscardedOffset).load(as: UInt64.self))
    }

    /// Hands `packet`'s sub-buffer back to the producers. Returns false when, in overwrite mode,
    /// a producer took the sub-buffer back while it was being read: the copy is then unreliable
    /// and must be dropped (the packet counts as lost).
    public func releasePacket(_ packet: ReadablePacket) -> Bool {
        let position = packet.sequenceNumber * subbufferSize
        // Releasing: our reads of the sub-buffer happen before a producer reuses it.
        return atomic(RingBufferLayout.consumedPositionOffset).compareExchange(
            expected: position, desired: position + subbufferSize, ordering: .acquiringAndReleasing
        ).exchanged
    }

    /// Whether the oldest packet was closed but will never be complete: some of its space was
    /// reserved and not committed. Only a writer that died mid-record leaves that for long.
    public var isOldestPacketIncomplete: Bool {
        let consumed = atomic(RingBufferLayout.consumedPositionOffset).load(ordering: .acquiring)
        guard writePosition >= consumed + subbufferSize else { return false }  // still open
        let slot = self.slot(of: consumed)
        let committed = slotAtomic(slot, RingBufferLayout.slotCommitCountOffset).load(ordering: .acquiring)
        return committed < (consumed / ringSize + 1) * subbufferSize
    }

    /// Gives up the oldest packet, which a dead writer left incomplete: commits the missing bytes
    /// so the slot's count stays aligned with its laps, and moves on. Returns false if the
    /// packet completed or moved meanwhile. Use only once its writers are known to be gone.
    public func abandonOldestPacket() -> Bool {
        let consumedPosition = atomic(RingBufferLayout.consumedPositionOffset)
        let consumed = consumedPosition.load(ordering: .acquiring)
        guard writePosition >= consumed + subbufferSize else { return false }
        let slot = self.slot(of: consumed)
        let expected = (consumed / ringSize + 1) * subbufferSize
        let count = slotAtomic(slot, RingBufferLayout.slotCommitCountOffset)
        var committed = count.load(ordering: .acquiring)
        while committed < expected {
            let (exchanged, current) = count.weakCompareExchange(
                expected: committed, desired: expected, ordering: .acquiringAndReleasing)
            if exchanged { break }
            committed = current
        }
        return consumedPosition.compareExchange(
            expected: consumed, desired: consumed + subbufferSize, ordering: .acquiringAndReleasing
        ).exchanged
    }

    /// Hands the oldest packet's sub-buffer back to the producers (discard mode).
    public func releasePacket() {
        // Releasing: our reads of the sub-buffer happen before a producer reuses it.
        atomic(RingBufferLayout.consumedPositionOffset).wrappingIncrement(by: subbufferSize, ordering: .releasing)
    }

    /// Closes the open packet now (a forced sub-buffer switch), so its records become readable.
    ///
    /// With `allowEmpty`, when no packet is open an empty one is written, as LTTng does for
    /// every stream on `stop`. Returns true if a packet was closed; records still being written
    /// complete it when they commit.
    @discardableResult
    public func flush(allowEmpty: Bool, clock: () -> UInt64) -> Bool {
        let writePosition = atomic(RingBufferLayout.writePositionOffset)
        while true {
            // Acquiring, releasing, and the discarded count read before the exchange: as in `reserve`.
            let old = writePosition.load(ordering: .acquiring)
            let now = clock()
            let discarded = discardedRecordCount
            let offset = old & (subbufferSize - 1)
            if offset == 0 {
                guard allowEmpty, hasRoom(forPacketAt: old) else { return false }
                guard
                    writePosition.weakCompareExchange(
                        expected: old, desired: old + subbufferSize, ordering: .acquiringAndReleasing
                    ).exchanged
                else { continue }
                let slot = self.slot(of: old)
                slotField(slot, RingBufferLayout.slotTimestampBeginOffset).storeBytes(of: now, as: UInt64.self)
                recordClose(
                    slot: slot, dataSize: UInt64(RingBufferLayout.packetHeaderSize), timestamp: now,
                    discarded: discarded)
                _ = commit(slot: slot, bytes: subbufferSize)
                return true
            }
            let next = old - offset + subbufferSize
            guard
                writePosition.weakCompareExchange(expected: old, desired: next, ordering: .acquiringAndReleasing)
                    .exchanged
            else { continue }
            let slot = self.slot(of: old)
            _ = closePacket(slot: slot, dataSize: offset, timestamp: now, discarded: discarded)
            return true
        }
    }

    /// Whether every reserved byte has been committed and consumed: nothing left to read.
    public var isDrained: Bool {
        writePosition & (subbufferSize - 1) == 0 && consumedPosition == writePosition
    }
}
