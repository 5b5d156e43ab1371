#if canImport(Glibc)
import Glibc
#endif

extension FileSystem {
    /// Opens an existing file to replace what it holds (`O_WRONLY | O_TRUNC`), never creating
    /// it: kernel settings such as `/proc/sys/kernel/core_pattern` are written this way. The
    /// caller closes the descriptor with `FileSystem.close(_:)`.
    public static func openExistingForWriting(_ path: String) throws(SystemError) -> Int32 {
        let fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard fd >= 0 else { throw SystemError("open \(path)") }
        return fd
    }

    /// Closes a descriptor `openExistingForWriting` returned.
    public static func close(_ fd: Int32) { _ = Glibc.close(fd) }
}
