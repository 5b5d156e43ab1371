import SpoorModel

/// A session's trace chunks and rotations (lttng-concepts(7), "Recording session rotation").
///
/// Until the first rotation the current chunk is the output directory itself (`OUTPUT/ust/…`).
/// A rotation archives it as `OUTPUT/archives/BEGIN-END-ID` and goes on in `OUTPUT/BEGIN-ID`, a
/// chunk directory that is in turn renamed into `archives` by the next rotation (or by
/// `destroy`), as LTTng 2.13 lays them out.
///
/// The decisions (chunk ids, refusals, schedules) are the session's `lifecycle.rotation`
/// machine; this holds what carrying them out needs: directories, streams, the last outcome.
final class ChunkRotation {
    /// The current chunk's directory; nil while it is the output directory (chunk 0).
    var chunkDirectory: String?
    /// The rotation whose old chunk is still being written, at most one.
    var pending: PendingRotation?
    /// The latest rotation that ended.
    var last: RotationInfo?
}
