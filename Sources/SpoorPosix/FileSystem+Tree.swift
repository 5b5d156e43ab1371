#if canImport(Glibc)
import Glibc
#endif

extension FileSystem {
    /// Deletes `path` and, for a directory, everything under it; what cannot be deleted
    /// stays. For the daemon's private directories, which hold no symbolic links.
    public static func removeTree(_ path: String) {
        if isDirectory(path) {
            for name in (try? contents(of: path)) ?? [] { removeTree(path + "/" + name) }
            rmdir(path)
        } else {
            remove(path)
        }
    }
}
