import Logging
import SpoorPosix
import Synchronization

/// A stream the consumer thread serves: a `StreamDriver` of any source and output.
public protocol ConsumedStream: AnyObject, Sendable {
    /// The descriptor its producers signal, or nil for a stream read only on timers.
    var wakeDescriptor: Int32? { get }
    /// The stream's first trace file, for messages.
    var dataPath: String { get }
    /// Runs the switch timer at `now`; returns when it is next due.
    func runSwitchTimer(now: UInt64) -> UInt64?
    /// Runs the monitor timer at `now`; returns when it is next due.
    func runMonitorTimer(now: UInt64) -> UInt64?
    /// Whether to read the stream at `now`, and when the read timer is next due.
    func readTimer(now: UInt64) -> (isDue: Bool, next: UInt64?)
    /// Writes every complete packet; returns how many.
    @discardableResult
    func drain() throws(SystemError) -> Int
}

extension StreamDriver: ConsumedStream {
    /// The source's wake-up descriptor.
    public var wakeDescriptor: Int32? { source.wakeDescriptor }
}

/// The consumer: one thread that sleeps on the producers' wake-up eventfds and drains every
/// stream whose sub-buffers complete. It never blocks the control plane, and apps never wait
/// on it (discard mode).
public final class Consumer: Sendable {
    private let streams = Mutex<[ObjectIdentifier: any ConsumedStream]>([:])
    /// Wakes the thread when the set of streams changes.
    private let controlFD: Int32
    private let logger: Logger

    /// A consumer whose thread is not started yet; it logs write failures to `logger`.
    public init(logger: Logger) throws(SystemError) {
        controlFD = try EventFD.make()
        self.logger = logger
    }

    /// Starts the consumer thread.
    public func start() {
        DetachedThread.start { [self] in run() }
    }

    /// Serves `stream` from the next round on.
    public func add(_ stream: some ConsumedStream) {
        streams.withLock { $0[ObjectIdentifier(stream)] = stream }
        EventFD.signal(controlFD)
    }

    /// Stops serving `stream`; a drain under way finishes first.
    public func remove(_ stream: some ConsumedStream) {
        _ = streams.withLock { $0.removeValue(forKey: ObjectIdentifier(stream)) }
        EventFD.signal(controlFD)
    }

    /// The longest the thread sleeps: a safety net, so that a wake-up lost to a producer killed
    /// between its commit and its signal is found on the next round.
    static let idlePeriod: UInt64 = 250_000_000

    private func run() {
        var timeout = Self.idlePeriod
        var descriptors = PollSet()
        // Streams whose last drain failed: a failure is logged once, not on every round (a full
        // disk fails every write until space comes back), and its end is logged too.
        var failing = Set<ObjectIdentifier>()
        while true {
            let current = streams.withLock { Array($0.values) }
            descriptors.set(CollectionOfOne(controlFD) + current.compactMap(\.wakeDescriptor))
            descriptors.wait(timeoutMilliseconds: Int32(max(1, timeout / 1_000_000)))
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
                    if failing.remove(ObjectIdentifier(stream)) != nil {
                        logger.info("stream \(stream.dataPath) is written again")
                    }
                } catch {
                    if failing.insert(ObjectIdentifier(stream)).inserted {
                        logger.error("cannot write stream \(stream.dataPath): \(error)")
                    }
                }
            }
            // A stream removed while failing is forgotten with it.
            if !failing.isEmpty { failing.formIntersection(current.map { ObjectIdentifier($0) }) }
            timeout = nextDeadline > now ? nextDeadline - now : 1_000_000
        }
    }
}
