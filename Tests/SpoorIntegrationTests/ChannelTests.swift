import Foundation
import SpoorTestSupport
import Testing

@Suite("Channel attributes", .serialized)
struct ChannelTests {
    @Test("per-process buffers give each app its own trace, named after it")
    func perProcessBuffers() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        try sandbox.spoorOK("create", "pids", "--output=\(output.path)")
        try sandbox.spoorOK("enable-channel", "-u", "--buffers-pid", "mine")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*", "-c", "mine")
        let detail = try sandbox.spoorOK("list", "pids")
        #expect(detail.standardOutput.contains("Buffering scheme: per-process"))
        #expect(detail.standardOutput.contains("Sub-buffer size:  16384 bytes"))
        try sandbox.spoorOK("start")
        let first = try sandbox.startExample(["5"])
        let second = try sandbox.startExample(["7"])
        #expect(sandbox.wait(for: first).status == 0)
        #expect(sandbox.wait(for: second).status == 0)
        try sandbox.spoorOK("stop")

        let traces = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("ust/pid").path)
        #expect(traces.count == 2)
        for (child, count) in [(first, 5), (second, 7)] {
            let prefix = "spoor-example-\(child.pid)-"
            let directory = try #require(traces.first { $0.hasPrefix(prefix) })
            #expect(directory.dropFirst(prefix.count).count == "YYYYMMDD-HHMMSS".count)
            let read = try sandbox.babeltrace(output.appendingPathComponent("ust/pid/\(directory)").path)
            #expect(read.standardError.isEmpty)
            #expect(read.lines.count == count + 1)
            #expect(read.lines.allSatisfy { $0.contains(":spoor-example:(\(child.pid)) spoor_example:") })
        }
    }

    @Test("with a switch timer, a quiet channel reaches disk while the session still records")
    func switchTimerFlushesQuietChannels() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        try sandbox.spoorOK("create", "timer", "--output=\(output.path)")
        try sandbox.spoorOK("enable-channel", "-u", "--switch-timer=100000", "quiet")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*", "-c", "quiet")
        let detail = try sandbox.spoorOK("list", "timer")
        #expect(detail.standardOutput.contains("Switch timer:     100000 us"))
        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("3").status == 0)
        // Without a stop, only the switch timer can close the packet that holds the events.
        let arrived = try waitUntil(timeout: .seconds(10)) {
            try sandbox.babeltrace(output.path).lines.count == 4
        }
        #expect(arrived)
        try sandbox.spoorOK("stop")
        #expect(try sandbox.babeltrace(output.path).lines.count == 4)
    }

    @Test("several channels of a session are separate stream classes")
    func severalChannels() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        try sandbox.spoorOK("create", "two", "--output=\(output.path)")
        try sandbox.spoorOK("enable-channel", "-u", "first,second", "--subbuf-size=8k", "--num-subbuf=2")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:all_types", "-c", "first")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*", "-c", "second")
        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("4").status == 0)
        try sandbox.spoorOK("stop")
        let read = try sandbox.babeltrace(output.path)
        #expect(read.standardError.isEmpty)
        // all_types goes to both channels, done only to the second.
        #expect(read.lines.filter { $0.contains("spoor_example:all_types") }.count == 8)
        #expect(read.lines.filter { $0.contains("spoor_example:done") }.count == 1)
        let files = try FileManager.default.contentsOfDirectory(
            atPath: output.appendingPathComponent("ust/uid/\(getuid())/64-bit").path)
        #expect(files.contains("first_0") && files.contains("second_0"))
    }

    @Test("trace files are used as a ring of the given size and count, read as one stream")
    func traceFileRing() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        try sandbox.spoorOK("create", "files", "--output=\(output.path)")
        try sandbox.spoorOK(
            "enable-channel", "-u", "--subbuf-size=4k", "--num-subbuf=4", "--tracefile-size=8k",
            "--tracefile-count=3", "--blocking-timeout=inf", "pieces")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*", "-c", "pieces")
        let detail = try sandbox.spoorOK("list", "files")
        #expect(detail.standardOutput.contains("Trace file count: 3 per stream"))
        #expect(detail.standardOutput.contains("Trace file size:  8192 bytes"))
        try sandbox.spoorOK("start")
        // Blocking keeps every packet, so the files must have wrapped around several times.
        let app = try sandbox.startExample(["3000"], environment: ["SPOOR_ALLOW_BLOCKING": "1"], pinnedToCPU: 0)
        #expect(sandbox.wait(for: app).status == 0)
        try sandbox.spoorOK("stop")
        let directory = output.appendingPathComponent("ust/uid/\(getuid())/64-bit")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("pieces_0") }
        #expect(files.sorted() == ["pieces_0_0", "pieces_0_1", "pieces_0_2"])
        for file in files {
            let size = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(file).path)[.size]
            #expect((size as? Int ?? 0) <= 8192)
        }
        let read = try sandbox.babeltrace(output.path)
        #expect(read.status == 0)
        #expect(read.standardError.isEmpty)
        let texts = read.lines.compactMap { line -> Int? in
            guard let range = line.range(of: "text = \"event ") else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }
        // Only the newest packets survive, in order, ending with the last event.
        #expect(texts.count > 0 && texts.count < 3000)
        #expect(texts == Array((3000 - texts.count)..<3000))
        #expect(read.lines.last?.contains("spoor_example:done") == true)
    }

    @Test("a disabled channel records nothing until it is enabled again")
    func disableAndEnableChannel() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        try sandbox.spoorOK("create", "toggle", "--output=\(output.path)")
        try sandbox.spoorOK("enable-channel", "-u", "ch")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:done", "-c", "ch")
        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("1").status == 0)
        let disabled = try sandbox.spoorOK("disable-channel", "-u", "ch")
        #expect(disabled.standardOutput.contains("ust channel ch disabled for session toggle"))
        #expect(try sandbox.spoorOK("list", "toggle").standardOutput.contains("- ch: [disabled]"))
        #expect(try sandbox.runExample("2").status == 0)
        try sandbox.spoorOK("enable-channel", "-u", "ch")
        #expect(try sandbox.runExample("3").status == 0)
        try sandbox.spoorOK("stop")
        let counts = try sandbox.babeltrace(output.path).lines.compactMap { line -> String? in
            guard let range = line.range(of: "{ count = ") else { return nil }
            return String(line[range.upperBound...].prefix { $0.isNumber })
        }
        #expect(counts == ["1", "3"])
    }
}
