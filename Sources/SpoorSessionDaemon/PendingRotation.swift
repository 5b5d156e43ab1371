import SpoorConsumer
import SpoorModel
import SpoorPosix

/// A rotation whose old chunk the streams are still completing.
struct PendingRotation {
    var info: RotationInfo
    /// The old chunk's data: `OUTPUT/ust` for chunk 0, else its chunk directory.
    var source: String
    /// The old chunk's metadata files, closed once every stream has moved on.
    var metadata: [AppendFile]
    var streams: [StreamConsumer]
    /// Monotonic time after which incomplete old packets are given up (dead writers).
    var abandonAfter: UInt64
    /// Every stream has finished the old chunk: its rename into `archives` is due, and the
    /// session's worker performs it outside the registry lock (`DaemonState+Archive.swift`).
    var archiveDue = false
}
