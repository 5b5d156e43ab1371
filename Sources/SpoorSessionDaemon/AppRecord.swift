import SpoorModel
import SpoorPosix
import SpoorSessionCore
import SpoorWire
import Synchronization

/// A registered instrumented process. What the registry decides about it (its events, the
/// channels it maps, the notifiers it was sent) changes under the daemon's mutex and sits
/// behind a lock of its own, so that the compiler checks every access; `acknowledged`, which
/// the app's own thread updates, the outbox and `isGone` have locks and atomics of their own.
final class AppRecord: OwnedByUser, Sendable {
    /// What the registry changes about the app.
    private struct Registered {
        var events: [EventDescriptor]
        var mappedChannels: Set<UInt64> = []
        var sentNotifiers: [EventNotifiers]?
    }

    /// The latest `synchronize` token the app answered.
    let acknowledged = Atomic<UInt64>(0)

    let pid: Int32
    let uid: UInt32
    /// The app's user: it owns the app (`AppRegistry`).
    var ownerUID: UInt32 { uid }
    let gid: UInt32
    let processName: String
    /// Registration time, seconds since the epoch: per-PID trace directories are named after it.
    let registrationTime = Clock.unixSeconds
    let socket: UnixSocket
    /// Never contended: the registry lock is held around every access.
    private let registered: Mutex<Registered>

    /// The app's tracepoints, in the order it declared them.
    var events: [EventDescriptor] {
        get { registered.withLock { $0.events } }
        set { registered.withLock { $0.events = newValue } }
    }

    /// Channel keys whose streams this app has mapped.
    var mappedChannels: Set<UInt64> {
        get { registered.withLock { $0.mappedChannels } }
        set { registered.withLock { $0.mappedChannels = newValue } }
    }

    /// The notifiers last sent to this app (`DaemonMessage.setNotifiers`), nil before the first.
    var sentNotifiers: [EventNotifiers]? {
        get { registered.withLock { $0.sentNotifiers } }
        set { registered.withLock { $0.sentNotifiers = newValue } }
    }

    /// Set once a send failed or the app unregistered: nothing more is queued or sent.
    let isGone = Atomic<Bool>(false)
    /// Messages queued under the registry lock, each with its own copies of the descriptors
    /// it carries, sent in order by ``flush()`` outside the lock.
    private let outbox = Mutex<[(bytes: [UInt8], fds: [Int32])]>([])
    /// Held while sending, so that messages leave in the order they were queued and the
    /// socket is not closed under a send.
    private let sending = Mutex(())

    init(registration: AppRegistration, pid: Int32, uid: UInt32, gid: UInt32, socket: UnixSocket) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
        self.processName = registration.processName
        registered = Mutex(Registered(events: registration.events))
        self.socket = socket
    }

    /// Queues a message for ``flush()``: called under the registry lock, it never blocks on
    /// the app. False when the app is gone; a send that fails later drops the app then.
    func send(_ message: DaemonMessage, fds: [Int32] = []) -> Bool {
        guard !isGone.load(ordering: .acquiring) else { return false }
        // Copies: the buffers may be closed (a session destroyed) before the message leaves.
        var copies: [Int32] = []
        for fd in fds {
            guard let copy = Descriptor.duplicate(fd) else {
                for copy in copies { Descriptor.close(copy) }
                return false
            }
            copies.append(copy)
        }
        outbox.withLock { $0.append((message.wireBytes, copies)) }
        return true
    }

    /// Whether messages wait for ``flush()``.
    var hasQueuedMessages: Bool { outbox.withLock { !$0.isEmpty } }

    /// Sends the queued messages in order, waiting at most the socket's send timeout for
    /// each; never called with the registry lock held.
    func flush() {
        sending.withLock { _ in
            while let next = outbox.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
                defer { for fd in next.fds { Descriptor.close(fd) } }
                guard !isGone.load(ordering: .acquiring) else { continue }
                do {
                    try socket.sendPacket(next.bytes, fds: next.fds)
                } catch {
                    // Gone or stuck: it is dropped, and its thread unregisters it.
                    isGone.store(true, ordering: .releasing)
                    socket.shutdown()
                }
            }
        }
    }

    /// The app unregistered: drops what is queued and closes the socket, once no send is
    /// under way.
    func close() {
        isGone.store(true, ordering: .releasing)
        flush()
        sending.withLock { _ in socket.close() }
    }
}
