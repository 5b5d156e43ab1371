import ArgumentParser
import SpoorModel

#if canImport(Glibc)
import Glibc
#endif

/// `lttng rotate`: archives the current trace chunk of a recording session (`lttng-rotate(1)`).
struct RotateCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Archive the current trace chunk of a recording session.",
        discussion: """
            Archives the current trace chunk of the session named SESSION, or of the current \
            session, as OUTPUT/archives/BEGIN-END-ID, a trace of its own, while the session goes \
            on recording into a new chunk. Without --no-wait, waits until the archive is \
            complete and says where it is.
            """)

    static let optionNames = ["--help", "-h", "--list-options", "--no-wait", "-n"]

    @Argument(help: ArgumentHelp("The session to rotate (default: the current session).", valueName: "session"))
    var sessionName: String?

    /// lttng ignores what follows (it reads one argument at most), and so does Spoor.
    @Argument(help: .hidden)
    var ignoredArguments: [String] = []

    @Flag(name: [.customShort("n"), .customLong("no-wait")], help: "Do not wait for the archive to be complete.")
    var isNoWait = false

    @OptionGroup var program: ProgramInformation

    func execute(in context: CommandContext) -> CommandStatus {
        guard let name = context.sessionName(sessionName) else { return .commandError }
        let console = context.console
        do {
            var info = try context.daemon.rotateSession(name)
            if isNoWait {
                console.message("Rotation ongoing for session \(name)")
                return .success
            }
            // As lttng: one dot per 200 ms poll while the rotation is ongoing
            // (`DEFAULT_DATA_AVAILABILITY_WAIT_TIME`).
            console.messageWithoutNewline("Waiting for rotation to complete")
            console.flush()
            while info.state == .ongoing {
                usleep(useconds_t(WaitIndicator.pollMilliseconds * 1000))
                console.messageWithoutNewline(".")
                guard let status = try context.daemon.rotationStatus(session: name, chunkID: info.chunkID).rotation
                else { return context.fail("Unexpected reply from the session daemon") }
                info = status
            }
            console.message("")
            switch info.state {
            case .completed:
                console.message(RotationScheduleText.archiveReadable(session: name, path: info.archivePath))
                return .success
            case .expired:
                return context.fail("Session rotation expired before it could be observed")
            case .error, .ongoing:
                return context.fail("Failed to rotate session \(name)")
            }
        } catch {
            return context.fail(ErrorText.describe(error))
        }
    }
}
