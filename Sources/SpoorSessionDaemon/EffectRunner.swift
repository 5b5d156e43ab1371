import Logging
import SpoorConsumer
import SpoorModel
import SpoorPosix
import SpoorSessionCore

/// Carries out ``DaemonEffect``s, never with the registry lock held: the only part of the
/// daemon that waits on buffers and copies trace data.
struct EffectRunner {
    let timeouts: DaemonTimeouts
    let clock: any DaemonClock
    let logger: Logger

    /// Performs `effects` in order; the first failure that is the command's ends the work.
    func perform(_ effects: [DaemonEffect]) throws(SpoorError) {
        for effect in effects {
            switch effect {
            case .drain(let streams, let timeout, let failing):
                try drain(streams, timeout: timeout, failing: failing)
            case .flush(let streams):
                // Nothing is drained: the packets stay for the next snapshot.
                for stream in streams { stream.buffer.flush(allowEmpty: false) { clock.monotonicNanoseconds } }
            case .clear(let streams, let directories):
                try clear(streams, emptying: directories)
            case .writeSnapshot(let work):
                try write(work)
            case .removeTree(let path):
                FileSystem.removeTree(path)
            }
        }
    }

    private func drain(_ streams: [StreamConsumer], timeout: Duration, failing: Bool) throws(SpoorError) {
        for stream in streams {
            do {
                let drained = try stream.flushAndDrain(timeoutMilliseconds: timeout.wholeMilliseconds) {
                    clock.monotonicNanoseconds
                }
                if !drained && failing {
                    logger.warning("stream \(stream.dataPath): a writer never committed; its packet is lost")
                }
            } catch {
                guard failing else {
                    logger.error("stream \(stream.dataPath): \(error)")
                    continue
                }
                throw SpoorError(.outputError, "\(error)", underlying: error)
            }
        }
    }

    private func clear(_ streams: [StreamConsumer], emptying directories: [String]) throws(SpoorError) {
        for stream in streams {
            do {
                let cleared = try stream.clear(timeoutMilliseconds: timeouts.clearDrain.wholeMilliseconds) {
                    clock.monotonicNanoseconds
                }
                if !cleared {
                    logger.warning("stream \(stream.dataPath): a writer never committed; its packet is lost")
                }
            } catch {
                throw SpoorError(.outputError, "cannot clear \(stream.dataPath): \(error)", underlying: error)
            }
        }
        for directory in directories { emptyStreamFiles(in: directory) }
    }

    /// Removes the stream files and indexes of a trace nobody writes any more, keeping its
    /// metadata.
    private func emptyStreamFiles(in directory: String) {
        guard let names = try? FileSystem.contents(of: directory) else { return }
        for name in names where name != "metadata" && name != "index" {
            FileSystem.remove(directory + "/" + name)
        }
        guard let indexes = try? FileSystem.contents(of: directory + "/index") else { return }
        for name in indexes where name.hasSuffix(".idx") { FileSystem.remove(directory + "/index/" + name) }
    }

    private func write(_ work: SnapshotWork) throws(SpoorError) {
        do {
            // As LTTng, even a session no app recorded into yet gets its snapshot directory.
            try FileSystem.makeDirectories(work.directory + "/ust")
        } catch {
            throw SpoorError(
                .snapshotFailed, "Snapshot record failed: cannot create \(work.directory): \(error)", underlying: error)
        }
        var lost = 0
        for trace in work.traces {
            do {
                try FileSystem.makeDirectories(trace.target)
                if let metadata = trace.metadata {
                    let file = try AppendFile(creating: trace.target + "/metadata")
                    defer { file.close() }
                    try file.append(metadata)
                }
                for stream in trace.streams {
                    let result = try stream.writeSnapshot(
                        to: trace.target, packetLimit: work.packetLimit,
                        timeoutMilliseconds: timeouts.snapshotCopy.wholeMilliseconds
                    ) { clock.monotonicNanoseconds }
                    lost += result.lostPacketCount
                }
            } catch {
                throw SpoorError(
                    .snapshotFailed, "Snapshot record failed: cannot write \(trace.target): \(error)",
                    underlying: error)
            }
        }
        if lost > 0 {
            logger.warning("snapshot of session \(work.sessionName): \(lost) packets overwritten while copied")
        }
    }
}
