import Foundation
import SpoorTestSupport
import Testing

/// The schema LTTng installs, which `lttng load` validates saved files against.
private let installedSchema = "/usr/share/xml/lttng/session.xsd"

/// A file the real `lttng save` (LTTng 2.13.9) wrote, kept with the session XML tests.
private let lttngSavedFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("SpoorSessionXMLTests/Golden/lttng-userspace.lttng").path

@Suite("save and load", .serialized)
struct SaveLoadTests {
    /// Makes a session with every kind of content Spoor has, in the sandbox.
    private func makeRichSession(_ sandbox: Sandbox, name: String) throws {
        let output = sandbox.home.appendingPathComponent("traces/\(name)").path
        try sandbox.spoorOK("create", name, "--output=\(output)")
        try sandbox.spoorOK(
            "enable-channel", "-u", "big", "--subbuf-size=16384", "--num-subbuf=8", "--overwrite",
            "--switch-timer=100000", "--read-timer=200000", "--monitor-timer=300000", "--tracefile-size=1048576",
            "--tracefile-count=3")
        try sandbox.spoorOK("enable-channel", "-u", "forever", "--blocking-timeout=inf")
        try sandbox.spoorOK("enable-channel", "-u", "quiet", "--blocking-timeout=500")
        try sandbox.spoorOK(
            "enable-event", "-u", "spoor_example:*", "-c", "big", "--exclude=spoor_example:d*,spoor_example:x",
            "--loglevel=TRACE_WARNING")
        try sandbox.spoorOK("enable-event", "-u", "exact:ev", "-c", "forever", "--loglevel-only=TRACE_INFO")
        try sandbox.spoorOK("enable-event", "-u", "exact:other", "-c", "forever")
        try sandbox.spoorOK("disable-event", "-u", "exact:other", "-c", "forever")
        try sandbox.spoorOK("enable-event", "-u", "-a", "-c", "quiet")
        try sandbox.spoorOK("enable-event", "-u", "f:*", "-c", "quiet", "--filter", #"x > 3 && s == "a<b&c""#)
        try sandbox.spoorOK("disable-channel", "-u", "forever")
        try sandbox.spoorOK("add-context", "-u", "-c", "big", "-t", "vpid", "-t", "procname", "-t", "pthread_id")
        try sandbox.spoorOK("add-context", "-u", "-c", "quiet", "-t", "vtid", "-t", "ip", "-t", "$app.prov:ctx")
        try sandbox.spoorOK("track", "-u", "--vpid", "12,34")
        try sandbox.spoorOK("untrack", "-u", "--all", "--vgid")
        try sandbox.spoorOK("start")
    }

    /// What `xmllint --schema` says of a file.
    private func validate(_ sandbox: Sandbox, _ path: String) throws -> Sandbox.Output {
        try sandbox.run(RequiredTool.xmllint.require(), ["--noout", "--schema", installedSchema, path])
    }

    @Test("a rich session saved, destroyed and loaded lists exactly as before, and the file is LTTng's XML")
    func roundTrip() throws {
        let sandbox = try Sandbox()
        try makeRichSession(sandbox, name: "rich")
        let before = try sandbox.spoorOK("list", "rich").standardOutput
        #expect(before.contains("[active]"))

        let saved = try sandbox.spoorOK("save", "rich")
        #expect(saved.lines == ["Session rich saved successfully."])
        let file = sandbox.home.appendingPathComponent(".spoor/sessions/rich.lttng").path
        #expect(FileManager.default.fileExists(atPath: file))
        let validation = try validate(sandbox, file)
        #expect(validation.status == 0, "\(validation.standardError)")

        try sandbox.spoorOK("destroy", "rich")
        let loaded = try sandbox.spoorOK("load", "rich")
        #expect(loaded.lines == ["Session rich has been loaded successfully"])
        #expect(try sandbox.spoorOK("list", "rich").standardOutput == before)
    }

    @Test("save refuses to overwrite without --force, and load refuses an existing session, changing nothing")
    func refusals() throws {
        let sandbox = try Sandbox()
        try makeRichSession(sandbox, name: "kept")
        try sandbox.spoorOK("save")
        let again = try sandbox.spoor("save")
        #expect(again.status == 85)
        #expect(again.standardError == "Error: Session file already exists\n")
        try sandbox.spoorOK("save", "--force")

        let before = try sandbox.spoorOK("list", "kept").standardOutput
        let exists = try sandbox.spoor("load")
        #expect(exists.status == 1)
        #expect(exists.standardError == "Error: Session name already exists\n")
        #expect(try sandbox.spoorOK("list", "kept").standardOutput == before)

        let missing = try sandbox.spoor("save", "nope")
        #expect(missing.status == 23)
        #expect(missing.standardError == "Error: Session name not found\n")
    }

    @Test("a hostile or unsupported file leaves the daemon's sessions as they were")
    func badFilesChangeNothing() throws {
        let sandbox = try Sandbox()
        try makeRichSession(sandbox, name: "kept")
        let before = try sandbox.spoorOK("list").standardOutput
        let directory = sandbox.home.appendingPathComponent("bad")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let good = try String(contentsOfFile: lttngSavedFile, encoding: .utf8)
        try good.write(to: directory.appendingPathComponent("a-good.lttng"), atomically: true, encoding: .utf8)
        let bad = directory.appendingPathComponent("b-bad.lttng")
        for (text, lastLine) in [
            ("<sessions><session><name>x</name>", "Error: IO error while reading a session configuration"),
            ("<sessions><session><name>x</name><x/></session></sessions>", "Error: Invalid session configuration"),
            (
                "<sessions><session><name>x</name><attributes><live_timer_interval>1000</live_timer_interval></attributes>"
                    + "</session></sessions>",
                "Error: Operation not supported"
            ),
        ] {
            try text.write(to: bad, atomically: true, encoding: .utf8)
            let load = try sandbox.spoor("load", "--force", "-i", directory.path)
            #expect(load.status == 1)
            #expect(load.standardError.hasSuffix(lastLine + "\n"), "\(load.standardError)")
            #expect(try sandbox.spoorOK("list").standardOutput == before)
        }
        // --force with a session that cannot be built keeps the one it would have replaced.
        let keptDetail = try sandbox.spoorOK("list", "kept").standardOutput
        try """
        <sessions><session><name>kept</name><domains><domain><type>UST</type><buffer_type>PER_UID</buffer_type>
        <channels><channel><name>c</name><subbuffer_size>3000</subbuffer_size><read_timer_interval>0</read_timer_interval>
        <output_type>MMAP</output_type></channel></channels></domain></domains></session></sessions>
        """.write(to: bad, atomically: true, encoding: .utf8)
        let refused = try sandbox.spoor("load", "--force", "-i", bad.path)
        #expect(refused.status == 1)
        #expect(refused.standardError.hasPrefix("Error: Failed to load session kept: Invalid parameter"))
        #expect(try sandbox.spoorOK("list", "kept").standardOutput == keptDetail)
    }

    @Test("a session that was active when saved starts when loaded, and records")
    func loadedActiveSessionRecords() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        try sandbox.spoorOK("create", "live-again", "--output=\(output.path)")
        // The filter keeps events 0, 1 and 2 of 4 (i8 is -i).
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:all_types", "--filter", "i8 > -3")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:done")
        try sandbox.spoorOK("add-context", "-u", "-t", "vpid")
        try sandbox.spoorOK("start")
        try sandbox.spoorOK("save", "-o", sandbox.home.appendingPathComponent("saved").path)
        try sandbox.spoorOK("destroy", "-a")
        #expect(try sandbox.spoorOK("list").standardOutput.contains("no available recording session"))

        let loaded = try sandbox.spoorOK("load", "-i", sandbox.home.appendingPathComponent("saved").path)
        #expect(loaded.lines == ["All sessions have been loaded successfully"])
        #expect(try sandbox.spoorOK("list", "live-again").standardOutput.contains("[active]"))
        let app = try sandbox.startExample(["4"])
        #expect(sandbox.wait(for: app).status == 0)
        try sandbox.spoorOK("stop", "live-again")
        let read = try sandbox.babeltrace(output.path)
        #expect(read.standardError.isEmpty)
        let events = read.lines.compactMap(EventLine.init)
        #expect(events.map(\.name) == Array(repeating: "spoor_example:all_types", count: 3) + ["spoor_example:done"])
        #expect(events.allSatisfy { $0.payload.hasPrefix("{ vpid = \(app.pid) }") })
    }

    @Test("a file the real lttng save wrote loads, lists as LTTng had it, and records")
    func lttngSavedFileLoads() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        // `load`, like lttng's, needs a running daemon; only `create` starts one.
        let noDaemon = try sandbox.spoor("load", "-i", lttngSavedFile)
        #expect(noDaemon.status == 1)
        #expect(noDaemon.standardError.hasPrefix("Error: No session daemon is available"))
        let started = try sandbox.run(sandbox.binaries.appendingPathComponent("spoor-sessiond").path, ["--daemonize"])
        #expect(started.status == 0)
        let loaded = try sandbox.spoorOK("load", "-i", lttngSavedFile, "--override-url", "file://\(output.path)")
        #expect(
            loaded.lines == [
                "All sessions have been loaded successfully",
                "Session output url overridden with file://\(output.path)",
            ])
        let detail = try sandbox.spoorOK("list", "userspace").standardOutput
        for expected in [
            "Recording session userspace: [active]", "Trace output: \(output.path)",
            "- timeout: [enabled]", "- forever: [disabled]", "- big: [enabled]", "Sub-buffer size:  4096 bytes",
            "Event-loss mode:  overwrite", "Blocking timeout: infinite", "Trace file count: 3 per stream",
            "exact:ev (loglevel == TRACE_INFO (6)) (type: tracepoint) [enabled]",
            "exact:other (type: tracepoint) [disabled]",
            "spoor_example:* (loglevel <= TRACE_WARNING (4)) (type: tracepoint) [enabled] [exclusions: spoor_example:b*,spoor_example:x]",
            "Virtual process IDs:  12, 34", "Virtual user IDs:     1000", "Virtual group IDs:    none",
        ] {
            #expect(detail.contains(expected), "missing \(expected) in\n\(detail)")
        }
        // LTTng tracked pids 12 and 34 only: let every process record, then run the app.
        for attribute in ["--vpid", "--vuid", "--vgid"] {
            try sandbox.spoorOK("track", "-u", "-s", "userspace", "--all", attribute)
        }
        let app = try sandbox.startExample(["3"])
        #expect(sandbox.wait(for: app).status == 0)
        try sandbox.spoorOK("stop", "userspace")
        let read = try sandbox.babeltrace(output.path)
        #expect(read.standardError.isEmpty)
        // Channel `timeout` records everything, with the contexts vtid, vuid and net_ns.
        // The `*` rules record the app's state dump too, as with LTTng.
        let events = read.lines.compactMap(EventLine.init)
        let statedump = events.prefix { $0.name.hasPrefix("lttng_ust_statedump:") }
        #expect(statedump.first?.name == "lttng_ust_statedump:start" && statedump.last?.name == "lttng_ust_statedump:end")
        #expect(
            events.dropFirst(statedump.count).map(\.name)
                == Array(repeating: "spoor_example:all_types", count: 3) + ["spoor_example:done"])
        // The tracer's own thread records the state dump: only the app's events have its vtid.
        #expect(statedump.allSatisfy { $0.payload.hasPrefix("{ vtid = ") })
        #expect(
            events.dropFirst(statedump.count).allSatisfy {
                $0.payload.hasPrefix("{ vtid = \(app.pid), vuid = \(getuid()), net_ns = ")
            })
    }
}
