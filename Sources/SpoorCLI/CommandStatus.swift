/// The exit status of `spoor`, as `lttng(1)` documents it under EXIT STATUS.
enum CommandStatus: Int32, Sendable, Hashable {
    case success = 0
    /// Command error.
    case commandError = 1
    /// Undefined command: an unknown command, or an option the command does not have.
    case undefinedCommand = 2
    /// Fatal error.
    case fatalError = 3
    /// Command warning: something went wrong during the command.
    case warning = 4
}
