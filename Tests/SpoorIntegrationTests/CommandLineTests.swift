import Foundation
import SpoorTestSupport
import Testing

@Suite("The spoor command line", .serialized)
struct CommandLineTests {
    @Test("bad input gets a clear error, a non-zero exit, and loses nothing recorded")
    func badInput() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let noSession = try sandbox.spoor("start")
        #expect(noSession.status != 0)
        #expect(noSession.standardError.contains("Error:"))
        #expect(noSession.standardError.contains(".spoorrc"))

        let output = sandbox.home.appendingPathComponent("trace")
        try sandbox.spoorOK("create", "kept", "--output=\(output.path)")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*")
        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("8").status == 0)
        try sandbox.spoorOK("stop")
        let before = try sandbox.babeltrace(output.path).standardOutput

        let unknown = try sandbox.spoor("start", "nosuch")
        #expect(unknown.status != 0)
        #expect(unknown.standardError.contains("Error: Session name not found"))
        let invalid = try sandbox.spoor("create", "bad/name")
        #expect(invalid.status != 0)
        #expect(invalid.standardError.contains("Error: Invalid character found in session name"))
        let duplicate = try sandbox.spoor("create", "kept")
        #expect(duplicate.status != 0)
        #expect(duplicate.standardError.contains("Error: Session name already exists"))
        let option = try sandbox.spoor("enable-event", "--bogus")
        #expect(option.status != 0)
        #expect(!option.standardError.isEmpty)
        let command = try sandbox.spoor("no-such-command")
        #expect(command.status != 0)
        let destroyUnknown = try sandbox.spoor("destroy", "nosuch")
        #expect(destroyUnknown.status != 0)
        #expect(destroyUnknown.standardError.contains("nosuch"))

        #expect(try sandbox.babeltrace(output.path).standardOutput == before)
        #expect(before.split(separator: "\n").count == 9)
    }

    @Test("sessions are listed, made current, and destroyed")
    func sessionLifecycle() throws {
        let sandbox = try Sandbox()
        let automatic = try sandbox.spoorOK("create")
        let autoName = try #require(automatic.lines.first { $0.hasPrefix("Session auto-") })
        #expect(autoName.hasSuffix(" created."))
        try sandbox.spoorOK("create", "alpha")
        let list = try sandbox.spoorOK("list")
        #expect(list.lines.first == "Available recording sessions:")
        #expect(list.standardOutput.contains("alpha [inactive]"))
        #expect(list.standardOutput.contains("auto-"))
        let current = try String(contentsOf: sandbox.home.appendingPathComponent(".spoorrc"), encoding: .utf8)
        #expect(current.contains("session=alpha"))
        try sandbox.spoorOK("set-session", String(autoName.dropFirst("Session ".count).dropLast(" created.".count)))
        try sandbox.spoorOK("enable-channel", "-u", "mine", "-s", "alpha")
        try sandbox.spoorOK("enable-event", "-u", "a:b", "-c", "mine", "-s", "alpha")
        let detail = try sandbox.spoorOK("list", "alpha")
        #expect(detail.standardOutput.contains("- mine: [enabled]"))
        #expect(detail.standardOutput.contains("a:b (type: tracepoint) [enabled]"))
        #expect(detail.standardOutput.contains("Sub-buffer size:  524288 bytes"))
        try sandbox.spoorOK("disable-event", "-u", "a:b", "-c", "mine", "-s", "alpha")
        #expect(try sandbox.spoorOK("list", "alpha").standardOutput.contains("a:b (type: tracepoint) [disabled]"))
        try sandbox.spoorOK("destroy", "--all")
        #expect(!(try sandbox.spoorOK("list").standardOutput.contains("alpha")))
    }

    @Test("the default output directory is under SPOOR_HOME with the session's name and date")
    func defaultOutput() throws {
        let sandbox = try Sandbox()
        let created = try sandbox.spoorOK("create", "where")
        let line = try #require(created.lines.first { $0.hasPrefix("Traces will be output to ") })
        let path = String(line.dropFirst("Traces will be output to ".count))
        let prefix = sandbox.home.appendingPathComponent("spoor-traces/where-").path
        #expect(path.hasPrefix(prefix))
        #expect(path.dropFirst(prefix.count).count == "YYYYMMDD-HHMMSS".count)
    }

    @Test("list -u shows the tracepoints of registered apps with their pids")
    func listTracepoints() throws {
        let sandbox = try Sandbox()
        try sandbox.spoorOK("create", "tp")
        let go = sandbox.home.appendingPathComponent("go")
        let app = try sandbox.startExample(["1", "--wait-for", go.path])
        #expect(try waitUntil(timeout: .seconds(20)) { try sandbox.isRegistered(app.processIdentifier) })
        let list = try sandbox.spoorOK("list", "-u")
        #expect(list.standardOutput.contains("spoor_example:all_types (loglevel: TRACE_INFO (6)) (type: tracepoint)"))
        #expect(list.standardOutput.contains("spoor_example:done (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)"))
        sandbox.touch(go)
        #expect(sandbox.wait(for: app).status == 0)
    }
}
