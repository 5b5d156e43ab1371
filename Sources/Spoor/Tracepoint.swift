import Atomics
import CSpoorShims
import SpoorFilter
import SpoorModel
import SpoorRingBuffer

/// Where an enabled tracepoint records: one channel's per-CPU streams and the event's id in
/// that channel. Plain values in memory the tracer never frees while a writer may read it.
@usableFromInline
struct RecordingTarget {
    @usableFromInline var streams: UnsafePointer<StreamHandle>
    @usableFromInline var streamCount: Int
    @usableFromInline var eventID: UInt32
    /// The channel's context fields (`ContextType.code`s), written after the event header.
    @usableFromInline var contexts: UnsafePointer<UInt8>?
    @usableFromInline var contextCount: Int
    /// Bytes of the context fields: all of them have fixed sizes.
    @usableFromInline var contextSize: Int
    /// Whether the contexts include `ip`, the address of the tracepoint in the app.
    @usableFromInline var recordsCallerAddress: Bool
    /// Where the values of the channel's named contexts (perf counters, application contexts)
    /// come from; they are written after the other contexts.
    var namedContexts: UnsafePointer<NamedContextSource>?
    var namedContextCount: Int
    /// The filters of the channel's matching rules, linked to the event: the event is recorded
    /// when any holds. Nil when the event is recorded unconditionally.
    @usableFromInline var filters: UnsafePointer<UnsafeBoundFilter>?
    @usableFromInline var filterCount: Int
}

/// One per-CPU ring buffer as mapped by this process, and the consumer's wake-up eventfd.
@usableFromInline
struct StreamHandle {
    @usableFromInline var buffer: RingBuffer
    @usableFromInline var wakeFD: Int32
}

/// An instrumentation point with typed fields, the Swift counterpart of an
/// `LTTNG_UST_TRACEPOINT_EVENT`.
///
/// Declare tracepoints as `static let` or global constants, then record:
/// ```swift
/// enum Tracepoints {
///     static let request = Tracepoint(
///         provider: "my_app", name: "request", logLevel: .info, .uint32("id"), .string("path"))
/// }
/// Tracepoints.request { (id, path) }     // arguments evaluated only when enabled
/// Tracepoints.request.emit(id, path)     // arguments always evaluated
/// ```
///
/// Disabled, a tracepoint costs one load and one branch. Enabled, it reads the clock, reserves
/// space in the current CPU's buffer of each channel that records it, and writes the event
/// there: no lock, no allocation, no system call.
public struct Tracepoint<each Value: TraceFieldValue>: @unchecked Sendable {
    /// The tracepoint's recording targets and notifiers: nil while no enabled rule of a
    /// recording session and no event-rule-matches trigger matches it. Owned by the tracer
    /// runtime, never freed.
    @usableFromInline let targets: UnsafeAtomic<UnsafeRawPointer?>
    @usableFromInline let plan: RecordPlan
    /// The declaration the session daemon receives.
    public let descriptor: EventDescriptor

    public init(
        provider: String, name: String, logLevel: LogLevel = .default, _ fields: repeat Field<each Value>
    ) {
        var descriptors: [FieldDescriptor] = []
        var layouts: [(size: Int, alignment: Int)] = []
        for field in repeat each fields {
            descriptors.append(field.descriptor)
            layouts.append(field.memoryLayout)
        }
        let offsets = RecordPlan.tupleOffsets(layouts)
        var plans: [FieldPlan] = []
        var index = 0
        for field in repeat each fields {
            plans.append(field.plan(offset: offsets[index]))
            index += 1
        }
        plan = RecordPlan(plans)
        descriptor = EventDescriptor(provider: provider, event: name, logLevel: logLevel, fields: descriptors)
        targets = TracerRuntime.shared.declare(descriptor)
    }

    /// Whether some recording session records this tracepoint now, or some trigger watches it.
    @inlinable
    public var isEnabled: Bool { targets.load(ordering: .relaxed) != nil }

    /// Records the values `values` returns; the closure runs only when the tracepoint is enabled.
    @inlinable
    public func callAsFunction(_ values: () -> (repeat each Value)) {
        // Acquiring: the target table this pointer publishes is fully written before we read it.
        guard let table = targets.load(ordering: .acquiring) else { return }
        var recorded = values()
        withUnsafePointer(to: &recorded) { record(table, plan, UnsafeRawPointer($0)) }
    }

    /// Records `values`. Swift evaluates them before the call even when the tracepoint is
    /// disabled; use the closure form for costly arguments.
    @inlinable
    public func emit(_ values: repeat each Value) {
        guard let table = targets.load(ordering: .acquiring) else { return }
        var recorded = (repeat each values)
        withUnsafePointer(to: &recorded) { record(table, plan, UnsafeRawPointer($0)) }
    }
}

/// Records one event whose values are at `values` (laid out as `plan` says) into every target
/// of `table`. Not generic: the pack was left behind at the call site.
@usableFromInline
func record(_ table: UnsafeRawPointer, _ plan: RecordPlan, _ values: UnsafeRawPointer) {
    // The nesting guard keeps a signal handler's tracepoint from corrupting a record this
    // thread is in the middle of writing.
    guard cspoor_enter() != 0 else {
        cspoor_leave()
        return
    }
    defer { cspoor_leave() }
    var event = EventInProgress(plan: plan, values: values, cpu: Int(cspoor_current_cpu()))
    let targetCount = table.load(as: Int.self)
    let first = (table + TargetTable.headerSize).assumingMemoryBound(to: RecordingTarget.self)
    for index in 0..<targetCount {
        let target = first[index]
        // Read here, in record itself: the return address of record is the tracepoint's place.
        if target.recordsCallerAddress && event.callerAddress == 0 {
            event.callerAddress = cspoor_caller_return_address()
        }
        guard target.namedContextCount > 0, let sources = target.namedContexts else {
            event.write(into: target, namedContexts: nil)
            continue
        }
        // The named contexts' values, computed once for this target, live on the stack meanwhile.
        let count = target.namedContextCount
        withUnsafeTemporaryAllocation(of: NamedContextSlot.self, capacity: count) { buffer in
            guard let slots = buffer.baseAddress else { return }
            for index in 0..<count { (slots + index).initialize(to: sources[index].slot()) }
            defer { slots.deinitialize(count: count) }
            event.write(into: target, namedContexts: UnsafeMutableBufferPointer(start: slots, count: count))
        }
    }
    // Triggers watching this event (`Notifier.swift`): one load and a branch when there are none.
    if let notifiers = (table + MemoryLayout<Int>.stride).load(as: UnsafeRawPointer?.self) {
        notify(notifiers, plan: plan, values: values, cpu: event.cpu)
    }
}

/// The layout of a tracepoint's target table (`Notifier.swift` draws it).
enum TargetTable {
    /// The recording targets' count and the notifier table's address come first.
    static let headerSize = MemoryLayout<Int>.stride + MemoryLayout<UnsafeRawPointer?>.stride
}

/// What `record` knows of the event it is recording, shared by its targets.
struct EventInProgress {
    let plan: RecordPlan
    let values: UnsafeRawPointer
    let cpu: Int
    var callerAddress: UInt64 = 0
    /// Measured once, for the first target whose filters let the event through: an event every
    /// filter rejects costs no more than its filters.
    var payloadSize = -1
    var lengths = RecordPlan.StringLengths()

    init(plan: RecordPlan, values: UnsafeRawPointer, cpu: Int) {
        self.plan = plan
        self.values = values
        self.cpu = cpu
    }

    /// Records the event into `target`'s stream for this CPU, if its filters let it through.
    @inline(__always)
    mutating func write(
        into target: RecordingTarget, namedContexts: UnsafeMutableBufferPointer<NamedContextSlot>?
    ) {
        // Filters first: an event they reject never touches the buffer's shared memory.
        if let filters = target.filters {
            let source = RecordFieldSource(
                values: values, plan: plan, cpu: cpu, namedContexts: namedContexts.map { UnsafeBufferPointer($0) })
            guard passes(filters, count: target.filterCount, source) else { return }
        }
        let stream = target.streams[cpu < target.streamCount ? cpu : cpu % target.streamCount]
        guard stream.buffer.isRecording else { return }
        if payloadSize < 0 { payloadSize = plan.payloadSize(of: values, lengths: &lengths) }
        var contextSize = target.contextSize
        if let namedContexts {
            for index in namedContexts.indices { contextSize += namedContexts[index].measure() }
        }
        let isLargeID = target.eventID >= 0xFFFF
        let fullSize = 14 + contextSize + payloadSize
        let compactSize = isLargeID ? fullSize : 6 + contextSize + payloadSize
        let mayBlock = Blocking.isAllowed && stream.buffer.blockingTimeout != 0
        guard
            let reservation = stream.buffer.reserve(
                compactSize: compactSize, fullSize: fullSize, countsDiscarded: !mayBlock,
                clock: { cspoor_monotonic_ns() })
                ?? (mayBlock ? Blocking.waitForSpace(stream.buffer, compactSize: compactSize, fullSize: fullSize) : nil)
        else { return }
        var address = reservation.address
        if reservation.needsFullTimestamp || isLargeID {
            // event_header_large, extended form: id 0xFFFF, then u32 id and u64 timestamp.
            address.storeBytes(of: UInt16(0xFFFF).littleEndian, as: UInt16.self)
            (address + 2).storeBytes(of: target.eventID.littleEndian, as: UInt32.self)
            (address + 6).storeBytes(of: reservation.timestamp.littleEndian, as: UInt64.self)
            address += 14
        } else {
            address.storeBytes(of: UInt16(truncatingIfNeeded: target.eventID).littleEndian, as: UInt16.self)
            (address + 2).storeBytes(
                of: UInt32(truncatingIfNeeded: reservation.timestamp).littleEndian, as: UInt32.self)
            address += 6
        }
        if let contexts = target.contexts {
            for index in 0..<target.contextCount {
                address += ProcessContext.write(contexts[index], to: address, cpu: cpu, callerAddress: callerAddress)
            }
        }
        if let namedContexts {
            for slot in namedContexts { address += slot.write(to: address) }
        }
        _ = plan.encode(values, to: address, lengths: lengths)
        if stream.buffer.commit(reservation) || reservation.completedPrevious, stream.buffer.wakesConsumer {
            wakeConsumer(stream.wakeFD)
        }
    }
}

/// Whether any of the `count` filters at `filters` holds for the event `source` reads.
@inline(__always)
func passes(_ filters: UnsafePointer<UnsafeBoundFilter>, count: Int, _ source: RecordFieldSource) -> Bool {
    for index in 0..<count where filters[index].evaluate(source) { return true }
    return false
}

/// Tells the consumer a sub-buffer is complete: the one system call of a record's slow path.
@inline(never)
@usableFromInline
func wakeConsumer(_ fd: Int32) {
    cspoor_wake(fd)
}

/// Anything that can be declared to the session daemon at start-up (`Spoor.start(declaring:)`).
public protocol TracepointDeclaration {
    var descriptor: EventDescriptor { get }
}

extension Tracepoint: TracepointDeclaration {}
