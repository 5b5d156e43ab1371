import Foundation
import SpoorTestSupport
import Testing

/// A `spoor notifications` process, and the notifications it printed.
struct Subscriber {
    let child: Child

    /// Starts `spoor notifications` with `arguments` and waits until it is subscribed.
    static func start(_ sandbox: Sandbox, _ arguments: [String]) throws -> Subscriber {
        let spoor = sandbox.binaries.appendingPathComponent("spoor").path
        let child = try sandbox.spawn(spoor, ["notifications"] + arguments)
        let subscribed = waitUntil(timeout: .seconds(20)) {
            child.standardError.hasPrefix("Waiting for notifications of ")
        }
        #expect(subscribed, "spoor notifications did not subscribe: \(child.standardError)")
        return Subscriber(child: child)
    }

    /// Waits for the process to end (it does after `--count` notifications) and returns what
    /// it printed, each line decoded.
    func finish(sourceLocation: SourceLocation = #_sourceLocation) -> [[String: Any]] {
        let ended = waitUntil(timeout: .seconds(30)) { Glibc.kill(child.pid, 0) != 0 || isZombie }
        #expect(ended, "spoor notifications is still waiting: \(child.standardOutput)", sourceLocation: sourceLocation)
        if !ended { child.kill() }
        #expect(child.wait() == 0, "\(child.standardError)", sourceLocation: sourceLocation)
        return child.standardOutput.split(separator: "\n").compactMap { line in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object != nil, "not JSON: \(line)", sourceLocation: sourceLocation)
            return object
        }
    }

    /// Whether the process has exited but is not collected yet.
    private var isZombie: Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(child.pid)/stat", encoding: .utf8) else { return true }
        return status.split(separator: ")").last?.split(separator: " ").first == "Z"
    }
}

@Suite("The trigger engine: conditions fire, actions run")
struct TriggerEngineTests {
    @Test("rotation conditions notify a subscriber, and rate policies choose the firings that run an action")
    func rotationConditionsAndRatePolicies() throws {
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace").path
        try sandbox.spoorOK("create", "s", "--output=\(output)")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*")
        try sandbox.spoorOK("start")
        try sandbox.spoorOK(
            "add-trigger", "--name=ongoing", "--condition=session-rotation-ongoing", "--session=s", "--action=notify")
        try sandbox.spoorOK(
            "add-trigger", "--name=every2", "--condition=session-rotation-completed", "--session=s",
            "--action=notify", "--rate-policy=every:2")
        try sandbox.spoorOK(
            "add-trigger", "--name=third", "--condition=session-rotation-completed", "--session=s",
            "--action=notify", "--rate-policy=once-after:3")
        // A trigger of another session never fires here.
        try sandbox.spoorOK(
            "add-trigger", "--name=other", "--condition=session-rotation-ongoing", "--session=nosuch",
            "--action=notify")
        // Four rotations: 4 ongoing, completions 2 and 4 for every:2, completion 3 for once-after:3.
        let subscriber = try Subscriber.start(sandbox, ["--count", "7"])
        for _ in 0..<4 {
            #expect(try sandbox.runExample("1").status == 0)
            try sandbox.spoorOK("rotate")
        }
        let notifications = subscriber.finish()
        let byTrigger = Dictionary(grouping: notifications) { $0["trigger"] as? String ?? "" }
        #expect(byTrigger["ongoing"]?.compactMap { $0["chunk_id"] as? Int } == [0, 1, 2, 3])
        #expect(byTrigger["every2"]?.compactMap { $0["chunk_id"] as? Int } == [1, 3])
        #expect(byTrigger["third"]?.compactMap { $0["chunk_id"] as? Int } == [2])
        #expect(byTrigger["other"] == nil)
        for completed in (byTrigger["every2"] ?? []) + (byTrigger["third"] ?? []) {
            #expect(completed["condition"] as? String == "session-rotation-completed")
            #expect(completed["session"] as? String == "s")
            let archive = completed["archive_path"] as? String ?? ""
            #expect(archive.hasPrefix(output + "/archives/"))
            #expect(FileManager.default.fileExists(atPath: archive))
        }
    }

    @Test("start and stop actions act on their sessions, and failing actions are counted in list-triggers")
    func sessionActionsAndErrorCounters() throws {
        let sandbox = try Sandbox()
        try sandbox.spoorOK("create", "watched", "--output=\(sandbox.home.path)/watched")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*")
        try sandbox.spoorOK("create", "follower", "--output=\(sandbox.home.path)/follower")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*", "-s", "follower")
        try sandbox.spoorOK("start", "watched")
        // When watched rotates: start follower, stop watched, and start a session that does not exist.
        try sandbox.spoorOK(
            "add-trigger", "--name=chain", "--condition=session-rotation-completed", "--session=watched",
            "--action=start-session", "follower", "--action=stop-session", "watched", "--action=start-session",
            "nosuch")
        #expect(try sandbox.runExample("1").status == 0)
        try sandbox.spoorOK("rotate", "watched")
        #expect(
            try waitUntil(timeout: .seconds(20)) {
                try sandbox.spoorOK("list", "follower").standardOutput.contains("[active]")
            })
        #expect(try sandbox.spoorOK("list", "watched").standardOutput.contains("[inactive]"))
        let listed = try sandbox.spoorOK("list-triggers").lines
        #expect(
            listed == [
                "- name: chain", "  owner uid: \(getuid())", "  condition: session rotation completed",
                "    session name: watched", "  actions:", "    start session `follower`", "      errors: none",
                "    stop session `watched`", "      errors: none", "    start session `nosuch`", "      errors:",
                "        total execution failures: 1", "  errors: none",
            ])
        // The follower records from then on.
        #expect(try sandbox.runExample("3").status == 0)
        try sandbox.spoorOK("stop", "follower")
        let events = try sandbox.babeltrace("\(sandbox.home.path)/follower").lines.compactMap(EventLine.init)
        #expect(events.filter { $0.name == "spoor_example:all_types" }.count == 3)
    }

    @Test("a rotate-session action archives the session's chunk, once, as its rate policy says")
    func rotateAction() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace").path
        try sandbox.spoorOK("create", "s", "--output=\(output)")
        // The switch timer writes the open packet within 100 ms: the consumed size grows.
        try sandbox.spoorOK("enable-channel", "-u", "c", "--switch-timer=100000")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*", "-c", "c")
        try sandbox.spoorOK(
            "add-trigger", "--name=big", "--condition=session-consumed-size", "--session=s", "--threshold-size=1",
            "--action=rotate-session", "s", "--action=notify")
        let subscriber = try Subscriber.start(sandbox, ["--count", "1"])
        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("5").status == 0)
        #expect(subscriber.finish().first?["trigger"] as? String == "big")
        let archives = output + "/archives"
        #expect(
            waitUntil(timeout: .seconds(20)) {
                ((try? FileManager.default.contentsOfDirectory(atPath: archives)) ?? []).count == 1
            })
        try sandbox.spoorOK("stop")
        // Fired once: the consumed size stays above the threshold, so no second rotation.
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: archives)) ?? []).count == 1)
        let archive = archives + "/" + ((try? FileManager.default.contentsOfDirectory(atPath: archives))?.first ?? "")
        let events = try sandbox.babeltrace(archive).lines.compactMap(EventLine.init)
        #expect(events.filter { $0.name == "spoor_example:all_types" }.count == 5)
    }

    @Test("consumed size and buffer usage conditions fire under a real load, each when it becomes true")
    func monitoredConditions() throws {
        let sandbox = try Sandbox()
        try sandbox.spoorOK("create", "load", "--output=\(sandbox.home.path)/load")
        // Small buffers that the consumer reads only once a second: they fill up between reads.
        try sandbox.spoorOK(
            "enable-channel", "-u", "slow", "--subbuf-size=4096", "--num-subbuf=4", "--read-timer=1000000",
            "--monitor-timer=20000")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*", "-c", "slow")
        try sandbox.spoorOK(
            "add-trigger", "--name=high", "--condition=buffer-usage-high", "--session=load", "--channel=slow",
            "--threshold-ratio=0.4", "--action=notify")
        try sandbox.spoorOK(
            "add-trigger", "--name=low", "--condition=buffer-usage-low", "--session=load", "--channel=slow",
            "--threshold-ratio=0.3", "--action=notify")
        try sandbox.spoorOK(
            "add-trigger", "--name=consumed", "--condition=session-consumed-size", "--session=load",
            "--threshold-size=8192", "--action=notify")
        let subscriber = try Subscriber.start(sandbox, ["--count", "4"])
        let go = sandbox.home.appendingPathComponent("go")
        let app = try sandbox.startExample(["400", "--wait-for", go.path], pinnedToCPU: 0)
        #expect(try waitUntil(timeout: .seconds(20)) { try sandbox.isRegistered(app.processIdentifier) })
        // The buffers are empty when the session starts: low holds at the first sample.
        try sandbox.spoorOK("start", "load")
        #expect(waitUntil(timeout: .seconds(20)) { subscriber.child.standardOutput.contains("\"trigger\":\"low\"") })
        // Then the app on CPU 0 fills its stream, half the channel's two (high); the consumer
        // reads it a second later (low again), and so writes over 8 KiB (consumed).
        sandbox.touch(go)
        #expect(sandbox.wait(for: app).status == 0)
        let notifications = subscriber.finish()
        let names = notifications.compactMap { $0["trigger"] as? String }
        #expect(
            names.prefix(2) == ["low", "high"] && names.dropFirst(2).sorted() == ["consumed", "low"],
            "\(notifications)")
        let byTrigger = Dictionary(grouping: notifications) { $0["trigger"] as? String ?? "" }
        func ratio(_ notification: [String: Any]?) -> Double {
            let bytes = notification?["buffer_bytes"] as? Int ?? 0
            let capacity = notification?["buffer_capacity"] as? Int ?? 0
            return capacity > 0 ? Double(bytes) / Double(capacity) : .nan
        }
        #expect(ratio(byTrigger["high"]?.first) > 0.4)
        #expect(byTrigger["high"]?.first?["channel"] as? String == "slow")
        #expect(byTrigger["low"]?.map(ratio).allSatisfy { $0 < 0.3 } == true)
        #expect((byTrigger["consumed"]?.first?["consumed_bytes"] as? Int ?? 0) > 8192)
    }
}

#if canImport(Glibc)
import Glibc
#endif
