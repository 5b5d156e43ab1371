import SpoorModel

/// `snapshot`: what the action did.
enum SnapshotReport: Hashable {
    /// `--list-commands`.
    case actions([String])
    /// `list-output`.
    case outputs(session: String, [SnapshotOutput])
    /// `del-output`: `output` is the id or name given.
    case deleted(session: String, output: String)
    /// `add-output`: the output as the daemon numbered it, and the destination as typed.
    case added(session: String, SnapshotOutput, destination: String)
    /// `record`: the URL or path given, if any.
    case recorded(session: String, destination: String?)
}

extension HumanRenderer {
    func render(_ result: CommandResult<SnapshotReport>) -> CommandStatus {
        switch result {
        case .failure(.daemon(let error)) where error.code == .snapshotMaxSizeInvalid:
            // lttng explains first, then prints the error code's text.
            console.error("Invalid snapshot size. Cannot fit at least one packet per stream.")
            return fail(.daemon(error))
        case .failure(let error): return fail(error)
        case .success(.actions(let actions)): actions.forEach(console.message)
        case .success(.outputs(let session, let outputs)):
            console.message("Snapshot output list for session \(session)")
            if outputs.isEmpty { console.message("    None") }
            for output in outputs {
                console.message("    " + SnapshotCommand.describe(output, destination: output.path))
            }
        case .success(.deleted(let session, let output)):
            let what = UInt32(output) != nil ? "id \(output)" : output
            console.message("Snapshot output \(what) successfully deleted for session \(session)")
        case .success(.added(let session, let output, let destination)):
            console.message("Snapshot output successfully added for session \(session)")
            console.message("  " + SnapshotCommand.describe(output, destination: destination))
        case .success(.recorded(let session, let destination)):
            console.message("Snapshot recorded successfully for session \(session)")
            if let destination { console.message("Snapshot written at: \(destination)") }
        }
        return .success
    }
}
