import CSpoorABI
import CSpoorHotPath
import SpoorFilter
import SpoorRingBuffer

// The tracer's core: one non-generic function records an event whose values sit in memory as
// a `RecordPlan` describes them. The Swift `Tracepoint` API reaches it through `record`, C
// callers through `spoor_record` (CEntry.swift).

/// Records one event whose values are at `values` (laid out as `plan` says) into every target
/// of `table`. Not generic: the pack was left behind at the call site.
@usableFromInline
func record(_ table: UnsafeRawPointer, _ plan: RecordPlan, _ values: UnsafeRawPointer) {
    // Read here, in the entry itself: its return address is the tracepoint's place in the app.
    let callerAddress =
        TargetTableHeader.of(table).pointee.recordsCallerAddress ? cspoor_caller_return_address() : 0
    recordEvent(table, plan, values, callerAddress: callerAddress)
}

/// What both entries share: the nesting guard, each target, then the notifiers.
@inline(__always)
func recordEvent(_ table: UnsafeRawPointer, _ plan: RecordPlan, _ values: UnsafeRawPointer, callerAddress: UInt64) {
    // The nesting guard keeps a signal handler's tracepoint from corrupting a record this
    // thread is in the middle of writing.
    guard cspoor_enter() != 0 else {
        cspoor_leave()
        return
    }
    defer { cspoor_leave() }
    var event = EventInProgress(plan: plan, values: values, cpu: Int(cspoor_current_cpu()))
    event.callerAddress = callerAddress
    for target in TargetTableHeader.targets(of: table) {
        guard !target.namedContexts.isEmpty else {
            event.write(into: target, namedContexts: nil)
            continue
        }
        // The named contexts' values, computed once for this target, live on the stack meanwhile.
        let sources = target.namedContexts
        withUnsafeTemporaryAllocation(of: NamedContextSlot.self, capacity: sources.count) { buffer in
            guard let slots = buffer.baseAddress else { return }
            for index in sources.indices { (slots + index).initialize(to: sources[index].slot()) }
            defer { slots.deinitialize(count: sources.count) }
            event.write(into: target, namedContexts: UnsafeMutableBufferPointer(start: slots, count: sources.count))
        }
    }
    // Triggers watching this event (`Notifier.swift`): one load and a branch when there are none.
    if let notifiers = TargetTableHeader.of(table).pointee.notifiers {
        notify(notifiers, plan: plan, values: values, cpu: event.cpu)
    }
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
            guard passes(filters, source) else { return }
        }
        let stream = target.stream(cpu: cpu)
        guard stream.buffer.isRecording else { return }
        if payloadSize < 0 { payloadSize = plan.payloadSize(of: values, lengths: &lengths) }
        var contextSize = target.contextSize
        if let namedContexts {
            for index in namedContexts.indices { contextSize += namedContexts[index].measure() }
        }
        let isLargeID = spoor_event_id_needs_extended(target.eventID) != 0
        let fullSize = SPOOR_EVENT_HEADER_EXTENDED_SIZE + contextSize + payloadSize
        let compactSize = isLargeID ? fullSize : SPOOR_EVENT_HEADER_COMPACT_SIZE + contextSize + payloadSize
        guard let reservation = Self.reserve(in: stream.buffer, compactSize: compactSize, fullSize: fullSize)
        else { return }
        var address = reservation.address
        let extended = reservation.needsFullTimestamp || isLargeID
        address += spoor_event_header_write(address, target.eventID, reservation.timestamp, extended ? 1 : 0)
        for code in target.contexts {
            address += ProcessContext.write(code, to: address, cpu: cpu, callerAddress: callerAddress)
        }
        if let namedContexts {
            for slot in namedContexts { address += slot.write(to: address) }
        }
        _ = plan.encode(values, to: address, lengths: lengths)
        if stream.buffer.commit(reservation) || reservation.completedPrevious, stream.buffer.wakesConsumer {
            wakeConsumer(stream.wakeFD)
        }
    }

    /// Space for the record: at once, or, in blocking mode when the app allows it, after
    /// waiting for the consumer (`Blocking`). Nil when the record is discarded.
    @inline(__always)
    static func reserve(in buffer: RingBuffer, compactSize: Int, fullSize: Int) -> RingBuffer.Reservation? {
        let mayBlock = Blocking.isAllowed && buffer.blockingTimeout != 0
        if let reservation = buffer.reserve(
            compactSize: compactSize, fullSize: fullSize, countsDiscarded: !mayBlock,
            clock: { cspoor_monotonic_ns() })
        {
            return reservation
        }
        guard mayBlock else { return nil }
        return Blocking.waitForSpace(buffer, compactSize: compactSize, fullSize: fullSize)
    }
}

/// Whether any of `filters` holds for the event `source` reads.
@inline(__always)
func passes(_ filters: UnsafeBufferPointer<UnsafeBoundFilter>, _ source: RecordFieldSource) -> Bool {
    for filter in filters where filter.evaluate(source) { return true }
    return false
}

/// Tells the consumer a sub-buffer is complete: the one system call of a record's slow path.
@inline(never)
func wakeConsumer(_ fd: Int32) {
    cspoor_wake(fd)
}
