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
        var thread = pthread_t()
        let box = Unmanaged.passRetained(self)
        pthread_create(&thread, nil, { argument in
            let consumer = Unmanaged<Consumer>.fromOpaque(argument!).takeRetainedValue()
            consumer.run()
            return nil
        }, box.toOpaque())
        pthread_detach(thread)
    }

    public func add(_ stream: StreamConsumer) {
        streams.withLock { $0[ObjectIdentifier(stream)] = stream }
        EventFD.signal(controlFD)
    }

    public func remove(_ stream: StreamConsumer) {
        _ = streams.withLock { $0.removeValue(forKey: ObjectIdentifier(stream)) }
        EventFD.signal(controlFD)
    }

    private func run() {
        while true {
            let current = streams.withLock { Array($0.values) }
            var descriptors = [pollfd(fd: controlFD, events: Int16(POLLIN), revents: 0)]
            descriptors += current.map { pollfd(fd: $0.wakeFD, events: Int16(POLLIN), revents: 0) }
            // The timeout is a safety net: a wake-up lost to a producer killed between its commit
            // and its signal is found on the next round.
            _ = poll(&descriptors, nfds_t(descriptors.count), 250)
            EventFD.drain(controlFD)
            for (index, stream) in current.enumerated() {
                if descriptors[index + 1].revents != 0 { EventFD.drain(stream.wakeFD) }
                do {
                    try stream.drain()
                } catch {
                    logger.error("cannot write stream \(stream.dataPath): \(error)")
                }
            }
        }
    }
}
