import Foundation
import SpoorTestSupport
import Testing

@Suite("The state dump: lttng_ust_statedump events")
struct StatedumpTests {
    /// The state dumps of a trace, each from `start` to `end`.
    static func dumps(_ events: [EventLine]) -> [[EventLine]] {
        var dumps: [[EventLine]] = []
        for event in events where event.name.hasPrefix("lttng_ust_statedump:") {
            if event.name == "lttng_ust_statedump:start" { dumps.append([]) }
            if !dumps.isEmpty { dumps[dumps.count - 1].append(event) }
        }
        return dumps
    }

    /// Checks one state dump of `spoor-example`: what the tracer knows of the process.
    static func expectComplete(_ dump: [EventLine], sourceLocation: SourceLocation = #_sourceLocation) {
        let names = dump.map(\.name)
        #expect(names.first == "lttng_ust_statedump:start", sourceLocation: sourceLocation)
        #expect(names.last == "lttng_ust_statedump:end", sourceLocation: sourceLocation)
        #expect(
            dump.first { $0.name == "lttng_ust_statedump:procname" }?.payload == "{ procname = \"spoor-example\" }",
            sourceLocation: sourceLocation)
        // The executable itself, with its GNU build id right after it, at the same address.
        let binaries = dump.enumerated().filter { $0.element.name == "lttng_ust_statedump:bin_info" }
        let executable = binaries.first { $0.element.payload.contains("/spoor-example\", is_pic = 1, has_build_id = 1") }
        #expect(executable != nil, "no bin_info for the executable in \(names)", sourceLocation: sourceLocation)
        if let executable, executable.offset + 1 < dump.count {
            let address = executable.element.payload.prefix { $0 != "," }  // "{ baddr = 0x…"
            let buildID = dump[executable.offset + 1]
            #expect(buildID.name == "lttng_ust_statedump:build_id", sourceLocation: sourceLocation)
            #expect(buildID.payload.hasPrefix(address + ", _build_id_length = "), sourceLocation: sourceLocation)
        }
        // libc is there, with its debug link.
        #expect(
            binaries.contains { $0.element.payload.contains("/libc.so.6\"") }, sourceLocation: sourceLocation)
        #expect(
            dump.contains { $0.name == "lttng_ust_statedump:debug_link" && $0.payload.contains(".debug\" }") },
            sourceLocation: sourceLocation)
    }

    @Test("an app records its state dump when it registers, on start, and on regenerate statedump")
    func statedumpEvents() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        let go = sandbox.home.appendingPathComponent("go")
        try sandbox.spoorOK("create", "dumped", "--output=\(output.path)")
        try sandbox.spoorOK("enable-event", "-u", "lttng_ust_statedump:*,spoor_example:done")
        // A session that does not enable the state dump gets none of another session's.
        try sandbox.spoorOK("create", "other", "--output=\(sandbox.home.path)/other")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:done")
        try sandbox.spoorOK("start", "other")

        let app = try sandbox.startExample(["2", "--wait-for", go.path])
        #expect(try waitUntil(timeout: .seconds(20)) { try sandbox.isRegistered(app.processIdentifier) })
        try sandbox.spoorOK("start", "dumped")  // the first dump
        let regenerated = try sandbox.spoorOK("regenerate", "statedump", "-s", "dumped")  // the second
        #expect(regenerated.standardOutput == "State dump successfully regenerated for session dumped\n")
        sandbox.touch(go)
        #expect(sandbox.wait(for: app).status == 0)
        try sandbox.spoorOK("stop", "dumped")
        try sandbox.spoorOK("stop", "other")

        let read = try sandbox.babeltrace(output.path)
        #expect(read.standardError.isEmpty)
        let events = read.lines.compactMap(EventLine.init)
        let dumps = Self.dumps(events)
        #expect(dumps.count == 2)
        for dump in dumps { Self.expectComplete(dump) }
        // `regenerate` answered once the dump was recorded: both come before the app's event.
        #expect(events.last?.name == "spoor_example:done")
        #expect(events.count == dumps.map(\.count).reduce(0, +) + 1)
        #expect(dumps.first?.count == dumps.last?.count)

        let other = try sandbox.babeltrace("\(sandbox.home.path)/other").lines.compactMap(EventLine.init)
        #expect(other.map(\.name) == ["spoor_example:done"])
    }

    @Test("an app that registers with an active session dumps before it records, even if it exits at once")
    func statedumpAtRegistration() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        try sandbox.spoorOK("create", "quick", "--output=\(output.path)")
        try sandbox.spoorOK("enable-event", "-u", "-a")
        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("1").status == 0)
        try sandbox.spoorOK("stop")
        let events = try sandbox.babeltrace(output.path).lines.compactMap(EventLine.init)
        let dumps = Self.dumps(events)
        #expect(dumps.count == 1)
        if let dump = dumps.first { Self.expectComplete(dump) }
        #expect(events.dropFirst(dumps.first?.count ?? 0).map(\.name) == ["spoor_example:all_types", "spoor_example:done"])
    }

    @Test("SPOOR_WITHOUT_BADDR_STATEDUMP and SPOOR_WITHOUT_PROCNAME_STATEDUMP leave those events out")
    func statedumpOptOut() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        try sandbox.spoorOK("create", "lean", "--output=\(output.path)")
        try sandbox.spoorOK("enable-event", "-u", "lttng_ust_statedump:*")
        try sandbox.spoorOK("start")
        let app = try sandbox.startExample(
            ["1"], environment: ["SPOOR_WITHOUT_BADDR_STATEDUMP": "1", "SPOOR_WITHOUT_PROCNAME_STATEDUMP": "1"])
        #expect(sandbox.wait(for: app).status == 0)
        try sandbox.spoorOK("stop")
        let events = try sandbox.babeltrace(output.path).lines.compactMap(EventLine.init)
        #expect(events.map(\.name) == ["lttng_ust_statedump:start", "lttng_ust_statedump:end"])
    }
}
