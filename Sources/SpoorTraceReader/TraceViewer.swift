#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Prints CTF traces (as LTTng-UST 2.13 writes them) as text, one line per event, with the same
/// lines as `babeltrace2 TRACE_PATH` (babeltrace2 2.0.4, `sink.text.pretty` defaults).
///
/// ```swift
/// let viewer = try TraceViewer(paths: ["/home/me/lttng-traces/s-20261122-110738"])
/// try viewer.render { print($0) }
/// ```
public struct TraceViewer: Sendable {
    private let traces: [LoadedTrace]

    /// Finds and indexes the traces under `paths`.
    ///
    /// Each path is a trace directory (one holding `metadata`), a `metadata` file, or any directory
    /// above trace directories, which is searched recursively. Traces sharing a UUID (rotation
    /// chunks, snapshots) are merged. Throws if a path holds no trace, or when metadata or the
    /// first packet of a stream file is invalid; later problems are thrown by `render`.
    public init(paths: [String]) throws(TraceReadError) {
        guard !paths.isEmpty else { throw TraceReadError(path: nil, reason: "no trace path given") }
        var loaded: [LoadedTrace] = []
        var seen = Set<String>()
        for path in paths {
            for found in try TraceSet.findTraces(under: path) where seen.insert(found.directory).inserted {
                loaded.append(try TraceSet.load(directory: found.directory, relative: found.relative))
            }
        }
        traces = TraceSet.mergeSharedUUIDs(loaded)
    }

    /// A viewer over traces already loaded.
    init(traces: [LoadedTrace]) {
        self.traces = traces
    }

    /// Decodes every event and calls `emit` once per event line (without a newline), in time
    /// order across all streams and traces.
    ///
    /// Times are local wall-clock times, like babeltrace2's: they follow the `TZ` environment
    /// variable. Lines already emitted stay valid when a later part of a trace is corrupt and
    /// this throws.
    public func render(_ emit: (String) -> Void) throws(TraceReadError) {
        try render(timeZone: .local, emit)
    }

    /// `render(_:)` with the wall-clock times in `timeZone`.
    func render(
        timeZone: TimestampFormatter.TimeZone, prefetching: Bool? = nil, _ emit: (String) -> Void
    ) throws(TraceReadError) {
        try renderText(timeZone: timeZone, chunkBytes: 1, prefetching: prefetching) { chunk in
            emit(String(decoding: chunk.dropLast(), as: UTF8.self))
        }
    }

    /// Bytes `renderText` gathers before handing them out: large writes, still cache-sized.
    public static let defaultChunkBytes = 65_536

    /// Decodes every event and hands out the text, each line followed by a newline, in chunks
    /// of whole lines of about `chunkBytes` (a single line when it is 1).
    ///
    /// The output is the same as `render(_:)`'s lines, without one allocation per line. When
    /// this throws, the lines before the problem have been handed out.
    public func renderText(
        chunkBytes: Int = defaultChunkBytes, _ write: ([UInt8]) -> Void
    ) throws(TraceReadError) {
        try renderText(timeZone: .local, chunkBytes: chunkBytes, write)
    }

    /// Streams per trace set up to which each stream gets a decoding thread.
    static let maximumPrefetchedStreams = 64

    /// Whether to decode streams on threads of their own: only when `SPOOR_VIEW_THREADS=1` asks
    /// for it, there is more than one CPU, and no event has a text array (whose empty value
    /// depends on the order objects are recycled across streams, see `EventObject`).
    ///
    /// Not the default: on the 2-CPU machine where it was measured, under other load, the
    /// threads did not shorten a run (bench/README.md, "Reading a trace").
    static func shouldPrefetch(streamCount: Int, textArrays: Bool) -> Bool {
        guard let setting = getenv("SPOOR_VIEW_THREADS"), String(cString: setting) == "1" else { return false }
        return !textArrays && streamCount <= maximumPrefetchedStreams && sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1
    }

    /// `renderText(chunkBytes:_:)` with the wall-clock times in `timeZone`; `prefetching` forces
    /// decoding streams on threads (true) or on demand (false) instead of deciding.
    func renderText(
        timeZone: TimestampFormatter.TimeZone, chunkBytes: Int, prefetching: Bool? = nil,
        _ write: ([UInt8]) -> Void
    ) throws(TraceReadError) {
        TextFormat.resetTimeZone()
        var streams: [(cursor: StreamCursor, key: StreamOrderKey)] = []
        // Per event class number, what follows `[time] (+delta) `: the trace's prefix, the name and
        // `: `, all in one byte pool (`lineHeads`) so that a line appends it without retaining.
        var lineHeads: [UInt8] = []
        var lineHeadRanges: [Range<Int>] = []
        var eventClasses: [EventClass] = []
        var hasTextArrays = false
        for (traceIndex, trace) in traces.enumerated() {
            let prefix = Self.linePrefix(trace.traceClass)
            let plan = TracePlan(trace.traceClass, firstIndex: eventClasses.count)
            hasTextArrays = hasTextArrays || plan.hasTextArrays
            for eventClass in plan.eventClasses {
                let start = lineHeads.count
                lineHeads += prefix
                lineHeads += Array((eventClass.name + ": ").utf8)
                lineHeadRanges.append(start..<lineHeads.count)
            }
            eventClasses += plan.eventClasses
            for group in trace.streams {
                let key = StreamOrderKey(
                    uuid: trace.traceClass.uuid, traceName: trace.name, streamClassID: group.streamClassID,
                    streamID: group.streamID)
                let cursor = StreamCursor(
                    group: group, traceClass: trace.traceClass, traceIndex: traceIndex, plan: plan)
                streams.append((cursor, key))
            }
        }
        let spares = SpareBuffers()
        var muxer = Muxer(
            streams, eventClasses: eventClasses,
            prefetching: prefetching ?? Self.shouldPrefetch(streamCount: streams.count, textArrays: hasTextArrays),
            spares: spares)
        defer { muxer.stop() }
        // With decoding threads, text buffers go back to them instead of into this thread's pool.
        let isPrefetching = muxer.isPrefetching
        var returned: [[UInt8]] = []
        var pool = EventObjectPool()
        var formatter = TimestampFormatter(timeZone: timeZone)
        var out: [UInt8] = []
        out.reserveCapacity(chunkBytes + 4096)
        defer { if !out.isEmpty { write(out) } }
        // babeltrace2's `sink.text.pretty`: print a batch, releasing each event after its line.
        while true {
            let batch = try muxer.next(pool: &pool)
            if batch.isEmpty { return }
            for message in batch {
                guard let event = message.event else { continue }
                if let nanoseconds = message.nanoseconds {
                    formatter.appendTimeAndDelta(nanoseconds, to: &out)
                }
                let head = lineHeadRanges[event.classIndex]
                lineHeads.withUnsafeBytes { out.append(bytes: UnsafeRawBufferPointer(rebasing: $0[head])) }
                event.text.withUnsafeBytes { out.append(bytes: $0) }
                out.append(UInt8(ascii: "\n"))
                if isPrefetching {
                    returned.append(event.text)
                    if returned.count >= 256 { spares.give(&returned) }
                } else {
                    if let object = event.object { pool.release(object, event.classIndex) }
                    pool.giveBuffer(event.text)
                }
                if out.count >= chunkBytes {
                    write(out)
                    out.removeAll(keepingCapacity: true)
                }
            }
        }
    }

    /// `hostname`, `procname` and `(vpid)` from the env, joined by `:`, then a space (babeltrace2's
    /// default `trace:hostname,trace:procname,trace:vpid` fields); empty when none is set.
    static func linePrefix(_ traceClass: TraceClass) -> [UInt8] {
        var parts: [String] = []
        if case .string(let hostname)? = traceClass.environmentValue("hostname") { parts.append(hostname) }
        if case .string(let procname)? = traceClass.environmentValue("procname") { parts.append(procname) }
        if case .integer(let vpid)? = traceClass.environmentValue("vpid") { parts.append("(\(vpid))") }
        return parts.isEmpty ? [] : Array((parts.joined(separator: ":") + " ").utf8)
    }
}
