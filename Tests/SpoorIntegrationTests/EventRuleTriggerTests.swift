import Foundation
import SpoorTestSupport
import Testing

/// Event-rule-matches triggers fired by the example app: the daemon sends the app the triggers
/// that match its events, the app evaluates their filters and captures, and the daemon runs
/// their actions.
@Suite("Event-rule-matches triggers fire from apps", .serialized)
struct EventRuleTriggerTests {
    static let allTypes = [
        "--condition=event-rule-matches", "--type=user", "--name=spoor_example:all_types",
    ]

    /// One notification line of `spoor notifications`, parsed.
    struct Line {
        var trigger: String
        var captures: [String: Any]

        init?(_ text: String) {
            guard let data = text.data(using: .utf8),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let trigger = object["trigger"] as? String
            else { return nil }
            self.trigger = trigger
            captures = object["captures"] as? [String: Any] ?? [:]
        }
    }

    /// Starts `spoor notifications` for `triggers` (and the priming trigger), and returns once
    /// it is subscribed: a priming trigger on `spoor_example:done`, which fires once each time
    /// it is added, is added and fired until its notification reaches the subscriber. The
    /// subscriber's `--count` is `count` plus that one priming line.
    func subscribe(_ sandbox: Sandbox, to triggers: [String], count: Int) throws -> Child {
        let child = try sandbox.spawn(
            sandbox.binaries.appendingPathComponent("spoor").path,
            ["notifications", "--count", String(count + 1), "--trigger", "PRIME"]
                + triggers.flatMap { ["--trigger", $0] })
        var primed = false
        for attempt in 0..<20 where !primed {
            if attempt > 0 { try sandbox.spoorOK("remove-trigger", "PRIME") }
            try sandbox.spoorOK(
                "add-trigger", "--name=PRIME", "--condition=event-rule-matches", "--type=user",
                "--name=spoor_example:done", "--action=notify", "--rate-policy=once-after:1")
            let app = try sandbox.startExample(["0"])
            #expect(sandbox.wait(for: app).status == 0)
            // Once the app is gone, the daemon has read all it sent: the notification is out.
            #expect(try waitUntil(timeout: .seconds(10)) { try !sandbox.isRegistered(app.processIdentifier) })
            primed = waitUntil(timeout: .seconds(2)) { child.standardOutput.contains("\"trigger\":\"PRIME\"") }
        }
        try #require(primed, "spoor notifications never subscribed: \(child.standardError)")
        try sandbox.spoorOK("remove-trigger", "PRIME")
        return child
    }

    /// The notification lines of a subscriber once it printed `count` (priming included) and
    /// exited, priming left out.
    func lines(of child: Child, count: Int) throws -> [Line] {
        let complete = waitUntil(timeout: .seconds(30)) {
            child.standardOutput.filter { $0 == "\n" }.count >= count + 1
        }
        if !complete { child.kill() }
        try #require(complete, "only these notifications came: \(child.standardOutput)")
        #expect(child.wait() == 0, "spoor notifications: \(child.standardError)")
        let all = child.standardOutput.split(separator: "\n").map(String.init)
        let parsed = all.compactMap(Line.init)
        #expect(parsed.count == all.count, "unparsable lines in: \(child.standardOutput)")
        return parsed.filter { $0.trigger != "PRIME" }
    }

    @Test("a notification carries exactly the captured values of exactly the events the filter lets through")
    func capturesAndFilter() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        // A session records another event of the app: the watched one must stay out of its buffers.
        let output = sandbox.home.appendingPathComponent("trace")
        try sandbox.spoorOK("create", "s", "--output=\(output.path)")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:done")
        try sandbox.spoorOK("start")
        try sandbox.spoorAllOK(
            ["add-trigger", "--name=T"] + Self.allTypes + [
                "--filter=u8 >= 6 && flag == 1 && $app.spoor_example:parity == \"even\"",
                "--capture=i32", "--capture=text", "--capture=triple[1]",
                "--capture=$ctx.vpid", "--capture=missing", "--capture=triple[3]", "--capture=samples",
                "--capture=$app.spoor_example:iteration", "--action=notify",
            ])
        // Events 2, 4, 6 and 8 of 10: u8 = 3i, flag = i even.
        let expected = [2, 4, 6, 8]
        let child = try subscribe(sandbox, to: ["T"], count: expected.count)
        let app = try sandbox.startExample(["10"])
        let pid = app.processIdentifier
        #expect(sandbox.wait(for: app).status == 0)
        let lines = try lines(of: child, count: expected.count)
        try #require(lines.count == expected.count)
        for (line, i) in zip(lines, expected) {
            #expect(line.trigger == "T")
            #expect(line.captures.count == 8)
            #expect(line.captures["i32"] as? Int == -100_000 * i, "event \(i)")
            #expect(line.captures["text"] as? String == "event \(i)")
            #expect(line.captures["triple[1]"] as? Int == i + 1)
            #expect(line.captures["$ctx.vpid"] as? Int == Int(pid))
            #expect(line.captures["missing"] is NSNull)
            #expect(line.captures["triple[3]"] is NSNull)
            #expect(line.captures["samples"] as? [Int] == (0..<(i % 4)).map { $0 * 10 })
            #expect(line.captures["$app.spoor_example:iteration"] as? Int == i)
        }
        try sandbox.spoorOK("stop")
        let names = try sandbox.babeltrace(output.path).lines.compactMap(EventLine.init).map(\.name)
        #expect(names.contains("spoor_example:done"))
        #expect(!names.contains("spoor_example:all_types"), "a notifier-only tracepoint recorded events")
    }

    @Test("a start-session action starts a session on an event, which then records")
    func startSessionAction() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        try sandbox.spoorOK("create", "later", "--output=\(output.path)")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:all_types")
        try sandbox.spoorAllOK(
            ["add-trigger", "--name=S"] + Self.allTypes
                + ["--filter=i32 == -300000", "--action=start-session", "later"])
        // Event 3 starts the session; the others come every 20 ms, so that some follow the start.
        let app = try sandbox.startExample(["40", "--interval-us", "20000"])
        #expect(sandbox.wait(for: app).status == 0)
        #expect(try sandbox.spoorOK("list").standardOutput.contains("later [active]"))
        try sandbox.spoorOK("stop", "later")
        let events = try sandbox.babeltrace(output.path).lines.compactMap(EventLine.init)
        let recorded = events.filter { $0.name == "spoor_example:all_types" }.compactMap { event in
            (4..<40).first { event.payload == ExampleEvents.allTypesPayload($0) }
        }
        #expect(recorded.count == events.count, "events before the trigger fired were recorded: \(events)")
        #expect(!recorded.isEmpty, "the session recorded nothing after it was started")
        #expect(recorded == recorded.sorted())
    }

    @Test("a removed trigger stops firing; one added meanwhile fires")
    func removedTriggerStopsFiring() throws {
        let sandbox = try Sandbox()
        try sandbox.spoorOK("create", "unused")  // Starts the session daemon.
        try sandbox.spoorAllOK(["add-trigger", "--name=T"] + Self.allTypes + ["--capture=i8", "--action=notify"])
        let child = try subscribe(sandbox, to: ["T", "U"], count: 4)
        #expect(try sandbox.runExample("2").status == 0)
        #expect(
            waitUntil(timeout: .seconds(10)) {
                child.standardOutput.components(separatedBy: "\"trigger\":\"T\"").count == 3
            })
        try sandbox.spoorOK("remove-trigger", "T")
        try sandbox.spoorAllOK(["add-trigger", "--name=U"] + Self.allTypes + ["--capture=i8", "--action=notify"])
        #expect(try sandbox.runExample("2").status == 0)
        let lines = try lines(of: child, count: 4)
        #expect(lines.map(\.trigger) == ["T", "T", "U", "U"])
        #expect(lines.map { $0.captures["i8"] as? Int } == [0, -1, 0, -1])
        let listed = try sandbox.spoorOK("list-triggers").standardOutput
        #expect(listed.contains("name: U") && !listed.contains("name: T"))
    }
}

extension Sandbox {
    /// Runs `spoor` with an argument list and requires success.
    @discardableResult
    fileprivate func spoorAllOK(
        _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Output {
        let output = try run(binaries.appendingPathComponent("spoor").path, arguments)
        #expect(
            output.status == 0, "spoor \(arguments.joined(separator: " ")) failed: \(output.standardError)",
            sourceLocation: sourceLocation)
        return output
    }
}
