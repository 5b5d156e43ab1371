import Foundation

/// Checks `condition` every `interval` until it holds or `timeout` has passed, and returns
/// whether it held: a bounded wait for another thread or process, never a sleep that hopes the
/// other side is done. The condition is checked once more at the deadline.
///
/// ```swift
/// #expect(try waitUntil(timeout: .seconds(20)) { try sandbox.isRegistered(pid) })
/// ```
@discardableResult
public func waitUntil(
    timeout: Duration = .seconds(10), checkingEvery interval: Duration = .milliseconds(10),
    _ condition: () throws -> Bool
) rethrows -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while clock.now < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: interval.seconds)
    }
    return try condition()
}

extension Duration {
    /// The duration in seconds, as `Thread.sleep(forTimeInterval:)` takes it.
    fileprivate var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
