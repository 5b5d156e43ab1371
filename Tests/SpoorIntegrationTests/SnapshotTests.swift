import Foundation
import SpoorTestSupport
import Testing

/// Snapshot mode (`lttng-snapshot(1)`): the real daemon, CLI and example app, read back with
/// babeltrace2.
@Suite("Snapshot mode", .serialized)
struct SnapshotTests {
    /// What babeltrace2 reads from a snapshot: the example app's event numbers, in order, after
    /// checking that every event is whole (each field matches its number).
    struct Reading {
        var numbers: [Int]
        var doneCount: Int
        var standardError: String
    }

    private func read(_ sandbox: Sandbox, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> Reading
    {
        let output = try sandbox.babeltrace(path)
        #expect(output.status == 0, "babeltrace2 \(path): \(output.standardError)", sourceLocation: sourceLocation)
        var numbers: [Int] = []
        var doneCount = 0
        for event in output.lines.compactMap(EventLine.init) {
            if event.name == "spoor_example:done" {
                doneCount += 1
                continue
            }
            guard let start = event.payload.range(of: "text = \"event "),
                let end = event.payload[start.upperBound...].firstIndex(of: "\""),
                let number = Int(event.payload[start.upperBound..<end])
            else {
                Issue.record("unreadable event: \(event.payload)", sourceLocation: sourceLocation)
                continue
            }
            #expect(
                event.payload == ExampleEvents.allTypesPayload(number), "torn event \(number)",
                sourceLocation: sourceLocation)
            numbers.append(number)
        }
        return Reading(numbers: numbers, doneCount: doneCount, standardError: output.standardError)
    }

    /// The snapshot directories under `output`, oldest first (their names end with the count).
    private func snapshotDirectories(_ output: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []
        return names.sorted {
            Int($0.split(separator: "-").last ?? "") ?? 0 < Int($1.split(separator: "-").last ?? "") ?? 0
        }
        .map { output + "/" + $0 }
    }

    /// Files under `directory`, relative, with their sizes.
    private func files(_ directory: String) -> [String: Int] {
        var sizes: [String: Int] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory),
                !isDirectory.boolValue
            else { continue }
            sizes[name] =
                (try? FileManager.default.attributesOfItem(atPath: directory + "/" + name)[.size] as? Int) ?? -1
        }
        return sizes
    }

    @Test("snapshots of an active session are whole traces, alone and together, and recording goes on")
    func snapshotsOfActiveSession() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("snapshots").path
        let created = try sandbox.spoorOK("create", "live", "--snapshot", "--output=\(output)")
        #expect(
            created.lines.filter { $0 != "Spawning a session daemon" } == [
                "Snapshot session live created.", "Default snapshot output set to \(output)",
                "Every channel enabled for this session will be set to mmap output and default to overwrite mode.",
            ])
        try sandbox.spoorOK("enable-channel", "-u", "--subbuf-size=4096", "--num-subbuf=8", "small")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*", "-c", "small")
        #expect(try sandbox.spoorOK("list", "live").standardOutput.contains("Event-loss mode:  overwrite"))
        try sandbox.spoorOK("start")
        // One thread on one CPU: one stream, whose packets follow each other.
        let app = try sandbox.startExample(["10000000", "--interval-us", "20"], pinnedToCPU: 0)
        let probe = sandbox.home.appendingPathComponent("probe").path
        // Until the app has recorded a few packets' worth (each probe is a one-off snapshot).
        #expect(
            try waitUntil(timeout: .seconds(20)) {
                try sandbox.spoorOK("snapshot", "record", probe)
                // Before the app registers, a snapshot is an empty directory, as with LTTng.
                guard let last = snapshotDirectories(probe).last,
                    FileManager.default.fileExists(atPath: last + "/ust/uid/\(getuid())/64-bit/metadata")
                else { return false }
                return try read(sandbox, last).numbers.count > 100
            })

        #expect(try sandbox.spoorOK("snapshot", "record").lines == ["Snapshot recorded successfully for session live"])
        try sandbox.spoorOK("snapshot", "record")
        let directories = snapshotDirectories(output)
        #expect(directories.count == 2)
        guard directories.count == 2 else { return }
        // Named NAME-YYYYMMDD-HHMMSS-N, N counting the session's snapshots (the probes included).
        #expect(directories.allSatisfy { $0.contains("/snapshot-1-") })
        let first = try read(sandbox, directories[0])
        let second = try read(sandbox, directories[1])
        for reading in [first, second] {
            #expect(reading.numbers.count > 100)
            #expect(zip(reading.numbers, reading.numbers.dropFirst()).allSatisfy { $0 < $1 }, "out of order")
        }
        // The second snapshot has newer events: the app kept recording, nothing was stopped.
        #expect((second.numbers.last ?? 0) > (first.numbers.last ?? 0))
        #expect(
            try sandbox.spoorOK("list", "live").standardOutput.hasPrefix("Recording session live: [active snapshot]"))
        // Both together: babeltrace2 merges the two traces (one UUID), each event once.
        let together = try read(sandbox, output)
        #expect(Set(together.numbers).count == together.numbers.count, "an event read twice")
        #expect(Set(together.numbers) == Set(first.numbers).union(second.numbers))

        // Stopped, the buffers still hold the newest events of the app, which is still running.
        try sandbox.spoorOK("stop")
        try sandbox.spoorOK("snapshot", "record")
        let third = try read(sandbox, try #require(snapshotDirectories(output).last))
        #expect((third.numbers.last ?? 0) > (second.numbers.last ?? 0))
        app.kill()
    }

    @Test("a snapshot of a stopped session holds its newest events, and a second one holds them again")
    func snapshotOfStoppedSession() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        try sandbox.spoorOK("create", "s", "--snapshot")
        let list = try sandbox.spoorOK("snapshot", "list-output")
        #expect(list.lines.first == "Snapshot output list for session s")
        let listed = try #require(list.lines.last)
        let prefix = "    [1] snapshot-1: \(sandbox.home.path)/spoor-traces/s-"
        #expect(listed.hasPrefix(prefix), "\(listed)")
        let output = String(listed.dropFirst("    [1] snapshot-1: ".count))
        // The default channel of a snapshot session overwrites too.
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*")
        #expect(try sandbox.spoorOK("list", "s").standardOutput.contains("Event-loss mode:  overwrite"))
        #expect(try sandbox.spoorOK("list").lines.contains("  1) s [inactive snapshot]"))
        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("50").status == 0)
        let stopped = try sandbox.spoorOK("stop")
        #expect(stopped.lines.last == "Tracing stopped for session s")
        try sandbox.spoorOK("snapshot", "record")
        try sandbox.spoorOK("snapshot", "record")
        let directories = snapshotDirectories(output)
        #expect(directories.count == 2)
        #expect(directories.first?.hasSuffix("-0") == true && directories.last?.hasSuffix("-1") == true)
        for directory in directories {
            let reading = try read(sandbox, directory)
            #expect(reading.numbers == Array(0..<50))
            #expect(reading.doneCount == 1)
            #expect(reading.standardError.isEmpty, "\(reading.standardError)")
            let names = files(directory).keys
            let trace = "ust/uid/\(getuid())/64-bit/"
            #expect(names.contains(trace + "metadata"))
            #expect(names.contains { $0.hasPrefix(trace + "channel0_") })
            #expect(names.contains { $0.hasPrefix(trace + "index/channel0_") && $0.hasSuffix(".idx") })
        }
        // Nothing is written to the session's output except by a snapshot.
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).count == 2)
        // view reads the snapshots together: each event once.
        let viewed = try sandbox.spoorOK("view").lines.compactMap(EventLine.init)
        #expect(viewed.count == 51)
        #expect(viewed.last?.name == "spoor_example:done")
    }

    @Test("--max-size keeps the newest packets that fit, and refuses a size that cannot hold one per stream")
    func maxSize() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("out").path
        try sandbox.spoorOK("create", "m", "--snapshot", "-o", output)
        try sandbox.spoorOK("enable-channel", "-u", "--subbuf-size=4096", "--num-subbuf=8", "c")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*", "-c", "c")
        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("2000", pinnedToCPU: 0).status == 0)
        try sandbox.spoorOK("stop")
        try sandbox.spoorOK("snapshot", "record", "-n", "all")
        let whole = try #require(snapshotDirectories(output).last)
        let streamCount = files(whole).keys.filter { $0.contains("/64-bit/c_") }.count
        #expect(streamCount > 0)

        let refused = try sandbox.spoor("snapshot", "record", "-m", "4095")
        #expect(refused.status == 1)
        #expect(
            refused.standardError
                == "Error: Invalid snapshot size. Cannot fit at least one packet per stream.\n"
                + "Error: Snapshot max size is invalid\n")

        // Two packets per stream.
        let limit = 4096 * streamCount * 2 + 4095
        try sandbox.spoorOK("snapshot", "record", "-n", "small", "--max-size", "\(limit)")
        let small = try #require(snapshotDirectories(output).last)
        #expect(small.contains("/small-"))
        let sizes = files(small).filter { $0.key.contains("/64-bit/c_") }
        #expect(sizes.values.reduce(0, +) <= limit)
        let cpu0 = try #require(sizes.first { $0.key.hasSuffix("/c_0") })
        #expect(cpu0.value == 2 * 4096)
        let newest = try read(sandbox, small)
        let all = try read(sandbox, whole)
        #expect(newest.numbers.count < all.numbers.count)
        #expect(newest.numbers == Array(all.numbers.suffix(newest.numbers.count)))
        #expect(newest.numbers.last == 1999 && newest.doneCount == 1)
    }

    @Test("add-output, del-output and list-output speak as lttng does; one output per session")
    func outputs() throws {
        let sandbox = try Sandbox()
        let created = try sandbox.spoorOK("create", "o", "--snapshot", "--no-output")
        #expect(
            created.lines.filter { $0 != "Spawning a session daemon" } == [
                "Snapshot session o created.",
                "Every channel enabled for this session will be set to mmap output and default to overwrite mode.",
            ])
        #expect(
            try sandbox.spoorOK("snapshot", "list-output").lines == ["Snapshot output list for session o", "    None"])
        let directory = sandbox.home.appendingPathComponent("d").path
        let added = try sandbox.spoorOK("snapshot", "add-output", "-n", "foo", "-m", "1M", "file://\(directory)")
        #expect(
            added.lines == [
                "Snapshot output successfully added for session o",
                "  [1] foo: file://\(directory) (max size: 1048576 bytes)",
            ])
        #expect(
            try sandbox.spoorOK("snapshot", "list-output").lines == [
                "Snapshot output list for session o", "    [1] foo: \(directory) (max size: 1048576 bytes)",
            ])
        // Every channel overwrites; a blocking timeout means nothing then and is dropped, as LTTng does.
        try sandbox.spoorOK("enable-channel", "-u", "--blocking-timeout=100", "blocking")
        let channel = try sandbox.spoorOK("list", "o").standardOutput
        #expect(channel.contains("Event-loss mode:  overwrite"))
        #expect(!channel.contains("Blocking timeout"))
        let second = try sandbox.spoor("snapshot", "add-output", "/elsewhere")
        #expect(second.status == 1)
        #expect(second.standardError == "Error: Snapshot output already exists\n")
        let missing = try sandbox.spoor("snapshot", "del-output", "2")
        #expect(missing.status == 1)
        #expect(missing.standardError == "Error: Invalid parameter\n")
        #expect(
            try sandbox.spoorOK("snapshot", "del-output", "foo").lines == [
                "Snapshot output foo successfully deleted for session o"
            ])
        #expect(
            try sandbox.spoorOK("snapshot", "add-output", "/tmp/x").lines.last == "  [2] snapshot-2: /tmp/x")
        #expect(
            try sandbox.spoorOK("snapshot", "del-output", "2").lines == [
                "Snapshot output id 2 successfully deleted for session o"
            ])
        let network = try sandbox.spoor("snapshot", "add-output", "net://localhost")
        #expect(network.status == 1)
        #expect(network.standardError.contains("no relay daemon"))
        #expect(
            try sandbox.spoor("snapshot", "add-output").standardError
                == "Error: An output destination must be specified to add a snapshot output.\n")
        #expect(
            try sandbox.spoor("snapshot", "del-output").standardError
                == "Error: A snapshot output name or id must be provided to delete a snapshot output.\n")
        #expect(
            try sandbox.spoor("snapshot", "add-output", "-C", "tcp://localhost").standardError
                == "Error: URLs must be specified for both data and control\n")
    }

    @Test("record: refused before the first start and without an output; a one-off output takes one snapshot")
    func recordOutputsAndErrors() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        try sandbox.spoorOK("create", "r", "--snapshot", "--no-output")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*")
        let early = try sandbox.spoor("snapshot", "record")
        #expect(early.status == 1)
        #expect(early.standardError == "Error: Session needs to be started once\n")
        try sandbox.spoorOK("start")
        let noOutput = try sandbox.spoor("snapshot", "record")
        #expect(noOutput.status == 1)
        #expect(noOutput.standardError == "Error: Snapshot record failed\n")
        #expect(try sandbox.runExample("7").status == 0)
        let once = sandbox.home.appendingPathComponent("once").path
        let recorded = try sandbox.spoorOK("snapshot", "record", "-n", "one", once)
        #expect(recorded.lines == ["Snapshot recorded successfully for session r", "Snapshot written at: \(once)"])
        let directory = try #require(snapshotDirectories(once).first)
        #expect(URL(fileURLWithPath: directory).lastPathComponent.hasPrefix("one-"))
        #expect(directory.hasSuffix("-0"))
        #expect(try read(sandbox, directory).numbers == Array(0..<7))
        // Unnamed, a one-off output is snapshot-0; the session still has no output of its own.
        try sandbox.spoorOK("snapshot", "record", once)
        #expect(snapshotDirectories(once).last?.contains("/snapshot-0-") == true)
        #expect(snapshotDirectories(once).last?.hasSuffix("-1") == true)
        #expect(try sandbox.spoorOK("snapshot", "list-output").lines.last == "    None")
        let network = try sandbox.spoor("snapshot", "record", "tcp://localhost")
        #expect(network.status == 1)
        #expect(network.standardError.contains("no relay daemon"))
    }

    @Test("snapshot commands refuse what lttng refuses")
    func errors() throws {
        let sandbox = try Sandbox()
        try sandbox.spoorOK("create", "n")
        let normal = try sandbox.spoor("snapshot", "list-output")
        #expect(normal.status == 1)
        #expect(normal.standardError == "Error: Snapshot command can't be applied to a non-snapshot session\n")
        #expect(try sandbox.spoor("snapshot", "record", "-s", "n").standardError == normal.standardError)
        let unknown = try sandbox.spoor("snapshot", "list-output", "-s", "nosuch")
        #expect(unknown.status == 1)
        #expect(unknown.standardError == "Error: Session name not found\n")
        let noAction = try sandbox.spoor("snapshot")
        #expect(noAction.status == 1)
        #expect(noAction.standardError == "Error: No action specified for snapshot command.\n")
        let bogus = try sandbox.spoor("snapshot", "bogus")
        #expect(bogus.status == 2)
        #expect(bogus.standardError == "Error: Unrecognized argument used with 'snapshot' command\n")
        let size = try sandbox.spoor("snapshot", "record", "-m", "1x")
        #expect(size.status == 1)
        #expect(size.standardError == "Error: Unable to handle max-size value 1x\n")
        let network = try sandbox.spoor("create", "net", "--snapshot", "-U", "net://localhost")
        #expect(network.status == 1)
        #expect(network.standardError.contains("no relay daemon"))
        #expect(try !sandbox.spoorOK("list").standardOutput.contains("net"))
        let live = try sandbox.spoor("create", "l", "--snapshot", "--live")
        #expect(live.standardError == "Error: Snapshot and live modes are mutually exclusive.\n")
    }
}

/// A snapshot session the real `lttng save` (LTTng 2.13) wrote, with an output it replaced.
private let lttngSnapshotFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("SpoorSessionXMLTests/Golden/lttng-snapshot-outputs.lttng").path

@Suite("Snapshot sessions saved and loaded", .serialized)
struct SnapshotSaveLoadTests {
    @Test("a snapshot session saves and loads with its output")
    func saveAndLoad() throws {
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("snaps").path
        try sandbox.spoorOK("create", "keep", "--snapshot", "--no-output")
        try sandbox.spoorOK("snapshot", "add-output", "-n", "mine", "-m", "64k", output)
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*")
        let listed = try sandbox.spoorOK("snapshot", "list-output").lines
        try sandbox.spoorOK("save", "keep")
        let saved = try String(
            contentsOfFile: sandbox.home.appendingPathComponent(".spoor/sessions/keep.lttng").path, encoding: .utf8)
        #expect(saved.contains("<snapshot_mode>true</snapshot_mode>"))
        #expect(saved.contains("<name>mine</name>"))
        try sandbox.spoorOK("destroy", "keep")
        try sandbox.spoorOK("load", "keep")
        #expect(try sandbox.spoorOK("snapshot", "list-output", "-s", "keep").lines == listed)
        #expect(try sandbox.spoorOK("list").lines.contains("  1) keep [inactive snapshot]"))
        #expect(try sandbox.spoorOK("list", "keep").standardOutput.contains("Event-loss mode:  overwrite"))
    }

    @Test("a snapshot session saved by the real lttng loads with the same output, and takes snapshots")
    func lttngFileLoads() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        try sandbox.spoorOK("create", "placeholder")
        let loaded = try sandbox.spoorOK("load", "-i", lttngSnapshotFile)
        #expect(loaded.standardError.isEmpty)
        #expect(
            try sandbox.spoorOK("snapshot", "list-output", "-s", "snapshotted").lines == [
                "Snapshot output list for session snapshotted",
                "    [1] keep: /tmp/spoor-golden/snapshots (max size: 1048576 bytes)",
            ])
        // Saved while started: it is active again, and records into its overwriting channel.
        let list = try sandbox.spoorOK("list", "snapshotted").standardOutput
        #expect(list.hasPrefix("Recording session snapshotted: [active snapshot]"))
        #expect(list.contains("- small: [enabled]") && list.contains("Event-loss mode:  overwrite"))
        #expect(try sandbox.runExample("5").status == 0)
        let elsewhere = sandbox.home.appendingPathComponent("elsewhere").path
        try sandbox.spoorOK("snapshot", "record", "-s", "snapshotted", elsewhere)
        let directory = try #require(try FileManager.default.contentsOfDirectory(atPath: elsewhere).first)
        let read = try sandbox.babeltrace(elsewhere + "/" + directory)
        #expect(read.status == 0)
        #expect(read.lines.compactMap(EventLine.init).filter { $0.name == "spoor_example:all_types" }.count == 5)
    }
}
