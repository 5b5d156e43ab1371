#if canImport(Glibc)
import Glibc
#endif

extension FileSystem {
    /// Renames `source` to `destination` (rename(2)): atomic, on one file system.
    public static func move(_ source: String, to destination: String) throws(SystemError) {
        guard Glibc.rename(source, destination) == 0 else { throw SystemError("rename \(source) to \(destination)") }
    }
}
