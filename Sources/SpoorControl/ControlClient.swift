import SpoorModel
import SpoorPosix
import SpoorWire

/// The client side of the session daemon's control socket: what `spoor` and programs use,
/// like liblttng-ctl.
public struct ControlClient: Sendable {
    public var paths: SpoorPaths

    public init(paths: SpoorPaths = SpoorPaths()) {
        self.paths = paths
    }

    /// Connects to the daemon of these paths.
    ///
    /// When none runs and `autoStart` is set, starts `spoor-sessiond --daemonize` (found through
    /// `SPOOR_SESSIOND_PATH`, next to this executable, or on `PATH`), calls `onSpawn` so the
    /// caller can say so, and connects once it is ready.
    public func connect(
        autoStart: Bool = true, onSpawn: (String) -> Void = { _ in }
    ) throws(SpoorError) -> ControlConnection {
        if let socket = try? UnixSocket.connect(to: paths.controlSocket, kind: .stream) {
            return ControlConnection(socket: socket)
        }
        guard autoStart else {
            throw SpoorError(.unknown, "No session daemon is available (\(paths.controlSocket))")
        }
        let environment = ProcessEnvironment.current
        guard let daemon = environment["SPOOR_SESSIOND_PATH"] ?? Spawn.locate("spoor-sessiond", environment: environment)
        else {
            throw SpoorError(.unknown, "Cannot find spoor-sessiond: put it on PATH or set SPOOR_SESSIOND_PATH")
        }
        onSpawn(daemon)
        let status: Int32
        do {
            let pid = try Spawn.detached(daemon, ["--daemonize"])
            status = Self.waitForExit(pid)
        } catch {
            throw SpoorError(.unknown, "Cannot start \(daemon): \(error)")
        }
        guard status == 0 else {
            throw SpoorError(.unknown, "The session daemon failed to start; see \(paths.logFile)")
        }
        do throws(SystemError) {
            return ControlConnection(socket: try UnixSocket.connect(to: paths.controlSocket, kind: .stream))
        } catch {
            throw SpoorError(
                .unknown, "The session daemon started but does not answer: \(error)", cause: SpoorError.Cause(error))
        }
    }

    /// Connects, sends one request and returns the reply, turning a daemon error into a throw.
    public func request(_ request: ControlRequest, autoStart: Bool = true, onSpawn: (String) -> Void = { _ in })
        throws(SpoorError) -> ControlReply
    {
        let connection = try connect(autoStart: autoStart, onSpawn: onSpawn)
        defer { connection.close() }
        return try connection.send(request)
    }

    private static func waitForExit(_ pid: Int32) -> Int32 {
        // `--daemonize` returns once the daemon listens; bounded so a stuck start is reported.
        for _ in 0..<3000 {
            if let status = Spawn.reapIfExited(pid) { return status }
            Spawn.pause(milliseconds: 10)
        }
        return -1
    }
}

/// One connection to the control socket; requests are answered in order.
public final class ControlConnection: @unchecked Sendable {
    let socket: UnixSocket

    init(socket: UnixSocket) {
        self.socket = socket
    }

    /// Sends `request` and waits for its reply; a daemon-side error is thrown.
    public func send(_ request: ControlRequest) throws(SpoorError) -> ControlReply {
        let frame: [UInt8]?
        do throws(SystemError) {
            try socket.sendFrame(request.wireBytes)
            frame = try socket.receiveFrame()
        } catch {
            throw SpoorError(
                .protocolError, "Lost the connection to the session daemon: \(error)", cause: SpoorError.Cause(error))
        }
        guard let frame else {
            throw SpoorError(.protocolError, "The session daemon closed the connection")
        }
        let reply: ControlReply
        do {
            reply = try ControlReply.decode(frame)
        } catch {
            throw SpoorError(.protocolError, "Unreadable reply from the session daemon: \(error)")
        }
        if case .error(let error) = reply { throw error }
        return reply
    }

    public func close() { socket.close() }
}

extension SpoorError.Cause {
    /// The cause a failed system call gives: its operation and errno, kept for machine output.
    public init(_ error: SystemError) {
        self.init(operation: error.operation, errno: error.errno)
    }
}
