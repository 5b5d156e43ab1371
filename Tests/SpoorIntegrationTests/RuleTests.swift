import Foundation
import SpoorTestSupport
import Testing

@Suite("Event rule conditions and process tracking", .serialized)
struct RuleTests {
    /// Records the example app (N all_types events at TRACE_INFO, one done event at
    /// TRACE_DEBUG_LINE) under the given enable-event options, and returns the event names.
    private func recordedNames(_ enableArguments: [[String]], count: Int = 5) throws -> [String] {
        try Sandbox().recordExample(rules: enableArguments, count: count).map(\.name)
    }

    @Test("--loglevel records the levels at least as severe as the one named")
    func logLevelRange() throws {
        try RequiredTool.babeltrace2.require()
        #expect(try recordedNames([["spoor_example:*", "--loglevel=TRACE_INFO"]]) == Array(repeating: "spoor_example:all_types", count: 5))
        #expect(try recordedNames([["spoor_example:*", "--loglevel=DEBUG_LINE"]]).count == 6)
    }

    @Test("--loglevel-only records exactly the level named")
    func logLevelOnly() throws {
        try RequiredTool.babeltrace2.require()
        #expect(try recordedNames([["spoor_example:*", "--loglevel-only=TRACE_DEBUG_LINE"]]) == ["spoor_example:done"])
        #expect(try recordedNames([["spoor_example:*", "--loglevel-only=TRACE_WARNING"]]).isEmpty)
    }

    @Test("--exclude leaves out the events it names, even when the pattern matches them")
    func exclusions() throws {
        try RequiredTool.babeltrace2.require()
        #expect(try recordedNames([["spoor_example:*", "--exclude=spoor_example:d*"]]).allSatisfy {
            $0 == "spoor_example:all_types"
        })
        #expect(try recordedNames([["spoor_*", "--exclude=spoor_example:all_types"]]) == ["spoor_example:done"])
    }

    @Test("an event is recorded once per channel however many enabled rules match it")
    func onceperChannel() throws {
        try RequiredTool.babeltrace2.require()
        let names = try recordedNames([
            ["spoor_example:*"], ["spoor_example:all_types"], ["spoor_*", "--loglevel=TRACE_INFO"],
        ])
        #expect(names.filter { $0 == "spoor_example:all_types" }.count == 5)
        #expect(names.filter { $0 == "spoor_example:done" }.count == 1)
    }

    @Test("untracked processes record nothing; tracking them again makes them record")
    func tracking() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        try sandbox.spoorOK("create", "tracked", "--output=\(output.path)")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*")
        let go = sandbox.home.appendingPathComponent("go")
        let ignored = try sandbox.startExample(["4", "--wait-for", go.path])
        let watched = try sandbox.startExample(["6", "--wait-for", go.path])
        #expect(try waitUntil(timeout: .seconds(20)) {
            try sandbox.isRegistered(ignored.pid) && sandbox.isRegistered(watched.pid)
        })
        let tracked = try sandbox.spoorOK("track", "-u", "--vpid", String(watched.pid))
        #expect(tracked.lines == ["Added \(watched.pid) to the virtual process ID tracker inclusion set"])
        #expect(try sandbox.spoorOK("list", "tracked").standardOutput.contains("Virtual process IDs:  \(watched.pid)"))
        try sandbox.spoorOK("start")
        sandbox.touch(go)
        #expect(sandbox.wait(for: ignored).status == 0)
        #expect(sandbox.wait(for: watched).status == 0)
        try sandbox.spoorOK("stop")
        let counts = try sandbox.babeltrace(output.path).lines.compactMap(EventLine.init).filter {
            $0.name == "spoor_example:done"
        }.map(\.payload)
        #expect(counts == ["{ count = 6 }"])

        // Excluding every user: nothing records, until the tracker includes everyone again.
        let excluded = try sandbox.spoorOK("untrack", "-u", "--all", "--vuid")
        #expect(excluded.lines == ["Virtual user ID tracking policy set to `exclude all`"])
        try sandbox.spoorOK("track", "-u", "--all", "--vpid")
        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("2").status == 0)
        try sandbox.spoorOK("track", "-u", "--all", "--vuid")
        #expect(try sandbox.runExample("3").status == 0)
        try sandbox.spoorOK("stop")
        let later = try sandbox.babeltrace(output.path).lines.compactMap(EventLine.init).filter {
            $0.name == "spoor_example:done"
        }.map(\.payload)
        #expect(later == ["{ count = 6 }", "{ count = 3 }"])
    }

    @Test("context fields are written with each event, declared in the metadata, and read by babeltrace2")
    func contexts() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        try sandbox.spoorOK("create", "ctx", "--output=\(output.path)")
        let added = try sandbox.spoorOK("add-context", "-u", "-t", "vpid", "-t", "procname", "-t", "vtid", "-t", "vuid")
        #expect(added.lines.first == "ust context vpid added to all channels")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:done")
        let twice = try sandbox.spoor("add-context", "-u", "-t", "vpid")
        #expect(twice.status != 0)
        #expect(twice.standardError.contains("UST context already exist"))
        try sandbox.spoorOK("start")
        let app = try sandbox.startExample(["2"])
        #expect(sandbox.wait(for: app).status == 0)
        try sandbox.spoorOK("stop")
        let late = try sandbox.spoor("add-context", "-u", "-t", "vgid")
        #expect(late.status != 0, "contexts cannot be added once the session has started")
        let read = try sandbox.babeltrace(output.path)
        #expect(read.standardError.isEmpty)
        #expect(read.lines.count == 1)
        let expected = "{ vpid = \(app.pid), procname = \"spoor-example\", vtid = \(app.pid), vuid = \(getuid()) }"
        #expect(read.lines.first?.contains("{ cpu_id = ") == true)
        #expect(read.lines.first?.contains(expected) == true, "got \(read.lines)")
        #expect(read.lines.first?.hasSuffix("{ count = 2 }") == true)
        let metadata = try sandbox.babeltrace(
            "--output-format=ctf-metadata", output.appendingPathComponent("ust/uid/\(getuid())/64-bit").path)
        #expect(metadata.standardOutput.contains("event.context := struct {"))
    }
    @Test("ip is the address of the tracepoint in the app's code")
    func instructionPointer() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        try sandbox.spoorOK("create", "ip", "--output=\(output.path)")
        #expect(try sandbox.spoorOK("add-context", "-u", "-t", "ip").lines == ["ust context ip added to all channels"])
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*")
        try sandbox.spoorOK("start")
        let go = sandbox.home.appendingPathComponent("go")
        let app = try sandbox.startExample(["3", "--wait-for", go.path])
        // The app's code: its executable's mappings that can be executed.
        var code: [ClosedRange<UInt64>] = []
        #expect(try waitUntil(timeout: .seconds(20)) {
            let maps = (try? String(contentsOfFile: "/proc/\(app.pid)/maps", encoding: .utf8)) ?? ""
            code = maps.split(separator: "\n").filter { $0.contains(" r-xp ") && $0.hasSuffix("/spoor-example") }
                .compactMap { line in
                    let bounds = line.prefix { $0 != " " }.split(separator: "-").compactMap { UInt64($0, radix: 16) }
                    return bounds.count == 2 ? bounds[0]...bounds[1] : nil
                }
            return !code.isEmpty
        })
        sandbox.touch(go)
        #expect(sandbox.wait(for: app).status == 0)
        try sandbox.spoorOK("stop")
        let addresses = try sandbox.babeltrace(output.path).lines.compactMap { line -> UInt64? in
            guard let start = line.range(of: "{ ip = 0x") else { return nil }
            return UInt64(line[start.upperBound...].prefix { $0.isHexDigit }, radix: 16)
        }
        #expect(addresses.count == 4)
        for address in addresses {
            #expect(code.contains { $0.contains(address) }, "ip \(String(address, radix: 16)) is outside \(code)")
        }
    }
    @Test("a perf counter context records the thread's count where the machine counts it, and is refused clearly where not")
    func perfCounter() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        try sandbox.spoorOK("create", "perf", "--output=\(output.path)")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:done")
        let added = try sandbox.spoor("add-context", "-u", "-t", "perf:thread:instructions")
        // The daemon tries to count it as the apps would: whether it can depends on the machine
        // (virtual machines often have no PMU), so both outcomes are checked.
        if added.status == 0 {
            #expect(added.lines == ["ust context perf:thread:instructions added to all channels"])
            try sandbox.spoorOK("start")
            #expect(try sandbox.runExample("200").status == 0)
            try sandbox.spoorOK("stop")
            let lines = try sandbox.babeltrace(output.path).lines
            #expect(lines.count == 1)
            let count = lines.first.flatMap { line in
                line.range(of: "perf_thread_instructions = ").flatMap { UInt64(line[$0.upperBound...].prefix { $0.isNumber }) }
            }
            #expect((count ?? 0) > 0, "\(lines)")
        } else {
            #expect(added.status == 1)
            #expect(added.standardError.contains("perf:thread:instructions: Operation not supported: this machine does not count it (perf_event_open: "))
            #expect(try sandbox.spoorOK("list", "perf").standardOutput.contains("spoor_example:done"))
        }
    }
}
