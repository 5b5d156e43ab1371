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
        if isAll, let sessionName { return context.fail("Unknown argument: \(sessionName)") }
        if let extra = unexpectedArguments.first { return context.fail("Unknown argument: \(extra)") }
        if outputDirectory == "" { return context.fail("The output path is empty") }
        let console = context.console
        let directory = outputDirectory.map(context.absolutePath) ?? context.sessionFileLocations.userDirectory
        let configurations: [SessionConfiguration]
        do {
            configurations = try context.daemon.sessionConfigurations(name: isAll ? nil : sessionName)
        } catch  where error.code == .sessionNotFound {
            return context.fail(ErrorText.describe(error), status: .sessionNotFound)
        } catch {
            return context.fail(ErrorText.describe(error))
        }

        // Every document is made and every target checked before the first file is written.
        var files: [(path: String, bytes: [UInt8])] = []
        for configuration in configurations {
            do {
                let document = try SessionXML.document(for: [configuration])
                files.append((directory + "/" + SessionFileName.name(of: configuration.name), Array(document.utf8)))
            } catch {
                return context.fail(
                    "Session \(configuration.name) cannot be saved: \(error)", status: .sessionFileWriteFailed)
            }
        }
        if !isForced, files.contains(where: { FileSystem.exists($0.path) }) {
            return context.fail("Session file already exists", status: .sessionFileExists)
        }
        do {
            if !files.isEmpty { try FileSystem.makeDirectories(directory) }
            for file in files { try FileSystem.replace(file.path, with: file.bytes) }
        } catch {
            console.error("\(error)")
            return context.fail("IO error while writing session configuration", status: .sessionFileWriteFailed)
        }

        for configuration in configurations {
            for (channel, contextType) in SessionXML.contextsOutsideSchema(of: configuration) {
                console.warning(
                    "Session \(configuration.name): context \(contextType.name) of channel \(channel) is not in "
                        + "LTTng's session.xsd; spoor load reads it back, lttng load refuses the file")
            }
        }
        let location = outputDirectory == nil ? "" : " in \(directory)"
        if let sessionName, !isAll {
            console.message("Session \(sessionName) saved successfully\(location).")
        } else {
            console.message("All sessions have been saved successfully\(location).")
        }
        return .success
    }
}
