import SpoorTestSupport
import Testing

@testable import SpoorTraceReader

/// Decoding streams on threads of their own prints exactly what decoding on demand prints.
@Suite("Streams decoded ahead on threads")
struct PrefetchTests {
    static func lines(_ paths: [String], prefetching: Bool?) throws -> [String] {
        let viewer = try TraceViewer(paths: paths)
        var lines: [String] = []
        try viewer.render(timeZone: .utc, prefetching: prefetching) { lines.append($0) }
        return lines
    }

    static func lines(_ trace: HandMadeTrace, prefetching: Bool?) throws -> [String] {
        let directory = TemporaryDirectory(trace.name)
        defer { directory.remove() }
        return try lines([trace.write(under: directory.path)], prefetching: prefetching)
    }

    @Test("the viewer's own choice prints what decoding on demand prints", arguments: HandMadeTraces.all)
    func automaticChoice(_ trace: HandMadeTrace) throws {
        #expect(try Self.lines(trace, prefetching: nil) == Self.lines(trace, prefetching: false))
    }

    @Test("forced prefetching prints the same lines for traces without text arrays", arguments: HandMadeTraces.all)
    func forced(_ trace: HandMadeTrace) throws {
        let directory = TemporaryDirectory(trace.name)
        defer { directory.remove() }
        let path = try trace.write(under: directory.path)
        let loaded = try TraceSet.findTraces(under: path).map {
            try TraceSet.load(directory: $0.directory, relative: "")
        }
        guard !loaded.contains(where: { TracePlan($0.traceClass, firstIndex: 0).hasTextArrays }) else { return }
        #expect(try Self.lines([path], prefetching: true) == Self.lines([path], prefetching: false))
    }

    @Test("several traces at once, each stream on its thread")
    func severalTraces() throws {
        let directory = TemporaryDirectory("prefetch-several")
        defer { directory.remove() }
        let traces = [HandMadeTraces.lttngPerPID, HandMadeTraces.twoChannels, HandMadeTraces.tracefilePieces]
        let paths = try traces.map { try $0.write(under: directory.path) }
        #expect(try Self.lines(paths, prefetching: nil) == Self.lines(paths, prefetching: false))
    }

    static func failure(_ body: () throws(TraceReadError) -> Void) -> TraceReadError? {
        do throws(TraceReadError) {
            try body()
            return nil
        } catch {
            return error
        }
    }

    @Test("a trace that fails part-way fails the same way, after the same lines, with threads")
    func failures() throws {
        for trace in HandMadeTraces.all {
            let directory = TemporaryDirectory(trace.name)
            defer { directory.remove() }
            let path = try trace.write(under: directory.path)
            guard let viewer = try? TraceViewer(paths: [path]) else { continue }
            var threaded: [String] = []
            var onDemand: [String] = []
            // Forced on every trace: with text arrays only their empty values may differ, and
            // a failing trace must end the threads either way (this call must return).
            let threadedError = Self.failure { () throws(TraceReadError) in
                try viewer.render(timeZone: .utc, prefetching: true) { threaded.append($0) }
            }
            let onDemandError = Self.failure { () throws(TraceReadError) in
                try viewer.render(timeZone: .utc, prefetching: false) { onDemand.append($0) }
            }
            #expect(threaded.count == onDemand.count, "\(trace.name)")
            #expect(threadedError?.description == onDemandError?.description, "\(trace.name)")
        }
    }
}
