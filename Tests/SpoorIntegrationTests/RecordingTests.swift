import Foundation
import SpoorTestSupport
import Testing

@Suite("Recording a Swift app end to end", .serialized)
struct RecordingTests {
    @Test("every event of the example app is in the trace once, with the exact value of every field")
    func everyFieldOfEveryEvent() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        let created = try sandbox.spoorOK("create", "fields", "--output=\(output.path)")
        #expect(created.lines.contains("Session fields created."))
        #expect(created.lines.contains("Traces will be output to \(output.path)"))
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*")
        try sandbox.spoorOK("start")
        let app = try sandbox.runExample("60")
        #expect(app.status == 0)
        try sandbox.spoorOK("stop")

        let read = try sandbox.babeltrace(output.path)
        #expect(read.status == 0)
        #expect(read.standardError.isEmpty, "babeltrace2 warned: \(read.standardError)")
        let events = read.lines.compactMap(EventLine.init)
        #expect(events.count == read.lines.count, "unparsable lines in: \(read.standardOutput)")
        let allTypes = events.filter { $0.name == "spoor_example:all_types" }
        try #require(allTypes.count == 60)
        for (i, event) in allTypes.enumerated() {
            #expect(event.payload == ExampleEvents.allTypesPayload(i), "event \(i)")
        }
        #expect(events.filter { $0.name == "spoor_example:done" }.map(\.payload) == ["{ count = 60 }"])
        #expect(events.last?.name == "spoor_example:done")
    }

    @Test("spoor view prints the same events as babeltrace2")
    func viewMatchesBabeltrace() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        try sandbox.spoorOK("create", "viewed")
        try sandbox.spoorOK("enable-event", "-u", "-a")
        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("25").status == 0)
        try sandbox.spoorOK("stop")
        let view = try sandbox.spoorOK("view")
        let status = try sandbox.spoorOK("list", "viewed")
        let outputLine = try #require(status.lines.first { $0.contains("Trace output: ") })
        let path = String(outputLine.split(separator: ": ", maxSplits: 1)[1])
        #expect(path.hasPrefix(sandbox.home.appendingPathComponent("spoor-traces/viewed-").path))
        let read = try sandbox.babeltrace(path)
        #expect(read.status == 0)
        // The app's 25 events and `done`, after its state dump (`-a` enables it too).
        #expect(view.lines.filter { !$0.contains(" lttng_ust_statedump:") }.count == 26)
        #expect(view.lines.first?.contains(" lttng_ust_statedump:start: ") == true)
        #expect(view.lines == read.lines)
    }

    @Test("events land in the buffer of the CPU that emitted them", arguments: [0, 1])
    func eventsLandOnTheirCPU(cpu: Int) throws {
        try RequiredTool.babeltrace2.require()
        guard cpu < ProcessInfo.processInfo.activeProcessorCount else { return }
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        try sandbox.spoorOK("create", "cpus", "--output=\(output.path)")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:all_types")
        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("20", pinnedToCPU: cpu).status == 0)
        try sandbox.spoorOK("stop")
        let events = try sandbox.babeltrace(output.path).lines.compactMap(EventLine.init)
        #expect(events.count == 20)
        #expect(events.allSatisfy { $0.cpu == cpu })
        let stream = output.appendingPathComponent("ust/uid/\(getuid())/64-bit/channel0_\(cpu)")
        let size = try FileManager.default.attributesOfItem(atPath: stream.path)[.size] as? Int
        #expect((size ?? 0) >= 4096)
    }

    @Test("several apps of one user share the per-user buffers")
    func appsShareUserBuffers() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        try sandbox.spoorOK("create", "shared", "--output=\(output.path)")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:all_types")
        try sandbox.spoorOK("start")
        let apps = try (0..<3).map { _ in try sandbox.startExample(["400"]) }
        for app in apps { #expect(sandbox.wait(for: app).status == 0) }
        try sandbox.spoorOK("stop")
        let read = try sandbox.babeltrace(output.path)
        #expect(read.standardError.isEmpty)
        let events = read.lines.compactMap(EventLine.init)
        #expect(events.count == 1200)
        let uidDirectories = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("ust/uid").path)
        #expect(uidDirectories == ["\(getuid())"])
    }
}
