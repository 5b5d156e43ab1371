import Foundation
import Testing

@Suite("Channel attributes", .serialized)
struct ChannelTests {
    @Test("per-process buffers give each app its own trace, named after it")
    func perProcessBuffers() throws {
        guard babeltraceIsAvailable else { return }
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
        guard babeltraceIsAvailable else { return }
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
        let arrived = try poll(timeout: 10) {
            try sandbox.babeltrace(output.path).lines.count == 4
        }
        #expect(arrived)
        try sandbox.spoorOK("stop")
        #expect(try sandbox.babeltrace(output.path).lines.count == 4)
    }

    @Test("several channels of a session are separate stream classes")
    func severalChannels() throws {
        guard babeltraceIsAvailable else { return }
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
}
