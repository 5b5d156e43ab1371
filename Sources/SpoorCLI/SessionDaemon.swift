import SpoorControl
import SpoorModel
import SpoorWire

#if canImport(Glibc)
import Glibc
#endif

/// The session daemon as the commands see it: one request, one reply.
protocol SessionDaemon {
    /// Sends `request`; `autoStart` lets the call start a daemon when none runs (only
    /// `create` asks for that, as in lttng).
    func request(_ request: ControlRequest, autoStart: Bool) throws(SpoorError) -> ControlReply
    /// Subscribes, calls `onSubscribed`, then calls `receive` with each notification until it
    /// returns false or the daemon goes away.
    func receiveNotifications(
        _ subscription: NotificationSubscription, onSubscribed: () -> Void, _ receive: (TriggerNotification) -> Bool
    ) throws(SpoorError)
}

extension SessionDaemon {
    func request(_ request: ControlRequest) throws(SpoorError) -> ControlReply {
        try self.request(request, autoStart: false)
    }
}

/// The session daemon reached through its control socket.
struct ControlSocketDaemon: SessionDaemon {
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
