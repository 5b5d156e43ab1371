import Foundation
import SpoorTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The crash handler changes the machine's core_pattern: these tests need root, run one at a
/// time, and put the pattern back whatever happens.
@Suite(
    "The crash handler in the kernel's core_pattern", .serialized,
    .enabled(if: geteuid() == 0, "changing /proc/sys/kernel/core_pattern needs root"))
struct CrashHandlerTests {
    static let corePatternFile = "/proc/sys/kernel/core_pattern"

    static func corePattern() -> String {
        let text = (try? String(contentsOfFile: corePatternFile, encoding: .utf8)) ?? ""
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }

    static func setCorePattern(_ pattern: String) throws {
        try (pattern + "\n").write(toFile: corePatternFile, atomically: false, encoding: .utf8)
    }

    /// Runs `body` with core_pattern set to `pattern`, then puts the machine's pattern back and
    /// removes anything the handler left.
    static func withCorePattern(_ pattern: String, _ body: () throws -> Void) throws {
        let original = corePattern()
        #expect(!original.contains("spoor-crash-handler"), "a crash handler is installed already: \(original)")
        try setCorePattern(pattern)
        defer {
            try? setCorePattern(original)
            try? FileManager.default.removeItem(atPath: "/run/spoor/crash-handler")
        }
        try body()
    }

    /// Starts `spoor-example` so that it records `count` events, then aborts with a core dump.
    static func crashExample(_ sandbox: Sandbox, count: Int) throws -> Child {
        let example = sandbox.binaries.appendingPathComponent("spoor-example").path
        return try sandbox.spawn("/bin/sh", ["-c", "ulimit -c unlimited && exec \(example) \(count) --crash"])
    }

    /// Whether `path` holds an ELF core file (its header is written first).
    static func isCore(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let header = [UInt8](handle.readData(ofLength: 18))
        return header.count == 18 && header[0..<4] == [0x7F, 0x45, 0x4C, 0x46] && header[16] == 4  // ET_CORE
    }

    @Test("install reports crashes to the daemon while cores still go to the previous file; remove restores it")
    func fileCores() throws {
        let sandbox = try Sandbox()
        let cores = sandbox.home.appendingPathComponent("cores")
        try FileManager.default.createDirectory(at: cores, withIntermediateDirectories: true)
        let previous = cores.path + "/core.%e.%p"
        try Self.withCorePattern(previous) {
            let handler = sandbox.binaries.appendingPathComponent("spoor-crash-handler").path
            let installed = try sandbox.spoorOK("crash-handler", "install", "--handler", handler)
            #expect(
                installed.lines == [
                    "Crash handler \(handler) installed", "Cores still go where core pattern '\(previous)' sends them",
                ])
            #expect(Self.corePattern() == "|\(handler) %P %p %I %i %u %g %s %t %c %d %h %e")
            let again = try sandbox.spoor("crash-handler", "install", "--handler", handler)
            #expect(again.status == 1)
            #expect(again.standardError.hasPrefix("Error: The crash handler is already installed"))

            // The session daemon registers to hear of crashes (at its next request, here `create`).
            try sandbox.spoorOK("create", "crashy", "--output=\(sandbox.home.path)/trace")
            let status = try sandbox.spoorOK("crash-handler", "status")
            #expect(status.lines.starts(with: [
                "Crash handler: installed (\(handler))", "Previous core pattern, still in effect: '\(previous)'",
            ]))
            // This daemon, and those of other tests that ran a command meanwhile.
            let listening = status.lines.first { $0.hasPrefix("Session daemons listening: ") }
            #expect((listening?.split(separator: " ").last).flatMap { Int($0) } ?? 0 >= 1)

            let app = try Self.crashExample(sandbox, count: 3)
            #expect(app.wait() == 128 + SIGABRT)
            #expect(app.standardOutput == "spoor-example: recorded 3 events\n")
            // The handler reports first, then writes the core where the previous pattern said.
            let report = "  pid \(app.pid) (spoor-example), uid \(getuid()), signal 6 (SIGABRT), at "
            #expect(
                try waitUntil(timeout: .seconds(20)) {
                    try sandbox.spoorOK("crash-handler", "status").lines.contains { $0.hasPrefix(report) }
                })
            let reported = try sandbox.spoorOK("crash-handler", "status").lines.first { $0.hasPrefix(report) } ?? ""
            #expect(reported.hasSuffix(": " + sandbox.binaries.appendingPathComponent("spoor-example").path))
            let core = cores.path + "/core.spoor-example.\(app.pid)"
            #expect(waitUntil(timeout: .seconds(20)) { Self.isCore(core) })

            let removed = try sandbox.spoorOK("crash-handler", "remove")
            #expect(removed.lines == ["Crash handler removed: the core pattern is '\(previous)' again"])
            #expect(Self.corePattern() == previous)
            #expect(!FileManager.default.fileExists(atPath: "/run/spoor/crash-handler"))
            #expect(try sandbox.spoorOK("crash-handler", "status").lines.first == "Crash handler: not installed (core pattern: '\(previous)')")
        }
    }

    @Test("a crash fires a process-crashed trigger whose snapshot ends with the events the process emitted")
    func crashSnapshot() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let cores = sandbox.home.appendingPathComponent("cores")
        try FileManager.default.createDirectory(at: cores, withIntermediateDirectories: true)
        try Self.withCorePattern(cores.path + "/core.%p") {
            let handler = sandbox.binaries.appendingPathComponent("spoor-crash-handler").path
            try sandbox.spoorOK("crash-handler", "install", "--handler", handler)
            let snapshots = sandbox.home.appendingPathComponent("snapshots").path
            try sandbox.spoorOK("create", "flight", "--snapshot", "--output=\(snapshots)")
            try sandbox.spoorOK("enable-event", "-u", "spoor_example:*")
            try sandbox.spoorOK("start")
            try sandbox.spoorOK(
                "add-trigger", "--name=on-crash", "--condition=process-crashed", "--process-name=spoor-ex*",
                "--action=snapshot-session", "flight", "--action=notify")
            // Another process name does not match.
            try sandbox.spoorOK(
                "add-trigger", "--name=elsewhere", "--condition=process-crashed", "--process-name=other",
                "--action=notify")
            let subscriber = try Subscriber.start(sandbox, ["--count", "1"])
            let app = try Self.crashExample(sandbox, count: 20)
            #expect(app.wait() == 128 + SIGABRT)
            let notifications = subscriber.finish()
            #expect(notifications.count == 1)
            let notification = notifications.first ?? [:]
            #expect(notification["trigger"] as? String == "on-crash")
            #expect(notification["condition"] as? String == "process-crashed")
            #expect(notification["pid"] as? Int == Int(app.pid))
            #expect(notification["signal"] as? Int == Int(SIGABRT))
            #expect(notification["process_name"] as? String == "spoor-example")
            // The snapshot was written before the notification was sent: it ends with the
            // process's last events, done after the 20 others.
            let directories = (try? FileManager.default.contentsOfDirectory(atPath: snapshots)) ?? []
            #expect(directories.count == 1, "\(directories)")
            let read = try sandbox.babeltrace(snapshots + "/" + (directories.first ?? ""))
            #expect(read.standardError.isEmpty, "\(read.standardError)")
            let events = read.lines.compactMap(EventLine.init)
            #expect(events.map(\.name) == Array(repeating: "spoor_example:all_types", count: 20) + ["spoor_example:done"])
            #expect(events.last?.payload == "{ count = 20 }")
            #expect(waitUntil(timeout: .seconds(20)) { Self.isCore(cores.path + "/core.\(app.pid)") })
            try sandbox.spoorOK("crash-handler", "remove")
        }
    }

    @Test("a previous pattern that pipes to a program still gets the core, with its arguments")
    func pipedCores() throws {
        let sandbox = try Sandbox()
        let piped = sandbox.home.appendingPathComponent("piped")
        // tee copies the core it reads to the file its argument names.
        let previous = "|/usr/bin/tee \(piped.path).%p.%s"
        try Self.withCorePattern(previous) {
            let handler = sandbox.binaries.appendingPathComponent("spoor-crash-handler").path
            try sandbox.spoorOK("crash-handler", "install", "--handler", handler)
            let app = try Self.crashExample(sandbox, count: 1)
            #expect(app.wait() == 128 + SIGABRT)
            #expect(waitUntil(timeout: .seconds(20)) { Self.isCore("\(piped.path).\(app.pid).\(SIGABRT)") })
            try sandbox.spoorOK("crash-handler", "remove")
            #expect(Self.corePattern() == previous)
        }
    }
}
