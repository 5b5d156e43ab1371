import Logging
import SpoorModel
import SpoorPosix
import SpoorSessionCore

/// The rename that archives a rotation's old chunk once every stream has finished it:
/// decided under the registry lock, performed outside it on the session's worker.
struct ArchiveWork: Sendable, Equatable {
    /// The old chunk's data: `OUTPUT/ust` for chunk 0, else its chunk directory.
    var source: String
    var archivePath: String
    /// Chunk 0 moves into a new archive directory, as its `ust`.
    var isFirst: Bool
    var archivesDirectory: String
    /// Whether a chunk with no directory (it had no trace) gets an empty archive; otherwise its
    /// archive fails (the last chunk, at `destroy`).
    var emptyIfMissing = true

    /// Renames the chunk into `archives`; whether it succeeded. A later chunk's directory
    /// becomes the archive, or the archive is empty if it had no trace.
    func perform(logger: Logger) -> Bool {
        do {
            try FileSystem.makeDirectories(isFirst ? archivePath : archivesDirectory)
            if FileSystem.exists(source) || !emptyIfMissing {
                try FileSystem.move(source, to: isFirst ? archivePath + "/ust" : archivePath)
            } else if !isFirst {
                try FileSystem.makeDirectories(archivePath)
            }
            return true
        } catch {
            logger.error("archiving \(source): \(error)")
            return false
        }
    }
}

/// The archive of a destroyed session's last chunk: what `destroy` answers, once the worker
/// has renamed the chunk outside the lock.
struct LastChunkArchive: Sendable, Equatable {
    var info: RotationInfo
    var work: ArchiveWork

    /// Renames the chunk; the answer says whether it was archived.
    func perform(logger: Logger) -> RotationInfo {
        var info = info
        if !work.perform(logger: logger) { info.state = .error }
        return info
    }
}

extension DaemonState {
    /// The archive rename due for `session`, if every stream has finished its old chunk.
    func archiveWork(of session: Session) -> ArchiveWork? {
        guard let pending = session.chunks.pending, pending.archiveDue else { return nil }
        return ArchiveWork(
            source: pending.source, archivePath: pending.info.archivePath, isFirst: pending.info.chunkID == 0,
            archivesDirectory: session.outputPath + "/archives")
    }

    /// The archive rename due for session `name` served by `worker`, for the worker to perform.
    func archiveWork(ofSession name: String, worker: SessionWorker) -> ArchiveWork? {
        session(name, servedBy: worker).flatMap { archiveWork(of: $0) }
    }

    /// The rotation of `work` has ended: the session goes on with its next one and triggers
    /// learn that the chunk is archived.
    mutating func archived(_ work: ArchiveWork, succeeded: Bool, of session: Session) {
        guard var info = session.chunks.pending?.info, info.archivePath == work.archivePath else { return }
        info.state = succeeded ? .completed : .error
        session.chunks.pending = nil
        session.lifecycle.rotation.rotationEnded()
        session.chunks.last = info
        logger.info("session \(session.name): trace chunk archived at \(info.archivePath)")
        if info.state == .completed {
            rotationCompleted(of: session, chunkID: info.chunkID, archivePath: info.archivePath)
        }
    }

    /// `archived(_:succeeded:of:)` for session `name`, if `worker` still serves it.
    mutating func archived(_ work: ArchiveWork, succeeded: Bool, ofSession name: String, worker: SessionWorker) {
        guard let session = session(name, servedBy: worker) else { return }
        archived(work, succeeded: succeeded, of: session)
    }
}
