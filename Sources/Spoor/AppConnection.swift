import SpoorModel
import SpoorPosix
import SpoorWire
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The tracer's background thread: registers with the session daemon and applies what the
/// daemon says. It never blocks an app thread; a daemon that dies or hangs only makes
/// tracepoints stop recording.
enum AppConnection {
    private static let started = Atomic<Bool>(false)
    /// Posted once the first registration is complete or has failed.
    nonisolated(unsafe) private static var ready = sem_t()

    static func startOnce() {
        guard !started.exchange(true, ordering: .relaxed) else { return }
        ProcessContext.capture()
        sem_init(&ready, 0, 0)
        guard DetachedThread.start({ AppConnection.run() }) else { return }
        let environment = ProcessEnvironment.current
        let timeout = environment["SPOOR_REGISTER_TIMEOUT"].flatMap(Int.init) ?? 3000
        guard timeout > 0 else { return }
        var deadline = timespec()
        clock_gettime(CLOCK_REALTIME, &deadline)
        deadline.tv_sec += timeout / 1000
        deadline.tv_nsec += (timeout % 1000) * 1_000_000
        if deadline.tv_nsec >= 1_000_000_000 {
            deadline.tv_sec += 1
            deadline.tv_nsec -= 1_000_000_000
        }
        while sem_timedwait(&ready, &deadline) != 0 && errno == EINTR {}
    }

    private static func run() {
        let paths = SpoorPaths()
        var isFirstAttempt = true
        while true {
            if let socket = try? UnixSocket.connect(to: paths.appSocket, kind: .sequencedPacket) {
                session(on: socket, isFirst: isFirstAttempt)
                TracerRuntime.shared.disconnected()
            }
            if isFirstAttempt {
                isFirstAttempt = false
                sem_post(&ready)
            }
            // No daemon (yet): look again soon, so an app started first registers promptly.
            Spawn.pause(milliseconds: 200)
        }
    }

    /// Registers and serves one daemon connection until it ends.
    private static func session(on socket: UnixSocket, isFirst: Bool) {
        // A daemon that stops reading must not block an app thread declaring a tracepoint.
        socket.setSendTimeout(milliseconds: 100)
        let registration = TracerRuntime.shared.connected(socket) { events in
            AppRegistration(
                pid: getpid(), uid: getuid(), gid: getgid(), processName: processName(),
                bitWidth: UInt8(MemoryLayout<Int>.size * 8), events: events)
        }
        guard (try? socket.sendPacket(registration)) != nil else { return }
        var signalled = false
        defer {
            if isFirst && !signalled { sem_post(&ready) }
        }
        // Wakes up now and then to report dropped notifications that no later one reported.
        socket.setReceiveTimeout(milliseconds: Self.discardReportPeriodMilliseconds)
        while true {
            let packet: (bytes: [UInt8], fds: [Int32])
            do {
                guard let received = try socket.receivePacket() else { return }
                packet = received
            } catch where error.errno == EAGAIN || error.errno == EWOULDBLOCK || error.errno == EINTR {
                reportDiscardedNotifications(on: socket)
                continue
            } catch {
                return
            }
            guard let message = try? DaemonMessage.decode(packet.bytes) else {
                for fd in packet.fds { close(fd) }
                return  // A daemon we cannot understand: drop it and try again later.
            }
            switch message {
            case .addStream(let channelKey, let cpu, let streamCount):
                TracerRuntime.shared.addStream(channelKey: channelKey, cpu: cpu, streamCount: streamCount, fds: packet.fds)
            case .removeChannel(let channelKey):
                TracerRuntime.shared.removeChannel(channelKey)
            case .setDestinations(let entries):
                TracerRuntime.shared.setDestinations(entries)
            case .setNotifiers(let entries):
                TracerRuntime.shared.setNotifiers(entries)
            case .setChannelContexts(let channelKey, let contexts, let namedContexts):
                TracerRuntime.shared.setChannelContexts(
                    channelKey, codes: contexts, namedContexts: namedContexts)
            case .statedump(let channelKeys):
                // Recorded here, in order: a `synchronize` sent after it is answered once it is recorded.
                Statedump.dump(into: Set(channelKeys))
            case .synchronize(let token):
                // So that a command's effects include the drops so far.
                reportDiscardedNotifications(on: socket)
                // Messages are applied in order: everything before this one is in effect.
                _ = try? socket.sendPacket(AppMessage.acknowledge(token: token).wireBytes)
            case .registrationDone:
                if isFirst && !signalled {
                    signalled = true
                    sem_post(&ready)
                }
            }
            if case .addStream = message {} else { for fd in packet.fds { close(fd) } }
        }
    }

    /// How often the control thread reports dropped notifications when nothing else happens.
    static let discardReportPeriodMilliseconds = 1000

    /// Tells the daemon how many notifications of each trigger were dropped and not reported
    /// with a later notification. Counts that cannot be sent are lost with the connection.
    private static func reportDiscardedNotifications(on socket: UnixSocket) {
        for (token, count) in TracerRuntime.shared.takeDiscardedNotifications() {
            _ = try? socket.sendPacket(AppMessage.notificationsDiscarded(token: token, count: count).wireBytes)
        }
    }

    /// The process name as the kernel keeps it (`/proc/self/comm`, at most 15 bytes).
    static func processName() -> String {
        let text = (try? FileSystem.readText("/proc/self/comm")) ?? "unknown"
        return String(text.prefix(while: { $0 != "\n" }))
    }
}
