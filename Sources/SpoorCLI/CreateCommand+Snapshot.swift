import SpoorModel

extension CreateCommand {
    /// `lttng create --snapshot` (`lttng-create(1)`, "Recording session modes" in
    /// `lttng-concepts(7)`): the session gets a snapshot output, `snapshot-1`, where a trace
    /// output would have been (`--output`, `--set-url`, or the default directory), or none with
    /// `--no-output`; its channels overwrite.
    func createSnapshotSession(in context: CommandContext) -> CommandStatus {
        var outputPath = outputDirectory.map(context.absolutePath)
        if let controlURL, let dataURL {
            if SnapshotDestination.isNetwork(controlURL) || SnapshotDestination.isNetwork(dataURL) {
                return context.fail(SnapshotDestination.networkRefusal(controlURL))
            }
            context.console.error("Cannot have a data URL when destination is file://")
            return context.fail("Unrecognized URL format.")
        }
        if let url {
            switch SnapshotDestination.parse(url) {
            case .path(let path): outputPath = context.absolutePath(path)
            case .network: return context.fail(SnapshotDestination.networkRefusal(url))
            case .invalid: return context.fail("Unrecognized URL format.")
            }
        }
        let summary: SessionSummary
        var outputs: [SnapshotOutput] = []
        do {
            summary = try context.daemon.createSnapshotSession(
                name: sessionName, outputPath: outputPath, hasOutput: !hasNoOutput)
            outputs = try context.daemon.listSnapshotOutputs(session: summary.name)
        } catch {
            return context.fail(ErrorText.describe(error))
        }
        context.console.message("Snapshot session \(summary.name) created.")
        if let output = outputs.first { context.console.message("Default snapshot output set to \(output.path)") }
        context.console.message(
            "Every channel enabled for this session will be set to mmap output and default to overwrite mode.")
        do {
            try context.currentSession.write(summary.name)
        } catch {
            return context.fail("Unable to create config file")
        }
        return .success
    }
}
