import SpoorModel
import SpoorPosix
import SpoorWire
import Synchronization

/// A registered instrumented process. Its mutable parts change only under the daemon's mutex,
/// except `acknowledged`, which the app's own thread updates.
final class AppRecord: @unchecked Sendable {
    /// The latest `synchronize` token the app answered.
    let acknowledged = Atomic<UInt64>(0)

    let pid: Int32
    let uid: UInt32
    let gid: UInt32
    let processName: String
    /// Registration time, seconds since the epoch: per-PID trace directories are named after it.
    let registrationTime = Clock.unixSeconds
    var events: [EventDescriptor]
    let socket: UnixSocket
    /// Channel keys whose streams this app has mapped.
    var mappedChannels: Set<UInt64> = []
    /// The notifiers last sent to this app (`DaemonMessage.setNotifiers`), nil before the first.
    var sentNotifiers: [EventNotifiers]?

    init(registration: AppRegistration, pid: Int32, uid: UInt32, gid: UInt32, socket: UnixSocket) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
        self.processName = registration.processName
        self.events = registration.events
        self.socket = socket
    }

    /// Sends a message; a failure means the app is gone or stuck, and it is dropped.
    func send(_ message: DaemonMessage, fds: [Int32] = []) -> Bool {
        do {
            try socket.sendPacket(message.wireBytes, fds: fds)
            return true
        } catch {
            socket.shutdown()
            return false
        }
    }
}
