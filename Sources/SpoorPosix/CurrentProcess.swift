#if canImport(Glibc)
import Glibc
#endif

/// The process this code runs in.
public enum CurrentProcess {
    /// Its process id (`getpid(2)`).
    public static var id: Int32 { getpid() }

    /// Its real user id (`getuid(2)`).
    public static var userID: UInt32 { getuid() }
}
