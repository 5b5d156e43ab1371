import Foundation
import SpoorTestSupport
import Testing

/// A private Spoor installation for one test: its own `SPOOR_HOME` (hence its own daemon,
/// sockets and traces), the real binaries of this build, and clean-up of every process it
/// started.
final class Sandbox: @unchecked Sendable {
    struct Output {
        var status: Int32
        var standardOutput: String
        var standardError: String

        var lines: [String] { standardOutput.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    }

    /// The sandbox's `SPOOR_HOME`, removed with everything in it after the sandbox's deinit.
    private let directory = TemporaryDirectory("sandbox")
    let home: URL
    let binaries: URL
    private var children: [Child] = []

    init() throws {
        home = directory.url
        // mkdtemp makes it 0700; some tests run `spoor` as another user, who must reach the
        // daemon's sockets in here as in a real home.
        guard chmod(directory.path, 0o755) == 0 else { throw SandboxError("cannot open \(directory.path) to others") }
        binaries = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for name in ["spoor", "spoor-sessiond", "spoor-example"] {
            let path = binaries.appendingPathComponent(name).path
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw SandboxError("\(path) is missing: build the package before testing")
            }
        }
    }

    deinit {
        stopDaemon()
        for child in children { child.kill() }
    }

    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["SPOOR_HOME"] = home.path
        environment.removeValue(forKey: "SPOOR_RUNDIR")
        environment["TZ"] = "UTC"
        environment["LC_ALL"] = "C"
        return environment
    }

    var runDirectory: URL { home.appendingPathComponent(".spoor") }

    /// The pid of the running session daemon, from its pid file.
    var daemonPID: Int32? {
        guard let text = try? String(contentsOf: runDirectory.appendingPathComponent("spoor-sessiond.pid"), encoding: .utf8)
        else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Runs `spoor` with `arguments` and waits for it.
    @discardableResult
    func spoor(_ arguments: String...) throws -> Output {
        try run(binaries.appendingPathComponent("spoor").path, Array(arguments))
    }

    /// Runs `spoor` and requires success.
    @discardableResult
    func spoorOK(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> Output {
        let output = try run(binaries.appendingPathComponent("spoor").path, Array(arguments))
        #expect(
            output.status == 0, "spoor \(arguments.joined(separator: " ")) failed: \(output.standardError)",
            sourceLocation: sourceLocation)
        return output
    }

    /// Runs any program to completion with the sandbox's environment. Output goes through
    /// files, so a chatty child can never block on a full pipe.
    func run(_ executable: String, _ arguments: [String], environment extra: [String: String] = [:]) throws -> Output {
        let child = try spawn(executable, arguments, environment: extra)
        let status = child.wait()
        defer { child.removeFiles() }
        return Output(status: status, standardOutput: child.standardOutput, standardError: child.standardError)
    }

    /// Starts a program in the background; the sandbox kills it if the test does not collect it.
    func spawn(_ executable: String, _ arguments: [String], environment extra: [String: String] = [:]) throws -> Child {
        let child = try Child.spawn(
            executable, arguments, environment: environment.merging(extra) { $1 },
            outputPrefix: home.appendingPathComponent("child-\(UUID().uuidString)").path)
        children.append(child)
        return child
    }

    /// Starts `spoor-example` in the background; `wait(for:)` collects it.
    func startExample(_ arguments: [String], environment extra: [String: String] = [:], pinnedToCPU cpu: Int? = nil)
        throws -> Child
    {
        let example = binaries.appendingPathComponent("spoor-example").path
        if let cpu {
            return try spawn("/usr/bin/taskset", ["-c", String(cpu), example] + arguments, environment: extra)
        }
        return try spawn(example, arguments, environment: extra)
    }

    /// Waits for a background program and returns its status and standard output.
    func wait(for child: Child) -> (status: Int32, output: String) {
        let status = child.wait()
        return (status, child.standardOutput)
    }

    /// Runs the example app to completion.
    func runExample(_ arguments: String..., pinnedToCPU cpu: Int? = nil) throws -> (status: Int32, output: String) {
        wait(for: try startExample(Array(arguments), pinnedToCPU: cpu))
    }

    /// Whether the daemon lists a registered app with this pid.
    func isRegistered(_ pid: Int32) throws -> Bool {
        let output = try spoor("list", "-u")
        return output.status == 0 && output.standardOutput.contains("PID: \(pid) ")
    }

    /// Runs `babeltrace2 arguments…` (a trace path, options) in the sandbox's environment; a
    /// missing babeltrace2 fails the test (`RequiredTool`).
    func babeltrace(_ arguments: String...) throws -> Output {
        let result = try RequiredTool.babeltrace2.run(arguments, environment: environment)
        return Output(
            status: result.status, standardOutput: result.standardOutput, standardError: result.standardError)
    }

    /// Sends SIGTERM to the daemon and waits (bounded) for it to go.
    func stopDaemon() {
        guard let pid = daemonPID else { return }
        kill(pid, SIGTERM)
        _ = waitUntil(timeout: .seconds(5)) { kill(pid, 0) != 0 }
        kill(pid, SIGKILL)
    }

    func touch(_ url: URL) {
        FileManager.default.createFile(atPath: url.path, contents: Data())
    }
}

struct SandboxError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
