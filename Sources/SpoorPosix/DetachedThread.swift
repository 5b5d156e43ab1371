#if canImport(Glibc)
import Glibc
#endif

/// A thread of its own for work that blocks (socket reads, the consumer's poll loop), so that
/// nothing blocks a task of Swift's cooperative pool.
public enum DetachedThread {
    /// Runs `body` on a new detached thread; false if the system could not start one.
    @discardableResult
    public static func start(_ body: @escaping @Sendable () -> Void) -> Bool {
        final class Box: Sendable {
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        var thread = pthread_t()
        let box = Unmanaged.passRetained(Box(body))
        let rc = pthread_create(&thread, nil, { argument in
            Unmanaged<Box>.fromOpaque(argument!).takeRetainedValue().body()
            return nil
        }, box.toOpaque())
        guard rc == 0 else {
            box.release()
            return false
        }
        pthread_detach(thread)
        return true
    }
}
