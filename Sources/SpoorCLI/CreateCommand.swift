import ArgumentParser
import SpoorModel

/// `lttng create`: creates a recording session and makes it the current one
/// (`lttng-create(1)`, lttng-tools `create.c`).
struct CreateCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a recording session.",
        discussion: """
            Without a name, the session is named auto-YYYYMMDD-HHMMSS. Without --output, its \
            trace goes to $SPOOR_HOME/spoor-traces/NAME-YYYYMMDD-HHMMSS. The new session becomes \
            the current one. Starts a session daemon when none runs, unless --no-sessiond.
            """)

    static let optionNames = [
        "--help", "-h", "--output", "-o", "--list-options", "--set-url", "-U", "--ctrl-url", "-C", "--data-url",
        "-D", "--no-output", "--no-consumer", "--snapshot", "--live", "--shm-path",
    ]

    /// The hidden option `--live=DELAYUS` becomes, since swift-argument-parser has no
    /// optional-value options.
    static let liveDelayOption = "--spoor-live-delay-us"

    @Argument(help: ArgumentHelp("The name of the new session.", valueName: "session"))
    var sessionName: String?

    @Argument(help: .hidden)
    var unexpectedArguments: [String] = []

    @Option(
        name: [.customShort("o"), .customLong("output")], parsing: .unconditional,
        help: ArgumentHelp("Write the trace to the directory DIR.", valueName: "dir"))
    var outputDirectory: String?

    @Option(
        name: [.customShort("U"), .customLong("set-url")], parsing: .unconditional,
        help: ArgumentHelp("Write the trace to URL (only file://DIR is supported yet).", valueName: "url"))
    var url: String?

    @Option(
        name: [.customShort("C"), .customLong("ctrl-url")], parsing: .unconditional,
        help: ArgumentHelp("The control URL of a relay daemon (not supported yet).", valueName: "url"))
    var controlURL: String?

    @Option(
        name: [.customShort("D"), .customLong("data-url")], parsing: .unconditional,
        help: ArgumentHelp("The data URL of a relay daemon (not supported yet).", valueName: "url"))
    var dataURL: String?

    @Flag(name: .customLong("no-output"), help: "Write no trace (not supported yet).")
    var hasNoOutput = false

    @Flag(name: .customLong("no-consumer"), help: .hidden)
    var hasNoConsumer = false

    @Flag(name: .customLong("snapshot"), help: "Create a snapshot mode session.")
    var isSnapshot = false

    @Flag(
        name: .customLong("live"),
        help: "Create a live mode session; --live=DELAYUS sets the delay (not supported yet).")
    var isLive = false

    @Option(name: .customLong("spoor-live-delay-us"), parsing: .unconditional, help: .hidden)
    var liveDelay: String?

    @Option(
        name: .customLong("shm-path"), parsing: .unconditional,
        help: ArgumentHelp("Put the ring buffers under DIR (not supported yet).", valueName: "dir"))
    var sharedMemoryPath: String?

    @OptionGroup var program: ProgramInformation

    /// Rewrites `--live=DELAYUS` for the parser.
    static func normalize(_ arguments: [String]) -> [String] {
        arguments.flatMap { argument -> [String] in
            argument.hasPrefix("--live=") ? ["--live", liveDelayOption, String(argument.dropFirst(7))] : [argument]
        }
    }

    func execute(in context: CommandContext) -> CommandStatus {
        context.renderer.render(run(in: context))
    }

    /// Checks the options and creates the session; prints nothing.
    func run(in context: CommandContext) -> CommandResult<CreateReport> {
        if hasNoConsumer {
            return .success(
                CreateReport(obsoleteOptionWarning: "The option --no-consumer is obsolete. Use --no-output now."))
        }
        if let liveDelay {
            guard let delay = ValueParsing.microseconds(liveDelay) else {
                return .failure(.refused("Wrong value for --live parameter: \(liveDelay)"))
            }
            guard delay <= UInt64(UInt32.max) else {
                return .failure(.refused("32-bit overflow in --live parameter: \(liveDelay)"))
            }
            guard delay > 0 else { return .failure(.refused("Live timer interval must be greater than zero")) }
        }
        let destinationCount = [url != nil, outputDirectory != nil, controlURL != nil || dataURL != nil]
            .filter { $0 }.count
        if destinationCount > 1 {
            return .failure(
                .refused("Only one of the --set-url, --ctrl-url/data-url, or --output options may be used at once."))
        }
        if let extra = unexpectedArguments.first { return .failure(.refused("Unknown argument: \(extra)")) }
        if let sessionName, let problem = Self.sessionNameProblem(sessionName) { return .failure(.refused(problem)) }
        if isSnapshot && (isLive || liveDelay != nil) {
            return .failure(.refused("Snapshot and live modes are mutually exclusive."))
        }
        if (controlURL == nil) != (dataURL == nil) {
            return .failure(.refused("Both control and data URLs must be specified."))
        }
        if isLive || liveDelay != nil { return .failure(.unsupported(option: "--live")) }
        if sharedMemoryPath != nil { return .failure(.unsupported(option: "--shm-path")) }
        if isSnapshot { return createSnapshotSession(in: context) }
        if controlURL != nil { return .failure(.unsupported(option: "--ctrl-url")) }
        if hasNoOutput { return .failure(.unsupported(option: "--no-output")) }
        var outputPath = outputDirectory.map(context.absolutePath)
        if let url {
            // A relay daemon is refused before the URL is checked further: Spoor has none yet.
            if TraceURL.namesRelay(url) { return .failure(.unsupported(option: "--set-url=\(url)")) }
            guard case .local(let path, isBare: false) = try? TraceURL.parse(url) else {
                return .failure(.refused("Unrecognized URL format."))
            }
            outputPath = context.absolutePath(path)
        }

        do {
            let summary = try context.daemon.createSession(name: sessionName, outputPath: outputPath)
            return .success(made(summary, in: context))
        } catch {
            return .failure(.daemon(error))
        }
    }

    /// The report of a session the daemon made, which becomes the current session.
    func made(_ summary: SessionSummary, snapshotOutputs: [SnapshotOutput]? = nil, in context: CommandContext)
        -> CreateReport
    {
        var report = CreateReport(session: summary, snapshotOutputs: snapshotOutputs)
        do {
            try context.currentSession.write(summary.name)
        } catch {
            report.currentSessionNotWritten = true
        }
        return report
    }

    /// Why `create` refuses `name`, with lttng's words where lttng has them.
    static func sessionNameProblem(_ name: String) -> String? {
        if name.utf8.count > NameValidation.maximumLength {
            return "Session name too long. Length must be lower or equal to \(NameValidation.maximumLength)"
        }
        // "auto" and "auto-…" are the names of sessions created without a name.
        if name == "auto" || name.hasPrefix("auto-") {
            return "auto is a reserved keyword for default session(s)"
        }
        return NameValidation.sessionNameProblem(name)
    }
}
