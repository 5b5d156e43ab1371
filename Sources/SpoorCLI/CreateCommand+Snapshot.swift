import SpoorModel

extension CreateCommand {
    /// `lttng create --snapshot` (`lttng-create(1)`, "Recording session modes" in
    /// `lttng-concepts(7)`): the session gets a snapshot output, `snapshot-1`, where a trace
    /// output would have been (`--output`, `--set-url`, or the default directory), or none with
    /// `--no-output`; its channels overwrite.
    func createSnapshotSession(in context: CommandContext) -> CommandResult<CreateReport> {
        var outputPath = outputDirectory.map(context.absolutePath)
        if let controlURL, let dataURL {
            if SnapshotDestination.isNetwork(controlURL) || SnapshotDestination.isNetwork(dataURL) {
                return .failure(.refused(SnapshotDestination.networkRefusal(controlURL)))
            }
            return .failure(
                .refusals(["Cannot have a data URL when destination is file://", "Unrecognized URL format."]))
        }
        if let url {
            switch SnapshotDestination.parse(url) {
            case .path(let path): outputPath = context.absolutePath(path)
            case .network: return .failure(.refused(SnapshotDestination.networkRefusal(url)))
            case .invalid: return .failure(.refused("Unrecognized URL format."))
            }
        }
        do {
            let summary = try context.daemon.createSnapshotSession(
                name: sessionName, outputPath: outputPath, hasOutput: !hasNoOutput)
            let outputs = try context.daemon.listSnapshotOutputs(session: summary.name)
            return .success(made(summary, snapshotOutputs: outputs, in: context))
        } catch {
            return .failure(.daemon(error))
        }
    }
}
