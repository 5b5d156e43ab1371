import ArgumentParser

/// `lttng version`: the version, the release name and what it is (`lttng-version(1)`,
/// lttng-tools `version.c`).
struct VersionCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Show Spoor version information.")

    static let optionNames = ["--help", "-h", "--list-options"]

    /// lttng ignores arguments after `version`.
    @Argument(help: .hidden)
    var ignoredArguments: [String] = []

    @OptionGroup var program: ProgramInformation

    func execute(in context: CommandContext) -> CommandStatus {
        context.console.messageWithoutNewline(Self.text)
        return .success
    }

    /// The text of `spoor version`, in the layout of `lttng version`.
    static var text: String {
        """
        spoor version \(SpoorVersion.string) - \(SpoorVersion.codename)

        \(SpoorVersion.description)

        Web site: \(SpoorVersion.webSite)

        spoor speaks the lttng 2.13 command line and writes traces LTTng's tools read

        """
    }

    /// The line of `spoor --version`, like `lttng --version`.
    static var shortText: String {
        "spoor (Spoor Trace Control) \(SpoorVersion.string) - \(SpoorVersion.codename)\n"
    }
}
