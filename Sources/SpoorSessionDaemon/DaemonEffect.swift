import SpoorConsumer
import SpoorModel

/// Slow work a command decided on under the registry lock and leaves to the
/// ``EffectRunner``, which carries it out after the lock is released, on the session's worker.
enum DaemonEffect {
    /// Flushes each stream and writes everything it holds to disk, waiting at most `timeout`
    /// for a writer to commit (`stop`, `destroy`, the end of a per-process trace). With
    /// `failing`, the first error ends the work and is the command's; otherwise errors are
    /// logged.
    case drain([StreamConsumer], timeout: Duration, failing: Bool)
    /// Flushes each stream and keeps the packets in the buffer (`stop` of a snapshot session).
    case flush([StreamConsumer])
    /// Drops what each stream recorded, on disk and in its buffer, and empties the stream
    /// files of the traces of ended processes (`clear`).
    case clear([StreamConsumer], emptying: [String])
    /// Copies the buffers' contents into a snapshot directory (`snapshot record`).
    case writeSnapshot(SnapshotWork)
    /// Deletes a directory tree (the private buffer files of a destroyed snapshot session).
    case removeTree(String)
}

/// What `snapshot record` copies: each trace's metadata and streams, into `directory`.
struct SnapshotWork {
    /// One trace of the snapshot.
    struct Trace {
        /// Where the trace goes in the snapshot directory.
        var target: String
        /// The whole metadata so far, nil when the trace has none yet.
        var metadata: [UInt8]?
        var streams: [StreamConsumer]
    }

    var sessionName: String
    var directory: String
    var traces: [Trace]
    /// How many packets each stream may contribute (`--max-size`).
    var packetLimit: UInt64
}
