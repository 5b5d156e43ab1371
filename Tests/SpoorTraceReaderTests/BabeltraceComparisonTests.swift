import Foundation
import SpoorTestSupport
import Testing

@testable import SpoorTraceReader

/// Runs the real babeltrace2 on the hand-made traces and expects identical lines.
///
/// `RequiredTool.babeltrace2` runs it with `TZ=UTC`; without it every test here fails, saying
/// how to install it.
@Suite("Lines are identical to babeltrace2's")
struct BabeltraceComparisonTests {
    @Test("same lines as babeltrace2", arguments: HandMadeTraces.all)
    func sameLinesAsBabeltrace(_ trace: HandMadeTrace) throws {
        let directory = TemporaryDirectory(trace.name)
        defer { directory.remove() }
        let path = try trace.write(under: directory.path)
        let expected = try RequiredTool.babeltrace2.run([path]).lines
        let lines = try renderedLines([path])
        #expect(lines.count == expected.count)
        for (index, (line, reference)) in zip(lines, expected).enumerated() where line != reference {
            Issue.record("line \(index) differs:\n  ours:        \(line)\n  babeltrace2: \(reference)")
            break
        }
    }

    @Test("same lines as babeltrace2 for several paths at once")
    func severalPaths() throws {
        let directory = TemporaryDirectory("several")
        defer { directory.remove() }
        let paths = try [HandMadeTraces.lttngPerPID, HandMadeTraces.twoChannels, HandMadeTraces.tracefilePieces].map {
            try $0.write(under: directory.path)
        }
        let expected = try RequiredTool.babeltrace2.run(paths).lines
        #expect(try renderedLines(paths) == expected)
    }
}
