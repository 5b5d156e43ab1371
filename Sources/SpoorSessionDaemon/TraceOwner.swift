/// Whose buffers a trace holds: one user's apps (per-UID buffering) or one process (per-PID).
enum TraceOwner: Hashable {
    case user(UInt32)
    case process(Int32)
}
