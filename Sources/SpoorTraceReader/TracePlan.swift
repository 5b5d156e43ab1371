/// An event class as the reader runs it: the steps of its scopes and where its name is.
struct EventPlan: Sendable {
    /// Packet context (when shown), stream event context, event context and payload, joined by
    /// `, ` as babeltrace2 prints them after `NAME: `.
    var body: StepRange
    /// Index of the event class in `TracePlan.eventClasses` plus the trace's first index: the
    /// class's number among all the viewer's traces.
    var classIndex: Int
    /// Whether the event has a text array, the only field whose text depends on the recycled
    /// event object (see `EventObject`): events without one need no object.
    var usesEventObject: Bool
}

/// A stream class as the reader runs it.
struct StreamClassPlan: Sendable {
    /// Event classes with an ID below this are found by index, the others by hashing.
    static let denseLimit: UInt64 = 4096

    var header: StepRange?
    var dense: [EventPlan?] = []
    var sparse: [UInt64: EventPlan] = [:]
    /// The only event class, for headers that give no ID.
    var onlyEventClassID: UInt64?

    func event(_ id: UInt64) -> EventPlan? {
        if id < UInt64(dense.count) { return dense[Int(id)] }
        return sparse[id]
    }
}

/// The compiled steps of every event of a trace class.
struct TracePlan: Sendable {
    var plan = FieldPlan()
    var streamClasses: [UInt64: StreamClassPlan] = [:]
    /// Every event class, in the order of their `EventPlan.classIndex` (minus the first index).
    var eventClasses: [EventClass] = []
    /// Whether a packet context or an event has a text array or sequence.
    var hasTextArrays = false

    /// Compiles every stream and event class of `traceClass`; class indices start at `firstIndex`.
    init(_ traceClass: TraceClass, firstIndex: Int) {
        for streamClass in traceClass.streamClasses.values.sorted(by: { $0.id < $1.id }) {
            var classPlan = StreamClassPlan()
            if let header = streamClass.eventHeader {
                classPlan.header = plan.compile(header, isPrinted: false)
            }
            if streamClass.eventClasses.count == 1 { classPlan.onlyEventClassID = streamClass.eventClasses.keys.first }
            let packetContextShown = streamClass.packetContext?.isShown ?? false
            if let context = streamClass.packetContext, context.containsTextArray { hasTextArrays = true }
            for eventClass in streamClass.eventClasses.values.sorted(by: { $0.id < $1.id }) {
                let start = plan.steps.count
                let firstArray = plan.arrays.count
                var scopeCount = 0
                if packetContextShown {
                    plan.steps.append(.packetContext)
                    scopeCount += 1
                }
                for case let layout? in [streamClass.eventContext, eventClass.context, eventClass.payload] {
                    let shown = layout.isShown
                    if shown {
                        if scopeCount > 0 { plan.appendLiteral(", ") }
                        scopeCount += 1
                    }
                    _ = plan.compile(layout, isPrinted: shown)
                }
                let event = EventPlan(
                    body: StepRange(start: start, end: plan.steps.count), classIndex: firstIndex + eventClasses.count,
                    usesEventObject: plan.arrays[firstArray...].contains(where: \.isText))
                eventClasses.append(eventClass)
                if eventClass.id < StreamClassPlan.denseLimit {
                    let index = Int(eventClass.id)
                    if classPlan.dense.count <= index {
                        classPlan.dense += [EventPlan?](repeating: nil, count: index + 1 - classPlan.dense.count)
                    }
                    classPlan.dense[index] = event
                } else {
                    classPlan.sparse[eventClass.id] = event
                }
            }
            streamClasses[streamClass.id] = classPlan
        }
        if plan.arrays.contains(where: \.isText) { hasTextArrays = true }
    }
}

extension FieldLayout {
    /// Whether this field is or holds a text array or sequence.
    var containsTextArray: Bool {
        switch self {
        case .integer, .enumeration, .floatingPoint, .string: false
        case .structure(let structure): structure.members.contains { $0.layout.containsTextArray }
        case .variant(let variant): variant.options.contains { $0.layout.containsTextArray }
        case .array(let array): array.isText || array.element.containsTextArray
        }
    }
}
