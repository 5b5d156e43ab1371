import ArgumentParser
import SpoorModel
import SpoorWire

/// `lttng regenerate`: regenerates the metadata or the state dump of a recording session
/// (`lttng-regenerate(1)`).
struct RegenerateCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "regenerate",
        abstract: "Regenerate specific recording session data.",
        discussion: """
            metadata rewrites the metadata files of the session's traces, with a fresh sample \
            of the offset between the monotonic clock and the wall time; the session must be \
            active and use per-user buffers. statedump makes every app the session records \
            from record its state dump again (the lttng_ust_statedump events the session \
            enables); the session must be active.
            """)

    static let optionNames = ["--help", "-h", "--session", "-s", "--list-options", "--list-commands"]

    @Argument(help: ArgumentHelp("What to regenerate: metadata or statedump.", valueName: "object"))
    var arguments: [String] = []

    @Option(name: [.customShort("s"), .customLong("session")], help: "The session (default: the current session).")
    var sessionName: String?

    @Flag(name: .customLong("list-commands"), help: .hidden)
    var isCommandListRequested = false

    @OptionGroup var program: ProgramInformation

    func execute(in context: CommandContext) -> CommandStatus {
        context.renderer.render(run(in: context))
    }

    /// Asks the daemon to regenerate; prints nothing.
    func run(in context: CommandContext) -> CommandResult<RegenerationReport> {
        if isCommandListRequested { return .success(.objects(["metadata", "statedump"])) }
        guard let object = arguments.first else {
            return .failure(.refused("No object specified for regenerate command."))
        }
        guard arguments.count == 1, let what = RegenerationReport.Object(rawValue: object) else {
            let problem = "Unrecognized argument used with 'regenerate' command"
            return .failure(.exitStatus(.undefinedCommand, .refused(problem)))
        }
        return context.resolveSession(sessionName).map { Regeneration.run(what, of: $0, in: context) }
    }
}

/// `lttng metadata regenerate`, the deprecated form of `lttng regenerate metadata`
/// (`lttng-metadata(1)`).
struct MetadataCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "metadata",
        abstract: "Manage the metadata generation of a recording session (deprecated).",
        discussion: "metadata regenerate is spoor regenerate metadata, which replaces it.")

    static let optionNames = ["--help", "-h", "--session", "-s", "--list-options", "--list-commands"]

    @Argument(help: ArgumentHelp("The action: regenerate.", valueName: "action"))
    var arguments: [String] = []

    @Option(name: [.customShort("s"), .customLong("session")], help: "The session (default: the current session).")
    var sessionName: String?

    @Flag(name: .customLong("list-commands"), help: .hidden)
    var isCommandListRequested = false

    @OptionGroup var program: ProgramInformation

    func execute(in context: CommandContext) -> CommandStatus {
        context.renderer.render(run(in: context))
    }

    /// Asks the daemon to regenerate the metadata; prints nothing.
    func run(in context: CommandContext) -> CommandResult<RegenerationReport> {
        if isCommandListRequested { return .success(.objects(["regenerate"])) }
        guard let action = arguments.first else {
            return .failure(.refused("No action specified for metadata command."))
        }
        guard arguments.count == 1, action == "regenerate" else {
            let problem = "Unrecognized argument used with 'metadata' command"
            return .failure(.exitStatus(.undefinedCommand, .refused(problem)))
        }
        return context.resolveSession(sessionName).map { Regeneration.run(.metadata, of: $0, in: context) }
    }
}

/// What `regenerate` and `metadata` share: the request.
enum Regeneration {
    static func run(_ what: RegenerationReport.Object, of session: String, in context: CommandContext)
        -> RegenerationReport
    {
        do throws(SpoorError) {
            switch what {
            case .metadata: try context.daemon.regenerateMetadata(session: session)
            case .statedump: try context.daemon.regenerateStatedump(session: session)
            }
            return .regenerated(what, session: session, error: nil)
        } catch {
            return .regenerated(what, session: session, error: error)
        }
    }
}

/// `regenerate` and `metadata`: the objects `--list-commands` lists, or what was regenerated
/// of which session, with the daemon's error when it failed.
enum RegenerationReport: Hashable {
    /// What can be regenerated.
    enum Object: String, Hashable {
        case metadata, statedump
    }

    case objects([String])
    case regenerated(Object, session: String, error: SpoorError?)
}

extension HumanRenderer {
    /// lttng's messages, and its exit statuses: the daemon's error code for these commands.
    func render(_ result: CommandResult<RegenerationReport>) -> CommandStatus {
        switch result {
        case .failure(let error): return fail(error)
        case .success(.objects(let names)):
            names.forEach(console.message)
            return .success
        case .success(.regenerated(let what, let session, nil)):
            switch what {
            case .metadata: console.message("Metadata successfully regenerated for session \(session)")
            case .statedump: console.message("State dump successfully regenerated for session \(session)")
            }
            return .success
        case .success(.regenerated(let what, _, let error?)):
            let failure = CommandError.daemon(error)
            switch error.code {
            case .sessionNotFound: return fail(failure, status: .sessionNotFound)
            // lttng prints nothing when a state dump is asked of an inactive session, and only
            // exits with the status that says so.
            case .sessionNotStarted where what == .statedump: return .sessionNotStarted
            case .sessionNotStarted: return fail(failure, status: .sessionNotStarted)
            case .perPIDSessionUnsupported: return fail(failure, status: .perPIDSessionUnsupported)
            case .unsupported where !error.detail.isEmpty: return fail(.refused(error.detail))
            default: return fail(failure)
            }
        }
    }
}
