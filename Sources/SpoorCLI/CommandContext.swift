import SpoorControl
import SpoorModel
import SpoorPosix
import SpoorWire

#if canImport(Glibc)
import Glibc
#endif

/// Everything a command runs with: where it writes, the general options, the daemon, the
/// current-session file and the few facts about the machine it needs.
struct CommandContext {
    var console: Console
    var options: GeneralOptions
    var daemon: any DaemonConnection
    var currentSession: CurrentSessionFile
    /// The system page size, the lower bound of a sub-buffer's size.
    var pageSize: UInt64
    /// Monotonic nanoseconds, to tell how long the daemon made us wait.
    var monotonicNanoseconds: () -> UInt64
    /// The absolute form of a path given on the command line.
    var absolutePath: (String) -> String
    /// Whether standard output is a terminal.
    var isOutputTerminal: Bool
    /// Prints a trace with Spoor's own reader (`spoor view` without `--viewer`).
    var traceRenderer: any TraceRendering
    /// Replaces this process with an external trace viewer (`spoor view --viewer`).
    var externalViewer: any ExternalViewerLauncher
    /// Where `save` writes and `load` reads session configuration files.
    var sessionFileLocations = SessionFileLocations(paths: SpoorPaths())

    /// The session a command acts on: the one named on the command line, else the current
    /// one. When there is none, prints lttng's messages and returns `nil`.
    func sessionName(_ explicit: String?) -> String? {
        if let explicit { return explicit }
        switch currentSession.read() {
        case .session(let name):
            return name
        case .noFile:
            let text = ErrorText.noCurrentSession(configFile: currentSession.path)
            console.error(text.error)
            console.message(text.hint)
            return nil
        case .noSessionEntry:
            console.error("Missing session=NAME in config file.")
            return nil
        }
    }

    /// Prints `Error: <text>` and returns the command-error status.
    func fail(_ text: String, status: CommandStatus = .commandError) -> CommandStatus {
        console.error(text)
        return status
    }

    /// Rejects an lttng option Spoor cannot honour yet.
    func unsupported(_ option: String) -> CommandStatus {
        fail(ErrorText.unsupported(option))
    }

    /// Runs `body` and returns how many milliseconds it took.
    func timed<T>(_ body: () throws(SpoorError) -> T) throws(SpoorError) -> (result: T, milliseconds: UInt64) {
        let start = monotonicNanoseconds()
        let result = try body()
        let elapsed = monotonicNanoseconds() &- start
        return (result, elapsed / 1_000_000)
    }
}

extension CommandContext {
    /// The context of a real `spoor` run.
    static func live(options: GeneralOptions, console: Console) -> CommandContext {
        let paths = SpoorPaths()
        let pageSize = UInt64(max(sysconf(Int32(_SC_PAGESIZE)), 4096))
        return CommandContext(
            console: console,
            options: options,
            daemon: ControlSocketDaemon(
                client: ControlClient(paths: paths),
                isSpawnAllowed: !options.isSessionDaemonSpawnDisabled,
                console: console),
            currentSession: CurrentSessionFile(paths: paths),
            pageSize: pageSize,
            monotonicNanoseconds: { Clock.monotonicNanoseconds },
            absolutePath: { FileSystem.absolute($0) },
            isOutputTerminal: isatty(1) == 1,
            traceRenderer: SpoorTraceRenderer(),
            externalViewer: ExecViewerLauncher(),
            sessionFileLocations: SessionFileLocations(paths: paths))
    }
}
