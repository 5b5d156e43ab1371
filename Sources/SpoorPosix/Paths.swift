#if canImport(Glibc)
import Glibc
#endif

/// Where a Spoor daemon and its clients meet, and where traces go by default.
///
/// `SPOOR_HOME` plays the part of `LTTNG_HOME`; `SPOOR_RUNDIR` names the run directory
/// outright. Unlike LTTng's root daemon, which always uses `/var/run/lttng`, both apply to
/// root too, so that independent instances never collide.
public struct SpoorPaths: Sendable, Hashable {
    /// The home of this instance: `$SPOOR_HOME`, else `$HOME`.
    public var home: String
    /// The directory of the daemon's sockets and pid file.
    public var runDirectory: String

    public init(environment: [String: String] = ProcessEnvironment.current) {
        let explicitHome = environment["SPOOR_HOME"].flatMap { $0.isEmpty ? nil : $0 }
        home = explicitHome ?? environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        if let rundir = environment["SPOOR_RUNDIR"], !rundir.isEmpty {
            runDirectory = rundir
        } else if explicitHome == nil && getuid() == 0 {
            runDirectory = "/var/run/spoor"
        } else {
            runDirectory = home + "/.spoor"
        }
    }

    /// Control socket for `spoor` and other clients (stream socket).
    public var controlSocket: String { runDirectory + "/client.sock" }
    /// Registration socket for instrumented apps (sequenced-packet socket).
    public var appSocket: String { runDirectory + "/app.sock" }
    /// Pid of the running daemon.
    public var pidFile: String { runDirectory + "/spoor-sessiond.pid" }
    /// Daemon log when it runs in the background.
    public var logFile: String { runDirectory + "/spoor-sessiond.log" }
    /// Default parent of session output directories.
    public var tracesDirectory: String { home + "/spoor-traces" }
    /// The CLI's current-session file, like `.lttngrc`.
    public var configFile: String { home + "/.spoorrc" }
    /// Where `spoor save` writes and `spoor load` first looks, like `$LTTNG_HOME/.lttng/sessions`.
    public var sessionsDirectory: String { home + "/.spoor/sessions" }
    /// The system-wide saved sessions `spoor load` reads after the user's, like
    /// `/etc/lttng/sessions`.
    public static let systemSessionsDirectory = "/etc/spoor/sessions"
}

/// The process environment as a dictionary, without Foundation.
public enum ProcessEnvironment {
    public static var current: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}
