import SpoorConsumer
import SpoorCTF
import SpoorModel
import SpoorPosix
import SpoorSessionCore

extension DaemonState {
    /// `lttng clear` (lttng-clear(1)): deletes the trace data recorded so far, on disk and in
    /// the ring buffers, whether the session is active or not. The metadata stays, so the event
    /// ids already declared keep their meaning; an active session goes on recording into emptied
    /// stream files.
    ///
    /// Decided here, once the session's pending rotation has ended (`SessionDaemon` waits for
    /// it on the session's worker); the ``EffectRunner`` clears the streams.
    mutating func beginClear(_ name: String, uid: UInt32) throws(SpoorError) -> [DaemonEffect] {
        let session = try session(name, for: uid)
        guard prepareClear(of: session) else { return [] }
        return [.clear(session.traces.values.flatMap(\.allStreams), emptying: session.endedTraceDirectories)]
    }

    /// `lttng regenerate metadata` (lttng-regenerate(1)): rewrites the metadata file of every
    /// trace of the session from the start, with everything declared so far and a freshly
    /// sampled offset between the monotonic clock and the wall time (after an NTP correction,
    /// readers then place the events right). As LTTng, only for an active session with
    /// per-user buffers.
    ///
    /// Decided here; the session's worker writes the new files outside the lock
    /// (``MetadataRewrite``), and ``finishRegenerateMetadata(_:uid:_:)`` puts them in place.
    mutating func beginRegenerateMetadata(_ name: String, uid: UInt32) throws(SpoorError) -> [MetadataRewrite] {
        let session = try session(name, for: uid)
        guard session.isActive else { throw SpoorError(.sessionNotStarted, name) }
        guard session.buffering != .perPID else { throw SpoorError(.perPIDSessionUnsupported, name) }
        let offset = Clock.monotonicToRealtimeOffset()
        return session.traces.values.compactMap { trace in
            guard trace.metadata.description != nil else { return nil }
            let packets = trace.metadata.wholeMetadata(clockOffset: offset)
            return MetadataRewrite(
                owner: trace.owner, path: trace.directory + "/metadata", packets: packets,
                declarationCount: trace.metadata.declarations.count)
        }
    }

    /// Completes each new metadata file with what was declared while it was written, renames it
    /// over the trace's metadata file (the file keeps its name and owner, as LTTng's does) and
    /// appends to it from now on.
    mutating func finishRegenerateMetadata(_ name: String, uid: UInt32, _ written: [MetadataRewrite.Written])
        throws(SpoorError)
    {
        let session = try session(name, for: uid)
        var failure: SpoorError?
        for item in written {
            let path = item.rewrite.path
            let file: AppendFile
            switch item.result {
            case .failure(let error):
                failure = failure ?? error
                continue
            case .success(let made):
                file = made
            }
            guard let trace = session.traces[item.rewrite.owner], trace.directory + "/metadata" == path else {
                file.close()
                FileSystem.remove(file.path)
                continue
            }
            do {
                try file.append(trace.metadata.packets(ofDeclarationsFrom: item.rewrite.declarationCount))
                try FileSystem.move(file.path, to: path)
            } catch {
                file.close()
                FileSystem.remove(file.path)
                failure = failure ?? SpoorError(.outputError, "cannot regenerate \(path): \(error)", underlying: error)
                continue
            }
            trace.metadataFile.close()
            trace.metadataFile = file
        }
        if let failure { throw failure }
        logger.info("regenerated the metadata of session \(name)")
    }

    /// `lttng regenerate statedump` (lttng-regenerate(1)): every app the session records from
    /// records its state dump again (`lttng_ust_statedump:*`, where the session's rules enable
    /// it); answers once they have. As LTTng, only for an active session.
    mutating func regenerateStatedump(_ name: String, uid: UInt32) throws(SpoorError) {
        let session = try session(name, for: uid)
        guard session.isActive else { throw SpoorError(.sessionNotStarted, name) }
        requestStatedump(of: session, from: Array(apps.values), waiting: true)
        logger.info("asked the apps of session \(name) for their state dump")
    }
}
