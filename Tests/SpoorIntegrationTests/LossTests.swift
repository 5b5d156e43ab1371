import Foundation
import SpoorTestSupport
import Testing

/// Reads "N events were discarded" and "M packets were lost" from `spoor stop`'s warning.
private func lossCounts(_ output: String) -> (events: Int, packets: Int) {
    func number(before suffix: String) -> Int {
        guard let range = output.range(of: suffix) else { return 0 }
        let digits = output[..<range.lowerBound].reversed().prefix { $0.isNumber }
        return Int(String(digits.reversed())) ?? 0
    }
    return (number(before: " events were discarded"), number(before: " packets were lost"))
}

/// Indexes of the example's `all_types` events, read back from their `text` field ("event i").
private func exampleIndexes(_ lines: [String]) -> [Int] {
    lines.compactMap(EventLine.init).filter { $0.name == "spoor_example:all_types" }.compactMap { event in
        guard let range = event.payload.range(of: "text = \"event ") else { return nil }
        return Int(event.payload[range.upperBound...].prefix { $0.isNumber })
    }
}

@Suite("Event loss: discard, overwrite, blocking, crashes", .serialized)
struct LossTests {
    @Test("discard mode: events emitted = events in the trace + events reported discarded, exactly")
    func discardAccountingIsExact() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        try sandbox.spoorOK("create", "lossy", "--output=\(output.path)")
        try sandbox.spoorOK("enable-channel", "-u", "--subbuf-size=4k", "--num-subbuf=2", "small")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:all_types", "-c", "small")
        try sandbox.spoorOK("start")
        let apps = try (0..<3).map { _ in try sandbox.startExample(["20000"]) }
        for app in apps { #expect(sandbox.wait(for: app).status == 0) }
        let stop = try sandbox.spoorOK("stop")
        let reported = lossCounts(stop.standardOutput + stop.standardError)
        let read = try sandbox.babeltrace(output.path)
        #expect(read.status == 0)
        let recorded = read.lines.count
        #expect(reported.events > 0, "the test needs discards to mean anything")
        #expect(recorded + reported.events == 60_000)
        #expect(reported.packets == 0)
        // babeltrace2 agrees: the per-packet cumulative counts add up to the same total.
        let warned = read.standardError.components(separatedBy: "\n").compactMap { line -> Int? in
            guard let range = line.range(of: "Tracer discarded ") else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }
        #expect(warned.reduce(0, +) == reported.events)
        let list = try sandbox.spoorOK("list", "lossy")
        #expect(list.standardOutput.contains("Discarded events: \(reported.events)"))
    }

    @Test("overwrite mode keeps the newest sub-buffers and reports the lost packets")
    func overwriteKeepsNewest() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        try sandbox.spoorOK("create", "ring", "--output=\(output.path)")
        // With a read timer the producers do not wake the consumer, which reads once a second:
        // a burst overwrites the ring many times over before anything is read.
        try sandbox.spoorOK(
            "enable-channel", "-u", "--overwrite", "--read-timer=1000000", "--subbuf-size=4k", "--num-subbuf=4",
            "ring")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*", "-c", "ring")
        #expect(try sandbox.spoorOK("list", "ring").standardOutput.contains("Event-loss mode:  overwrite"))
        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("30000", pinnedToCPU: 0).status == 0)
        let stop = try sandbox.spoorOK("stop")
        let read = try sandbox.babeltrace(output.path)
        #expect(read.status == 0)
        let indexes = exampleIndexes(read.lines)
        #expect(!indexes.isEmpty)
        #expect(indexes.last == 29_999, "the newest events are kept")
        #expect(indexes == indexes.sorted())
        #expect(read.lines.last?.contains("spoor_example:done") == true)
        // The ring holds 4 sub-buffers of about 40 events: the oldest were overwritten, whole
        // packets at a time. (babeltrace2 says nothing here: the gap is before the first packet
        // that reached the disk.)
        // However slow the machine, the consumer reads once a second at most: far fewer events
        // than the app emitted survive, the very first ones among the lost.
        #expect(indexes.count < 30_000 / 2)
        #expect(indexes.first ?? 0 > 0)
        let lost = lossCounts(stop.standardOutput + stop.standardError).packets
        #expect(lost > 10)
        #expect(!read.standardError.contains("ERROR"))
        #expect(try sandbox.spoorOK("list", "ring").standardOutput.contains("Lost packets:"))
    }

    @Test("blocking mode with an infinite timeout loses nothing")
    func blockingLosesNothing() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        try sandbox.spoorOK("create", "patient", "--output=\(output.path)")
        try sandbox.spoorOK(
            "enable-channel", "-u", "--blocking-timeout=inf", "--subbuf-size=4k", "--num-subbuf=2", "tight")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*", "-c", "tight")
        try sandbox.spoorOK("start")
        let app = try sandbox.startExample(["20000"], environment: ["SPOOR_ALLOW_BLOCKING": "1"])
        #expect(sandbox.wait(for: app).status == 0)
        let stop = try sandbox.spoorOK("stop")
        #expect(lossCounts(stop.standardOutput + stop.standardError).events == 0)
        let read = try sandbox.babeltrace(output.path)
        #expect(read.standardError.isEmpty)
        #expect(exampleIndexes(read.lines) == Array(0..<20_000))
    }

    @Test("a writer killed with SIGKILL mid-session leaves a trace babeltrace2 reads, with what it committed")
    func killedWriterLeavesAReadableTrace() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        try sandbox.spoorOK("create", "crash", "--output=\(output.path)")
        try sandbox.spoorOK("enable-channel", "-u", "--subbuf-size=8k", "--num-subbuf=4", "c")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*", "-c", "c")
        try sandbox.spoorOK("start")
        let victim = try sandbox.startExample(["100000000"])
        let survivor = try sandbox.startExample(["3000"])
        // Let the victim record for a while, then kill it wherever it is.
        let streams = output.appendingPathComponent("ust/uid/\(getuid())/64-bit")
        #expect(waitUntil(timeout: .seconds(20)) {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: streams.path)) ?? []
            let written = names.filter { $0.hasPrefix("c_") }.compactMap { name in
                (try? FileManager.default.attributesOfItem(atPath: streams.appendingPathComponent(name).path))?[.size]
                    as? Int
            }
            return written.reduce(0, +) >= 64 * 1024
        })
        kill(victim.pid, SIGKILL)
        #expect(sandbox.wait(for: victim).status == 128 + SIGKILL)
        #expect(sandbox.wait(for: survivor).status == 0)
        try sandbox.spoorOK("stop")
        let read = try sandbox.babeltrace(output.path)
        #expect(read.status == 0, "babeltrace2 failed: \(read.standardError)")
        #expect(!read.standardError.contains("ERROR"))
        let events = read.lines.compactMap(EventLine.init)
        #expect(events.count == read.lines.count)
        #expect(events.count > 0)
    }
}
