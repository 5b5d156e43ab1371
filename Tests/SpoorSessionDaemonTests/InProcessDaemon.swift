import Foundation
import Logging
import SpoorModel
import SpoorPosix
import SpoorSessionCore
import SpoorWire
import Synchronization
import Testing

@testable import SpoorSessionDaemon

/// A session daemon in this process, on a private home, that does not listen: tests call
/// its `handle` as a client's thread would.
final class InProcessDaemon {
    let daemon: SessionDaemon
    let home: String

    init(timeouts: DaemonTimeouts = .standard, clock: any DaemonClock = SystemClock()) throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("spoor-daemon-\(UUID())").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let paths = SpoorPaths(environment: ["SPOOR_HOME": home, "SPOOR_RUNDIR": home + "/run"])
        daemon = try SessionDaemon(
            paths: paths, version: "test", logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
            timeouts: timeouts, clock: clock)
    }

    deinit { try? FileManager.default.removeItem(atPath: home) }

    /// The reply to `request` from a client of `uid`.
    @discardableResult
    func send(_ request: ControlRequest, uid: UInt32 = 0) -> ControlReply {
        daemon.handle(request, uid: uid)
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
        if !eventually({ isRaised }) {
            Issue.record("the flag was not raised within 10 s", sourceLocation: sourceLocation)
        }
    }
}

/// Waits until `condition` holds, 10 s at most; whether it did.
func eventually(_ condition: () -> Bool) -> Bool {
    for _ in 0..<10_000 {
        if condition() { return true }
        usleep(1000)
    }
    return condition()
}
