import Synchronization

/// The serial worker of one session: its commands, and the slow work they leave to do
/// outside the registry lock (drains, snapshot copies, waits for a rotation), run one at a
/// time, so that a second command on the session waits for the first while every other
/// session, client and app goes on.
///
/// Lock order: a worker is always taken before the registry lock, never while holding it.
final class SessionWorker: Sendable {
    private let turn = Mutex(())
    private let waiters = Atomic<Int>(0)

    /// How many callers of ``run(_:)`` wait for their turn: tests wait on it instead of
    /// sleeping, and the daemon may report it.
    package var waitingCount: Int { waiters.load(ordering: .acquiring) }

    /// Runs `body` once the session's previous work is done.
    func run<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        var outcome: Swift.Result<Result, Failure>?
        waiters.add(1, ordering: .acquiringAndReleasing)
        turn.withLock { _ in
            // Its turn has come: no longer waiting.
            waiters.subtract(1, ordering: .acquiringAndReleasing)
            do throws(Failure) {
                outcome = .success(try body())
            } catch {
                outcome = .failure(error)
            }
        }
        // `withLock` always runs its body.
        guard let outcome else { preconditionFailure("the worker's body did not run") }
        return try outcome.get()
    }

    /// Runs `body` unless the session is busy; returns whether it ran. For periodic work
    /// (rotation schedules) that simply waits for the next round.
    @discardableResult
    func runIfIdle(_ body: () -> Void) -> Bool {
        turn.withLockIfAvailable { _ in body() } != nil
    }
}
