#if canImport(Glibc)
import Glibc
#endif

/// Raw file descriptors handed between threads.
public enum Descriptor {
    /// A new descriptor for what `fd` refers to (`dup`, close-on-exec), or nil on failure:
    /// it stays valid however long the original lives.
    public static func duplicate(_ fd: Int32) -> Int32? {
        let copy = fcntl(fd, F_DUPFD_CLOEXEC, 0)
        return copy >= 0 ? copy : nil
    }

    /// Closes `fd`.
    public static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }
}
