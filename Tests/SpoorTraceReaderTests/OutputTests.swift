import Foundation
import SpoorTestSupport
import Testing

@testable import SpoorTraceReader

@Suite("Rendered lines match babeltrace2's recorded output")
struct OutputTests {
    @Test("every hand-made trace has a recording")
    func everyTraceIsRecorded() {
        #expect(recordedTraces.count == HandMadeTraces.all.count)
    }

    @Test("lines equal babeltrace2's recording", arguments: recordedTraces)
    func linesEqualRecording(_ trace: HandMadeTrace) throws {
        let lines = try renderedLines(trace)
        if let expected = GoldenOutputs.lines[trace.name] {
            #expect(lines == expected)
        } else if let digest = GoldenOutputs.digests[trace.name] {
            #expect(lines.count == digest.count)
            for (index, line) in digest.samples.sorted(by: { $0.key < $1.key }) where index < lines.count {
                #expect(lines[index] == line, "line \(index)")
            }
            #expect(fnv1a(lines) == digest.fnv1a)
        }
    }

    @Test("a per-UID line: time, delta, hostname, name, packet context, event context, payload")
    func perUIDLine() throws {
        let lines = try renderedLines(HandMadeTraces.lttngPerUID)
        #expect(
            lines[0]
                == #"[00:00:04.293918820] (+?.?????????) spec-host specapp:ev_all: { cpu_id = 0 }, { vpid = 4242, procname = "specapp" }, { my_int = 0, my_long_hex = 0x0, my_u8 = 0, my_string = "hello world", my_array = [ [0] = 1, [1] = 2, [2] = 3 ], _my_seq_length = 0, my_seq = [ ], my_text = "hell", _my_seqtext_length = 0, my_seqtext = "", my_double = 0, my_float = 0, my_enum = ( "RED" : container = 0 ) }"#
        )
        #expect(lines[1].hasPrefix("[00:00:04.293918827] (+0.000000007) spec-host specapp:ev_all: { cpu_id = 1 }"))
    }

    @Test("a per-PID trace shows hostname:procname:(vpid)")
    func perPIDPrefix() throws {
        let lines = try renderedLines(HandMadeTraces.lttngPerPID)
        #expect(lines.allSatisfy { $0.contains(") spec-host:specapp:(5831) specapp:ev_") })
    }

    @Test("an empty text sequence shows the text of the recycled event object, as babeltrace2 2.0.4 does")
    func emptyTextSequenceShowsRecycledText() throws {
        let lines = try renderedLines(HandMadeTraces.lttngPerUID)
        let empty = lines.filter { $0.contains("_my_seqtext_length = 0,") }
        #expect(empty.contains { $0.contains(#"_my_seqtext_length = 0, my_seqtext = "hel""#) })
        #expect(empty.contains { $0.contains(#"_my_seqtext_length = 0, my_seqtext = """#) })
    }

    @Test("compact headers rebuild times across 27-bit and 32-bit wraps")
    func compactTimestampsWrap() throws {
        let lines = try renderedLines(HandMadeTraces.compactHeader)
        #expect(
            lines.map { String($0.prefix(20)) } == [
                "[00:00:00.134217488]", "[00:00:00.134217984]", "[00:00:00.134218240]", "[00:00:00.285212416]",
                "[00:00:00.285212417]",
            ])
        let uid = try renderedLines(HandMadeTraces.lttngPerUID)
        // The first packet of CPU 1 starts 1 ms before 2^32 ns; its times keep growing past it.
        let times = uid.filter { $0.contains("cpu_id = 1 }") }.prefix(20).map { String($0.prefix(21)) }
        #expect(times == times.sorted())
        #expect(times.contains { $0 > "[00:00:04.294967296]" })
    }

    @Test("equal times are ordered by stream class ID, then stream ID")
    func tiesFollowStreamOrder() throws {
        let lines = try renderedLines(HandMadeTraces.twoChannels)
        let heads = lines.prefix(8).map { $0.dropFirst(46).prefix(33) }
        #expect(
            heads == [
                "chan0:first: { cpu_id = 0 }, { se", "chan0:first: { cpu_id = 0 }, { se",
                "chan0:first: { cpu_id = 1 }, { se", "chan0:first: { cpu_id = 1 }, { se",
                "chan1:first: { cpu_id = 0 }, { se", "chan1:first: { cpu_id = 0 }, { se",
                "chan1:first: { cpu_id = 1 }, { se", "chan1:first: { cpu_id = 1 }, { se",
            ])
    }

    @Test("rotation chunks and overlapping snapshots sharing a UUID are merged, duplicates dropped")
    func sameUUIDTracesMerge() throws {
        let lines = try renderedLines(HandMadeTraces.session)
        let snapshot = lines.filter { $0.contains("snaphost") }
        #expect(snapshot.count == 6)  // 3 packets of 2 events; the packet in both snapshots once
        #expect(lines.filter { $0.contains("specapp:(5831)") }.count == 12)
        #expect(lines.count == 34)
    }

    @Test("render can run twice and gives the same lines")
    func renderIsRepeatable() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let viewer = try TraceViewer(paths: [HandMadeTraces.manyStreams.write(under: directory.path)])
        var first: [String] = []
        var second: [String] = []
        try viewer.render(timeZone: .utc) { first.append($0) }
        try viewer.render(timeZone: .utc) { second.append($0) }
        #expect(first == second)
        #expect(first.count == 126)
    }

    @Test("the public render uses local time like babeltrace2")
    func publicRenderUsesLocalTime() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let viewer = try TraceViewer(paths: [HandMadeTraces.clockFrequency.write(under: directory.path)])
        var lines: [String] = []
        try viewer.render { lines.append($0) }
        // First event: 1767225600 s + 0.500008 s from the epoch.
        var time = time_t(1_767_225_600)
        var broken = tm()
        localtime_r(&time, &broken)
        let expected = String(format: "[%02d:%02d:%02d.500008000]", broken.tm_hour, broken.tm_min, broken.tm_sec)
        #expect(lines.first?.hasPrefix(expected) == true)
    }
}
