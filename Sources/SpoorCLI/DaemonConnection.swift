import SpoorControl
import SpoorModel
import SpoorWire

#if canImport(Glibc)
import Glibc
#endif

/// The session daemon as the commands see it: the typed calls of `ControlTransport`, and the
/// notification stream. (The daemon itself is `SpoorSessionDaemon.SessionDaemon`.)
protocol DaemonConnection: ControlTransport {
    /// Subscribes, calls `onSubscribed`, then calls `receive` with each notification until it
    /// returns false or the daemon goes away.
    func receiveNotifications(
        _ subscription: NotificationSubscription, onSubscribed: () -> Void, _ receive: (TriggerNotification) -> Bool
    ) throws(SpoorError)
}

extension DaemonConnection {
    func request(_ request: ControlRequest) throws(SpoorError) -> ControlReply {
        try self.request(request, autoStart: false)
    }
}

/// The session daemon reached through its control socket.
struct ControlSocketDaemon: DaemonConnection {
    var client: ControlClient
    /// `--no-sessiond` clears this.
    var isSpawnAllowed: Bool
    var console: Console

    func request(_ request: ControlRequest, autoStart: Bool) throws(SpoorError) -> ControlReply {
        var missingDaemon: String?
        do {
            return try client.request(request, autoStart: autoStart && isSpawnAllowed) { daemon in
                // lttng checks the binary before it says it spawns it (`launch_sessiond()`).
                guard access(daemon, X_OK) == 0 else {
                    missingDaemon = daemon
                    return
                }
                console.message("Spawning a session daemon")
                console.flush()
            }
        } catch {
            if let missingDaemon { throw SpoorError(.unknown, "No such file or access denied: \(missingDaemon)") }
            throw error
        }
    }

    func receiveNotifications(
        _ subscription: NotificationSubscription, onSubscribed: () -> Void, _ receive: (TriggerNotification) -> Bool
    ) throws(SpoorError) {
        try client.receiveNotifications(subscription, onSubscribed: onSubscribed, receive)
    }
}
