import SpoorModel

/// What turns a command's result into output and an exit status.
///
/// Commands build their result without printing (`run(in:)`) and hand it to the context's
/// renderer (`execute(in:)`). `HumanRenderer` prints lttng's text; a machine-interface
/// renderer (`--mi xml`, mi-lttng-4.1.xsd) conforms to this protocol too, and
/// `CommandContext.renderer` chooses between them: commands do not change.
protocol CommandRenderer {
    func render(_ result: CommandResult<CreateReport>) -> CommandStatus
    func render(_ result: CommandResult<DestroyReport>) -> CommandStatus
    func render(_ result: CommandResult<StartReport>) -> CommandStatus
    func render(_ result: CommandResult<StopReport>) -> CommandStatus
    func render(_ result: CommandResult<StatusReport>) -> CommandStatus
    func render(_ result: CommandResult<SetSessionReport>) -> CommandStatus
    func render(_ result: CommandResult<ListReport>) -> CommandStatus
    func render(_ result: CommandResult<EnableChannelReport>) -> CommandStatus
    func render(_ result: CommandResult<DisableChannelReport>) -> CommandStatus
    func render(_ result: CommandResult<EnableEventReport>) -> CommandStatus
    func render(_ result: CommandResult<DisableEventReport>) -> CommandStatus
    func render(_ result: CommandResult<AddContextReport>) -> CommandStatus
    func render(_ result: CommandResult<TrackerReport>) -> CommandStatus
    func render(_ result: CommandResult<ClearReport>) -> CommandStatus
    func render(_ result: CommandResult<SnapshotReport>) -> CommandStatus
    func render(_ result: CommandResult<RotateReport>) -> CommandStatus
    /// `rotate` waits as it happens: a renderer may show it (lttng's dots) or not.
    func rotationProgress(_ progress: RotationProgress)
    func render(_ result: CommandResult<RotationScheduleReport>) -> CommandStatus
    func render(_ result: CommandResult<RegenerationReport>) -> CommandStatus
    func render(_ result: CommandResult<SaveReport>) -> CommandStatus
    func render(_ result: CommandResult<LoadReport>) -> CommandStatus
    func render(_ result: CommandResult<AddTriggerReport>) -> CommandStatus
    func render(_ result: CommandResult<[TriggerListing]>) -> CommandStatus
    func render(_ result: CommandResult<RemovedTrigger>) -> CommandStatus
}

extension HumanRenderer: CommandRenderer {}
