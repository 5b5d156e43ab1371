import CSpoorHotPath
import SpoorPosix
import SpoorRingBuffer

/// Blocking mode (`--blocking-timeout`): a record that finds no free sub-buffer waits for the
/// consumer instead of being discarded, if the app allows it with `SPOOR_ALLOW_BLOCKING` (as
/// LTTng-UST asks for `LTTNG_UST_ALLOW_BLOCKING`).
enum Blocking {
    /// Read once: the environment of a running app does not change under it.
    static let isAllowed: Bool = ProcessEnvironment.current["SPOOR_ALLOW_BLOCKING"] != nil

    /// Retries until a sub-buffer is free, the timeout passes, or recording stops (a stopped
    /// session, or a daemon gone: its retired buffer reads as not recording). Counts the record
    /// as discarded if it gives up.
    @inline(never)
    static func waitForSpace(_ buffer: RingBuffer, compactSize: Int, fullSize: Int) -> RingBuffer.Reservation? {
        if fullSize + RingBufferLayout.packetHeaderSize > buffer.layout.subbufferSize {
            buffer.countDiscarded()  // Larger than a sub-buffer: no wait can help.
            return nil
        }
        let timeout = buffer.blockingTimeout
        let deadline = timeout == .max ? UInt64.max : cspoor_monotonic_ns() &+ timeout &* 1000
        var pause = 1
        while buffer.isRecording && cspoor_monotonic_ns() < deadline {
            if let reservation = buffer.reserve(
                compactSize: compactSize, fullSize: fullSize, countsDiscarded: false, clock: { cspoor_monotonic_ns() })
            {
                return reservation
            }
            // The consumer frees a whole sub-buffer at a time: back off up to a millisecond.
            Spawn.pause(microseconds: pause)
            pause = min(pause * 2, 1000)
        }
        buffer.countDiscarded()
        return nil
    }
}
