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
    mutating func regenerateMetadata(_ name: String, uid: UInt32) throws(SpoorError) {
        let session = try session(name, for: uid)
        guard session.isActive else { throw SpoorError(.sessionNotStarted, name) }
        guard session.buffering != .perPID else { throw SpoorError(.perPIDSessionUnsupported, name) }
        let offset = Clock.monotonicToRealtimeOffset()
        for trace in session.traces.values {
            do {
                try trace.regenerateMetadata(clockOffset: offset)
            } catch {
                throw SpoorError(.outputError, "cannot regenerate \(trace.directory)/metadata: \(error)")
            }
        }
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
