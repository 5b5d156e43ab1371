import SpoorModel
import SpoorTestSupport
import SpoorWire

@testable import SpoorCLI

#if canImport(Glibc)
import Glibc
#endif

/// A session daemon that answers from a script and remembers what it was asked.
final class ScriptedDaemon: DaemonConnection {
    private(set) var requests: [ControlRequest] = []
    private(set) var autoStartFlags: [Bool] = []
    var answer: (ControlRequest) throws(SpoorError) -> ControlReply

    init(answer: @escaping (ControlRequest) throws(SpoorError) -> ControlReply = { _ in .ok }) {
        self.answer = answer
    }

    func request(_ request: ControlRequest, autoStart: Bool) throws(SpoorError) -> ControlReply {
        requests.append(request)
        autoStartFlags.append(autoStart)
        return try answer(request)
    }

    /// What a subscription receives: these notifications, then the end of the stream.
    var notifications: [TriggerNotification] = []
    private(set) var subscriptions: [NotificationSubscription] = []

    func receiveNotifications(
        _ subscription: NotificationSubscription, onSubscribed: () -> Void, _ receive: (TriggerNotification) -> Bool
    ) throws(SpoorError) {
        subscriptions.append(subscription)
        _ = try answer(.subscribeNotifications(subscription))
        onSubscribed()
        for notification in notifications {
            guard receive(notification) else { return }
        }
    }
}

/// A trace renderer that prints fixed lines or fails.
struct FixedTraceRenderer: TraceRendering {
    var lines: [String] = []
    var problem: String?

    func render(path: String, line: (String) -> Void) -> String? {
        if let problem { return problem }
        lines.forEach(line)
        return nil
    }
}

/// A viewer launcher that records the command line instead of running it.
final class RecordingViewerLauncher: ExternalViewerLauncher {
    private(set) var commandLines: [[String]] = []
    var failure: Int32 = ENOENT

    func exec(_ arguments: [String]) -> Int32 {
        commandLines.append(arguments)
        return failure
    }
}

/// What one `spoor` run printed and returned.
struct SpoorRun {
    var status: CommandStatus
    var standardOutput: String
    var standardError: String
    /// Both streams in the order they were written.
    var combined: String
}

/// Runs `spoor` in-process against a scripted daemon and a temporary `SPOOR_HOME`.
struct SpoorHarness {
    let home = TemporaryDirectory()
    var daemon = ScriptedDaemon()
    var renderer = FixedTraceRenderer()
    var viewerLauncher = RecordingViewerLauncher()
    var pageSize: UInt64 = 4096
    var isOutputTerminal = false
    /// Successive readings of the monotonic clock, in milliseconds.
    var clockMilliseconds: [UInt64] = []
    /// Where `save` and `load` find session files; nowhere unless a test says.
    var sessionFileLocations = SessionFileLocations(
        userDirectory: "/nonexistent/spoor-test/user", systemDirectory: "/nonexistent/spoor-test/system")

    var configFile: String { home.file(".spoorrc") }

    func setCurrentSession(_ name: String) { home.write("session=\(name)\n", to: ".spoorrc") }

    func run(_ arguments: String...) -> SpoorRun { run(arguments) }

    func run(_ arguments: [String]) -> SpoorRun {
        let transcript = ConsoleTranscript()
        var readings = clockMilliseconds
        let status = CLIDriver.run(
            arguments,
            makeConsole: { transcript.console(isQuiet: $0) },
            makeContext: { options, console in
                CommandContext(
                    console: console,
                    options: options,
                    daemon: daemon,
                    currentSession: CurrentSessionFile(path: configFile),
                    pageSize: pageSize,
                    monotonicNanoseconds: { (readings.isEmpty ? 0 : readings.removeFirst()) * 1_000_000 },
                    absolutePath: { $0.hasPrefix("/") ? $0 : "/work/dir/" + $0 },
                    isOutputTerminal: isOutputTerminal,
                    traceRenderer: renderer,
                    externalViewer: viewerLauncher,
                    sessionFileLocations: sessionFileLocations)
            })
        return SpoorRun(
            status: status, standardOutput: transcript.standardOutput, standardError: transcript.standardError,
            combined: transcript.combined)
    }
}

/// Model values that reproduce the sessions of the LTTng transcripts.
enum Fixtures {
    static func summary(_ name: String, _ path: String, isActive: Bool = false) -> SessionSummary {
        SessionSummary(name: name, outputPath: path, isActive: isActive, creationTime: 0)
    }

    static func channel(
        _ name: String, rules: [EventRule] = [], isEnabled: Bool = true, discarded: UInt64 = 0,
        _ adjust: (inout ChannelAttributes) -> Void = { _ in }
    ) -> ChannelInfo {
        var attributes = ChannelAttributes(name: name)
        adjust(&attributes)
        return ChannelInfo(attributes: attributes, isEnabled: isEnabled, rules: rules, discardedEventCount: discarded)
    }
}
