import SpoorModel
import SpoorWire
import Testing

@testable import SpoorCLI

@Suite("rotate, enable-rotation and disable-rotation")
struct RotationCommandTests {
    static let archive = "/t/archives/20261202T140312+0000-20261202T140401+0000-0"

    static func info(_ state: RotationState, chunk: UInt64 = 0) -> RotationInfo {
        RotationInfo(session: "s1", chunkID: chunk, state: state, archivePath: archive)
    }

    // MARK: rotate

    @Test("rotate waits for the archive and says where it is, as lttng does")
    func rotateWaits() {
        let harness = SpoorHarness()
        harness.setCurrentSession("s1")
        harness.daemon.answer = { request in
            switch request {
            case .rotateSession: .rotation(Self.info(.ongoing))
            default: .rotationStatus(Self.info(.completed), RotationSchedules())
            }
        }
        let run = harness.run("rotate")
        #expect(run.status == .success)
        #expect(
            run.standardOutput
                == "Waiting for rotation to complete.\nTrace chunk archive for session s1 is now readable at \(Self.archive)\n"
        )
        #expect(harness.daemon.requests == [.rotateSession(name: "s1"), .rotationStatus(session: "s1", chunkID: 0)])
    }

    @Test("a rotation already complete when the daemon answers shows no dot")
    func rotateAlreadyComplete() {
        let harness = SpoorHarness()
        harness.daemon.answer = { _ in .rotation(Self.info(.completed, chunk: 3)) }
        let run = harness.run("rotate", "s1")
        #expect(
            run.standardOutput
                == "Waiting for rotation to complete\nTrace chunk archive for session s1 is now readable at \(Self.archive)\n"
        )
        #expect(harness.daemon.requests == [.rotateSession(name: "s1")])
    }

    @Test("rotate --no-wait says the rotation is ongoing", arguments: ["-n", "--no-wait"])
    func rotateNoWait(option: String) {
        let harness = SpoorHarness()
        harness.daemon.answer = { _ in .rotation(Self.info(.ongoing)) }
        let run = harness.run("rotate", option, "s1")
        #expect(run.status == .success)
        #expect(run.standardOutput == "Rotation ongoing for session s1\n")
        #expect(harness.daemon.requests == [.rotateSession(name: "s1")])
    }

    @Test(
        "rotate prints lttng's errors",
        arguments: [
            (ErrorCode.sessionNeverStarted, "Error: Session needs to be started once\n"),
            (.rotationPending, "Error: Rotation already pending for this session\n"),
            (.rotationAfterStopAlreadyDone, "Error: Session was already rotated once since it became inactive\n"),
            (.rotationNotAvailable, "Error: Rotation feature not available for this session's creation mode\n"),
            (.sessionNotFound, "Error: Session name not found\n"),
        ])
    func rotateErrors(code: ErrorCode, text: String) {
        let harness = SpoorHarness()
        harness.daemon.answer = { _ throws(SpoorError) in throw SpoorError(code) }
        let run = harness.run("rotate", "s1")
        #expect(run.status == .commandError)
        #expect(run.standardError == text)
        #expect(run.standardOutput.isEmpty)
    }

    @Test("a failed rotation is an error")
    func rotateFails() {
        let harness = SpoorHarness()
        harness.daemon.answer = { _ in .rotation(Self.info(.error)) }
        let run = harness.run("rotate", "s1")
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: Failed to rotate session s1\n")
    }

    // MARK: enable-rotation

    @Test(
        "enable-rotation reads periods and sizes as lttng does",
        arguments: [
            (
                ["--timer", "10s"], [RotationSchedule.periodic(microseconds: 10_000_000)],
                "Enabled periodic rotations every 10000000 us on session s1\n"
            ),
            (["--timer", "7"], [.periodic(microseconds: 7)], "Enabled periodic rotations every 7 us on session s1\n"),
            (
                ["--timer=500ms"], [.periodic(microseconds: 500_000)],
                "Enabled periodic rotations every 500000 us on session s1\n"
            ),
            (
                ["--timer", "1m"], [.periodic(microseconds: 60_000_000)],
                "Enabled periodic rotations every 60000000 us on session s1\n"
            ),
            (
                ["--timer", "2us"], [.periodic(microseconds: 2)],
                "Enabled periodic rotations every 2 us on session s1\n"
            ),
            (
                ["--timer", "1h"], [.periodic(microseconds: 3_600_000_000)],
                "Enabled periodic rotations every 3600000000 us on session s1\n"
            ),
            (
                ["--size", "2M"], [.sizeThreshold(bytes: 2_097_152)],
                "Enabled size-based rotations every 2097152 bytes written on session s1\n"
            ),
            (
                ["--size", "4k"], [.sizeThreshold(bytes: 4096)],
                "Enabled size-based rotations every 4096 bytes written on session s1\n"
            ),
            (
                ["--size", "1G"], [.sizeThreshold(bytes: 1 << 30)],
                "Enabled size-based rotations every 1073741824 bytes written on session s1\n"
            ),
            (
                ["--size", "1G", "--timer", "3s"],
                [.periodic(microseconds: 3_000_000), .sizeThreshold(bytes: 1 << 30)],
                "Enabled periodic rotations every 3000000 us on session s1\n"
                    + "Enabled size-based rotations every 1073741824 bytes written on session s1\n"
            ),
        ] as [([String], [RotationSchedule], String)])
    func enableRotation(options: [String], schedules: [RotationSchedule], text: String) {
        let harness = SpoorHarness()
        harness.setCurrentSession("s1")
        let run = harness.run(["enable-rotation"] + options)
        #expect(run.status == .success)
        #expect(run.standardOutput == text)
        #expect(harness.daemon.requests == schedules.map { .enableRotation(session: "s1", schedule: $0) })
    }

    @Test(
        "enable-rotation refuses what lttng refuses, before asking the daemon",
        arguments: [
            ([], "Error: No session rotation schedule parameter provided.\n"),
            (["--timer", "0"], "Error: Invalid value for periodic option\n"),
            (["--timer", "5x"], "Error: Invalid value for --timer option: 5x\n"),
            (["--size", "0"], "Error: Invalid value for size-based option\n"),
            (["--size", "3q"], "Error: Invalid value for --size option: 3q\n"),
        ])
    func enableRotationRefuses(options: [String], text: String) {
        let harness = SpoorHarness()
        let run = harness.run(["enable-rotation", "-s", "s1"] + options)
        #expect(run.status == .commandError)
        #expect(run.standardError == text)
        #expect(harness.daemon.requests.isEmpty)
    }

    @Test("enable-rotation says which schedule is already set, and goes on with the other")
    func enableRotationAlreadySet() {
        let harness = SpoorHarness()
        harness.daemon.answer = { request throws(SpoorError) in
            if case .enableRotation(_, .sizeThreshold) = request { throw SpoorError(.rotationScheduleConflict) }
            return .ok
        }
        let run = harness.run("enable-rotation", "--session", "s2", "--timer", "500ms", "--size", "1G")
        #expect(run.status == .commandError)
        #expect(run.standardOutput == "Enabled periodic rotations every 500000 us on session s2\n")
        #expect(run.standardError == "Error: A size-based rotation schedule is already set on session s2\n")
    }

    @Test("enable-rotation on a session the daemon refuses says it failed, as lttng does")
    func enableRotationFails() {
        let harness = SpoorHarness()
        harness.daemon.answer = { _ throws(SpoorError) in throw SpoorError(.sessionNotFound) }
        let run = harness.run("enable-rotation", "-s", "nosuch", "--timer", "1s")
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: Failed to enable periodic rotation schedule on session nosuch\n")
    }

    // MARK: disable-rotation

    static let bothSchedules = ControlReply.rotationStatus(
        nil, RotationSchedules(periodMicroseconds: 1, sizeThresholdBytes: 2))

    @Test("disable-rotation lists the schedules, then removes those it names")
    func disableRotation() {
        let harness = SpoorHarness()
        harness.setCurrentSession("s1")
        harness.daemon.answer = { request in
            request == .rotationStatus(session: "s1", chunkID: nil) ? Self.bothSchedules : .ok
        }
        let run = harness.run("disable-rotation", "--timer", "--size")
        #expect(run.status == .success)
        #expect(
            run.standardOutput
                == "Disabled periodic rotation on session s1\nDisabled size-based rotation on session s1\n")
        #expect(
            harness.daemon.requests == [
                .rotationStatus(session: "s1", chunkID: nil), .disableRotation(session: "s1", kind: .periodic),
                .disableRotation(session: "s1", kind: .sizeThreshold),
            ])
    }

    @Test("disable-rotation of schedules that are not set prints lttng's errors")
    func disableRotationNotSet() {
        let harness = SpoorHarness()
        harness.daemon.answer = { _ in .rotationStatus(nil, RotationSchedules()) }
        let run = harness.run("disable-rotation", "-s", "s2", "--timer", "--size")
        #expect(run.status == .commandError)
        #expect(
            run.standardError
                == "Error: No periodic rotation schedule active on session s2\n"
                + "Error: No size-based rotation schedule active on session s2\n")
        #expect(harness.daemon.requests == [.rotationStatus(session: "s2", chunkID: nil)])
    }

    @Test("disable-rotation of a session it cannot list says so once, as lttng does")
    func disableRotationUnknownSession() {
        let harness = SpoorHarness()
        harness.daemon.answer = { _ throws(SpoorError) in throw SpoorError(.sessionNotFound) }
        let run = harness.run("disable-rotation", "-s", "nosuch", "--timer", "--size")
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: Failed to list rotation schedules of session nosuch\n")
    }

    @Test("a schedule removed meanwhile is reported as not set")
    func disableRotationRace() {
        let harness = SpoorHarness()
        harness.daemon.answer = { request throws(SpoorError) in
            if case .disableRotation = request { throw SpoorError(.rotationScheduleConflict) }
            return Self.bothSchedules
        }
        let run = harness.run("disable-rotation", "-s", "s2", "--size")
        #expect(run.standardError == "Error: No size-based rotation schedule active on session s2\n")
    }

    @Test("disable-rotation without a schedule type says so")
    func disableRotationWithoutType() {
        let harness = SpoorHarness()
        let run = harness.run("disable-rotation", "-s", "s1")
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: No session rotation schedule type provided.\n")
        #expect(harness.daemon.requests.isEmpty)
    }

    // MARK: list, destroy and the command table

    @Test("list shows the schedules as lttng does")
    func listShowsSchedules() {
        #expect(
            RotationScheduleText.list(RotationSchedules(periodMicroseconds: 10_000_000, sizeThresholdBytes: 2_097_152))
                == "Automatic rotation schedules:\n    timer period: 10000000 us\n    size threshold: 2097152 bytes\n\n"
        )
        #expect(
            RotationScheduleText.list(RotationSchedules(sizeThresholdBytes: 1024))
                == "Automatic rotation schedules:\n    size threshold: 1024 bytes\n\n")
        #expect(RotationScheduleText.list(RotationSchedules()).isEmpty)
    }

    @Test("destroy of a rotated session says where its last chunk was archived")
    func destroyArchives() {
        let harness = SpoorHarness()
        harness.daemon.answer = { request in
            switch request {
            case .listSessions: .sessions([Fixtures.summary("s1", "/t")])
            case .destroySession: .rotation(Self.info(.completed, chunk: 2))
            default: .ok
            }
        }
        let run = harness.run("destroy", "s1")
        #expect(run.status == .success)
        #expect(
            run.standardOutput
                == "Destroying session s1.Trace chunk archive for session s1 is now readable at \(Self.archive)\n\n"
                + "Session s1 destroyed\n")
    }

    @Test("the rotation commands are listed where lttng lists them")
    func commandTable() {
        for name in ["rotate", "enable-rotation", "disable-rotation"] {
            #expect(CommandTable.command(named: name) != nil)
        }
        let names = CommandTable.commandNames
        #expect(names.firstIndex(of: "remove-trigger")! + 1 == names.firstIndex(of: "rotate"))
        #expect(names.firstIndex(of: "rotate")! + 1 == names.firstIndex(of: "enable-rotation"))
        #expect(names.firstIndex(of: "enable-rotation")! + 1 == names.firstIndex(of: "disable-rotation"))
        #expect(CommandTable.usage.contains("Recording session rotation:\n  disable-rotation  Unset"))
    }
}

extension RotationCommandTests {
    @Test(
        "extra arguments are ignored, as lttng ignores them",
        arguments: [
            ["rotate", "-n", "s1", "extra"], ["enable-rotation", "-s", "s1", "--timer", "1s", "extra"],
            ["disable-rotation", "-s", "s1", "--timer", "extra"],
        ])
    func extraArgumentsIgnored(arguments: [String]) {
        let harness = SpoorHarness()
        harness.daemon.answer = { request in
            if case .rotationStatus = request { return Self.bothSchedules }
            return .rotation(Self.info(.ongoing))
        }
        let run = harness.run(arguments)
        #expect(run.status == .success)
        #expect(run.standardError.isEmpty)
        #expect(!harness.daemon.requests.isEmpty)
    }
}
