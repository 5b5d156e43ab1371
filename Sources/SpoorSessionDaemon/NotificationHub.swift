import SpoorModel
import SpoorPosix
import SpoorSessionCore
import SpoorWire
import Synchronization


/// The subscribers of trigger notifications, and the queue of each.
///
/// Publishing never blocks. When a subscriber has nothing queued and its thread is not
/// writing, the publisher writes the notification to its socket itself, without waiting
/// (`MSG_DONTWAIT`): that saves waking the subscriber's thread, the latency of one thread
/// switch. Otherwise it appends to the subscriber's bounded queue (or counts the notification
/// as dropped when the queue is full) and wakes the subscriber's own thread, which writes to
/// its socket. A subscriber that stops reading loses notifications, which the next one it
/// receives counts; one that goes away is forgotten.
final class NotificationHub: Sendable {
    /// Notifications a subscriber may have waiting before new ones are dropped.
    static let queueCapacity = 4096

    private struct Subscriber {
        let uid: UInt32
        let subscription: NotificationSubscription
        /// Written to wake the subscriber's thread.
        let wakeFD: Int32
        /// The subscriber's socket, for the publisher's direct writes.
        let socketFD: Int32
        var queue: [TriggerNotification] = []
        var dropped: UInt64 = 0
        /// The end of a frame a direct write could not finish: the subscriber's thread sends
        /// it before anything else.
        var unsent: [UInt8] = []
        /// Whether the subscriber's thread is writing: then nobody else may.
        var isSending = false
    }

    private let subscribers = Mutex<[UInt64: Subscriber]>([:])
    /// How long a subscriber that stopped reading may block its thread before it is dropped.
    private let sendTimeout: Duration

    init(sendTimeout: Duration = DaemonTimeouts.standard.subscriberSend) {
        self.sendTimeout = sendTimeout
    }
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
                if subscriber.queue.isEmpty && subscriber.unsent.isEmpty && !subscriber.isSending {
                    var direct = notification
                    direct.droppedBefore = subscriber.dropped
                    let frame = ControlReply.notification(direct).wireBytes
                    switch Self.sendWithoutWaiting(frame, to: subscriber.socketFD) {
                    case .sent:
                        subscriber.dropped = 0
                        subscribers[id] = subscriber
                        continue
                    case .partly(let rest):
                        subscriber.dropped = 0
                        subscriber.unsent = rest
                    case .notAtAll:
                        subscriber.queue.append(notification)
                    }
                } else if subscriber.queue.count < Self.queueCapacity {
                    subscriber.queue.append(notification)
                } else {
                    subscriber.dropped += 1
                }
                subscribers[id] = subscriber
                EventFD.signal(subscriber.wakeFD)
            }
        }
    }

    private enum DirectSend {
        case sent, partly(rest: [UInt8]), notAtAll
    }

    /// Writes one frame (length, then payload) to a subscriber's socket without waiting.
    private static func sendWithoutWaiting(_ payload: [UInt8], to fd: Int32) -> DirectSend {
        var frame: [UInt8] = []
        frame.reserveCapacity(payload.count + 4)
        withUnsafeBytes(of: UInt32(payload.count).littleEndian) { frame.append(contentsOf: $0) }
        frame.append(contentsOf: payload)
        let sent = Readiness.sendWithoutWaiting(frame, to: fd)
        if sent == frame.count { return .sent }
        if sent <= 0 { return .notAtAll }
        return .partly(rest: Array(frame[sent...]))
    }

    /// A subscriber sees the notifications of its own triggers; root's, those of every user.
    private static func receives(_ subscriber: Subscriber, trigger: String, ownerUID: UInt32) -> Bool {
        Credentials(uid: subscriber.uid).mayAccess(ownedBy: ownerUID)
            && subscriber.subscription.includes(trigger: trigger)
    }

    /// Serves one subscriber on the calling thread until it goes away: sends what is queued for
    /// it, one `ControlReply.notification` frame each.
    func serve(_ socket: UnixSocket, uid: UInt32, subscription: NotificationSubscription) {
        guard let wakeFD = try? EventFD.make() else { return }
        defer { EventFD.close(wakeFD) }
        let id = nextID.add(1, ordering: .relaxed).oldValue
        subscribers.withLock {
            $0[id] = Subscriber(uid: uid, subscription: subscription, wakeFD: wakeFD, socketFD: socket.fd)
        }
        defer { _ = subscribers.withLock { $0.removeValue(forKey: id) } }
        // A subscriber that stops reading for this long is dropped: the daemon's thread is its own.
        socket.setSendTimeout(milliseconds: sendTimeout.wholeMilliseconds)
        while true {
            guard let ready = Readiness.waitForInput([socket.fd, wakeFD]) else { return }
            // A subscriber only listens: anything it sends, or its hanging up, ends it.
            if ready[0] { return }
            EventFD.drain(wakeFD)
            // Take everything queued, and the right to write, until it is sent.
            let (unsent, pending, dropped) = subscribers.withLock {
                subscribers -> ([UInt8], [TriggerNotification], UInt64) in
                guard var subscriber = subscribers[id] else { return ([], [], 0) }
                defer { subscribers[id] = subscriber }
                let taken = (subscriber.unsent, subscriber.queue, subscriber.dropped)
                subscriber.unsent = []
                subscriber.queue = []
                subscriber.dropped = 0
                subscriber.isSending = true
                return taken
            }
            defer { subscribers.withLock { $0[id]?.isSending = false } }
            if !unsent.isEmpty {
                guard (try? FileSystem.writeAll(socket.fd, unsent, path: "socket")) != nil else { return }
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
