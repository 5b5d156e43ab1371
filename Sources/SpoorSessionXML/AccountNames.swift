#if canImport(Glibc)
import Glibc
#endif

/// Turns the user and group names a tracker may hold (`<vuid><name>root</name></vuid>`) into
/// ids, as the system where the session is loaded knows them.
public struct AccountNames: Sendable {
    public var userID: @Sendable (String) -> Int64?
    public var groupID: @Sendable (String) -> Int64?

    public init(userID: @escaping @Sendable (String) -> Int64?, groupID: @escaping @Sendable (String) -> Int64?) {
        self.userID = userID
        self.groupID = groupID
    }

    /// The system's user and group databases (`getpwnam_r(3)`, `getgrnam_r(3)`).
    public static let system = AccountNames(
        userID: { name in
            lookUp { entry, buffer, size, result in getpwnam_r(name, entry, buffer, size, result) }
                .map { (entry: passwd) in Int64(entry.pw_uid) }
        },
        groupID: { name in
            lookUp { entry, buffer, size, result in getgrnam_r(name, entry, buffer, size, result) }
                .map { (entry: group) in Int64(entry.gr_gid) }
        })

    /// Runs a reentrant lookup, growing its buffer while it is too small.
    private static func lookUp<Entry>(
        _ call: (
            UnsafeMutablePointer<Entry>, UnsafeMutablePointer<CChar>, Int,
            UnsafeMutablePointer<UnsafeMutablePointer<Entry>?>
        ) -> Int32
    ) -> Entry? {
        var size = 1024
        while size <= 1 << 20 {
            let entry = UnsafeMutablePointer<Entry>.allocate(capacity: 1)
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: size)
            var result: UnsafeMutablePointer<Entry>?
            defer {
                entry.deallocate()
                buffer.deallocate()
            }
            let status = call(entry, buffer, size, &result)
            if status == ERANGE {
                size *= 2
                continue
            }
            // Only the numeric id is used, so the strings the entry points into may go.
            return status == 0 && result != nil ? entry.pointee : nil
        }
        return nil
    }
}
