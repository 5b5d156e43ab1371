import ArgumentParser
import SpoorModel

/// `lttng enable-rotation`: sets an automatic rotation schedule of a recording session
/// (`lttng-enable-rotation(1)`).
struct EnableRotationCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "enable-rotation",
        abstract: "Set a recording session rotation schedule.",
        discussion: """
            With --timer, the session rotates every PERIOD (us, ms, s, m or h; microseconds \
            without a suffix); with --size, whenever it has written SIZE bytes (k, M or G \
            suffixes) since its last rotation. Both may be set.
            """)

    static let optionNames = ["--help", "-h", "--list-options", "--session", "-s", "--timer", "--size"]

    @Option(name: [.customShort("s"), .customLong("session")], help: "The session (default: the current session).")
    var sessionName: String?

    @Option(name: .customLong("timer"), help: ArgumentHelp("Rotate every PERIOD.", valueName: "period"))
    var timer: String?

    @Option(name: .customLong("size"), help: ArgumentHelp("Rotate every SIZE bytes written.", valueName: "size"))
    var size: String?

    /// lttng ignores what follows (it reads one argument at most), and so does Spoor.
    @Argument(help: .hidden)
    var ignoredArguments: [String] = []

    @OptionGroup var program: ProgramInformation

    func execute(in context: CommandContext) -> CommandStatus {
        context.renderer.render(run(in: context))
    }

    /// Reads the schedules and sets each, going on after a failure; prints nothing.
    func run(in context: CommandContext) -> CommandResult<RotationScheduleReport> {
        var schedules: [RotationSchedule] = []
        if let timer {
            guard let microseconds = ValueParsing.microseconds(timer) else {
                return .failure(.refused("Invalid value for --timer option: \(timer)"))
            }
            guard microseconds > 0 else { return .failure(.refused("Invalid value for periodic option")) }
            schedules.append(.periodic(microseconds: microseconds))
        }
        if let size {
            guard let bytes = ValueParsing.size(size) else {
                return .failure(.refused("Invalid value for --size option: \(size)"))
            }
            guard bytes > 0 else { return .failure(.refused("Invalid value for size-based option")) }
            schedules.append(.sizeThreshold(bytes: bytes))
        }
        guard !schedules.isEmpty else { return .failure(.refused("No session rotation schedule parameter provided.")) }
        return context.resolveSession(sessionName).map { name in
            var report = RotationScheduleReport(session: name)
            for schedule in schedules {
                do throws(SpoorError) {
                    try context.daemon.enableRotation(session: name, schedule: schedule)
                    report.changes.append(.enabled(schedule))
                } catch where error.code == .rotationScheduleConflict {
                    report.changes.append(.alreadySet(schedule.kind))
                } catch {
                    report.changes.append(.enableFailed(schedule.kind, error))
                }
            }
            return report
        }
    }
}

/// `lttng disable-rotation`: unsets an automatic rotation schedule of a recording session
/// (`lttng-disable-rotation(1)`).
struct DisableRotationCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "disable-rotation",
        abstract: "Unset a recording session rotation schedule.",
        discussion: "Removes the periodic (--timer) or size-based (--size) rotation schedule, or both.")

    static let optionNames = ["--help", "-h", "--list-options", "--session", "-s", "--timer", "--size"]

    @Option(name: [.customShort("s"), .customLong("session")], help: "The session (default: the current session).")
    var sessionName: String?

    @Flag(name: .customLong("timer"), help: "Unset the periodic rotation schedule.")
    var isTimer = false

    @Flag(name: .customLong("size"), help: "Unset the size-based rotation schedule.")
    var isSize = false

    /// lttng ignores what follows (it reads one argument at most), and so does Spoor.
    @Argument(help: .hidden)
    var ignoredArguments: [String] = []

    @OptionGroup var program: ProgramInformation

    func execute(in context: CommandContext) -> CommandStatus {
        context.renderer.render(run(in: context))
    }

    /// Lists the schedules, then unsets each asked, going on after a failure; prints nothing.
    func run(in context: CommandContext) -> CommandResult<RotationScheduleReport> {
        let kinds = (isTimer ? [RotationScheduleKind.periodic] : []) + (isSize ? [.sizeThreshold] : [])
        guard !kinds.isEmpty else { return .failure(.refused("No session rotation schedule type provided.")) }
        return context.resolveSession(sessionName).flatMap { name in
            // As lttng, the session's schedules are listed first.
            let schedules: RotationSchedules
            do throws(SpoorError) {
                schedules = try context.daemon.rotationStatus(session: name).schedules
            } catch {
                return .failure(.refused("Failed to list rotation schedules of session \(name)"))
            }
            var report = RotationScheduleReport(session: name)
            for kind in kinds {
                let isSet =
                    kind == .periodic ? schedules.periodMicroseconds != nil : schedules.sizeThresholdBytes != nil
                guard isSet else {
                    report.changes.append(.notSet(kind))
                    continue
                }
                do throws(SpoorError) {
                    try context.daemon.disableRotation(session: name, kind: kind)
                    report.changes.append(.disabled(kind))
                } catch where error.code == .rotationScheduleConflict {
                    report.changes.append(.notSet(kind))
                } catch {
                    report.changes.append(.disableFailed(kind, error))
                }
            }
            return .success(report)
        }
    }
}

/// `enable-rotation` and `disable-rotation`: one change per schedule asked, in order.
struct RotationScheduleReport: Hashable {
    /// What happened to one schedule.
    enum Change: Hashable {
        case enabled(RotationSchedule)
        /// `enable-rotation` of a schedule already set.
        case alreadySet(RotationScheduleKind)
        case enableFailed(RotationScheduleKind, SpoorError)
        case disabled(RotationScheduleKind)
        /// `disable-rotation` of a schedule that is not set.
        case notSet(RotationScheduleKind)
        case disableFailed(RotationScheduleKind, SpoorError)
    }

    var session: String
    var changes: [Change] = []
}

extension HumanRenderer {
    func render(_ result: CommandResult<RotationScheduleReport>) -> CommandStatus {
        let report: RotationScheduleReport
        switch result {
        case .failure(let error): return fail(error)
        case .success(let value): report = value
        }
        let name = report.session
        var status = CommandStatus.success
        for change in report.changes {
            switch change {
            case .enabled(let schedule): console.message(RotationScheduleText.enabled(schedule, session: name))
            case .disabled(let kind):
                console.message("Disabled \(RotationScheduleText.adjective(kind)) rotation on session \(name)")
            case .alreadySet(let kind):
                let adjective = RotationScheduleText.adjective(kind)
                status = fail(.refused("A \(adjective) rotation schedule is already set on session \(name)"))
            case .enableFailed(let kind, _):
                let adjective = RotationScheduleText.adjective(kind)
                status = fail(.refused("Failed to enable \(adjective) rotation schedule on session \(name)"))
            case .notSet(let kind):
                let adjective = RotationScheduleText.adjective(kind)
                status = fail(.refused("No \(adjective) rotation schedule active on session \(name)"))
            case .disableFailed(let kind, _):
                let adjective = RotationScheduleText.adjective(kind)
                status = fail(.refused("Failed to disable \(adjective) rotation schedule on session \(name)"))
            }
        }
        return status
    }
}

/// The words lttng uses about rotations (lttng-tools 2.13 `rotate.c`, `enable_rotation.c`,
/// `disable_rotation.c`, `list.c`, `destroy.c`).
enum RotationScheduleText {
    static func adjective(_ kind: RotationScheduleKind) -> String {
        switch kind {
        case .periodic: "periodic"
        case .sizeThreshold: "size-based"
        }
    }

    static func enabled(_ schedule: RotationSchedule, session: String) -> String {
        switch schedule {
        case .periodic(let microseconds): "Enabled periodic rotations every \(microseconds) us on session \(session)"
        case .sizeThreshold(let bytes):
            "Enabled size-based rotations every \(bytes) bytes written on session \(session)"
        }
    }

    static func archiveReadable(session: String, path: String) -> String {
        "Trace chunk archive for session \(session) is now readable at \(path)"
    }

    /// The `Automatic rotation schedules:` part of `lttng list SESSION`, empty without one.
    static func list(_ schedules: RotationSchedules) -> String {
        guard !schedules.isEmpty else { return "" }
        var text = "Automatic rotation schedules:\n"
        if let period = schedules.periodMicroseconds { text += "    timer period: \(period) us\n" }
        if let bytes = schedules.sizeThresholdBytes { text += "    size threshold: \(bytes) bytes\n" }
        return text + "\n"
    }
}

extension RotationSchedule {
    var kind: RotationScheduleKind {
        switch self {
        case .periodic: .periodic
        case .sizeThreshold: .sizeThreshold
        }
    }
}
