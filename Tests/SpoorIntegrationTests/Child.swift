import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A child process started with posix_spawn and collected with waitpid: nothing in between
/// that could lose a child's exit or block on a pipe. Its output goes to two files.
final class Child: @unchecked Sendable {
    let pid: pid_t
    let outputPath: String
    let errorPath: String
    private var status: Int32?

    private init(pid: pid_t, outputPath: String, errorPath: String) {
        self.pid = pid
        self.outputPath = outputPath
        self.errorPath = errorPath
    }

    static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String], outputPrefix: String
    ) throws -> Child {
        let outputPath = outputPrefix + ".out"
        let errorPath = outputPrefix + ".err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard rc == 0 else { throw SandboxError("posix_spawn \(executable): \(String(cString: strerror(rc)))") }
        return Child(pid: pid, outputPath: outputPath, errorPath: errorPath)
    }

    /// The process id, as `Process.processIdentifier` would give it.
    var processIdentifier: Int32 { pid }

    /// Waits for the child; returns its exit status, or 128 + the signal that killed it.
    @discardableResult
    func wait() -> Int32 {
        if let status { return status }
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
        let signal = raw & 0x7F
        let result = signal == 0 ? (raw >> 8) & 0xFF : 128 + signal
        status = result
        return result
    }

    var standardOutput: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }
    var standardError: String { (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "" }

    /// Kills the child if it still runs and collects it.
    func kill() {
        guard status == nil else { return }
        Glibc.kill(pid, SIGKILL)
        wait()
    }

    func removeFiles() {
        unlink(outputPath)
        unlink(errorPath)
    }
}
