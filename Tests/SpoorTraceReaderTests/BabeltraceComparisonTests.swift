import Foundation
import Testing

@testable import SpoorTraceReader

/// The real babeltrace2, when installed.
enum Babeltrace {
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/babeltrace2" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }()

    /// Whether the comparison runs: babeltrace2 is there, or `CI` is set (then it must be there).
    static var shouldRun: Bool {
        executable != nil || ProcessInfo.processInfo.environment["CI"] != nil
    }

    /// `TZ=UTC babeltrace2 PATHS…`, its standard output split into lines.
    static func lines(_ paths: [String]) throws -> [String] {
        let executable = try #require(Self.executable, "babeltrace2 is not on PATH (CI must install it)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = paths
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

/// Runs the real babeltrace2 on the hand-made traces and expects identical lines.
///
/// Skipped when `babeltrace2` is not on `PATH`, unless the `CI` environment variable is set: CI
/// installs babeltrace2, so there its absence fails the test.
@Suite("Lines are identical to babeltrace2's", .enabled(if: Babeltrace.shouldRun))
struct BabeltraceComparisonTests {
    @Test("same lines as babeltrace2", arguments: HandMadeTraces.all)
    func sameLinesAsBabeltrace(_ trace: HandMadeTrace) throws {
        let directory = try TemporaryDirectory(trace.name)
        defer { directory.remove() }
        let path = try trace.write(under: directory.path)
        let expected = try Babeltrace.lines([path])
        let lines = try renderedLines([path])
        #expect(lines.count == expected.count)
        for (index, (line, reference)) in zip(lines, expected).enumerated() where line != reference {
            Issue.record("line \(index) differs:\n  ours:        \(line)\n  babeltrace2: \(reference)")
            break
        }
    }

    @Test("same lines as babeltrace2 for several paths at once")
    func severalPaths() throws {
        let directory = try TemporaryDirectory("several")
        defer { directory.remove() }
        let paths = try [HandMadeTraces.lttngPerPID, HandMadeTraces.twoChannels, HandMadeTraces.tracefilePieces].map {
            try $0.write(under: directory.path)
        }
        let expected = try Babeltrace.lines(paths)
        #expect(try renderedLines(paths) == expected)
    }
}
