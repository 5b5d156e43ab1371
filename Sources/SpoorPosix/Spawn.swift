#if canImport(Glibc)
import Glibc
#endif

/// Starting other programs without Foundation.
public enum Spawn {
    /// Starts `path` with `arguments` (argv[1...]) in a new session, stdin from /dev/null and
    /// stdout/stderr to `outputPath` (or /dev/null). Returns the child's pid.
    public static func detached(
        _ path: String, _ arguments: [String], outputPath: String? = nil
    ) throws(SystemError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let output = outputPath ?? "/dev/null"
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o640)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // 0x80 is glibc's POSIX_SPAWN_SETSID, which the Glibc module hides behind _GNU_SOURCE.
        posix_spawnattr_setflags(&attributes, Int16(0x80))
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard rc == 0 else { throw SystemError("posix_spawn \(path)", errno: rc) }
        return pid
    }

    /// The absolute path of the running executable.
    public static func currentExecutable() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, Int(PATH_MAX))
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Finds `name` next to the running executable, then on `PATH`.
    public static func locate(_ name: String, environment: [String: String] = ProcessEnvironment.current) -> String? {
        if let executable = currentExecutable(), let slash = executable.lastIndex(of: "/") {
            let sibling = String(executable[..<slash]) + "/" + name
            if access(sibling, X_OK) == 0 { return sibling }
        }
        for directory in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = directory + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Whether process `pid` exists.
    public static func isAlive(_ pid: pid_t) -> Bool { kill(pid, 0) == 0 || errno == EPERM }

    /// Collects a child's exit status if it has ended; never blocks.
    public static func reapIfExited(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == pid ? status : nil
    }

    /// Sleeps for `microseconds`.
    public static func pause(microseconds: Int) {
        var request = timespec(tv_sec: microseconds / 1_000_000, tv_nsec: (microseconds % 1_000_000) * 1000)
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }

    /// Sleeps for `milliseconds`: for bounded polls in daemons and tools, never in tests.
    public static func pause(milliseconds: Int) {
        var request = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }
}
