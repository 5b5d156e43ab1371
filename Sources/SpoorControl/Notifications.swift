import SpoorModel
import SpoorPosix
import SpoorWire

#if canImport(Glibc)
import Glibc
#endif

extension ControlClient {
    /// Subscribes to the notifications of triggers with a `notify` action: those named in
    /// `subscription`, or all of the caller's (every user's for root).
    ///
    /// ```swift
    /// for try await notification in try ControlClient().notifications() {
    ///     if case .eventRuleMatched(let captures) = notification.evaluation { print(captures) }
    /// }
    /// ```
    /// The sequence ends when the daemon goes away, and stops reading when the task iterating
    /// it is cancelled. Each notification says how many before it were dropped because the
    /// subscriber did not keep up (`droppedBefore`); the daemon never waits for a subscriber.
    public func notifications(_ subscription: NotificationSubscription = NotificationSubscription())
        throws(SpoorError) -> TriggerNotifications
    {
        let connection = try connect(autoStart: false)
        do {
            _ = try connection.send(.subscribeNotifications(subscription))
        } catch {
            connection.close()
            throw error
        }
        return TriggerNotifications(connection: connection)
    }

    /// Subscribes as `notifications(_:)` does and calls `receive` with each notification, on
    /// the calling thread, until it returns false or the daemon goes away.
    /// `onSubscribed` runs once the daemon has the subscription.
    public func receiveNotifications(
        _ subscription: NotificationSubscription = NotificationSubscription(), onSubscribed: () -> Void = {},
        _ receive: (TriggerNotification) -> Bool
    ) throws(SpoorError) {
        let connection = try connect(autoStart: false)
        defer { connection.close() }
        _ = try connection.send(.subscribeNotifications(subscription))
        onSubscribed()
        while let notification = try connection.nextNotification() {
            guard receive(notification) else { return }
        }
    }
}

extension ControlConnection {
    /// The next notification of a subscribed connection; nil once the daemon closed it.
    func nextNotification() throws(SpoorError) -> TriggerNotification? {
        let frame: [UInt8]?
        do {
            frame = try socket.receiveFrame()
        } catch {
            throw SpoorError(.protocolError, "Lost the session daemon: \(error)")
        }
        guard let frame else { return nil }
        let reply: ControlReply
        do {
            reply = try ControlReply.decode(frame)
        } catch {
            throw SpoorError(.protocolError, "Unreadable notification: \(error)")
        }
        guard case .notification(let notification) = reply else {
            throw SpoorError(.protocolError, "Unexpected reply in a subscription")
        }
        return notification
    }
}

/// The notifications a subscription receives, in the order the daemon sent them.
public struct TriggerNotifications: AsyncSequence, Sendable {
    public typealias Element = TriggerNotification

    private let stream: AsyncThrowingStream<TriggerNotification, any Error>

    init(connection: ControlConnection) {
        let (stream, continuation) = AsyncThrowingStream.makeStream(
            of: TriggerNotification.self, throwing: (any Error).self, bufferingPolicy: .unbounded)
        self.stream = stream
        // Shutting the socket down wakes the reader thread, which then finishes.
        continuation.onTermination = { _ in connection.socket.shutdown() }
        let started = DetachedThread.start {
            defer { connection.close() }
            do {
                while let notification = try connection.nextNotification() { continuation.yield(notification) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        if !started {
            connection.close()
            continuation.finish(throwing: SpoorError(.unknown, "Cannot start a thread to read notifications"))
        }
    }

    public func makeAsyncIterator() -> AsyncThrowingStream<TriggerNotification, any Error>.AsyncIterator {
        stream.makeAsyncIterator()
    }
}
