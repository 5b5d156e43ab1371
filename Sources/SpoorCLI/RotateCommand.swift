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
        let renderer = context.renderer
        return renderer.render(run(in: context, progress: renderer.rotationProgress))
    }

    /// Rotates the session and, without `--no-wait`, polls until the archive is complete,
    /// telling `progress` as it waits (lttng shows the wait as it happens); prints nothing.
    func run(in context: CommandContext, progress: (RotationProgress) -> Void) -> CommandResult<RotateReport> {
        context.resolveSession(sessionName).flatMap { name in
            do throws(SpoorError) {
                var info = try context.daemon.rotateSession(name)
                if isNoWait { return .success(RotateReport(session: name, rotation: info, waited: false)) }
                // As lttng: one poll every 200 ms while the rotation is ongoing
                // (`DEFAULT_DATA_AVAILABILITY_WAIT_TIME`).
                progress(.waiting)
                while info.state == .ongoing {
                    usleep(useconds_t(WaitIndicator.pollMilliseconds * 1000))
                    progress(.polled)
                    guard let status = try context.daemon.rotationStatus(session: name, chunkID: info.chunkID).rotation
                    else { return .failure(.refused("Unexpected reply from the session daemon")) }
                    info = status
                }
                return .success(RotateReport(session: name, rotation: info, waited: true))
            } catch {
                return .failure(.daemon(error))
            }
        }
    }
}

/// What `rotate` reports while it waits.
enum RotationProgress: Hashable {
    /// The wait begins.
    case waiting
    /// One more poll of the rotation's state.
    case polled
}

/// `rotate`: the rotation as last seen, and whether the command waited for it to end.
struct RotateReport: Hashable {
    var session: String
    var rotation: RotationInfo
    var waited: Bool
}

extension HumanRenderer {
    /// lttng's wait indicator: the words, then one dot per poll.
    func rotationProgress(_ progress: RotationProgress) {
        switch progress {
        case .waiting:
            console.messageWithoutNewline("Waiting for rotation to complete")
            console.flush()
        case .polled: console.messageWithoutNewline(".")
        }
    }

    func render(_ result: CommandResult<RotateReport>) -> CommandStatus {
        let report: RotateReport
        switch result {
        case .failure(let error): return fail(error)
        case .success(let value): report = value
        }
        let name = report.session
        guard report.waited else {
            console.message("Rotation ongoing for session \(name)")
            return .success
        }
        console.message("")
        switch report.rotation.state {
        case .completed:
            console.message(RotationScheduleText.archiveReadable(session: name, path: report.rotation.archivePath))
            return .success
        case .expired: return fail(.refused("Session rotation expired before it could be observed"))
        case .error, .ongoing: return fail(.refused("Failed to rotate session \(name)"))
        }
    }
}
