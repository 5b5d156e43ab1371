import Logging
import SpoorPosix
import SpoorSessionCore
import SpoorSessionDaemon

#if canImport(Glibc)
import Glibc
#endif

/// A session daemon running inside the test process, on paths of its own: its `SPOOR_HOME`,
/// run directory, sockets, pid file and default trace directory all lie in a fresh temporary
/// directory, so that tests can talk to a daemon without spawning `spoor-sessiond` and never
/// meet another test's daemon.
///
/// ```swift
/// let daemon = try InProcessSessionDaemon()
/// let reply = try ControlClient(paths: daemon.paths).request(.listSessions, autoStart: false)
/// ```
///
/// Only `SessionDaemon`'s public `init(paths:version:logger:)`, `start()` and `removeRunFiles()`
/// are used. The daemon has no way to stop its threads, so they stay blocked on sockets nobody
/// reaches until the test process exits; releasing this object removes the run files and the
/// temporary directory.
public final class InProcessSessionDaemon: Sendable {
    /// The temporary directory that is this daemon's `SPOOR_HOME`.
    public let home: TemporaryDirectory
    /// Where the daemon listens and writes; give these to `ControlClient(paths:)`.
    public let paths: SpoorPaths
    /// The running daemon.
    public let daemon: SessionDaemon

    /// Starts a daemon on fresh temporary paths and returns once it listens (or, without
    /// `listening`, a daemon whose commands a test calls directly, as a client's thread would).
    ///
    /// - Parameters:
    ///   - logger: where the daemon logs; by default nowhere, to keep test output clean.
    ///   - timeouts: how long the daemon waits for writers, apps and subscribers.
    ///   - clock: the daemon's clocks; a `ManualClock` lets a test move time itself.
    ///   - listening: whether the daemon opens its sockets.
    public init(
        version: String = "0.1.0",
        logger: Logger = Logger(label: "spoor-sessiond", factory: { _ in SwiftLogNoOpLogHandler() }),
        timeouts: DaemonTimeouts = .standard, clock: any DaemonClock = SystemClock(), listening: Bool = true
    ) throws(SystemError) {
        // The daemon writes to sockets whose peers may go; as in `spoor-sessiond`, a broken pipe
        // must be an error return, not a signal that ends the test process.
        signal(SIGPIPE, SIG_IGN)
        home = TemporaryDirectory("daemon")
        paths = SpoorPaths(environment: ["SPOOR_HOME": home.path])
        daemon = try SessionDaemon(paths: paths, version: version, logger: logger, timeouts: timeouts, clock: clock)
        if listening { try daemon.start() }
    }

    deinit { daemon.removeRunFiles() }

    /// The environment for a child process (`spoor`, an instrumented app) that should reach
    /// this daemon: this process's environment with `SPOOR_HOME` pointing here.
    public var environment: [String: String] {
        var environment = ProcessEnvironment.current
        environment["SPOOR_HOME"] = home.path
        environment.removeValue(forKey: "SPOOR_RUNDIR")
        return environment
    }
}
