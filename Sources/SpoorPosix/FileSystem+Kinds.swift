#if canImport(Glibc)
import Glibc
#endif

extension FileSystem {
    /// What a path names, symbolic links followed.
    public enum FileKind: Sendable, Hashable {
        case regular(size: Int64)
        case directory
        /// A device, socket, pipe…: nothing to read a document from.
        case other
    }

    /// What `path` names; throws when it does not exist or cannot be reached.
    public static func kind(of path: String) throws(SystemError) -> FileKind {
        var info = stat()
        guard stat(path, &info) == 0 else { throw SystemError("stat \(path)") }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular(size: Int64(info.st_size))
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// Replaces (or creates) the file at `path` with `bytes` in one step: they go to a new
    /// file in the same directory, which is then renamed over `path`, so that a reader never
    /// sees half a file and a failure leaves the old one.
    public static func replace(_ path: String, with bytes: [UInt8], mode: mode_t = 0o660) throws(SystemError) {
        let temporary = "\(path).tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw SystemError("open \(temporary)") }
        do throws(SystemError) {
            try writeAll(fd, bytes, path: temporary)
            guard fsync(fd) == 0 else { throw SystemError("fsync \(temporary)") }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let failure = SystemError("rename \(temporary) to \(path)")
            unlink(temporary)
            throw failure
        }
    }
}
