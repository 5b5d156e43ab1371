/// One stream of a trace: the packets of the stream files that share a stream class and a
/// `stream_instance_id` (a CPU buffer of a channel, possibly split in `_0`, `_1` … pieces).
struct StreamGroup {
    var streamClassID: UInt64
    /// `stream_instance_id`, when present and the files can be ordered by time.
    var dataStreamID: UInt64?
    /// The stream's ID as babeltrace2 numbers it (the instance ID, or a running count).
    var streamID: UInt64
    var packets: [PacketSlot]
}

/// One CTF trace: a directory holding `metadata` and stream files.
struct LoadedTrace {
    var directory: String
    /// babeltrace2's trace name: `hostname` from the env, then the path below the input path.
    var name: String
    var traceClass: TraceClass
    var streams: [StreamGroup]
}

/// Finds, loads and merges the traces under the viewer's paths.
enum TraceSet {
    /// Deepest directory level searched below an input path (guards against symbolic link loops).
    static let maximumSearchDepth = 32

    /// Trace directories under `path`, with their path relative to `path`.
    static func findTraces(under path: String) throws(TraceReadError) -> [(directory: String, relative: String)] {
        guard let status = FileAccess.status(path) else {
            throw TraceReadError(path: path, reason: "no such file or directory")
        }
        if status.kind == .regular, path == "metadata" || path.hasSuffix("/metadata") {
            let directory = String(path.dropLast("metadata".count))
            return [(directory.isEmpty ? "." : directory, "")]
        }
        guard status.kind == .directory else {
            throw TraceReadError(path: path, reason: "not a directory and not a CTF metadata file")
        }
        var found: [(String, String)] = []
        var visited = Set<[UInt64]>()
        try search(path, relative: "", depth: 0, visited: &visited, into: &found)
        guard !found.isEmpty else {
            throw TraceReadError(
                path: path, reason: "no CTF trace found (no `metadata` file in this directory or below)")
        }
        return found
    }

    static func search(
        _ directory: String, relative: String, depth: Int, visited: inout Set<[UInt64]>,
        into found: inout [(String, String)]
    ) throws(TraceReadError) {
        // Symbolic links can make a directory its own descendant: visit each directory once.
        if let identity = FileAccess.identity(directory), !visited.insert(identity).inserted { return }
        if FileAccess.status(join(directory, "metadata"))?.kind == .regular {
            found.append((directory, relative))
            return
        }
        guard depth < maximumSearchDepth else { return }
        for name in try FileAccess.entries(of: directory) {
            let child = join(directory, name)
            guard FileAccess.status(child)?.kind == .directory else { continue }
            try search(
                child, relative: relative.isEmpty ? name : relative + "/" + name, depth: depth + 1,
                visited: &visited, into: &found)
        }
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Reads a trace's metadata and indexes its stream files.
    static func load(directory: String, relative: String) throws(TraceReadError) -> LoadedTrace {
        let metadataPath = join(directory, "metadata")
        let text = try MetadataStream.text(of: try FileAccess.readAll(metadataPath), path: metadataPath)
        let traceClass: TraceClass
        do throws(MetadataError) {
            traceClass = try TraceClass.parse(tsdl: text)
        } catch {
            throw error.located(in: metadataPath)
        }
        var name = ""
        if case .string(let hostname)? = traceClass.environmentValue("hostname") {
            name = hostname
            if !relative.isEmpty { name += "/" }
        }
        name += relative

        // Files of one stream, each with its first packet's time, kept sorted by that time.
        var groups: [(streamClassID: UInt64, dataStreamID: UInt64?, files: [StreamFileScan])] = []
        for fileName in try FileAccess.entries(of: directory) {
            guard fileName != "metadata", !fileName.hasPrefix(".") else { continue }
            let path = join(directory, fileName)
            guard let status = FileAccess.status(path), status.kind == .regular, status.size > 0 else { continue }
            let scan = try PacketScanner.scan(path: path, size: status.size, traceClass: traceClass)
            if let dataStreamID = scan.dataStreamID, let begin = scan.firstBeginNanoseconds,
                let index = groups.firstIndex(where: {
                    $0.streamClassID == scan.streamClassID && $0.dataStreamID == dataStreamID
                })
            {
                let position =
                    groups[index].files.firstIndex { ($0.firstBeginNanoseconds ?? .min) > begin }
                    ?? groups[index].files.count
                groups[index].files.insert(scan, at: position)
            } else {
                let ordered = scan.firstBeginNanoseconds != nil ? scan.dataStreamID : nil
                groups.append((scan.streamClassID, ordered, [scan]))
            }
        }
        var nextStreamID: UInt64 = 0
        var streams: [StreamGroup] = []
        for group in groups {
            let streamID: UInt64
            if let dataStreamID = group.dataStreamID {
                streamID = dataStreamID
            } else {
                streamID = nextStreamID
                nextStreamID += 1
            }
            streams.append(
                StreamGroup(
                    streamClassID: group.streamClassID, dataStreamID: group.dataStreamID, streamID: streamID,
                    packets: group.files.flatMap(\.packets)))
        }
        return LoadedTrace(directory: directory, name: name, traceClass: traceClass, streams: streams)
    }

    /// Merges traces that share a UUID (rotation chunks, snapshots) into one, as babeltrace2
    /// does: the most complete metadata wins, packets of the same stream are interleaved by
    /// time and duplicates (overlapping snapshots) dropped (spec/ctf-lttng.md §6.4).
    static func mergeSharedUUIDs(_ traces: [LoadedTrace]) -> [LoadedTrace] {
        var result: [LoadedTrace] = []
        var indexByUUID: [[UInt8]: Int] = [:]
        for trace in traces {
            guard let uuid = trace.traceClass.uuid, let index = indexByUUID[uuid] else {
                if let uuid = trace.traceClass.uuid { indexByUUID[uuid] = result.count }
                result.append(trace)
                continue
            }
            let existing = result[index]
            let isMoreComplete = trace.traceClass.classCount > existing.traceClass.classCount
            var merged = isMoreComplete ? trace : existing
            merge(isMoreComplete ? existing.streams : trace.streams, into: &merged.streams)
            result[index] = merged
        }
        return result
    }

    static func merge(_ sources: [StreamGroup], into destination: inout [StreamGroup]) {
        let originalCount = destination.count
        var nextStreamID = (destination.filter { $0.dataStreamID == nil }.map(\.streamID).max() ?? 0) + 1
        for source in sources {
            let match = source.dataStreamID.flatMap { dataStreamID in
                destination[0..<originalCount].firstIndex {
                    $0.dataStreamID == dataStreamID && $0.streamClassID == source.streamClassID
                }
            }
            guard let match else {
                var group = source
                if group.dataStreamID == nil {
                    group.streamID = nextStreamID
                    nextStreamID += 1
                }
                destination.append(group)
                continue
            }
            var merged = destination[match].packets
            var previousBegin = Int64.min
            for slot in source.packets {
                let begin = slot.beginNanoseconds ?? previousBegin
                previousBegin = begin
                let position = merged.firstIndex { begin <= ($0.beginNanoseconds ?? .min) } ?? merged.count
                if position < merged.count, case .packet(let existing) = merged[position],
                    case .packet(let entry) = slot, existing.isDuplicate(of: entry)
                {
                    continue
                }
                merged.insert(slot, at: position)
            }
            destination[match].packets = merged
        }
    }
}
