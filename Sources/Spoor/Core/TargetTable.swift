import SpoorFilter
import SpoorRingBuffer

// A tracepoint's target table: what `record` reads once a tracepoint is enabled. The tracer
// runtime builds one per change of the daemon's state and never frees it, since a writer on
// another CPU may still be reading an older one.
//
//   target table    ┌──────────────────────────────────────────┬─────────────────────────────┐
//                   │ TargetTableHeader (count, notifiers, ip) │ RecordingTarget × count …   │
//                   └──────────────────────────────────────────┴─────────────────────────────┘
//
// The notifier table that the header points to is drawn in Notifier.swift.

/// The fixed start of a target table.
struct TargetTableHeader {
    /// The number of `RecordingTarget`s after the header.
    var count: Int
    /// The tracepoint's notifier table (`Notifier.swift`), or nil when no trigger watches it.
    var notifiers: UnsafeRawPointer?
    /// Whether some target records the `ip` context: the entry reads its caller's address then.
    var recordsCallerAddress: Bool

    /// The header of the table at `table`.
    @inline(__always)
    static func of(_ table: UnsafeRawPointer) -> UnsafePointer<TargetTableHeader> {
        table.assumingMemoryBound(to: TargetTableHeader.self)
    }

    /// The bytes before the first target, its alignment included.
    static var targetsOffset: Int {
        let size = MemoryLayout<TargetTableHeader>.size
        let alignment = MemoryLayout<RecordingTarget>.alignment
        return (size + alignment - 1) / alignment * alignment
    }

    /// The recording targets of the table at `table`.
    @inline(__always)
    static func targets(of table: UnsafeRawPointer) -> UnsafeBufferPointer<RecordingTarget> {
        UnsafeBufferPointer(
            start: (table + targetsOffset).assumingMemoryBound(to: RecordingTarget.self),
            count: of(table).pointee.count)
    }

    /// A new table holding `targets` and `notifiers`; the caller owns it (the runtime never
    /// frees a published one).
    static func make(_ targets: [RecordingTarget], notifiers: UnsafeRawPointer?) -> UnsafeMutableRawPointer {
        let table = UnsafeMutableRawPointer.allocate(
            byteCount: targetsOffset + MemoryLayout<RecordingTarget>.stride * targets.count,
            alignment: max(MemoryLayout<TargetTableHeader>.alignment, MemoryLayout<RecordingTarget>.alignment))
        table.bindMemory(to: TargetTableHeader.self, capacity: 1).initialize(
            to: TargetTableHeader(
                count: targets.count, notifiers: notifiers,
                recordsCallerAddress: targets.contains { $0.recordsCallerAddress }))
        (table + targetsOffset).bindMemory(to: RecordingTarget.self, capacity: targets.count)
            .initialize(from: targets, count: targets.count)
        return table
    }
}

/// Where an enabled tracepoint records: one channel's per-CPU streams and the event's id in
/// that channel. Plain values in memory the tracer never frees while a writer may read it.
struct RecordingTarget {
    /// The channel's streams, one per possible CPU the daemon counted.
    var streams: UnsafeBufferPointer<StreamHandle>
    var eventID: UInt32
    /// The channel's context fields (`ContextType.code`s), written after the event header.
    var contexts: UnsafeBufferPointer<UInt8>
    /// Bytes of the context fields: all of them have fixed sizes.
    var contextSize: Int
    /// Whether the contexts include `ip`, the address of the tracepoint in the app.
    var recordsCallerAddress: Bool
    /// Where the values of the channel's named contexts (perf counters, application contexts)
    /// come from; they are written after the other contexts.
    var namedContexts: UnsafeBufferPointer<NamedContextSource>
    /// The filters of the channel's matching rules, linked to the event: the event is recorded
    /// when any holds. Nil when the event is recorded unconditionally.
    var filters: UnsafeBufferPointer<UnsafeBoundFilter>?

    /// The stream of CPU `cpu`. A CPU numbered beyond the streams the daemon made (CPUs that
    /// came online later) shares one by folding its number.
    @inline(__always)
    func stream(cpu: Int) -> StreamHandle {
        streams[cpu < streams.count ? cpu : cpu % streams.count]
    }
}

/// One per-CPU ring buffer as mapped by this process, and the consumer's wake-up eventfd.
struct StreamHandle {
    var buffer: RingBuffer
    var wakeFD: Int32
}
