import Foundation
import SpoorTestSupport
import Testing

@Suite("Apps, daemons and their lifetimes", .serialized)
struct LifecycleTests {
    @Test("an app started before spoor start records")
    func appStartedBeforeStart() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        let go = sandbox.home.appendingPathComponent("go")
        try sandbox.spoorOK("create", "early", "--output=\(output.path)")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*")
        let app = try sandbox.startExample(["30", "--wait-for", go.path])
        #expect(try waitUntil(timeout: .seconds(20)) { try sandbox.isRegistered(app.processIdentifier) })
        try sandbox.spoorOK("start")
        sandbox.touch(go)
        #expect(sandbox.wait(for: app).status == 0)
        try sandbox.spoorOK("stop")
        let events = try sandbox.babeltrace(output.path).lines.compactMap(EventLine.init)
        #expect(events.filter { $0.name == "spoor_example:all_types" }.count == 30)
    }

    @Test("an app started after spoor start records from its first event")
    func appStartedAfterStart() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        try sandbox.spoorOK("create", "late", "--output=\(output.path)")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:all_types")
        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("15").status == 0)
        try sandbox.spoorOK("stop")
        let events = try sandbox.babeltrace(output.path).lines.compactMap(EventLine.init)
        #expect(events.count == 15)
        #expect(events.first?.payload == ExampleEvents.allTypesPayload(0))
    }

    @Test("an app started before the session daemon registers once the daemon appears")
    func appStartedBeforeDaemon() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        let go = sandbox.home.appendingPathComponent("go")
        let app = try sandbox.startExample(["12", "--wait-for", go.path])
        #expect(sandbox.daemonPID == nil)
        let created = try sandbox.spoorOK("create", "first", "--output=\(output.path)")
        #expect(created.standardOutput.contains("Spawning a session daemon"))
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*")
        try sandbox.spoorOK("start")
        #expect(try waitUntil(timeout: .seconds(20)) { try sandbox.isRegistered(app.processIdentifier) })
        sandbox.touch(go)
        #expect(sandbox.wait(for: app).status == 0)
        try sandbox.spoorOK("stop")
        let events = try sandbox.babeltrace(output.path).lines.compactMap(EventLine.init)
        #expect(events.filter { $0.name == "spoor_example:all_types" }.count == 12)
    }

    @Test("an app whose daemon is killed mid-session keeps running and exits normally")
    func daemonKilledMidSession() throws {
        let sandbox = try Sandbox()
        try sandbox.spoorOK("create", "doomed")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*")
        try sandbox.spoorOK("start")
        let go = sandbox.home.appendingPathComponent("go")
        let app = try sandbox.startExample(["200000", "--wait-for", go.path])
        #expect(try waitUntil(timeout: .seconds(20)) { try sandbox.isRegistered(app.processIdentifier) })
        let daemon = try #require(sandbox.daemonPID)
        sandbox.touch(go)
        kill(daemon, SIGKILL)
        let result = sandbox.wait(for: app)
        #expect(result.status == 0)
        #expect(result.output.contains("recorded 200000 events"))
    }

    @Test("a restarted daemon gets the running apps back")
    func daemonRestart() throws {
        let sandbox = try Sandbox()
        let go = sandbox.home.appendingPathComponent("go")
        try sandbox.spoorOK("create", "one")
        let app = try sandbox.startExample(["1", "--wait-for", go.path])
        #expect(try waitUntil(timeout: .seconds(20)) { try sandbox.isRegistered(app.processIdentifier) })
        let first = try #require(sandbox.daemonPID)
        kill(first, SIGKILL)
        #expect(waitUntil(timeout: .seconds(10)) { kill(first, 0) != 0 })
        try sandbox.spoorOK("create", "two")  // starts a new daemon
        #expect(try waitUntil(timeout: .seconds(20)) { try sandbox.isRegistered(app.processIdentifier) })
        sandbox.touch(go)
        #expect(sandbox.wait(for: app).status == 0)
    }
}
