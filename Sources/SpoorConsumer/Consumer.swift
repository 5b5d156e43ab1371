import Logging
import SpoorPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The consumer: one thread that sleeps on the producers' wake-up eventfds and drains every
/// stream whose sub-buffers complete. It never blocks the control plane, and apps never wait
/// on it (discard mode).
public final class Consumer: Sendable {
    private let streams = Mutex<[ObjectIdentifier: StreamConsumer]>([:])
    /// Wakes the thread when the set of streams changes.
    private let controlFD: Int32
    private let logger: Logger

    public init(logger: Logger) throws(SystemError) {
        controlFD = try EventFD.make()
        self.logger = logger
    }

    /// Starts the consumer thread.
    public func start() {
        DetachedThread.start { [self] in run() }
    }

    public func add(_ stream: StreamConsumer) {
        streams.withLock { $0[ObjectIdentifier(stream)] = stream }
        EventFD.signal(controlFD)
    }

    public func remove(_ stream: StreamConsumer) {
        _ = streams.withLock { $0.removeValue(forKey: ObjectIdentifier(stream)) }
        EventFD.signal(controlFD)
    }

    /// The longest the thread sleeps: a safety net, so that a wake-up lost to a producer killed
    /// between its commit and its signal is found on the next round.
    static let idlePeriod: UInt64 = 250_000_000

    private func run() {
        var timeout = Self.idlePeriod
        while true {
            let current = streams.withLock { Array($0.values) }
            var descriptors = [pollfd(fd: controlFD, events: Int16(POLLIN), revents: 0)]
            descriptors += current.map { pollfd(fd: $0.wakeFD, events: Int16(POLLIN), revents: 0) }
            _ = poll(&descriptors, nfds_t(descriptors.count), Int32(max(1, timeout / 1_000_000)))
            EventFD.drain(controlFD)
            let now = Clock.monotonicNanoseconds
            var nextDeadline = now + Self.idlePeriod
            for stream in current {
                if let due = stream.runSwitchTimer(now: now) { nextDeadline = min(nextDeadline, due) }
                if let due = stream.runMonitorTimer(now: now) { nextDeadline = min(nextDeadline, due) }
                let read = stream.readTimer(now: now)
                if let due = read.next { nextDeadline = min(nextDeadline, due) }
                guard read.isDue else { continue }
                do {
                    try stream.drain()
                } catch {
                    logger.error("cannot write stream \(stream.dataPath): \(error)")
                }
            }
            timeout = nextDeadline > now ? nextDeadline - now : 1_000_000
        }
    }
}
