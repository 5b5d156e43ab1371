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
        if isCommandListRequested {
            ["metadata", "statedump"].forEach(context.console.message)
            return .success
        }
        guard let object = arguments.first else {
            return context.fail("No object specified for regenerate command.")
        }
        guard arguments.count == 1, object == "metadata" || object == "statedump" else {
            return context.fail("Unrecognized argument used with 'regenerate' command", status: .undefinedCommand)
        }
        guard let name = context.sessionName(sessionName) else { return .commandError }
        if object == "metadata" { return Regeneration.metadata(of: name, in: context) }
        return Regeneration.run(
            success: "State dump successfully regenerated for session \(name)", quietWhenNotStarted: true,
            in: context
        ) { () throws(SpoorError) in
            try context.daemon.regenerateStatedump(session: name)
        }
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
        if isCommandListRequested {
            context.console.message("regenerate")
            return .success
        }
        guard let action = arguments.first else { return context.fail("No action specified for metadata command.") }
        guard arguments.count == 1, action == "regenerate" else {
            return context.fail("Unrecognized argument used with 'metadata' command", status: .undefinedCommand)
        }
        guard let name = context.sessionName(sessionName) else { return .commandError }
        return Regeneration.metadata(of: name, in: context)
    }
}

/// What `regenerate` and `metadata` share: the request, lttng's messages and exit statuses
/// (lttng exits with the daemon's error code for these commands).
enum Regeneration {
    static func metadata(of name: String, in context: CommandContext) -> CommandStatus {
        run(success: "Metadata successfully regenerated for session \(name)", in: context) { () throws(SpoorError) in
            try context.daemon.regenerateMetadata(session: name)
        }
    }

    /// `quietWhenNotStarted`: lttng prints nothing when a state dump is asked of an inactive
    /// session, and only exits with the status that says so.
    static func run(
        success: String, quietWhenNotStarted: Bool = false, in context: CommandContext,
        _ request: () throws(SpoorError) -> Void
    ) -> CommandStatus {
        do {
            try request()
            context.console.message(success)
            return .success
        } catch {
            switch error.code {
            case .sessionNotFound: return context.fail(ErrorText.describe(error), status: .sessionNotFound)
            case .sessionNotStarted where quietWhenNotStarted: return .sessionNotStarted
            case .sessionNotStarted: return context.fail(ErrorText.describe(error), status: .sessionNotStarted)
            case .perPIDSessionUnsupported:
                return context.fail(ErrorText.describe(error), status: .perPIDSessionUnsupported)
            case .unsupported: return context.fail(error.detail.isEmpty ? ErrorText.describe(error) : error.detail)
            default: return context.fail(ErrorText.describe(error))
            }
        }
    }
}
