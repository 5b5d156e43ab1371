import CSpoorShims
import SpoorModel
import SpoorPosix
import SpoorWire
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The subscribers of trigger notifications, and the queue of each.
///
/// Publishing never blocks: it appends to a subscriber's bounded queue (or counts the
/// notification as dropped when the queue is full) and wakes the subscriber's own thread,
/// which writes to its socket. A subscriber that stops reading loses notifications, which the
/// next one it receives counts; one that goes away is forgotten.
final class NotificationHub: Sendable {
    /// Notifications a subscriber may have waiting before new ones are dropped.
    static let queueCapacity = 4096

    private struct Subscriber {
        let uid: UInt32
        let subscription: NotificationSubscription
        /// Written to wake the subscriber's thread.
        let wakeFD: Int32
        var queue: [TriggerNotification] = []
        var dropped: UInt64 = 0
    }

    private let subscribers = Mutex<[UInt64: Subscriber]>([:])
    private let nextID = Atomic<UInt64>(1)

    /// Whether some subscriber would receive the notifications of this trigger.
    func hasSubscriber(for trigger: String, ownerUID: UInt32) -> Bool {
        subscribers.withLock { subscribers in
            subscribers.values.contains { Self.receives($0, trigger: trigger, ownerUID: ownerUID) }
        }
    }

    /// Queues `notification` for every subscriber that asked for it; never blocks.
    func publish(_ notification: TriggerNotification) {
        subscribers.withLock { subscribers in
            for (id, var subscriber) in subscribers
            where Self.receives(subscriber, trigger: notification.trigger, ownerUID: notification.ownerUID) {
                if subscriber.queue.count < Self.queueCapacity {
                    subscriber.queue.append(notification)
                } else {
                    subscriber.dropped += 1
                }
                subscribers[id] = subscriber
                cspoor_wake(subscriber.wakeFD)
            }
        }
    }

    /// A subscriber sees the notifications of its own triggers; root's, those of every user.
    private static func receives(_ subscriber: Subscriber, trigger: String, ownerUID: UInt32) -> Bool {
        (subscriber.uid == 0 || subscriber.uid == ownerUID) && subscriber.subscription.includes(trigger: trigger)
    }

    /// Serves one subscriber on the calling thread until it goes away: sends what is queued for
    /// it, one `ControlReply.notification` frame each.
    func serve(_ socket: UnixSocket, uid: UInt32, subscription: NotificationSubscription) {
        let wakeFD = cspoor_eventfd()
        guard wakeFD >= 0 else { return }
        defer { close(wakeFD) }
        let id = nextID.add(1, ordering: .relaxed).oldValue
        subscribers.withLock { $0[id] = Subscriber(uid: uid, subscription: subscription, wakeFD: wakeFD) }
        defer { _ = subscribers.withLock { $0.removeValue(forKey: id) } }
        // A subscriber that stops reading for this long is dropped: the daemon's thread is its own.
        socket.setSendTimeout(milliseconds: 5000)
        var descriptors = [
            pollfd(fd: socket.fd, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            descriptors[0].revents = 0
            descriptors[1].revents = 0
            let ready = poll(&descriptors, 2, -1)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { return }
            // A subscriber only listens: anything it sends, or its hanging up, ends it.
            if descriptors[0].revents != 0 { return }
            var counter: UInt64 = 0
            _ = read(wakeFD, &counter, 8)
            let (pending, dropped) = subscribers.withLock { subscribers -> ([TriggerNotification], UInt64) in
                guard var subscriber = subscribers[id] else { return ([], 0) }
                defer { subscribers[id] = subscriber }
                let taken = (subscriber.queue, subscriber.dropped)
                subscriber.queue = []
                subscriber.dropped = 0
                return taken
            }
            var droppedBefore = dropped
            for var notification in pending {
                notification.droppedBefore = droppedBefore
                droppedBefore = 0
                guard (try? socket.sendFrame(ControlReply.notification(notification).wireBytes)) != nil else { return }
            }
        }
    }
}
