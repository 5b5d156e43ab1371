import Foundation
import SpoorTestSupport

@testable import SpoorTraceReader

extension HandMadeTrace {
    /// Writes the trace under `root` and returns the path to give to the viewer.
    func write(under root: String) throws -> String {
        let directory = root + "/" + name
        try LTTngTraceWriter.write(files, to: directory)
        return directory
    }
}

/// The lines `TraceViewer` prints for `paths`, with times in UTC.
func renderedLines(_ paths: [String]) throws -> [String] {
    let viewer = try TraceViewer(paths: paths)
    var lines: [String] = []
    try viewer.render(timeZone: .utc) { lines.append($0) }
    return lines
}

/// The lines for one hand-made trace written to a temporary directory.
func renderedLines(_ trace: HandMadeTrace) throws -> [String] {
    let directory = TemporaryDirectory(trace.name)
    defer { directory.remove() }
    return try renderedLines([trace.write(under: directory.path)])
}

/// FNV-1a 64 of the lines, each followed by a newline (what `GoldenOutputs.digests` records).
func fnv1a(_ lines: [String]) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for line in lines {
        for byte in line.utf8 + [0x0A] {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01B3
        }
    }
    return hash
}

/// `GoldenOutputs` holds a recording for every hand-made trace.
var recordedTraces: [HandMadeTrace] {
    HandMadeTraces.all.filter { GoldenOutputs.lines[$0.name] != nil || GoldenOutputs.digests[$0.name] != nil }
}
