import Atomics
import CSpoorABI

/// A view of one stream's ring buffer in shared memory: producers reserve and commit records,
/// the consumer reads complete sub-buffers. Lock-free, multi-producer, across processes.
///
/// Positions are virtual byte counts that only grow: sub-buffer `(p / S) % N`, offset `p % S`.
/// A position at a sub-buffer boundary means no packet is open; the next reservation opens one
/// and reserves `RingBufferLayout.packetHeaderSize` bytes for its header first.
///
/// Every byte of a sub-buffer is committed exactly once per lap (header and records by their
/// writers, the tail padding by whoever closes the packet), so a slot's cumulative commit count
/// reaches `(lap + 1) × S` exactly when the packet is complete.
///
/// The view does not own the memory; its creator keeps the mapping alive.
public struct RingBuffer: @unchecked Sendable {
    public let base: UnsafeMutableRawPointer
    public let layout: RingBufferLayout
    @usableFromInline let data: UnsafeMutableRawPointer
    @usableFromInline let subbufferSize: UInt64
    @usableFromInline let ringSize: UInt64

    /// A view of a buffer whose layout is already validated (`RingBufferLayout.validated`) or
    /// that was just initialized by its creator.
    public init(base: UnsafeMutableRawPointer, layout: RingBufferLayout) {
        self.base = base
        self.layout = layout
        self.data = base + layout.headerSize
        self.subbufferSize = UInt64(layout.subbufferSize)
        self.ringSize = UInt64(layout.dataSize)
    }

    // MARK: Shared fields

    @inlinable
    func atomic(_ offset: Int) -> UnsafeAtomic<UInt64> {
        UnsafeAtomic(at: (base + offset).assumingMemoryBound(to: UInt64.AtomicRepresentation.self))
    }

    @inlinable
    var flags: UnsafeAtomic<UInt32> {
        UnsafeAtomic(
            at: (base + RingBufferLayout.flagsOffset).assumingMemoryBound(to: UInt32.AtomicRepresentation.self))
    }

    /// The slot (and sub-buffer) index of virtual position `position`: `(p / S) % N`.
    @inlinable
    func slot(of position: UInt64) -> Int {
        Int((position / subbufferSize) & UInt64(layout.subbufferCount - 1))
    }

    @inlinable
    func slotField(_ slot: Int, _ field: Int) -> UnsafeMutableRawPointer {
        base + RingBufferLayout.slotsOffset + slot * RingBufferLayout.slotSize + field
    }

    @inlinable
    func slotAtomic(_ slot: Int, _ field: Int) -> UnsafeAtomic<UInt64> {
        UnsafeAtomic(at: slotField(slot, field).assumingMemoryBound(to: UInt64.AtomicRepresentation.self))
    }

    /// The flags word, loaded once (relaxed: each bit is independent of the others and of the
    /// buffer's contents).
    @inlinable
    public var currentFlags: RingBufferFlags { RingBufferFlags(rawValue: flags.load(ordering: .relaxed)) }

    /// Whether the channel's session records: producers check it before reserving.
    @inlinable
    public var isRecording: Bool { currentFlags.contains(.recording) }

    /// Set by the session daemon on `start` and cleared on `stop`.
    public func setRecording(_ recording: Bool) {
        // An atomic read-modify-write: the other bits stay as they are whoever else writes them.
        if recording {
            _ = flags.loadThenBitwiseOr(with: RingBufferFlags.recording.rawValue, ordering: .relaxed)
        } else {
            _ = flags.loadThenBitwiseAnd(with: ~RingBufferFlags.recording.rawValue, ordering: .relaxed)
        }
    }

    /// How long a producer may wait for a free sub-buffer, in microseconds (`--blocking-timeout`):
    /// 0 never, `UInt64.max` forever. Fixed at creation; inlinable because the record path reads
    /// it whenever blocking is allowed.
    @inlinable
    public var blockingTimeout: UInt64 {
        base.load(fromByteOffset: RingBufferLayout.blockingTimeoutOffset, as: UInt64.self)
    }

    /// Whether producers wake the consumer when they complete a sub-buffer (not when it reads
    /// on a timer).
    @inlinable
    public var wakesConsumer: Bool { !currentFlags.contains(.timerWakeup) }

    /// Whether the buffer overwrites its oldest sub-buffer when none is free (`--overwrite`).
    @inlinable
    public var isOverwriteMode: Bool { currentFlags.contains(.overwrite) }

    /// Records dropped because no sub-buffer was free or the record was larger than one.
    public var discardedRecordCount: UInt64 {
        atomic(RingBufferLayout.discardedRecordsOffset).load(ordering: .relaxed)
    }

    /// Bytes reserved so far (the write position).
    public var writePosition: UInt64 { atomic(RingBufferLayout.writePositionOffset).load(ordering: .relaxed) }

    /// Bytes handed to the consumer so far.
    public var consumedPosition: UInt64 {
        atomic(RingBufferLayout.consumedPositionOffset).load(ordering: .relaxed)
    }

    // MARK: Producer

    /// Space obtained for one record.
    public struct Reservation {
        /// Where the record's bytes go.
        public let address: UnsafeMutableRawPointer
        /// The timestamp read for this record, ordered with every other reservation.
        public let timestamp: UInt64
        /// True when the record must carry its full 64-bit timestamp: it opens a packet, or
        /// its timestamp is too far (2^32 ns or more) from the record before it.
        public let needsFullTimestamp: Bool
        /// True when closing the previous packet completed it: the consumer needs waking even
        /// if this record's own commit does not complete anything.
        public let completedPrevious: Bool
        @usableFromInline let slot: Int
        @usableFromInline let commitSize: UInt64

        @usableFromInline
        init(
            address: UnsafeMutableRawPointer, timestamp: UInt64, needsFullTimestamp: Bool, completedPrevious: Bool,
            slot: Int, commitSize: UInt64
        ) {
            self.address = address
            self.timestamp = timestamp
            self.needsFullTimestamp = needsFullTimestamp
            self.completedPrevious = completedPrevious
            self.slot = slot
            self.commitSize = commitSize
        }
    }

    /// Reserves `size` bytes, or returns nil and counts a discarded record when no sub-buffer is
    /// free (discard mode) or the record can never fit.
    @inlinable
    public func reserve(_ size: Int, clock: () -> UInt64) -> Reservation? {
        reserve(compactSize: size, fullSize: size, clock: clock)
    }

    /// Reserves a record whose size depends on its header: `compactSize` bytes when the record
    /// can carry a compact timestamp, `fullSize` when it needs the full one (see
    /// `Reservation.needsFullTimestamp`). Returns nil and counts a discarded record when no
    /// sub-buffer is free (discard mode) or the record can never fit.
    ///
    /// `clock` is read after the write position is loaded on every attempt, so a record that
    /// wins the position race later never carries an earlier timestamp.
    ///
    /// With `countsDiscarded` false, a record that finds no free sub-buffer is not counted: the
    /// caller waits and tries again (blocking mode), and counts it with `countDiscarded()` if it
    /// gives up.
    @inlinable
    public func reserve(
        compactSize: Int, fullSize: Int, countsDiscarded: Bool = true, clock: () -> UInt64
    ) -> Reservation? {
        let writePosition = atomic(RingBufferLayout.writePositionOffset)
        let lastTimestamp = atomic(RingBufferLayout.lastTimestampOffset)
        let header = UInt64(RingBufferLayout.packetHeaderSize)
        while true {
            // Acquiring: pairs with the releasing exchange that wrote this position, so that what its
            // winner read before the exchange (the discarded count it closed a packet with) is not
            // newer than what we read below.
            let old = writePosition.load(ordering: .acquiring)
            let now = clock()
            // A lower bound of the previous record's timestamp: any value stored here came from
            // a reservation that won before `old` was read.
            let previous = lastTimestamp.load(ordering: .relaxed)
            let offset = old & (subbufferSize - 1)
            var opens = offset == 0
            var needsFull = opens || previous > now || now - previous >= 1 << 32
            var recordSize = UInt64(needsFull ? fullSize : compactSize)
            var start = old
            var closesPrevious = false
            if !opens && offset + recordSize > subbufferSize {
                closesPrevious = true
                opens = true
                needsFull = true
                recordSize = UInt64(fullSize)
                start = old - offset + subbufferSize
            }
            if opens {
                guard header + recordSize <= subbufferSize else {
                    countDiscarded()  // Can never fit: waiting would not help.
                    return nil
                }
                guard hasRoom(forPacketAt: start) || (isOverwriteMode && overwriteOldest(toOpen: start)) else {
                    if countsDiscarded { countDiscarded() }
                    return nil
                }
                start += header
            }
            let end = start + recordSize
            let fills = end & (subbufferSize - 1) == 0
            // Read before the exchange, like `now`: a packet closed after this one then never stores
            // a smaller cumulative count (a CTF reader would see billions of discarded events).
            let discarded = closesPrevious || fills ? discardedRecordCount : 0
            // Releasing: orders the reads above before the position other producers acquire.
            // Acquiring: a writer that joins an open packet sees the consumer's release of its
            // sub-buffer through the opener's exchange. (The record's data itself is published by
            // the releasing increment of the commit count.)
            guard
                writePosition.weakCompareExchange(expected: old, desired: end, ordering: .acquiringAndReleasing)
                    .exchanged
            else { continue }
            lastTimestamp.store(now, ordering: .relaxed)
            let slot = self.slot(of: start)
            var completedPrevious = false
            if closesPrevious {
                completedPrevious = closePacket(
                    slot: self.slot(of: old), dataSize: offset, timestamp: now, discarded: discarded)
            }
            if opens {
                slotField(slot, RingBufferLayout.slotTimestampBeginOffset).storeBytes(of: now, as: UInt64.self)
            }
            if fills {
                // The record fills its sub-buffer to the last byte: it closes the packet too.
                recordClose(slot: slot, dataSize: subbufferSize, timestamp: now, discarded: discarded)
            }
            return Reservation(
                address: data + Int(start & (ringSize - 1)), timestamp: now, needsFullTimestamp: needsFull,
                completedPrevious: completedPrevious, slot: slot,
                commitSize: opens ? recordSize + header : recordSize)
        }
    }

    /// Publishes a reserved record. Returns true when it completed its sub-buffer: the caller
    /// then wakes the consumer.
    @inlinable
    @discardableResult
    public func commit(_ reservation: Reservation) -> Bool {
        commit(slot: reservation.slot, bytes: reservation.commitSize)
    }

    @inlinable
    func commit(slot: Int, bytes: UInt64) -> Bool {
        // Releasing: the record's bytes (and a closer's slot fields) happen before the count
        // the consumer acquires.
        let after = slotAtomic(slot, RingBufferLayout.slotCommitCountOffset)
            .wrappingIncrementThenLoad(by: bytes, ordering: .releasing)
        return after & (subbufferSize - 1) == 0
    }

    @inlinable
    func hasRoom(forPacketAt start: UInt64) -> Bool {
        // Acquiring: the consumer's reads of that sub-buffer are finished before we reuse it.
        let consumed = atomic(RingBufferLayout.consumedPositionOffset).load(ordering: .acquiring)
        // Not `start + S - consumed`: `start` may come from a stale write position that the
        // consumer has since passed (that reservation's compare-exchange then fails and retries),
        // and the subtraction would underflow and trap.
        return start + subbufferSize <= consumed + ringSize
    }

    /// Overwrite mode: frees the sub-buffer a packet at `start` needs by pushing the consumed
    /// position past it, losing that oldest packet. Fails (and the record is discarded) when the
    /// oldest packet is still being written, since its writers may still be in it.
    @inline(never)
    @usableFromInline
    func overwriteOldest(toOpen start: UInt64) -> Bool {
        let slot = self.slot(of: start)
        let lap = start / ringSize
        // The packet of the previous lap in that slot is complete once its count reaches lap × S.
        let committed = slotAtomic(slot, RingBufferLayout.slotCommitCountOffset).load(ordering: .acquiring)
        guard committed >= lap * subbufferSize else { return false }
        let consumedPosition = atomic(RingBufferLayout.consumedPositionOffset)
        let target = start + subbufferSize - ringSize
        var consumed = consumedPosition.load(ordering: .acquiring)
        while consumed < target {
            // Acquiring and releasing: a consumer that copied the packet sees its release fail,
            // and our writes into the sub-buffer come after the push.
            let (exchanged, current) = consumedPosition.weakCompareExchange(
                expected: consumed, desired: target, ordering: .acquiringAndReleasing)
            if exchanged { return true }
            consumed = current
        }
        return true
    }

    /// Counts one record dropped for want of space.
    @inline(never)
    public func countDiscarded() {
        atomic(RingBufferLayout.discardedRecordsOffset).wrappingIncrement(ordering: .relaxed)
    }

    /// Records the end of a packet in its slot; the closer's commit publishes it. `discarded` is
    /// the discarded count the closer read before its exchange of the write position.
    @inlinable
    func recordClose(slot: Int, dataSize: UInt64, timestamp: UInt64, discarded: UInt64) {
        slotField(slot, RingBufferLayout.slotTimestampEndOffset).storeBytes(of: timestamp, as: UInt64.self)
        slotField(slot, RingBufferLayout.slotDataSizeOffset).storeBytes(of: dataSize, as: UInt64.self)
        slotField(slot, RingBufferLayout.slotDiscardedOffset).storeBytes(of: discarded, as: UInt64.self)
    }

    /// Closes an open packet whose remaining space is padding, and commits that padding.
    /// Returns whether that completed the sub-buffer.
    @inline(never)
    @usableFromInline
    func closePacket(slot: Int, dataSize: UInt64, timestamp: UInt64, discarded: UInt64) -> Bool {
        recordClose(slot: slot, dataSize: dataSize, timestamp: timestamp, discarded: discarded)
        return commit(slot: slot, bytes: subbufferSize - dataSize)
    }
}
