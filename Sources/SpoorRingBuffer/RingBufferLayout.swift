import CSpoorABI

/// The shared-memory layout of one stream's ring buffer: one CPU of one channel.
///
/// ```
///  0        64        128        192       256        320            header size (page-rounded)
///  ┌────────┬─────────┬──────────┬─────────┬──────────┬──────────────┬─────────────────────────┐
///  │ fixed  │ write   │ consumed │ last    │ discarded│ slot 0 … N-1 │ sub-buffer 0 … N-1      │
///  │ fields │ position│ position │ stamp   │ records  │ 64 B each    │ S bytes each            │
///  └────────┴─────────┴──────────┴─────────┴──────────┴──────────────┴─────────────────────────┘
///   fixed fields: magic u32 @0, version u32 @4, header size u32 @8, sub-buffer count u32 @12,
///                 sub-buffer size u64 @16, cpu u32 @24,
///                 flags u32 @28 (atomic; bit 0 = recording, bit 1 = overwrite mode,
///                 bit 2 = consumer reads on a timer),
///                 blocking timeout u64 @32 (µs; 0 never, UInt64.max forever)
///   slot: commit count u64 @0 (atomic, cumulative bytes), timestamp begin u64 @8,
///         timestamp end u64 @16, data size u64 @24 (bytes, packet header included),
///         discarded at close u64 @32
/// ```
///
/// The buffer holds offsets, never pointers: several processes map it at different addresses.
/// Each hot counter has a cache line of its own so that producers on several CPUs and the
/// consumer do not share lines they write.
///
/// `spoor_rb_header` and `spoor_rb_slot` in `CSpoorABI.h` are the single definition of these
/// fields; the constants below are read from that header, which pins each offset.
public struct RingBufferLayout: Sendable, Hashable {
    public static let magic: UInt32 = SPOOR_RB_MAGIC  // "SPRN"
    public static let version: UInt32 = SPOOR_RB_VERSION

    /// Bytes each packet reserves at its start for the packet header and context (CTF, 84 bytes
    /// in LTTng's layout, `spoor_packet_header`); the consumer fills them in.
    public static let packetHeaderSize = SPOOR_PACKET_HEADER_SIZE

    public static let magicOffset = SPOOR_RB_MAGIC_OFFSET
    public static let versionOffset = SPOOR_RB_VERSION_OFFSET
    public static let headerSizeOffset = SPOOR_RB_HEADER_SIZE_OFFSET
    public static let subbufferCountOffset = SPOOR_RB_SUBBUFFER_COUNT_OFFSET
    public static let subbufferSizeOffset = SPOOR_RB_SUBBUFFER_SIZE_OFFSET
    public static let cpuOffset = SPOOR_RB_CPU_OFFSET
    public static let flagsOffset = SPOOR_RB_FLAGS_OFFSET
    /// `--blocking-timeout` in microseconds: 0 never blocks, `UInt64.max` blocks forever.
    public static let blockingTimeoutOffset = SPOOR_RB_BLOCKING_TIMEOUT_OFFSET
    public static let writePositionOffset = SPOOR_RB_WRITE_POSITION_OFFSET
    public static let consumedPositionOffset = SPOOR_RB_CONSUMED_POSITION_OFFSET
    public static let lastTimestampOffset = SPOOR_RB_LAST_TIMESTAMP_OFFSET
    public static let discardedRecordsOffset = SPOOR_RB_DISCARDED_RECORDS_OFFSET
    public static let slotsOffset = SPOOR_RB_SLOTS_OFFSET
    public static let slotSize = SPOOR_RB_SLOT_SIZE

    public static let slotCommitCountOffset = SPOOR_RB_SLOT_COMMIT_COUNT_OFFSET
    public static let slotTimestampBeginOffset = SPOOR_RB_SLOT_TIMESTAMP_BEGIN_OFFSET
    public static let slotTimestampEndOffset = SPOOR_RB_SLOT_TIMESTAMP_END_OFFSET
    public static let slotDataSizeOffset = SPOOR_RB_SLOT_DATA_SIZE_OFFSET
    public static let slotDiscardedOffset = SPOOR_RB_SLOT_DISCARDED_OFFSET

    /// Bit of the flags word that says the channel's session records (`RingBufferFlags.recording`).
    public static let recordingFlag: UInt32 = RingBufferFlags.recording.rawValue
    /// Bit of the flags word, fixed at creation: overwrite mode (`RingBufferFlags.overwrite`).
    public static let overwriteFlag: UInt32 = RingBufferFlags.overwrite.rawValue
    /// Bit of the flags word, fixed at creation: the consumer reads on a timer
    /// (`RingBufferFlags.timerWakeup`).
    public static let timerWakeupFlag: UInt32 = RingBufferFlags.timerWakeup.rawValue

    public let subbufferSize: Int
    public let subbufferCount: Int
    public let pageSize: Int

    /// A layout for `subbufferCount` sub-buffers of `subbufferSize` bytes; both powers of two.
    public init?(subbufferSize: Int, subbufferCount: Int, pageSize: Int = 4096) {
        guard subbufferSize >= 4096, subbufferSize.nonzeroBitCount == 1,
            subbufferCount >= 1, subbufferCount.nonzeroBitCount == 1,
            subbufferSize <= 1 << 32, subbufferCount <= 1 << 16
        else { return nil }
        self.subbufferSize = subbufferSize
        self.subbufferCount = subbufferCount
        self.pageSize = pageSize
    }

    /// Size of the control header, rounded up to a page so that the data is page-aligned.
    public var headerSize: Int {
        let raw = Self.slotsOffset + Self.slotSize * subbufferCount
        return (raw + pageSize - 1) / pageSize * pageSize
    }

    /// Bytes of all sub-buffers.
    public var dataSize: Int { subbufferSize * subbufferCount }

    /// Bytes of the whole shared-memory file.
    public var totalSize: Int { headerSize + dataSize }

    /// Reads the layout a buffer describes, checking it against the size that was mapped, so
    /// that a hostile peer cannot make us index outside the mapping.
    public static func validated(at base: UnsafeRawPointer, mappedSize: Int) -> RingBufferLayout? {
        guard mappedSize >= slotsOffset,
            base.loadUnaligned(fromByteOffset: magicOffset, as: UInt32.self) == magic,
            base.loadUnaligned(fromByteOffset: versionOffset, as: UInt32.self) == version
        else { return nil }
        let count = Int(base.loadUnaligned(fromByteOffset: subbufferCountOffset, as: UInt32.self))
        let size = base.loadUnaligned(fromByteOffset: subbufferSizeOffset, as: UInt64.self)
        guard size <= UInt64(1 << 32), let layout = RingBufferLayout(subbufferSize: Int(size), subbufferCount: count),
            Int(base.loadUnaligned(fromByteOffset: headerSizeOffset, as: UInt32.self)) == layout.headerSize,
            layout.totalSize <= mappedSize
        else { return nil }
        return layout
    }

    /// Writes the fixed fields of a fresh, zero-filled buffer.
    public func initialize(at base: UnsafeMutableRawPointer, cpu: UInt32) {
        base.storeBytes(of: Self.magic, toByteOffset: Self.magicOffset, as: UInt32.self)
        base.storeBytes(of: Self.version, toByteOffset: Self.versionOffset, as: UInt32.self)
        base.storeBytes(of: UInt32(headerSize), toByteOffset: Self.headerSizeOffset, as: UInt32.self)
        base.storeBytes(of: UInt32(subbufferCount), toByteOffset: Self.subbufferCountOffset, as: UInt32.self)
        base.storeBytes(of: UInt64(subbufferSize), toByteOffset: Self.subbufferSizeOffset, as: UInt64.self)
        base.storeBytes(of: cpu, toByteOffset: Self.cpuOffset, as: UInt32.self)
    }
}
