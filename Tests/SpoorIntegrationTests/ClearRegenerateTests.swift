import Foundation
import SpoorTestSupport
import Testing

@Suite("Clear and regenerate", .serialized)
struct ClearRegenerateTests {
    /// The `count` of each `done` event babeltrace2 reads, after checking it read without a word.
    private func doneCounts(_ sandbox: Sandbox, _ path: String) throws -> [String] {
        let read = try sandbox.babeltrace(path)
        #expect(read.status == 0)
        #expect(read.standardError.isEmpty, "babeltrace2: \(read.standardError)")
        return read.lines.compactMap(EventLine.init).filter { $0.name == "spoor_example:done" }.map(\.payload)
    }

    /// The sizes of the stream files (not the metadata) and index files under `path`.
    private func streamFileSizes(_ path: String) -> [String: Int] {
        var sizes: [String: Int] = [:]
        let enumerator = FileManager.default.enumerator(atPath: path)
        while let name = enumerator?.nextObject() as? String {
            let full = path + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
                !name.hasSuffix("/metadata")
            else { continue }
            sizes[name] = (try? FileManager.default.attributesOfItem(atPath: full)[.size] as? Int) ?? -1
        }
        return sizes
    }

    @Test("clear on an active session drops what was recorded, on disk and in the buffers, and recording goes on")
    func clearActiveSession() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace").path
        try sandbox.spoorOK("create", "c", "--output=\(output)")
        // Small sub-buffers: some packets reach the disk before the clear, the rest wait in the buffers.
        try sandbox.spoorOK("enable-channel", "-u", "--subbuf-size=4096", "--num-subbuf=8", "small")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*", "-c", "small")
        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("100").status == 0)
        #expect(try waitUntil(timeout: .seconds(10)) { streamFileSizes(output).values.contains { $0 > 4096 } })
        let metadata = try Data(contentsOf: URL(fileURLWithPath: "\(output)/ust/uid/\(getuid())/64-bit/metadata"))

        let cleared = try sandbox.spoorOK("clear")
        #expect(cleared.lines.last == "Session \"c\" cleared")
        #expect(cleared.standardError.isEmpty)
        // Emptied: every index holds its 16-byte header only.
        for (name, size) in streamFileSizes(output) {
            #expect(size == (name.hasPrefix("ust/uid/\(getuid())/64-bit/index/") ? 16 : 0), "\(name)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(output)/ust/uid/\(getuid())/64-bit/metadata")) == metadata)
        #expect(try sandbox.spoorOK("list", "c").standardOutput.contains("[active]"))

        #expect(try sandbox.runExample("3").status == 0)
        try sandbox.spoorOK("stop")
        #expect(try doneCounts(sandbox, output) == ["{ count = 3 }"])
        let read = try sandbox.babeltrace(output).lines.compactMap(EventLine.init)
        #expect(read.filter { $0.name == "spoor_example:all_types" }.count == 3)
    }

    @Test("clear on a stopped session empties the trace; the next start records into it again")
    func clearStoppedSession() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace").path
        try sandbox.spoorOK("create", "s", "--output=\(output)")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*")
        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("5").status == 0)
        try sandbox.spoorOK("stop")
        #expect(try doneCounts(sandbox, output) == ["{ count = 5 }"])

        let cleared = try sandbox.spoorOK("clear", "s")
        #expect(cleared.lines == ["Session \"s\" cleared"])
        #expect(try doneCounts(sandbox, output).isEmpty)

        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("2").status == 0)
        try sandbox.spoorOK("stop")
        #expect(try doneCounts(sandbox, output) == ["{ count = 2 }"])
    }

    @Test("clear --all clears every session; a session never started clears too")
    func clearAll() throws {
        let sandbox = try Sandbox()
        try sandbox.spoorOK("create", "a", "--output=\(sandbox.home.path)/a")
        try sandbox.spoorOK("destroy", "a")
        #expect(try sandbox.spoorOK("clear", "--all").lines == ["No session found, nothing to do."])
        try sandbox.spoorOK("create", "a", "--output=\(sandbox.home.path)/a")
        try sandbox.spoorOK("create", "b", "--output=\(sandbox.home.path)/b")
        #expect(try sandbox.spoorOK("clear", "-a").lines == ["Session \"a\" cleared", "Session \"b\" cleared"])
        let missing = try sandbox.spoor("clear", "nosuch")
        #expect(missing.status == 23)
        #expect(missing.standardError == "Error: Session name nosuch not found\n")
    }

    @Test("regenerate metadata rewrites the metadata; babeltrace2 reads the same trace")
    func regenerateMetadata() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace").path
        try sandbox.spoorOK("create", "m", "--output=\(output)")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*")
        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("4").status == 0)
        // Stopped and started again: the events are on disk and the session is active.
        try sandbox.spoorOK("stop")
        try sandbox.spoorOK("start")
        let trace = "\(output)/ust/uid/\(getuid())/64-bit"
        let before = try sandbox.babeltrace("--output-format=ctf-metadata", trace)
        #expect(before.status == 0)
        let cyclesBefore = try sandbox.babeltrace("--clock-cycles", output)
        #expect(cyclesBefore.standardError.isEmpty)
        #expect(cyclesBefore.lines.count == 5)

        let regenerated = try sandbox.spoorOK("regenerate", "metadata")
        #expect(regenerated.lines == ["Metadata successfully regenerated for session m"])
        #expect(try sandbox.spoorOK("metadata", "regenerate", "-s", "m").lines == [
            "Metadata successfully regenerated for session m"
        ])
        let after = try sandbox.babeltrace("--output-format=ctf-metadata", trace)
        #expect(after.status == 0)
        #expect(after.standardOutput.contains("offset = "))
        // The same declarations; only the sampled clock offset may differ.
        func withoutOffset(_ text: String) -> [String] {
            text.split(separator: "\n").filter { !$0.contains("offset = ") }.map(String.init)
        }
        #expect(withoutOffset(after.standardOutput) == withoutOffset(before.standardOutput))
        #expect(withoutOffset(after.standardOutput).count > 50)
        let cyclesAfter = try sandbox.babeltrace("--clock-cycles", output)
        #expect(cyclesAfter.standardError.isEmpty)
        #expect(cyclesAfter.standardOutput == cyclesBefore.standardOutput)

        // Event classes declared after the regeneration are appended as usual.
        #expect(try sandbox.runExample("2").status == 0)
        try sandbox.spoorOK("stop")
        #expect(try doneCounts(sandbox, output) == ["{ count = 4 }", "{ count = 2 }"])
    }

    @Test("regenerate metadata is refused for a stopped session and for per-process buffers")
    func regenerateRefusals() throws {
        let sandbox = try Sandbox()
        try sandbox.spoorOK("create", "idle", "--output=\(sandbox.home.path)/idle")
        let stopped = try sandbox.spoor("regenerate", "metadata")
        #expect(stopped.status == 118)
        #expect(stopped.standardError == "Error: Session not started\n")

        try sandbox.spoorOK("create", "pp", "--output=\(sandbox.home.path)/pp")
        try sandbox.spoorOK("enable-channel", "-u", "--buffers-pid", "c")
        try sandbox.spoorOK("start", "pp")
        let perProcess = try sandbox.spoor("regenerate", "metadata", "--session=pp")
        #expect(perProcess.status == 120)
        #expect(perProcess.standardError == "Error: Per-PID recording sessions are not supported\n")

        let missing = try sandbox.spoor("regenerate", "metadata", "-s", "nosuch")
        #expect(missing.status == 23)
        #expect(missing.standardError == "Error: Session name not found\n")

        // lttng says nothing when a state dump is asked of an inactive session.
        let statedump = try sandbox.spoor("regenerate", "statedump", "-s", "idle")
        #expect(statedump.status == 118)
        #expect(statedump.standardOutput.isEmpty && statedump.standardError.isEmpty)
    }

    @Test("clear with per-process buffers empties the traces of live and ended processes")
    func clearPerProcess() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace").path
        try sandbox.spoorOK("create", "pp", "--output=\(output)")
        try sandbox.spoorOK("enable-channel", "-u", "--buffers-pid", "c")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*", "-c", "c")
        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("4").status == 0)
        #expect(try waitUntil(timeout: .seconds(10)) { streamFileSizes(output).values.contains { $0 > 0 && $0 != 32 } })
        try sandbox.spoorOK("clear")
        #expect(try doneCounts(sandbox, output).isEmpty)
        #expect(try sandbox.runExample("2").status == 0)
        try sandbox.spoorOK("stop")
        #expect(try doneCounts(sandbox, output) == ["{ count = 2 }"])
    }
}
