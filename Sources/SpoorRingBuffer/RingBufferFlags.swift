import CSpoorABI

/// The bits of a ring buffer's atomic flags word (`spoor_rb_header.flags`, `SPOOR_RB_FLAG_*`).
public struct RingBufferFlags: OptionSet, Sendable, Hashable {
    /// The raw word as it sits in shared memory.
    public let rawValue: UInt32

    /// Flags from the raw word.
    @inlinable
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The channel's session records: producers check it before reserving. Set on `start`,
    /// cleared on `stop`.
    @inlinable public static var recording: RingBufferFlags { RingBufferFlags(rawValue: SPOOR_RB_FLAG_RECORDING) }
    /// Fixed at creation: overwrite mode (the oldest sub-buffer is reused when none is free)
    /// instead of discard mode.
    @inlinable public static var overwrite: RingBufferFlags { RingBufferFlags(rawValue: SPOOR_RB_FLAG_OVERWRITE) }
    /// Fixed at creation: the consumer reads on a timer (`--read-timer`), so producers do not
    /// wake it when a sub-buffer completes.
    @inlinable public static var timerWakeup: RingBufferFlags { RingBufferFlags(rawValue: SPOOR_RB_FLAG_TIMER_WAKEUP) }
}
