import ArgumentParser
import SpoorModel
import SpoorPosix
import SpoorWire

#if canImport(Glibc)
import Glibc
#endif

/// `spoor crash-handler install|status|remove`: puts Spoor's crash handler in the kernel's
/// core_pattern, so that session daemons hear of processes that dump core, while cores still go
/// where they went before. Spoor's own command; LTTng has none.
struct CrashHandlerCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "crash-handler",
        abstract: "Install, show or remove the crash handler.",
        discussion: """
            install (as root) makes the kernel run spoor-crash-handler when a process dumps core \
            (/proc/sys/kernel/core_pattern): it tells the session daemons of the process's user \
            and of root which process crashed, then writes the core where the previous pattern \
            wrote it, or pipes it to the previous handler. status shows whether it is installed, \
            the pattern it keeps working and the crashes reported to your session daemon. remove \
            (as root) puts the previous pattern back.
            """)

    static let optionNames = ["--help", "-h", "--handler", "--list-options", "--list-commands"]

    @Argument(help: ArgumentHelp("install, status or remove.", valueName: "action"))
    var arguments: [String] = []

    @Option(
        name: .customLong("handler"),
        help: "The handler to install (default: spoor-crash-handler next to spoor, or on PATH).")
    var handlerPath: String?

    @Flag(name: .customLong("list-commands"), help: .hidden)
    var isCommandListRequested = false

    @OptionGroup var program: ProgramInformation

    func execute(in context: CommandContext) -> CommandStatus {
        if isCommandListRequested {
            ["install", "status", "remove"].forEach(context.console.message)
            return .success
        }
        guard let action = arguments.first else { return context.fail("No action specified for crash-handler command.") }
        guard arguments.count == 1, ["install", "status", "remove"].contains(action) else {
            return context.fail("Unrecognized argument used with 'crash-handler' command", status: .undefinedCommand)
        }
        if handlerPath != nil && action != "install" { return context.fail("--handler is an option of install only") }
        let installation = CrashHandlerInstallation()
        do throws(CrashHandlerInstallation.Failure) {
            switch action {
            case "install":
                guard let handler = handlerPath.map(FileSystem.absolute) ?? CrashHandlerInstallation.defaultHandler()
                else {
                    return context.fail(
                        "Cannot find \(CrashHandlerFiles.handlerName): put it next to spoor or on PATH, or use --handler")
                }
                let previous = try installation.install(handler: handler)
                context.console.message("Crash handler \(handler) installed")
                context.console.message("Cores still go where core pattern '\(previous.text)' sends them")
            case "remove":
                let restored = try installation.remove()
                context.console.message("Crash handler removed: the core pattern is '\(restored.text)' again")
            default:
                status(installation, in: context)
            }
        } catch {
            return context.fail(error.message)
        }
        return .success
    }

    private func status(_ installation: CrashHandlerInstallation, in context: CommandContext) {
        let state = installation.state()
        if let handler = state.handler {
            context.console.message("Crash handler: installed (\(handler))")
            context.console.message("Previous core pattern, still in effect: '\(state.previous?.text ?? "core")'")
            context.console.message("Session daemons listening: \(state.listenerCount)")
        } else {
            context.console.message("Crash handler: not installed (core pattern: '\(state.corePattern)')")
        }
        // The crashes your own daemon heard of, if one runs.
        guard let reports = try? context.daemon.crashReports(), !reports.isEmpty else {
            return
        }
        context.console.message("Crashes reported to your session daemon:")
        for report in reports {
            let signal = SignalName.describe(report.signal)
            context.console.message(
                "  pid \(report.pid) (\(report.processName)), uid \(report.uid), \(signal), at \(report.time)"
                    + (report.executablePath.isEmpty ? "" : ": \(report.executablePath)"))
        }
    }
}

/// The signals that make a process dump core, by name.
enum SignalName {
    static func describe(_ signal: Int32) -> String {
        let names: [Int32: String] = [
            SIGQUIT: "SIGQUIT", SIGILL: "SIGILL", SIGTRAP: "SIGTRAP", SIGABRT: "SIGABRT", SIGBUS: "SIGBUS",
            SIGFPE: "SIGFPE", SIGSEGV: "SIGSEGV", SIGXCPU: "SIGXCPU", SIGXFSZ: "SIGXFSZ", SIGSYS: "SIGSYS",
        ]
        return names[signal].map { "signal \(signal) (\($0))" } ?? "signal \(signal)"
    }
}

/// Installing and removing the crash handler: the kernel's core_pattern and the handler's state
/// files (`CrashHandlerFiles`). The locations are parameters so that tests can use their own.
struct CrashHandlerInstallation {
    struct Failure: Error {
        var message: String
    }

    var corePatternFile = CrashHandlerFiles.corePatternFile
    var directory = CrashHandlerFiles.directory
    var previousPatternFile = CrashHandlerFiles.previousPatternFile
    var listenersDirectory = CrashHandlerFiles.listenersDirectory

    /// The kernel's limit on core_pattern, with its terminating NUL.
    static let maximumPatternLength = 127

    /// `spoor-crash-handler` next to the running `spoor`, else on PATH.
    static func defaultHandler() -> String? {
        if let spoor = Spawn.currentExecutable() {
            let sibling = String(spoor[..<(spoor.lastIndex(of: "/") ?? spoor.startIndex)]) + "/" + CrashHandlerFiles.handlerName
            if access(sibling, X_OK) == 0 { return sibling }
        }
        return Spawn.locate(CrashHandlerFiles.handlerName)
    }

    func corePattern() throws(Failure) -> CorePattern {
        do {
            return CorePattern(try FileSystem.readText(corePatternFile))
        } catch {
            throw Failure(message: "Cannot read \(corePatternFile): \(error)")
        }
    }

    /// Installs `handler`; returns the pattern it keeps working. Changes nothing if it fails.
    func install(handler: String) throws(Failure) -> CorePattern {
        let current = try corePattern()
        if CrashHandlerFiles.runsHandler(current.text) {
            throw Failure(message: "The crash handler is already installed (core pattern: '\(current.text)')")
        }
        let unknown = current.unknownSpecifiers
        guard unknown.isEmpty else {
            let list = unknown.map { "%\($0)" }.joined(separator: ", ")
            throw Failure(
                message: "Cannot keep the core pattern '\(current.text)' working: the crash handler cannot fill in \(list)")
        }
        guard handler.hasPrefix("/"), access(handler, X_OK) == 0 else {
            throw Failure(message: "\(handler) is not an executable file given by its absolute path")
        }
        guard !handler.contains(" ") else { throw Failure(message: "The handler's path must not contain spaces: \(handler)") }
        let pattern = CrashHandlerFiles.pattern(handler: handler)
        guard pattern.utf8.count <= Self.maximumPatternLength else {
            throw Failure(
                message: "The handler's path is too long for the kernel's core pattern (\(pattern.utf8.count) bytes, at most \(Self.maximumPatternLength)): install it in a shorter place")
        }
        do {
            try FileSystem.makeDirectories(directory, mode: 0o755)
            try FileSystem.write(Array((current.text + "\n").utf8), to: previousPatternFile, mode: 0o644)
            try FileSystem.makeDirectories(listenersDirectory, mode: 0o755)
            // Every user's daemon may register; nobody may remove another's entry, or list them.
            guard chmod(listenersDirectory, 0o1733) == 0 else { throw SystemError("chmod \(listenersDirectory)") }
        } catch {
            removeState()
            throw Failure(message: "Cannot write the crash handler's state in \(directory): \(error)")
        }
        do {
            try writePattern(pattern)
        } catch {
            removeState()
            throw error
        }
        return current
    }

    /// Puts the pattern the handler replaced back; returns it.
    func remove() throws(Failure) -> CorePattern {
        let current = try corePattern()
        guard CrashHandlerFiles.runsHandler(current.text) else {
            throw Failure(message: "The crash handler is not installed (core pattern: '\(current.text)')")
        }
        // Without its state (removed by hand, or lost with /run at a reboot), the kernel's default.
        let previous = ((try? FileSystem.readText(previousPatternFile)).map(CorePattern.init)) ?? CorePattern("core")
        try writePattern(previous.text)
        removeState()
        return previous
    }

    /// Whether the handler is installed, the pattern it keeps working, and its listeners.
    func state() -> (corePattern: String, handler: String?, previous: CorePattern?, listenerCount: Int) {
        let current = (try? corePattern())?.text ?? "?"
        guard CrashHandlerFiles.runsHandler(current) else { return (current, nil, nil, 0) }
        let handler = String(current.dropFirst().prefix { $0 != " " })
        let previous = (try? FileSystem.readText(previousPatternFile)).map(CorePattern.init)
        let listeners = (try? FileSystem.contents(of: listenersDirectory))?.count ?? 0
        return (current, handler, previous, listeners)
    }

    private func writePattern(_ pattern: String) throws(Failure) {
        let fd: Int32
        do {
            fd = try FileSystem.openExistingForWriting(corePatternFile)
        } catch {
            let reason = String(cString: strerror(error.errno))
            throw Failure(message: "Cannot write \(corePatternFile): \(reason)" + (geteuid() == 0 ? "" : " (run as root)"))
        }
        defer { FileSystem.close(fd) }
        do {
            try FileSystem.writeAll(fd, Array((pattern + "\n").utf8), path: corePatternFile)
        } catch {
            throw Failure(message: "Cannot write \(corePatternFile): \(error)")
        }
        guard (try? corePattern().text) == pattern else {
            throw Failure(message: "\(corePatternFile) did not take the pattern '\(pattern)'")
        }
    }

    private func removeState() {
        for name in (try? FileSystem.contents(of: listenersDirectory)) ?? [] {
            FileSystem.remove(listenersDirectory + "/" + name)
        }
        rmdir(listenersDirectory)
        FileSystem.remove(previousPatternFile)
        rmdir(directory)
    }
}
