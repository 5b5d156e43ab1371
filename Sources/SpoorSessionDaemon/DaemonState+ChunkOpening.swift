import SpoorCTF
import SpoorConsumer
import SpoorModel
import SpoorPosix
import SpoorSessionCore

/// The next trace chunk of a rotation, decided under the registry lock: its directory and,
/// per trace, the directory and whole metadata the chunk starts with. The session's worker
/// makes them outside the lock (``prepare()``); the rotation then moves the streams there
/// under it (`DaemonState.carryOut`).
struct ChunkPlan: Sendable {
    /// One trace's directory in the new chunk.
    struct Trace: Sendable {
        var owner: TraceOwner
        var directory: String
        var packets: [UInt8]
        /// How many declarations `packets` holds: those added meanwhile are appended under
        /// the lock, before any stream moves.
        var declarationCount: Int
    }

    var root: String
    var traces: [Trace]

    /// Makes the chunk's directories and metadata files; what fails is left for the rotation
    /// to make under the lock, where it fails the rotation as it always did.
    func prepare() -> PreparedChunk {
        var files: [TraceOwner: PreparedChunk.File] = [:]
        for trace in traces {
            do {
                try FileSystem.makeDirectories(trace.directory)
                let file = try AppendFile(creating: trace.directory + "/metadata")
                do {
                    try file.append(trace.packets)
                } catch {
                    file.close()
                    continue
                }
                files[trace.owner] = PreparedChunk.File(
                    directory: trace.directory, file: file, declarationCount: trace.declarationCount)
            } catch {
                continue
            }
        }
        return PreparedChunk(root: root, files: files)
    }
}

/// A chunk's metadata files made outside the lock, by trace owner.
///
/// Unchecked: the worker that makes the files hands them over whole to the registry.
struct PreparedChunk: @unchecked Sendable {
    /// One trace's new metadata file.
    struct File {
        var directory: String
        var file: AppendFile
        var declarationCount: Int
    }

    var root: String
    var files: [TraceOwner: File]

    /// Closes the files no trace took (their trace ended meanwhile).
    func close(except taken: Set<TraceOwner>) {
        for (owner, made) in files where !taken.contains(owner) { made.file.close() }
    }
}

/// A rotation decided under the lock whose next chunk the worker prepares outside it.
struct RotationStep: Sendable {
    var transition: RotationStateMachine.Transition
    var chunk: ChunkPlan?
}

extension DaemonState {
    /// `lttng rotate` (lttng-rotate(1)), first step: decides the rotation; returns it with the
    /// next chunk to prepare outside the lock.
    mutating func beginRotate(_ name: String, uid: UInt32) throws(SpoorError) -> RotationStep {
        let session = try session(name, for: uid)
        let transition = try session.lifecycle.rotationRequested(name, at: clock.unixSeconds)
        return RotationStep(transition: transition, chunk: planChunk(for: transition, of: session))
    }

    /// `lttng rotate`, last step: starts archiving the current trace chunk, moving the streams
    /// into the prepared one, and answers at once; `advanceRotationAndDescribe` says when the
    /// archive is complete.
    mutating func finishRotate(_ name: String, uid: UInt32, _ step: RotationStep, prepared: PreparedChunk?)
        throws(SpoorError) -> RotationInfo
    {
        let session = try session(name, for: uid)
        return try carryOut(step.transition, of: session, prepared: prepared)
    }

    /// The next chunk of `transition`, when it opens one: its directory (named after the
    /// rotation) and each trace's directory and metadata there.
    func planChunk(for transition: RotationStateMachine.Transition, of session: Session) -> ChunkPlan? {
        guard transition.opensNextChunk else { return nil }
        return planChunk(
            root: session.outputPath + "/"
                + TraceChunkName.current(begin: LocalTime.iso8601Basic(transition.end), id: transition.newID),
            of: session)
    }

    /// Chunk `root`, with each trace's directory and metadata there.
    func planChunk(root: String, of session: Session) -> ChunkPlan {
        let oldRoot = session.currentChunkDirectory
        let traces = session.traces.values.map { trace in
            ChunkPlan.Trace(
                owner: trace.owner, directory: root + String(trace.directory.dropFirst(oldRoot.count)),
                packets: trace.metadata.wholeMetadataCopy(), declarationCount: trace.metadata.declarations.count)
        }
        return ChunkPlan(root: root, traces: traces)
    }
}
