#if canImport(Glibc)
import Glibc
#endif

/// Where Spoor's crash handler (`spoor-crash-handler`, run by the kernel through
/// `/proc/sys/kernel/core_pattern`) keeps its state, and how session daemons ask it to tell
/// them of crashes.
///
/// ```
/// /run/spoor/crash-handler/previous-pattern   the core_pattern before `install` (root, 0644)
/// /run/spoor/crash-handler/listeners/PID      a daemon's control socket path (its owner's, 0644)
/// ```
/// The listeners directory is writable by everyone and sticky (mode 1733, like /tmp but not
/// listable): any user's daemon can register, none can remove another's entry, and the handler
/// tells a daemon only of its own user's processes (all of them for root's).
public enum CrashHandlerFiles {
    public static let corePatternFile = "/proc/sys/kernel/core_pattern"
    public static let coreUsesPIDFile = "/proc/sys/kernel/core_uses_pid"
    public static let directory = "/run/spoor/crash-handler"
    public static let previousPatternFile = directory + "/previous-pattern"
    public static let listenersDirectory = directory + "/listeners"
    /// The handler's executable name: a core_pattern that pipes to it is Spoor's.
    public static let handlerName = "spoor-crash-handler"
    /// What the kernel passes the handler, in this order (core(5)); `%e` last, since a process
    /// name may hold spaces.
    public static let specifiers = "%P %p %I %i %u %g %s %t %c %d %h %e"

    /// The core_pattern that runs `handler`.
    public static func pattern(handler: String) -> String { "|\(handler) \(specifiers)" }

    /// Whether `pattern` runs Spoor's crash handler.
    public static func runsHandler(_ pattern: String) -> Bool {
        guard pattern.hasPrefix("|") else { return false }
        let program = pattern.dropFirst().prefix { $0 != " " }
        return program.split(separator: "/").last.map(String.init) == handlerName
    }

    /// Registers the daemon whose control socket is `socketPath` to hear of crashes, if the
    /// handler is installed; returns the entry to remove when the daemon ends.
    public static func registerListener(socketPath: String) -> String? {
        guard FileSystem.isDirectory(listenersDirectory) else { return nil }
        let entry = "\(listenersDirectory)/\(getpid())"
        unlink(entry)  // A stale entry of ours; another user's stays (sticky directory) and open fails.
        let fd = open(entry, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        defer { Glibc.close(fd) }
        guard (try? FileSystem.writeAll(fd, Array(socketPath.utf8), path: entry)) != nil else {
            unlink(entry)
            return nil
        }
        return entry
    }

    /// A daemon registered to hear of crashes.
    public struct Listener: Sendable, Hashable {
        public var entry: String
        /// The owner of the entry: the daemon's user.
        public var uid: UInt32
        public var socketPath: String
    }

    /// The registered daemons; entries that are not plain files, or too long, are skipped.
    public static func listeners() -> [Listener] {
        let names = (try? FileSystem.contents(of: listenersDirectory)) ?? []
        return names.sorted().compactMap { name in
            let entry = "\(listenersDirectory)/\(name)"
            let fd = open(entry, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            defer { Glibc.close(fd) }
            var status = stat()
            guard fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_size < 4096 else {
                return nil
            }
            var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
            let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count == bytes.count, !bytes.isEmpty else { return nil }
            return Listener(entry: entry, uid: status.st_uid, socketPath: String(decoding: bytes, as: UTF8.self))
        }
    }
}
