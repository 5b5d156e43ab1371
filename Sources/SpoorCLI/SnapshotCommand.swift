import ArgumentParser
import SpoorModel
import SpoorWire

/// `lttng snapshot`: takes snapshots of a snapshot-mode session and manages its snapshot output
/// (`lttng-snapshot(1)`, lttng-tools `snapshot.c`), with lttng's messages.
struct SnapshotCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Take a recording session snapshot.",
        discussion: """
            record writes what the sub-buffers of every channel of the session hold, without \
            clearing them, to the session's snapshot output or to the URL given; add-output sets \
            that output (one per session), del-output removes it (by id or name), list-output \
            shows it. Only file outputs are supported yet (no relay daemon).
            """)

    static let optionNames = [
        "--help", "-h", "--session", "-s", "--ctrl-url", "-C", "--data-url", "-D", "--name", "-n", "--max-size", "-m",
        "--list-options", "--list-commands",
    ]

    static let actions = ["add-output", "del-output", "list-output", "record"]

    @Argument(help: ArgumentHelp("The action, then its URL, id or name.", valueName: "action"))
    var arguments: [String] = []

    @Option(name: [.customShort("s"), .customLong("session")], help: "The session (default: the current session).")
    var sessionName: String?

    @Option(
        name: [.customShort("C"), .customLong("ctrl-url")], parsing: .unconditional,
        help: ArgumentHelp("The control URL of a relay daemon (not supported yet).", valueName: "url"))
    var controlURL: String?

    @Option(
        name: [.customShort("D"), .customLong("data-url")], parsing: .unconditional,
        help: ArgumentHelp("The data URL of a relay daemon (not supported yet).", valueName: "url"))
    var dataURL: String?

    @Option(
        name: [.customShort("n"), .customLong("name")], parsing: .unconditional,
        help: ArgumentHelp("The name of the snapshot output.", valueName: "name"))
    var outputName: String?

    @Option(
        name: [.customShort("m"), .customLong("max-size")], parsing: .unconditional,
        help: ArgumentHelp("The most bytes a snapshot may hold (k, M and G suffixes).", valueName: "size"))
    var maxSize: String?

    @Flag(name: .customLong("list-commands"), help: .hidden)
    var isCommandListRequested = false

    @OptionGroup var program: ProgramInformation

    func execute(in context: CommandContext) -> CommandStatus {
        context.renderer.render(run(in: context))
    }

    /// Performs the action; prints nothing.
    func run(in context: CommandContext) -> CommandResult<SnapshotReport> {
        if isCommandListRequested { return .success(.actions(Self.actions)) }
        guard let action = arguments.first else {
            return .failure(.refused("No action specified for snapshot command."))
        }
        guard Self.actions.contains(action) else {
            let problem = "Unrecognized argument used with 'snapshot' command"
            return .failure(.exitStatus(.undefinedCommand, .refused(problem)))
        }
        var size: UInt64 = 0
        if let maxSize {
            guard let parsed = ValueParsing.size(maxSize) else {
                return .failure(.refused("Unable to handle max-size value \(maxSize)"))
            }
            size = parsed
        }
        let name: String
        switch context.resolveSession(sessionName) {
        case .success(let resolved): name = resolved
        case .failure(let error): return .failure(error)
        }
        let argument = arguments.dropFirst().first
        do throws(CommandError) {
            switch action {
            case "list-output":
                let outputs = try daemon { () throws(SpoorError) in
                    try context.daemon.listSnapshotOutputs(session: name)
                }
                return .success(.outputs(session: name, outputs))
            case "del-output":
                guard let argument else {
                    throw .refused("A snapshot output name or id must be provided to delete a snapshot output.")
                }
                try daemon { () throws(SpoorError) in
                    try context.daemon.deleteSnapshotOutput(session: name, output: argument)
                }
                return .success(.deleted(session: name, output: argument))
            case "add-output":
                guard argument != nil || controlURL != nil || dataURL != nil else {
                    throw .refused("An output destination must be specified to add a snapshot output.")
                }
                let request = try output(argument, size: size).get()
                let added = try daemon { () throws(SpoorError) in
                    try context.daemon.addSnapshotOutput(session: name, output: request)
                }
                // lttng echoes the URL as it was typed here, and the path in list-output.
                return .success(.added(session: name, added, destination: argument ?? request.path))
            default:
                let request = try output(argument, size: size).get()
                _ = try daemon { () throws(SpoorError) in
                    try context.daemon.recordSnapshot(session: name, output: request)
                }
                return .success(.recorded(session: name, destination: argument))
            }
        } catch {
            return .failure(error)
        }
    }

    /// Runs a daemon call, making its error a command error.
    private func daemon<T>(_ call: () throws(SpoorError) -> T) throws(CommandError) -> T {
        do {
            return try call()
        } catch {
            throw .daemon(error)
        }
    }

    /// The output `add-output` or `record` asks for: `--name`, `size` and the destination.
    private func output(_ argument: String?, size: UInt64) -> Result<SnapshotOutput, CommandError> {
        destination(argument).map { SnapshotOutput(name: outputName ?? "", maxSize: size, path: $0) }
    }

    private func destination(_ argument: String?) -> Result<String, CommandError> {
        if controlURL != nil || dataURL != nil {
            guard let controlURL, let dataURL else {
                return .failure(.refused("URLs must be specified for both data and control"))
            }
            if SnapshotDestination.isNetwork(controlURL) || SnapshotDestination.isNetwork(dataURL) {
                return .failure(.refused(SnapshotDestination.networkRefusal(controlURL)))
            }
            return .failure(.refused("Invalid parameter"))
        }
        guard let argument else { return .success("") }
        switch SnapshotDestination.parse(argument) {
        case .path(let path): return .success(path)
        case .network: return .failure(.refused(SnapshotDestination.networkRefusal(argument)))
        case .invalid: return .failure(.refused("Invalid parameter"))
        }
    }

    /// `[ID] NAME: DESTINATION`, and the size limit when there is one.
    static func describe(_ output: SnapshotOutput, destination: String) -> String {
        "[\(output.id)] \(output.name): \(destination)"
            + (output.maxSize > 0 ? " (max size: \(output.maxSize) bytes)" : "")
    }
}

/// How `create --snapshot` and `snapshot` read an output URL (`lttng-create(1)`, "URL format").
enum SnapshotDestination: Equatable {
    case path(String)
    /// `net://`, `tcp://` and their IPv6 forms: a relay daemon, which Spoor does not have yet.
    case network
    case invalid

    /// An absolute path or a `file://` URL is a local directory; a relative path is invalid, as
    /// lttng's URL parser has it.
    static func parse(_ text: String) -> SnapshotDestination {
        if isNetwork(text) { return .network }
        guard let path = (try? TraceURL.parse(text))?.localPath else { return .invalid }
        return .path(path)
    }

    static func isNetwork(_ text: String) -> Bool { TraceURL.namesRelay(text) }

    /// The error for a network output.
    static func networkRefusal(_ url: String) -> String {
        "\(url): network snapshot outputs are not supported yet by spoor (there is no relay daemon yet); "
            + "use a local directory or a file:// URL"
    }
}
