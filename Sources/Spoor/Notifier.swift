import Atomics
import SpoorFilter
import SpoorModel
import SpoorPosix
import SpoorWire
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

// Event notifiers: event-rule-matches triggers evaluated where the event happens.
//
// A tracepoint's target table (Core/TargetTable.swift) carries in its header a pointer to its
// notifier table (nil when no trigger matches it):
//
//   notifier table  ┌──────────────────┬─────────────────────────────┐
//                   │ notifier count   │ NotifierTarget × count …    │
//                   └──────────────────┴─────────────────────────────┘
//
// So a tracepoint that only triggers watch is enabled (the same single load), records nothing
// and, for each notifier, runs its filter; when it holds, reads the captures and sends
// `AppMessage.eventNotification` on the app's socket without ever blocking.

/// One event-rule-matches trigger of a tracepoint: its linked filter, what to capture, and
/// where to count what could not be sent. Plain values in memory never freed.
struct NotifierTarget {
    var token: UInt64
    /// The rule's filter, linked to the event; nil when the rule has none.
    var filters: UnsafePointer<UnsafeBoundFilter>?
    var filterCount: Int
    var captures: UnsafePointer<CapturePlan>?
    var captureCount: Int
    /// The application contexts (`$app.…`) the filter and captures read, indexed after
    /// `ProcessContext.filterContexts`.
    var namedContexts: UnsafePointer<NamedContextSource>?
    var namedContextCount: Int
    /// Notifications of this trigger dropped since the last one sent.
    var discarded: UnsafeAtomic<UInt64>
}

/// How to read one capture descriptor from an event, resolved when the notifier is linked.
struct CapturePlan: Equatable {
    enum Kind: UInt8 {
        /// Payload field `index`.
        case field
        /// Context field `index` of `RecordFieldSource` (process contexts, then named contexts).
        case context
        /// A whole array or sequence of non-text integers: every element.
        case fieldElements
        /// Nothing the event has: always `.unavailable`.
        case unavailable
    }

    var kind: Kind
    var index = 0
    /// The element of an array or sequence, or -1 for the whole value.
    var element = -1

    static let unavailable = CapturePlan(kind: .unavailable)

    /// Resolves `descriptor` against the event's fields and the contexts a notifier can read.
    init(_ descriptor: CaptureDescriptor, event: EventDescriptor, namedContexts: [String]) {
        var element = -1
        var base = descriptor
        if case .arrayElement(let parent, let index) = descriptor {
            base = parent
            element = Int(index)
        }
        switch base {
        case .payloadField(let name):
            guard let index = event.fields.firstIndex(where: { $0.name == name }) else {
                self = .unavailable
                return
            }
            switch (event.fields[index].type, element) {
            case (.array(_, let count), _) where element >= count:
                self = .unavailable
            case (.array(let integer, _), -1), (.sequence(let integer), -1):
                self = CapturePlan(kind: integer.isText ? .field : .fieldElements, index: index)
            case (.array, _), (.sequence, _), (_, -1):
                self = CapturePlan(kind: .field, index: index, element: element)
            default:
                self = .unavailable  // An element of a scalar.
            }
        case .contextField(let name):
            guard element == -1 || name == ContextType.procname.name,
                let index = ProcessContext.filterContexts.firstIndex(where: { $0.name == name })
            else {
                self = .unavailable
                return
            }
            self = CapturePlan(kind: .context, index: index, element: element)
        case .applicationContextField:
            guard element == -1, let index = namedContexts.firstIndex(of: base.description) else {
                self = .unavailable
                return
            }
            self = CapturePlan(kind: .context, index: ProcessContext.filterContextCount + index)
        case .arrayElement:
            self = .unavailable
        }
    }

    init(kind: Kind, index: Int = 0, element: Int = -1) {
        self.kind = kind
        self.index = index
        self.element = element
    }

    /// Arrays captured whole stop there: a notification is one socket packet.
    static let maximumElements = 4096

    /// The captured value in the event `source` reads. Runs only once the filter has held.
    func value(in source: RecordFieldSource) -> CapturedValue {
        switch kind {
        case .unavailable: return .unavailable
        case .field:
            return CapturePlan.captured(
                element < 0 ? source.value(ofField: index) : source.value(ofField: index, element: element))
        case .context:
            return CapturePlan.captured(
                element < 0 ? source.value(ofContext: index) : source.value(ofContext: index, element: element))
        case .fieldElements:
            var elements: [CapturedValue] = []
            for element in 0..<Self.maximumElements {
                let value = source.value(ofField: index, element: element)
                if case .missing = value { break }
                elements.append(CapturePlan.captured(value))
            }
            return .array(elements)
        }
    }

    /// A filter's view of a value as a notification carries it.
    static func captured(_ value: FilterValue) -> CapturedValue {
        switch value {
        case .signed(let number): return .signed(number)
        case .unsigned(let number): return .unsigned(number)
        case .double(let number): return .floatingPoint(number)
        case .string(let bytes):
            // Text ends at its first NUL, as in a record.
            let end = bytes.firstIndex(of: 0) ?? bytes.count
            return .string(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[..<end]), as: UTF8.self))
        case .missing: return .unavailable
        }
    }
}

/// The app's socket to the session daemon as app threads send notifications on it: one
/// descriptor number for the life of the process, a duplicate of the current connection's
/// socket, or of /dev/null while there is none (then sending fails, and is counted).
enum NotificationSocket {
    private static let descriptor = Atomic<Int32>(-1)

    /// The descriptor to send on, or -1 before the first connection.
    @inline(__always)
    static var current: Int32 { descriptor.load(ordering: .acquiring) }

    /// Points the descriptor to `socketFD` (a new connection) or to /dev/null (-1).
    /// Called by the control thread only. `dup2` replaces atomically: an app thread sending at
    /// that moment sends on the old file or the new one, never on a closed number.
    static func attach(_ socketFD: Int32) {
        var source = socketFD
        var devNull: Int32 = -1
        if source < 0 {
            devNull = open("/dev/null", O_WRONLY | O_CLOEXEC)
            source = devNull
        }
        defer { if devNull >= 0 { close(devNull) } }
        guard source >= 0 else { return }
        let existing = descriptor.load(ordering: .relaxed)
        if existing >= 0 {
            if dup2(source, existing) >= 0 { _ = fcntl(existing, F_SETFD, FD_CLOEXEC) }
        } else if socketFD >= 0 {
            let copy = fcntl(source, F_DUPFD_CLOEXEC, 3)
            // Releasing: the descriptor is open before an app thread loads its number.
            if copy >= 0 { descriptor.store(copy, ordering: .releasing) }
        }
    }

    /// Sends one packet without blocking; whether all of it went.
    static func send(_ bytes: [UInt8]) -> Bool {
        let fd = current
        guard fd >= 0 else { return false }
        return bytes.withUnsafeBytes { UnixSocket.sendWithoutBlocking($0, on: fd) }
    }
}

/// Runs the notifiers of the table at `notifiers` for one event: each whose filter holds sends a
/// notification. Out of line: recording targets do not pay for it.
@inline(never)
func notify(_ notifiers: UnsafeRawPointer, plan: RecordPlan, values: UnsafeRawPointer, cpu: Int) {
    let count = notifiers.load(as: Int.self)
    let first = (notifiers + MemoryLayout<Int>.stride).assumingMemoryBound(to: NotifierTarget.self)
    for index in 0..<count {
        let notifier = first[index]
        guard notifier.namedContextCount > 0, let sources = notifier.namedContexts else {
            notifier.evaluate(RecordFieldSource(values: values, plan: plan, cpu: cpu))
            continue
        }
        let contextCount = notifier.namedContextCount
        withUnsafeTemporaryAllocation(of: NamedContextSlot.self, capacity: contextCount) { buffer in
            guard let slots = buffer.baseAddress else { return }
            for index in 0..<contextCount { (slots + index).initialize(to: sources[index].slot()) }
            defer { slots.deinitialize(count: contextCount) }
            notifier.evaluate(
                RecordFieldSource(
                    values: values, plan: plan, cpu: cpu,
                    namedContexts: UnsafeBufferPointer(start: slots, count: contextCount)))
        }
    }
}

extension NotifierTarget {
    /// Runs the filter (no allocation) and, when it holds, sends the notification.
    @inline(__always)
    func evaluate(_ source: RecordFieldSource) {
        if let filters {
            guard passes(UnsafeBufferPointer(start: filters, count: filterCount), source) else { return }
        }
        send(source)
    }

    /// Reads the captures and sends the notification; a full or closed socket drops it and
    /// counts it, and the count goes with the next one that is sent.
    @inline(never)
    func send(_ source: RecordFieldSource) {
        var values: [CapturedValue] = []
        values.reserveCapacity(captureCount)
        if let captures {
            for index in 0..<captureCount { values.append(captures[index].value(in: source)) }
        }
        let discardedBefore = discarded.exchange(0, ordering: .relaxed)
        let message = AppMessage.eventNotification(token: token, captures: values, discardedBefore: discardedBefore)
        if !NotificationSocket.send(message.wireBytes) {
            discarded.wrappingIncrement(by: discardedBefore &+ 1, ordering: .relaxed)
        }
    }

    /// Notifications of this notifier dropped and not yet reported.
    var discardedCount: UInt64 { discarded.load(ordering: .relaxed) }
}
