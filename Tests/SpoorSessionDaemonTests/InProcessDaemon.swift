import Foundation
import Logging
import SpoorModel
import SpoorPosix
import SpoorSessionCore
import SpoorWire
import Synchronization
import SpoorTestSupport
import Testing

@testable import SpoorSessionDaemon

/// A session daemon in this process, on a private home, that does not listen: tests call
/// its `handle` as a client's thread would.
final class InProcessDaemon {
    private let instance: InProcessSessionDaemon
    var daemon: SessionDaemon { instance.daemon }
    var home: String { instance.home.path }

    init(timeouts: DaemonTimeouts = .standard, clock: any DaemonClock = SystemClock()) throws {
        instance = try InProcessSessionDaemon(timeouts: timeouts, clock: clock, listening: false)
    }

    /// The reply to `request` from a client of `uid`.
    @discardableResult
    func send(_ request: ControlRequest, uid: UInt32 = 0) -> ControlReply {
        daemon.handle(request, uid: uid)
    }

    /// Creates session `name` (output under the private home) with one channel, `c`, and starts it.
    func startRecording(_ name: String) {
        send(.createSession(name: name, outputPath: output(name)))
        send(.enableChannel(session: name, attributes: ChannelAttributes(name: "c")))
        send(.startSession(name: name))
    }

    /// An output directory under the private home.
    func output(_ name: String) -> String { home + "/" + name }

    /// Whether `path` exists.
    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// The names in directory `path`.
    func contents(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    /// Whether session `name` records, as `list` says.
    func isActive(_ name: String) -> Bool? {
        guard case .sessions(let sessions) = send(.listSessions) else { return nil }
        return sessions.first { $0.name == name }?.isActive
    }
}

/// A flag one thread raises and another waits for.
final class Flag: Sendable {
    private let value = Mutex(false)

    func raise() { value.withLock { $0 = true } }

    var isRaised: Bool { value.withLock { $0 } }

    /// Waits until the flag is raised, 10 s at most; records a failure at `location` if it
    /// never is, so that a broken daemon fails the test instead of hanging it.
    func wait(sourceLocation: SourceLocation = #_sourceLocation) {
        if !waitUntil({ isRaised }) {
            Issue.record("the flag was not raised within 10 s", sourceLocation: sourceLocation)
        }
    }
}
