import CSpoorHotPath

/// Records one event from C: the entry an LTTng-UST-compatible C library calls beneath its
/// tracepoint macros, declared as `spoor_record` in `CSpoorTracer.h`.
///
/// - `table`: the tracepoint's target table, as loaded (acquiring) from its enable word; the
///   caller returns early when that word is null, so a disabled tracepoint never gets here.
/// - `plan`: the tracepoint's `RecordPlan`, which says where each field's value is and how to
///   encode it.
/// - `values`: the field values, laid out as `plan` says.
///
/// It does what a Swift `Tracepoint` does once enabled, through the same `recordEvent`: no lock,
/// no allocation, no system call unless a sub-buffer completes. Not for Swift code, which
/// records through `Tracepoint`.
@_cdecl("spoor_record")
public func recordFromC(_ table: UnsafeRawPointer, _ plan: UnsafeRawPointer, _ values: UnsafeRawPointer) {
    // Read here, in the entry itself: its return address is the tracepoint's place in the app.
    let callerAddress =
        TargetTableHeader.of(table).pointee.recordsCallerAddress ? cspoor_caller_return_address() : 0
    recordEvent(table, plan.load(as: RecordPlan.self), values, callerAddress: callerAddress)
}
