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
        if isCommandListRequested {
            Self.actions.forEach(context.console.message)
            return .success
        }
        guard let action = arguments.first else { return context.fail("No action specified for snapshot command.") }
        guard Self.actions.contains(action) else {
            return context.fail("Unrecognized argument used with 'snapshot' command", status: .undefinedCommand)
        }
        var size: UInt64 = 0
        if let maxSize {
            guard let parsed = ValueParsing.size(maxSize) else {
                return context.fail("Unable to handle max-size value \(maxSize)")
            }
            size = parsed
        }
        guard let name = context.sessionName(sessionName) else { return .commandError }
        let argument = arguments.dropFirst().first
        switch action {
        case "list-output": return listOutput(of: name, in: context)
        case "del-output":
            guard let argument else {
                return context.fail("A snapshot output name or id must be provided to delete a snapshot output.")
            }
            return deleteOutput(argument, of: name, in: context)
        case "add-output":
            guard argument != nil || controlURL != nil || dataURL != nil else {
                return context.fail("An output destination must be specified to add a snapshot output.")
            }
            return addOutput(argument, size: size, to: name, in: context)
        default:
            return record(argument, size: size, of: name, in: context)
        }
    }

    /// The local directory `argument`, `--ctrl-url` and `--data-url` name, or the status of the
    /// error printed.
    /// The output `add-output` or `record` asks for: `--name`, `size` and the destination.
    private func output(_ argument: String?, size: UInt64, in context: CommandContext)
        -> Result<SnapshotOutput, CommandFailure>
    {
        destination(argument, in: context).map { SnapshotOutput(name: outputName ?? "", maxSize: size, path: $0) }
    }

    private func destination(_ argument: String?, in context: CommandContext) -> Result<String, CommandFailure> {
        if controlURL != nil || dataURL != nil {
            guard let controlURL, let dataURL else {
                return .failure(CommandFailure(context.fail("URLs must be specified for both data and control")))
            }
            if SnapshotDestination.isNetwork(controlURL) || SnapshotDestination.isNetwork(dataURL) {
                return .failure(CommandFailure(context.fail(SnapshotDestination.networkRefusal(controlURL))))
            }
            return .failure(CommandFailure(context.fail("Invalid parameter")))
        }
        guard let argument else { return .success("") }
        switch SnapshotDestination.parse(argument) {
        case .path(let path): return .success(path)
        case .network: return .failure(CommandFailure(context.fail(SnapshotDestination.networkRefusal(argument))))
        case .invalid: return .failure(CommandFailure(context.fail("Invalid parameter")))
        }
    }

    private func listOutput(of name: String, in context: CommandContext) -> CommandStatus {
        let outputs: [SnapshotOutput]
        do {
            outputs = try context.daemon.listSnapshotOutputs(session: name)
        } catch {
            return fail(error, in: context)
        }
        context.console.message("Snapshot output list for session \(name)")
        if outputs.isEmpty { context.console.message("    None") }
        for output in outputs { context.console.message("    " + Self.describe(output, destination: output.path)) }
        return .success
    }

    private func addOutput(_ argument: String?, size: UInt64, to name: String, in context: CommandContext)
        -> CommandStatus
    {
        let request: SnapshotOutput
        switch output(argument, size: size, in: context) {
        case .success(let output): request = output
        case .failure(let failure): return failure.status
        }
        do {
            let output = try context.daemon.addSnapshotOutput(session: name, output: request)
            context.console.message("Snapshot output successfully added for session \(name)")
            // lttng echoes the URL as it was typed here, and the path in list-output.
            context.console.message("  " + Self.describe(output, destination: argument ?? request.path))
            return .success
        } catch {
            return fail(error, in: context)
        }
    }

    private func deleteOutput(_ argument: String, of name: String, in context: CommandContext) -> CommandStatus {
        do {
            try context.daemon.deleteSnapshotOutput(session: name, output: argument)
        } catch {
            return fail(error, in: context)
        }
        let what = UInt32(argument) != nil ? "id \(argument)" : argument
        context.console.message("Snapshot output \(what) successfully deleted for session \(name)")
        return .success
    }

    private func record(_ argument: String?, size: UInt64, of name: String, in context: CommandContext)
        -> CommandStatus
    {
        let request: SnapshotOutput
        switch output(argument, size: size, in: context) {
        case .success(let output): request = output
        case .failure(let failure): return failure.status
        }
        do {
            _ = try context.daemon.recordSnapshot(session: name, output: request)
        } catch {
            return fail(error, in: context)
        }
        context.console.message("Snapshot recorded successfully for session \(name)")
        if let argument { context.console.message("Snapshot written at: \(argument)") }
        return .success
    }

    /// `[ID] NAME: DESTINATION`, and the size limit when there is one.
    static func describe(_ output: SnapshotOutput, destination: String) -> String {
        "[\(output.id)] \(output.name): \(destination)"
            + (output.maxSize > 0 ? " (max size: \(output.maxSize) bytes)" : "")
    }

    private func fail(_ error: SpoorError, in context: CommandContext) -> CommandStatus {
        if error.code == .snapshotMaxSizeInvalid {
            // lttng explains first, then prints the error code's text.
            context.console.error("Invalid snapshot size. Cannot fit at least one packet per stream.")
        }
        return context.fail(ErrorText.describe(error))
    }
}

/// A printed error's exit status, carried through a `Result`.
struct CommandFailure: Error {
    var status: CommandStatus
    init(_ status: CommandStatus) { self.status = status }
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
