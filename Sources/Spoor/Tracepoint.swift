import Atomics
import SpoorModel

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
