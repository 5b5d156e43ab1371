import ArgumentParser
import SpoorModel
import SpoorPosix
import SpoorSessionXML

#if canImport(Glibc)
import Glibc
#endif

/// `lttng load`: creates recording sessions from configuration files (`lttng-load(1)`).
///
/// Every file is read and checked before the daemon is asked anything, and the daemon creates
/// all the sessions or none, so a bad file or a name already taken changes nothing.
struct LoadCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load recording session configurations.",
        discussion: """
            Loads the session named SESSION, or without SESSION every session, from the \
            *.lttng files of $SPOOR_HOME/.spoor/sessions, then of /etc/spoor/sessions, or from \
            the file or directory PATH with --input-path. Sessions that were active when saved \
            are started. Existing sessions of the same names are kept (and nothing is loaded) \
            unless --force is given.
            """)

    static let optionNames = [
        "--help", "-h", "--all", "-a", "--input-path", "-i", "--force", "-f", "--override-url", "--override-name",
        "--list-options",
    ]

    @Argument(help: ArgumentHelp("The session to load (default: all of them).", valueName: "session"))
    var sessionName: String?

    @Argument(help: .hidden)
    var unexpectedArguments: [String] = []

    @Flag(name: [.customShort("a"), .customLong("all")], help: "Load all the sessions (the default).")
    var isAll = false

    @Flag(name: [.customShort("f"), .customLong("force")], help: "Replace existing sessions of the same names.")
    var isForced = false

    @Option(
        name: [.customShort("i"), .customLong("input-path")], parsing: .unconditional,
        help: ArgumentHelp("Load from the file or directory PATH only.", valueName: "path"))
    var inputPath: String?

    @Option(
        name: .customLong("override-url"), parsing: .unconditional,
        help: ArgumentHelp("Write the traces of the loaded sessions to URL (file://DIR or DIR).", valueName: "url"))
    var overrideURL: String?

    @Option(
        name: .customLong("override-name"), parsing: .unconditional,
        help: ArgumentHelp("Give the loaded session SESSION the name NAME.", valueName: "name"))
    var overrideName: String?

    @OptionGroup var program: ProgramInformation

    func execute(in context: CommandContext) -> CommandStatus {
        context.renderer.render(run(in: context))
    }

    /// Reads the session files and has the daemon create every session, or none; prints
    /// nothing.
    func run(in context: CommandContext) -> CommandResult<LoadReport> {
        if isAll, let sessionName { return .failure(.refused("Unknown argument: \(sessionName)")) }
        if let extra = unexpectedArguments.first { return .failure(.refused("Unknown argument: \(extra)")) }
        let wanted = isAll ? nil : sessionName
        if overrideName != nil && wanted == nil {
            return .failure(.refused("Options --all and --override-name cannot be used simultaneously"))
        }
        if let overrideName, let problem = NameValidation.sessionNameProblem(overrideName) {
            return .failure(.refused("Invalid --override-name: \(problem)"))
        }
        var outputOverride: String?
        if let overrideURL {
            switch Self.outputPath(of: overrideURL) {
            case .path(let path): outputOverride = path
            case .unsupported: return .failure(.unsupported(option: "--override-url=\(overrideURL)"))
            case .invalid(let lines):
                return .failure(.exitStatus(.invalidParameter, .refusals(lines + ["Url override is invalid"])))
            }
        }

        let selected: [FoundSession]
        do {
            selected = try sessions(named: wanted, in: context)
        } catch {
            return .failure(.sessionFile(error))
        }
        if wanted != nil && selected.isEmpty { return .failure(.refused("Session file not found")) }

        var configurations: [SessionConfiguration] = []
        for session in selected {
            do throws(SessionFileError) {
                var configuration = try session.saved.configuration()
                if let overrideName { configuration.name = overrideName }
                if let outputOverride { configuration.outputPath = outputOverride }
                configurations.append(configuration)
            } catch {
                return .failure(
                    .sessionFile(SessionFileProblem(path: session.file, session: session.saved.name, error: error)))
            }
        }

        do {
            switch try context.daemon.loadSessions(configurations, overwrite: isForced) {
            case nil: break
            case let refusal? where refusal.error.code == .sessionExists: return .failure(.daemon(refusal.error))
            case let refusal?:
                return .failure(
                    .refusals([
                        "Failed to load session \(refusal.session): \(ErrorText.describe(refusal.error))",
                        ErrorText.describe(SpoorError(refusal.error.code)),
                    ]))
            }
        } catch {
            return .failure(.daemon(error))
        }
        return .success(LoadReport(session: wanted, overrideName: overrideName, overrideURL: overrideURL))
    }

    /// A session found in a file.
    struct FoundSession {
        var file: String
        var saved: SavedSession
    }

    /// The sessions to load, in the order they were found: the one named `name`, or all. With
    /// `--input-path`, from that file or directory; else from the user's directory, then the
    /// system's, where a session the user saved hides a system one of the same name.
    private func sessions(named name: String?, in context: CommandContext) throws(SessionFileProblem)
        -> [FoundSession]
    {
        let locations = context.sessionFileLocations
        let inputs =
            inputPath.map { [context.absolutePath($0)] } ?? [locations.userDirectory, locations.systemDirectory]
        var found: [FoundSession] = []
        var names: Set<String> = []
        for input in inputs {
            let files: [String]
            do {
                files = try SessionFileReader.files(at: input)
            } catch {
                // The default directories need not exist; a path the user gave must.
                if inputPath == nil && error.errno == ENOENT { continue }
                throw SessionFileProblem(
                    path: input, error: SessionFileError(.malformed, "invalid input path"), systemError: error,
                    isInputPath: true)
            }
            var namesInInput: [String: String] = [:]
            for file in files {
                for saved in try SessionFileReader.sessions(inFile: file) {
                    if let other = namesInInput[saved.name] {
                        throw SessionFileProblem(
                            path: file,
                            error: SessionFileError(
                                .invalid, line: saved.line, "session \(saved.name) is defined twice (also in \(other))")
                        )
                    }
                    namesInInput[saved.name] = file
                    guard name == nil || saved.name == name, names.insert(saved.name).inserted else { continue }
                    found.append(FoundSession(file: file, saved: saved))
                }
            }
        }
        return found
    }

    enum OutputOverride: Equatable {
        case path(String)
        case unsupported
        /// lttng's error lines for a URL it cannot parse.
        case invalid([String])
    }

    /// The output directory `--override-url` names, as `create --set-url` reads it: `file://`
    /// and an absolute path, or a plain absolute path.
    static func outputPath(of url: String) -> OutputOverride {
        if TraceURL.namesRelay(url) { return .unsupported }
        do {
            if case .local(let path, _) = try TraceURL.parse(url) { return .path(FileSystem.normalize(path)) }
            return .unsupported
        } catch where error.problem == .relativePath {
            return .invalid(["Missing destination full path.", "Unable to parse the URL \(url)"])
        } catch {
            return .invalid(["URI parse unknown protocol \(url)", "Unable to parse the URL \(url)"])
        }
    }
}

/// `load`: the session loaded (nil: all) and the overrides applied.
struct LoadReport: Hashable {
    var session: String?
    var overrideName: String?
    var overrideURL: String?
}

extension HumanRenderer {
    func render(_ result: CommandResult<LoadReport>) -> CommandStatus {
        let report: LoadReport
        switch result {
        case .failure(let error): return fail(error)
        case .success(let value): report = value
        }
        if let session = report.session {
            console.message("Session \(session) has been loaded successfully")
        } else {
            console.message("All sessions have been loaded successfully")
        }
        if let name = report.overrideName { console.message("Session name overridden with \(name)") }
        if let url = report.overrideURL { console.message("Session output url overridden with \(url)") }
        return .success
    }
}
