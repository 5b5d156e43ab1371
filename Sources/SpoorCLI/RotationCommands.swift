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
        var schedules: [RotationSchedule] = []
        if let timer {
            guard let microseconds = ValueParsing.microseconds(timer) else {
                return context.fail("Invalid value for --timer option: \(timer)")
            }
            guard microseconds > 0 else { return context.fail("Invalid value for periodic option") }
            schedules.append(.periodic(microseconds: microseconds))
        }
        if let size {
            guard let bytes = ValueParsing.size(size) else {
                return context.fail("Invalid value for --size option: \(size)")
            }
            guard bytes > 0 else { return context.fail("Invalid value for size-based option") }
            schedules.append(.sizeThreshold(bytes: bytes))
        }
        guard !schedules.isEmpty else { return context.fail("No session rotation schedule parameter provided.") }
        guard let name = context.sessionName(sessionName) else { return .commandError }
        var status = CommandStatus.success
        for schedule in schedules {
            do {
                try context.daemon.enableRotation(session: name, schedule: schedule)
                context.console.message(RotationScheduleText.enabled(schedule, session: name))
            } catch where error.code == .rotationScheduleConflict {
                status = context.fail(
                    "A \(RotationScheduleText.adjective(schedule.kind)) rotation schedule is already set on session \(name)"
                )
            } catch {
                status = context.fail(
                    "Failed to enable \(RotationScheduleText.adjective(schedule.kind)) rotation schedule on session \(name)"
                )
            }
        }
        return status
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
        let kinds = (isTimer ? [RotationScheduleKind.periodic] : []) + (isSize ? [.sizeThreshold] : [])
        guard !kinds.isEmpty else { return context.fail("No session rotation schedule type provided.") }
        guard let name = context.sessionName(sessionName) else { return .commandError }
        // As lttng, the session's schedules are listed first.
        let schedules: RotationSchedules
        do {
            schedules = try context.daemon.rotationStatus(session: name).schedules
        } catch {
            return context.fail("Failed to list rotation schedules of session \(name)")
        }
        var status = CommandStatus.success
        for kind in kinds {
            let adjective = RotationScheduleText.adjective(kind)
            let isSet = kind == .periodic ? schedules.periodMicroseconds != nil : schedules.sizeThresholdBytes != nil
            guard isSet else {
                status = context.fail("No \(adjective) rotation schedule active on session \(name)")
                continue
            }
            do {
                try context.daemon.disableRotation(session: name, kind: kind)
                context.console.message("Disabled \(adjective) rotation on session \(name)")
            } catch where error.code == .rotationScheduleConflict {
                status = context.fail("No \(adjective) rotation schedule active on session \(name)")
            } catch {
                status = context.fail("Failed to disable \(adjective) rotation schedule on session \(name)")
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
