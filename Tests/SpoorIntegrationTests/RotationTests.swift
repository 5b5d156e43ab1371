import Foundation
import SpoorTestSupport
import Testing

/// `rotate`, `enable-rotation`, `disable-rotation` and rotation on `destroy`, with the real
/// daemon and CLI, read back with babeltrace2.
@Suite("Rotation", .serialized)
struct RotationTests {
    /// `BEGIN-END-ID`, each time ISO 8601 basic with its UTC offset (lttng-concepts(7)).
    static var archiveName: Regex<(Substring, Substring, Substring, Substring)> {
        #/^(\d{8}T\d{6}[+-]\d{4})-(\d{8}T\d{6}[+-]\d{4})-(\d+)$/#
    }
    /// `BEGIN-ID`, the current chunk after the first rotation.
    static var chunkName: Regex<(Substring, Substring)> { #/^\d{8}T\d{6}[+-]\d{4}-(\d+)$/# }

    /// The sequence numbers (`text = "event N"`) of the example app's events babeltrace2 reads
    /// at `path`, after checking it read them without a word, and how many `done` events.
    private func sequence(_ sandbox: Sandbox, _ path: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws -> (numbers: [Int], doneCount: Int)
    {
        let read = try sandbox.babeltrace(path)
        #expect(read.status == 0, "babeltrace2 \(path) failed", sourceLocation: sourceLocation)
        #expect(read.standardError.isEmpty, "babeltrace2: \(read.standardError)", sourceLocation: sourceLocation)
        let events = read.lines.compactMap(EventLine.init)
        let numbers = events.filter { $0.name == "spoor_example:all_types" }.compactMap { event -> Int? in
            guard let range = event.payload.range(of: #"text = "event (\d+)""#, options: .regularExpression) else {
                return nil
            }
            return Int(event.payload[range].dropFirst(14).dropLast())
        }
        return (numbers, events.filter { $0.name == "spoor_example:done" }.count)
    }

    /// The archived chunks of `output`, by id.
    private func archives(_ output: String) -> [Int: String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: output + "/archives")) ?? []
        var found: [Int: String] = [:]
        for name in names {
            guard let match = name.wholeMatch(of: Self.archiveName), let id = Int(match.3) else { continue }
            found[id] = output + "/archives/" + name
        }
        return found
    }

    /// Checks that every archive is a trace of its own and that, together and read as one trace
    /// from the output directory, they hold events 0..<count once each, and one `done` event.
    private func expectComplete(
        _ sandbox: Sandbox, _ output: String, count: Int, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [Int: [Int]] {
        var perChunk: [Int: [Int]] = [:]
        var dones = 0
        for (id, path) in archives(output) {
            let read = try sequence(sandbox, path, sourceLocation: sourceLocation)
            perChunk[id] = read.numbers
            dones += read.doneCount
        }
        let all = perChunk.values.flatMap { $0 }
        #expect(all.count == count, "events in the archives", sourceLocation: sourceLocation)
        #expect(all.sorted() == Array(0..<count), "events 0..<\(count) once each", sourceLocation: sourceLocation)
        #expect(dones == 1, sourceLocation: sourceLocation)
        let whole = try sequence(sandbox, output, sourceLocation: sourceLocation)
        #expect(whole.numbers == Array(0..<count), "the whole output, in order", sourceLocation: sourceLocation)
        #expect(whole.doneCount == 1, sourceLocation: sourceLocation)
        return perChunk
    }

    private func makeSession(_ sandbox: Sandbox, _ name: String, channelOptions: [String] = []) throws -> String {
        let output = sandbox.home.appendingPathComponent("trace").path
        try sandbox.spoorOK("create", name, "--output=\(output)")
        if !channelOptions.isEmpty {
            _ = try sandbox.run(
                sandbox.binaries.appendingPathComponent("spoor").path,
                ["enable-channel", "-u"] + channelOptions + ["channel0"])
        }
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*")
        return output
    }

    @Test("rotate archives chunks while an app records: each archive is a trace, nothing is lost or duplicated")
    func rotateWhileRecording() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = try makeSession(sandbox, "r")
        try sandbox.spoorOK("start")
        let count = 4000
        let app = try sandbox.startExample(["\(count)", "--interval-us", "300"])
        var archived: [String] = []
        #expect(try waitUntil(timeout: .seconds(10)) { try sandbox.isRegistered(app.processIdentifier) })
        for id in 0..<3 {
            let rotated = try sandbox.spoorOK("rotate")
            #expect(rotated.lines.count == 2)
            #expect(rotated.lines.first?.hasPrefix("Waiting for rotation to complete") == true)
            let prefix = "Trace chunk archive for session r is now readable at \(output)/archives/"
            #expect(rotated.lines.last?.hasPrefix(prefix) == true, "\(rotated.standardOutput)")
            let name = String(rotated.lines.last?.dropFirst(prefix.count) ?? "")
            #expect(name.wholeMatch(of: Self.archiveName)?.3 == "\(id)"[...])
            archived.append(name)
        }
        #expect(sandbox.wait(for: app).status == 0)
        try sandbox.spoorOK("stop")
        let destroyed = try sandbox.spoorOK("destroy", "r")
        #expect(
            destroyed.standardOutput.contains(
                "Trace chunk archive for session r is now readable at \(output)/archives/"))
        #expect(destroyed.lines.last == "Session r destroyed")
        // Everything is archived: chunks 0 to 3, and nothing else in the output directory.
        #expect(try FileManager.default.contentsOfDirectory(atPath: output) == ["archives"])
        #expect(archives(output).keys.sorted() == [0, 1, 2, 3])
        for name in archived { #expect(FileManager.default.fileExists(atPath: "\(output)/archives/\(name)/ust")) }
        let perChunk = try expectComplete(sandbox, output, count: count)
        // The app recorded across boundaries: its events are spread over several chunks.
        #expect(perChunk.values.filter { !$0.isEmpty }.count >= 2, "\(perChunk.mapValues(\.count))")
    }

    /// The directory of the current chunk: the output directory until the first rotation, then
    /// its `BEGIN-ID` directory.
    private func currentChunk(_ output: String) -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []
        if let chunk = names.filter({ $0.wholeMatch(of: Self.chunkName) != nil }).sorted().last {
            return output + "/" + chunk
        }
        return output
    }

    @Test("the chunks are laid out as LTTng lays them out, before and after the first rotation")
    func layout() throws {
        let sandbox = try Sandbox()
        let output = try makeSession(sandbox, "l")
        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("10").status == 0)
        let trace = "ust/uid/\(getuid())/64-bit"
        #expect(FileManager.default.fileExists(atPath: "\(output)/\(trace)/metadata"))
        try sandbox.spoorOK("rotate", "l")
        let top = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
        #expect(top.count == 2)
        #expect(top.contains("archives"))
        let current = top.first { $0 != "archives" } ?? ""
        #expect(current.wholeMatch(of: Self.chunkName)?.1 == "1"[...], "\(top)")
        #expect(FileManager.default.fileExists(atPath: "\(output)/\(current)/\(trace)/metadata"))
        #expect(FileManager.default.fileExists(atPath: "\(output)/\(current)/\(trace)/index/channel0_0.idx"))
        let archive = archives(output)[0] ?? "?"
        #expect(FileManager.default.fileExists(atPath: "\(archive)/\(trace)/metadata"))
        #expect(FileManager.default.fileExists(atPath: "\(archive)/\(trace)/index"))
        // The archive ends when the current chunk begins.
        let archiveMatch = URL(fileURLWithPath: archive).lastPathComponent.wholeMatch(of: Self.archiveName)
        #expect(archiveMatch.map { current.hasPrefix($0.2 + "-") } == true, "\(archive) then \(current)")
        #expect(try sequence(sandbox, archive).numbers == Array(0..<10))
    }

    @Test("rotate --no-wait answers at once; the archive appears when it is complete")
    func rotateNoWait() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = try makeSession(sandbox, "n")
        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("20").status == 0)
        let rotated = try sandbox.spoorOK("rotate", "--no-wait")
        #expect(rotated.standardOutput == "Rotation ongoing for session n\n")
        #expect(try waitUntil(timeout: .seconds(10)) { archives(output)[0] != nil })
        #expect(try sequence(sandbox, archives(output)[0] ?? "?").numbers == Array(0..<20))
        #expect(try sandbox.runExample("5").status == 0)
        try sandbox.spoorOK("rotate", "-n", "n")
        #expect(try waitUntil(timeout: .seconds(10)) { archives(output)[1] != nil })
        #expect(try sequence(sandbox, archives(output)[1] ?? "?").numbers == Array(0..<5))
    }

    @Test("a periodic schedule rotates on its own, and disable-rotation stops it")
    func timerRotation() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = try makeSession(sandbox, "t")
        let enabled = try sandbox.spoorOK("enable-rotation", "--timer", "300ms")
        #expect(enabled.standardOutput == "Enabled periodic rotations every 300000 us on session t\n")
        #expect(
            try sandbox.spoorOK("list", "t").standardOutput.contains(
                "\n\nAutomatic rotation schedules:\n    timer period: 300000 us\n\n=== Domain: User space ==="))
        try sandbox.spoorOK("start")
        let count = 3000
        let app = try sandbox.startExample(["\(count)", "--interval-us", "500"])
        #expect(try waitUntil(timeout: .seconds(30)) { archives(output).count >= 3 })
        #expect(sandbox.wait(for: app).status == 0)
        let disabled = try sandbox.spoorOK("disable-rotation", "--timer")
        #expect(disabled.standardOutput == "Disabled periodic rotation on session t\n")
        let listed = try sandbox.spoorOK("list", "t").standardOutput
        #expect(!listed.contains("Automatic rotation schedules"))
        try sandbox.spoorOK("stop")
        try sandbox.spoorOK("destroy", "t")
        _ = try expectComplete(sandbox, output, count: count)
    }

    @Test("a size schedule rotates each time the session has written that much")
    func sizeRotation() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = try makeSession(
            sandbox, "z", channelOptions: ["--subbuf-size=16384", "--num-subbuf=16"])
        let enabled = try sandbox.spoorOK("enable-rotation", "--size", "32k")
        #expect(enabled.standardOutput == "Enabled size-based rotations every 32768 bytes written on session z\n")
        #expect(
            try sandbox.spoorOK("list", "z").standardOutput.contains(
                "Automatic rotation schedules:\n    size threshold: 32768 bytes\n"))
        try sandbox.spoorOK("start")
        let count = 3000
        let app = try sandbox.startExample(["\(count)", "--interval-us", "200"])
        #expect(sandbox.wait(for: app).status == 0)
        let rotated = try waitUntil(timeout: .seconds(20)) { archives(output).count >= 3 }
        #expect(rotated, "\(archives(output).count) archives")
        try sandbox.spoorOK("disable-rotation", "--size", "-s", "z")
        try sandbox.spoorOK("stop")
        try sandbox.spoorOK("destroy", "z")
        let perChunk = try expectComplete(sandbox, output, count: count)
        #expect(perChunk.count >= 4)
    }

    @Test("destroy archives the last chunk only of a session rotated at least once, as LTTng")
    func destroyArchives() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = try makeSession(sandbox, "d")
        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("3").status == 0)
        let plain = try sandbox.spoorOK("destroy", "d")
        #expect(!plain.standardOutput.contains("Trace chunk archive"))
        #expect(!FileManager.default.fileExists(atPath: output + "/archives"))
        #expect(try sequence(sandbox, output).numbers == [0, 1, 2])

        let rotatedOutput = sandbox.home.appendingPathComponent("rotated").path
        try sandbox.spoorOK("create", "e", "--output=\(rotatedOutput)")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*")
        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("4").status == 0)
        try sandbox.spoorOK("rotate")
        #expect(try sandbox.runExample("6").status == 0)
        let destroyed = try sandbox.spoorOK("destroy")
        let last = archives(rotatedOutput)[1] ?? "?"
        #expect(
            destroyed.standardOutput.hasSuffix(
                "Trace chunk archive for session e is now readable at \(last)\n\nSession e destroyed\n"),
            "\(destroyed.standardOutput)")
        #expect(destroyed.standardOutput.hasPrefix("Destroying session e."))
        #expect(try sequence(sandbox, archives(rotatedOutput)[0] ?? "?").numbers == Array(0..<4))
        #expect(try sequence(sandbox, last).numbers == Array(0..<6))
        #expect(try FileManager.default.contentsOfDirectory(atPath: rotatedOutput) == ["archives"])
    }

    @Test("an event class first declared after a rotation is in that chunk's metadata, and the whole output reads")
    func eventClassDeclaredAfterRotation() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace").path
        try sandbox.spoorOK("create", "m", "--output=\(output)")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:all_types")
        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("5").status == 0)
        try sandbox.spoorOK("rotate")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:done")
        #expect(try sandbox.runExample("3").status == 0)
        try sandbox.spoorOK("destroy")
        let first = try sequence(sandbox, archives(output)[0] ?? "?")
        #expect(first.numbers == Array(0..<5) && first.doneCount == 0)
        let second = try sequence(sandbox, archives(output)[1] ?? "?")
        #expect(second.numbers == Array(0..<3) && second.doneCount == 1)
        let whole = try sequence(sandbox, output)
        #expect(whole.numbers == Array(0..<5) + Array(0..<3) && whole.doneCount == 1)
    }

    @Test("rotation refuses what LTTng refuses, with its messages")
    func errors() throws {
        let sandbox = try Sandbox()
        let output = try makeSession(sandbox, "x")
        let never = try sandbox.spoor("rotate")
        #expect(never.status == 1)
        #expect(never.standardError == "Error: Session needs to be started once\n")
        let missing = try sandbox.spoor("rotate", "nosuch")
        #expect(missing.status == 1)
        #expect(missing.standardError == "Error: Session name not found\n")
        let noSchedule = try sandbox.spoor("enable-rotation")
        #expect(noSchedule.standardError == "Error: No session rotation schedule parameter provided.\n")
        let badTimer = try sandbox.spoor("enable-rotation", "--timer", "5x")
        #expect(badTimer.standardError == "Error: Invalid value for --timer option: 5x\n")
        let tooLong = try sandbox.spoor("enable-rotation", "--timer", "2h")
        #expect(tooLong.standardError == "Error: Failed to enable periodic rotation schedule on session x\n")
        let noSession = try sandbox.spoor("enable-rotation", "-s", "nosuch", "--size", "1M")
        #expect(noSession.standardError == "Error: Failed to enable size-based rotation schedule on session nosuch\n")
        try sandbox.spoorOK("enable-rotation", "--size", "1M")
        let twice = try sandbox.spoor("enable-rotation", "--size", "2M")
        #expect(twice.status == 1)
        #expect(twice.standardError == "Error: A size-based rotation schedule is already set on session x\n")
        let notSet = try sandbox.spoor("disable-rotation", "--timer")
        #expect(notSet.status == 1)
        #expect(notSet.standardError == "Error: No periodic rotation schedule active on session x\n")
        try sandbox.spoorOK("disable-rotation", "--size")
        let unknown = try sandbox.spoor("disable-rotation", "-s", "nosuch", "--timer")
        #expect(unknown.standardError == "Error: Failed to list rotation schedules of session nosuch\n")
        let noType = try sandbox.spoor("disable-rotation")
        #expect(noType.standardError == "Error: No session rotation schedule type provided.\n")

        // A stopped session rotates once, then not again until it starts.
        try sandbox.spoorOK("start")
        try sandbox.spoorOK("stop")
        try sandbox.spoorOK("rotate")
        let again = try sandbox.spoor("rotate")
        #expect(again.status == 1)
        #expect(again.standardError == "Error: Session was already rotated once since it became inactive\n")
        try sandbox.spoorOK("start")
        try sandbox.spoorOK("rotate")
        #expect(archives(output).keys.sorted() == [0, 1])
    }

    @Test("a stopped session's rotation archives its chunk at once; the next chunk begins at the next start")
    func rotateStoppedSession() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = try makeSession(sandbox, "i")
        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("4").status == 0)
        try sandbox.spoorOK("stop")
        let rotated = try sandbox.spoorOK("rotate")
        #expect(rotated.lines.last?.hasPrefix("Trace chunk archive for session i is now readable at ") == true)
        // As LTTng: no current chunk until the session starts again.
        #expect(try FileManager.default.contentsOfDirectory(atPath: output) == ["archives"])
        #expect(try sequence(sandbox, archives(output)[0] ?? "?").numbers == Array(0..<4))
        let cleared = try sandbox.spoorOK("clear")
        #expect(cleared.lines.last == "Session \"i\" cleared")
        #expect(try sequence(sandbox, archives(output)[0] ?? "?").numbers == Array(0..<4))

        try sandbox.spoorOK("start")
        let top = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
        #expect(top.count == 2 && top.contains { $0.wholeMatch(of: Self.chunkName)?.1 == "1" }, "\(top)")
        #expect(try sandbox.runExample("2").status == 0)
        let destroyed = try sandbox.spoorOK("destroy")
        #expect(destroyed.standardOutput.contains("Trace chunk archive for session i is now readable at "))
        #expect(try sequence(sandbox, archives(output)[1] ?? "?").numbers == Array(0..<2))
        #expect(try sequence(sandbox, output).numbers == Array(0..<4) + Array(0..<2))

        // Stopped, rotated and destroyed: nothing left to archive, and nothing said about it.
        let other = sandbox.home.appendingPathComponent("other").path
        try sandbox.spoorOK("create", "j", "--output=\(other)")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:*")
        try sandbox.spoorOK("start")
        try sandbox.spoorOK("stop")
        try sandbox.spoorOK("rotate")
        let plain = try sandbox.spoorOK("destroy")
        #expect(!plain.standardOutput.contains("Trace chunk archive"))
        #expect(archives(other).keys.sorted() == [0])
        #expect(try FileManager.default.contentsOfDirectory(atPath: other) == ["archives"])
    }

    @Test("save and load keep the rotation schedules")
    func saveLoad() throws {
        let sandbox = try Sandbox()
        _ = try makeSession(sandbox, "s")
        try sandbox.spoorOK("enable-rotation", "--timer", "10s", "--size", "2M")
        let directory = sandbox.home.appendingPathComponent("saved").path
        try sandbox.spoorOK("save", "-o", directory, "s")
        let text = try String(contentsOfFile: directory + "/s.lttng", encoding: .utf8)
        #expect(text.contains("<rotation_schedules>"))
        try sandbox.spoorOK("destroy", "s")
        try sandbox.spoorOK("load", "-i", directory, "s")
        #expect(
            try sandbox.spoorOK("list", "s").standardOutput.contains(
                "Automatic rotation schedules:\n    timer period: 10000000 us\n    size threshold: 2097152 bytes\n"))
    }
}
