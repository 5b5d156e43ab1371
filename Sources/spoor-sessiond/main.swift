import ArgumentParser
import Logging
import SpoorPosix
import SpoorSessionDaemon

#if canImport(Glibc)
import Glibc
#endif

/// `spoor-sessiond`, the session daemon (`lttng-sessiond(8)`'s counterpart for Spoor).
struct SessionDaemonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spoor-sessiond",
        abstract: "The Spoor session daemon: recording sessions, channels, event rules and the consumer.")

    @Flag(name: [.short, .customLong("daemonize")], help: "Start in the background and return once ready.")
    var daemonize = false

    @Flag(name: .long, help: "Run in the foreground (the default).")
    var foreground = false

    @Flag(name: .shortAndLong, help: "Log more (repeatable).")
    var verbose: Int

    func run() throws {
        let paths = SpoorPaths()
        if (try? UnixSocket.connect(to: paths.controlSocket, kind: .stream)) != nil {
            printError("Error: a session daemon is already running on \(paths.controlSocket)")
            throw ExitCode.failure
        }
        if daemonize {
            try startInBackground(paths)
            return
        }
        // Signals are taken synchronously by the main thread; every thread inherits the mask.
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&signals, signal) }
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        Glibc.signal(SIGPIPE, SIG_IGN)

        let verbosity = verbose
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = verbosity >= 2 ? .debug : verbosity == 1 ? .info : .notice
            return handler
        }
        let logger = Logger(label: "spoor-sessiond")
        let daemon: SessionDaemon
        do {
            daemon = try SessionDaemon(paths: paths, version: spoorVersion, logger: logger)
            try daemon.start()
        } catch {
            printError("Error: cannot start the session daemon: \(error)")
            throw ExitCode.failure
        }
        var received: Int32 = 0
        sigwait(&signals, &received)
        logger.notice("signal \(received): exiting")
        daemon.removeRunFiles()
    }

    /// Starts a foreground daemon in a new session, logging to the run directory, and returns
    /// once it accepts clients (or fails if it exits first).
    private func startInBackground(_ paths: SpoorPaths) throws {
        guard let executable = Spawn.currentExecutable() else {
            printError("Error: cannot find this executable to start it in the background")
            throw ExitCode.failure
        }
        do {
            try FileSystem.makeDirectories(paths.runDirectory, mode: 0o700)
        } catch {
            printError("Error: \(error)")
            throw ExitCode.failure
        }
        let arguments = ["--foreground"] + Array(repeating: "-v", count: verbose)
        let pid = try Spawn.detached(executable, arguments, outputPath: paths.logFile)
        for _ in 0..<1000 {
            if (try? UnixSocket.connect(to: paths.controlSocket, kind: .stream)) != nil { return }
            if let status = Spawn.reapIfExited(pid) {
                printError("Error: the session daemon exited during start-up (status \(status)); see \(paths.logFile)")
                throw ExitCode.failure
            }
            Spawn.pause(milliseconds: 10)
        }
        printError("Error: the session daemon did not become ready; see \(paths.logFile)")
        throw ExitCode.failure
    }
}

func printError(_ text: String) {
    let line = Array((text + "\n").utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

let spoorVersion = "0.1.0"

SessionDaemonCommand.main()
