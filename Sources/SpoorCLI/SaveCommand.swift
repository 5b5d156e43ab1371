import ArgumentParser
import SpoorModel
import SpoorPosix
import SpoorSessionXML

/// `lttng save`: writes the configuration of recording sessions to files (`lttng-save(1)`).
///
/// The daemon hands over the configurations and this command writes the files, so they belong
/// to the user who saves and a relative `--output-path` is relative to where the command runs.
struct SaveCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "save",
        abstract: "Save recording session configurations.",
        discussion: """
            Saves the configuration of the session named SESSION, or without SESSION of every \
            session, to SESSION.lttng files in $SPOOR_HOME/.spoor/sessions, or in DIR with \
            --output-path. The files are LTTng's session configuration XML, which `spoor load` \
            and `lttng load` read. Existing files are kept unless --force is given.
            """)

    static let optionNames = [
        "--help", "-h", "--all", "-a", "--output-path", "-o", "--force", "-f", "--list-options",
    ]

    @Argument(help: ArgumentHelp("The session to save (default: all of them).", valueName: "session"))
    var sessionName: String?

    @Argument(help: .hidden)
    var unexpectedArguments: [String] = []

    @Flag(name: [.customShort("a"), .customLong("all")], help: "Save all the sessions (the default).")
    var isAll = false

    @Flag(name: [.customShort("f"), .customLong("force")], help: "Overwrite existing session files.")
    var isForced = false

    @Option(
        name: [.customShort("o"), .customLong("output-path")], parsing: .unconditional,
        help: ArgumentHelp("Save the files in DIR instead of $SPOOR_HOME/.spoor/sessions.", valueName: "dir"))
    var outputDirectory: String?

    @OptionGroup var program: ProgramInformation

    func execute(in context: CommandContext) -> CommandStatus {
        context.renderer.render(run(in: context))
    }

    /// Writes the session files, all or none; prints nothing.
    func run(in context: CommandContext) -> CommandResult<SaveReport> {
        if isAll, let sessionName { return .failure(.refused("Unknown argument: \(sessionName)")) }
        if let extra = unexpectedArguments.first { return .failure(.refused("Unknown argument: \(extra)")) }
        if outputDirectory == "" { return .failure(.refused("The output path is empty")) }
        let directory = outputDirectory.map(context.absolutePath) ?? context.sessionFileLocations.userDirectory
        let configurations: [SessionConfiguration]
        do {
            configurations = try context.daemon.sessionConfigurations(name: isAll ? nil : sessionName)
        } catch where error.code == .sessionNotFound {
            return .failure(.exitStatus(.sessionNotFound, .daemon(error)))
        } catch {
            return .failure(.daemon(error))
        }

        // Every document is made and every target checked before the first file is written.
        var files: [(path: String, bytes: [UInt8])] = []
        for configuration in configurations {
            do {
                let document = try SessionXML.document(for: [configuration])
                files.append((directory + "/" + SessionFileName.name(of: configuration.name), Array(document.utf8)))
            } catch {
                return .failure(
                    .exitStatus(
                        .sessionFileWriteFailed, .refused("Session \(configuration.name) cannot be saved: \(error)")))
            }
        }
        if !isForced, files.contains(where: { FileSystem.exists($0.path) }) {
            return .failure(.exitStatus(.sessionFileExists, .refused("Session file already exists")))
        }
        do {
            if !files.isEmpty { try FileSystem.makeDirectories(directory) }
            for file in files { try FileSystem.replace(file.path, with: file.bytes) }
        } catch {
            return .failure(
                .exitStatus(
                    .sessionFileWriteFailed,
                    .refusals(["\(error)", "IO error while writing session configuration"])))
        }
        var report = SaveReport(
            session: isAll ? nil : sessionName, directory: outputDirectory == nil ? nil : directory)
        for configuration in configurations {
            for (channel, contextType) in SessionXML.contextsOutsideSchema(of: configuration) {
                report.warnings.append(
                    "Session \(configuration.name): context \(contextType.name) of channel \(channel) is not in "
                        + "LTTng's session.xsd; spoor load reads it back, lttng load refuses the file")
            }
        }
        return .success(report)
    }
}

/// `save`: the session saved (nil: all), the directory named with `--output-path`, and
/// the warnings about what lttng could not read back.
struct SaveReport: Hashable {
    var session: String?
    var directory: String?
    var warnings: [String] = []
}

extension HumanRenderer {
    func render(_ result: CommandResult<SaveReport>) -> CommandStatus {
        let report: SaveReport
        switch result {
        case .failure(let error): return fail(error)
        case .success(let value): report = value
        }
        report.warnings.forEach(console.warning)
        let location = report.directory.map { " in \($0)" } ?? ""
        if let session = report.session {
            console.message("Session \(session) saved successfully\(location).")
        } else {
            console.message("All sessions have been saved successfully\(location).")
        }
        return .success
    }
}
