#if canImport(Glibc)
import Glibc
#endif

/// A set of descriptors waited on for input with poll(2), its storage kept from one wait to the
/// next so that a loop that polls every round allocates only when the set grows.
public struct PollSet: Sendable {
    private var entries: [pollfd] = []

    /// An empty set.
    public init() {}

    /// Replaces the descriptors waited on by `descriptors`, in order.
    public mutating func set(_ descriptors: some Sequence<Int32>) {
        entries.removeAll(keepingCapacity: true)
        for descriptor in descriptors { entries.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)) }
    }

    /// Waits until one of the descriptors is readable or `timeoutMilliseconds` pass (-1 for no
    /// limit). Returns how many are readable: 0 on a timeout, and 0 when a signal interrupts the
    /// wait, which callers treat as a timeout (they loop and look again).
    @discardableResult
    public mutating func wait(timeoutMilliseconds: Int32) -> Int {
        let count = entries.count
        let ready = entries.withUnsafeMutableBufferPointer { poll($0.baseAddress, nfds_t(count), timeoutMilliseconds) }
        return max(0, Int(ready))
    }

    /// Waits until `descriptor` is readable or `timeoutMilliseconds` pass; returns whether it is.
    @discardableResult
    public static func waitReadable(_ descriptor: Int32, timeoutMilliseconds: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, timeoutMilliseconds) > 0
    }
}
