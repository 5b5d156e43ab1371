import Atomics

/// What happened to one packet a snapshot tried to copy.
public enum SnapshotCopyResult: Sendable, Hashable {
    /// The packet's bytes are in the destination, intact: no writer touched them while they
    /// were copied.
    case copied(ReadablePacket)
    /// Writers still hold space in the packet: it may complete soon, so try again.
    case incomplete
    /// A writer took the sub-buffer back (overwrite mode), before or during the copy: the packet
    /// is gone, and whatever was copied must be dropped.
    case overwritten
}

extension RingBuffer {
    /// The sequence numbers of the packets a snapshot may copy now: from the oldest packet still
    /// in the buffer (the consumed position, which overwriting writers push) to the last closed
    /// one. Close the open packet first (`flush`), as `lttng snapshot record` does.
    ///
    /// A packet a writer opened after the flush is not included: it holds records made after
    /// the snapshot was asked for.
    public var snapshotRange: Range<UInt64> {
        // Acquiring: pairs with the releasing exchanges that moved either position.
        let consumed = atomic(RingBufferLayout.consumedPositionOffset).load(ordering: .acquiring)
        let written = atomic(RingBufferLayout.writePositionOffset).load(ordering: .acquiring)
        let first = consumed / subbufferSize
        let end = max(first, written / subbufferSize)
        return first..<end
    }

    /// Copies packet `sequenceNumber` into `destination` (at least a sub-buffer long) without
    /// consuming it: the consumed position does not move, so the next snapshot (or overwriting
    /// writers) still find the packet where it was.
    ///
    /// Like a sequence lock, the copy is checked afterwards: writers in overwrite mode push the
    /// consumed position past a packet before they write a byte into its sub-buffer, so if the
    /// consumed position is still at or before the packet once the copy is done, no writer
    /// wrote into it meanwhile and the copy is intact. Otherwise it is `.overwritten`, and the
    /// caller must not use the bytes: a torn packet is never handed out.
    ///
    /// The slot's fields come from the (possibly hostile) producers' shared memory: sizes are
    /// clamped so the copy never leaves the sub-buffer.
    public func copyPacket(_ sequenceNumber: UInt64, into destination: UnsafeMutableRawBufferPointer)
        -> SnapshotCopyResult
    {
        precondition(destination.count >= layout.subbufferSize, "the destination must hold a sub-buffer")
        let consumedPosition = atomic(RingBufferLayout.consumedPositionOffset)
        let position = sequenceNumber * subbufferSize
        // Acquiring: the writer's push that freed this sub-buffer is seen before its data.
        guard consumedPosition.load(ordering: .acquiring) <= position else { return .overwritten }
        guard position + subbufferSize <= atomic(RingBufferLayout.writePositionOffset).load(ordering: .acquiring)
        else { return .incomplete }  // Still open.
        let slot = Int(sequenceNumber & UInt64(layout.subbufferCount - 1))
        let lap = position / ringSize
        // Acquiring: pairs with the writers' releasing commits, so the data and the closer's slot
        // fields are visible once the count is complete.
        let committed = slotAtomic(slot, RingBufferLayout.slotCommitCountOffset).load(ordering: .acquiring)
        if committed < (lap + 1) * subbufferSize { return .incomplete }
        let packet = closedPacket(slot: slot, sequenceNumber: sequenceNumber)
        destination.baseAddress!.copyMemory(from: base + packet.offset, byteCount: packet.dataSize)
        // Acquiring fence: the copy's loads above are ordered before the load below, so a writer
        // whose bytes the copy saw has its earlier push of the consumed position seen here.
        atomicMemoryFence(ordering: .acquiring)
        guard consumedPosition.load(ordering: .relaxed) <= position else { return .overwritten }
        return .copied(packet)
    }
}
