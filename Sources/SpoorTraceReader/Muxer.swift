/// Merges the messages of all streams by time the way babeltrace2 2.0.4's `flt.utils.muxer`
/// does, batch for batch.
///
/// The batching matters beyond the order: babeltrace2 decodes an event when its stream's
/// message batch (15 messages) is pulled, and recycles the event object when the sink has
/// printed it; `EventObject` explains why that shows in the output.
struct Muxer {
    /// Messages per `next` call at every level of babeltrace2's graph (`MSG_BATCH_SIZE`).
    static let batchSize = 15

    private struct Upstream {
        var cursor: StreamCursor?
        /// Set instead of `cursor` when the stream is decoded on its own thread.
        var prefetcher: StreamPrefetcher?
        var queue: [StreamMessage] = []
        var head = 0
        var key: StreamOrderKey

        var isEmpty: Bool { head >= queue.count }

        mutating func nextBatch(pool: inout EventObjectPool) -> StreamPrefetcher.Batch {
            if let prefetcher { return prefetcher.nextBatch() }
            return cursor?.nextBatch(capacity: Muxer.batchSize, pool: &pool) ?? ([], nil)
        }
    }

    private var upstreams: [Upstream] = []
    /// Indices of the upstreams not ended yet, in babeltrace2's order (ended ones are removed
    /// by moving the last one into their place).
    private var active: [Int] = []
    private var lastReturnedNanoseconds = Int64.min
    private var savedError: TraceReadError?
    /// Every event class, by `DecodedEvent.classIndex` (ties between events compare classes).
    private let eventClasses: [EventClass]

    /// A muxer over `streams`; with `prefetching`, each stream is decoded ahead on its own
    /// thread (only where that cannot change the output: see `StreamPrefetcher`), and `stop`
    /// must be called at the end.
    init(
        _ streams: [(cursor: StreamCursor, key: StreamOrderKey)], eventClasses: [EventClass], prefetching: Bool,
        spares: SpareBuffers
    ) {
        upstreams = streams.map { stream in
            if prefetching {
                let prefetcher = StreamPrefetcher(stream.cursor, spares: spares)
                if prefetcher.start() { return Upstream(cursor: nil, prefetcher: prefetcher, key: stream.key) }
            }
            return Upstream(cursor: stream.cursor, key: stream.key)
        }
        self.eventClasses = eventClasses
        active = Array(upstreams.indices)
    }

    /// Stops the prefetching threads, if any.
    func stop() {
        for upstream in upstreams { upstream.prefetcher?.stop() }
    }

    /// Whether some stream is decoded on a thread of its own.
    var isPrefetching: Bool {
        upstreams.contains { $0.prefetcher != nil }
    }

    /// Up to `batchSize` messages; empty at the end. An error met after some messages is
    /// returned with them and thrown by the next call, as babeltrace2 does.
    mutating func next(pool: inout EventObjectPool) throws(TraceReadError) -> [StreamMessage] {
        if let savedError {
            self.savedError = nil
            throw savedError
        }
        var messages: [StreamMessage] = []
        while messages.count < Self.batchSize {
            do throws(TraceReadError) {
                guard let message = try nextOne(pool: &pool) else { break }
                messages.append(message)
            } catch {
                if messages.isEmpty { throw error }
                savedError = error
                break
            }
        }
        return messages
    }

    private mutating func nextOne(pool: inout EventObjectPool) throws(TraceReadError) -> StreamMessage? {
        // Every active upstream must have a message queued: refill the empty ones.
        var position = 0
        while position < active.count {
            let index = active[position]
            if upstreams[index].isEmpty {
                let (messages, error) = upstreams[index].nextBatch(pool: &pool)
                if let error { throw error }
                if messages.isEmpty {
                    active[position] = active[active.count - 1]
                    active.removeLast()
                    continue
                }
                upstreams[index].queue = messages
                upstreams[index].head = 0
            }
            position += 1
        }

        var youngest: Int?
        var youngestTime = Int64.max
        for index in active {
            let message = upstreams[index].queue[upstreams[index].head]
            let time = message.nanoseconds ?? lastReturnedNanoseconds
            guard let selected = youngest else {
                youngest = index
                youngestTime = time
                continue
            }
            if time < youngestTime {
                youngest = index
                youngestTime = time
            } else if time == youngestTime,
                Self.compare(
                    message, upstreams[index].key, upstreams[selected].queue[upstreams[selected].head],
                    upstreams[selected].key, eventClasses: eventClasses) < 0
            {
                youngest = index
            }
        }
        guard let youngest else { return nil }
        let head = upstreams[youngest].head
        let message = upstreams[youngest].queue[head]
        // Drop the queue's copy: the event's buffers are then only the caller's, and reused in
        // place once printed.
        upstreams[youngest].queue[head] = StreamMessage(kind: .streamEnd)
        upstreams[youngest].head += 1
        if upstreams[youngest].isEmpty {
            upstreams[youngest].queue.removeAll(keepingCapacity: true)
            upstreams[youngest].head = 0
        }
        lastReturnedNanoseconds = youngestTime
        return message
    }

    /// babeltrace2's tie-break for two messages at the same time: negative when `left` goes first.
    static func compare(
        _ left: StreamMessage, _ leftKey: StreamOrderKey, _ right: StreamMessage, _ rightKey: StreamOrderKey,
        eventClasses: [EventClass]
    ) -> Int {
        if let precedes = StreamOrderKey.precedes(leftKey, rightKey) { return precedes ? -1 : 1 }
        if left.kind != right.kind { return right.kind.weight - left.kind.weight }
        guard let leftIndex = left.event?.classIndex, let rightIndex = right.event?.classIndex else { return 0 }
        let leftEvent = eventClasses[leftIndex]
        let rightEvent = eventClasses[rightIndex]
        if leftEvent.id != rightEvent.id { return leftEvent.id < rightEvent.id ? -1 : 1 }
        if leftEvent.name != rightEvent.name {
            return leftEvent.name.utf8.lexicographicallyPrecedes(rightEvent.name.utf8) ? -1 : 1
        }
        switch (leftEvent.logLevel, rightEvent.logLevel) {
        case (let leftLevel?, let rightLevel?) where leftLevel != rightLevel: return leftLevel < rightLevel ? -1 : 1
        case (.some, nil): return -1
        case (nil, .some): return 1
        default: break
        }
        switch (leftEvent.emfURI, rightEvent.emfURI) {
        case (let leftURI?, let rightURI?) where leftURI != rightURI:
            return leftURI.utf8.lexicographicallyPrecedes(rightURI.utf8) ? -1 : 1
        case (.some, nil): return 1
        case (nil, .some): return -1
        default: return 0
        }
    }
}

/// What orders two streams' messages at the same time (babeltrace2's muxer): trace UUID (traces
/// with one first), trace name, stream class ID, stream ID.
struct StreamOrderKey {
    var uuid: [UInt8]?
    var traceName: String
    var streamClassID: UInt64
    var streamID: UInt64

    /// True when `left` goes first, false when `right` does, nil when they tie.
    static func precedes(_ left: StreamOrderKey, _ right: StreamOrderKey) -> Bool? {
        switch (left.uuid, right.uuid) {
        case (.some, nil): return true
        case (nil, .some): return false
        case (let leftUUID?, let rightUUID?) where leftUUID != rightUUID:
            return leftUUID.lexicographicallyPrecedes(rightUUID)
        default: break
        }
        if left.traceName != right.traceName {
            return left.traceName.utf8.lexicographicallyPrecedes(right.traceName.utf8)
        }
        if left.streamClassID != right.streamClassID { return left.streamClassID < right.streamClassID }
        if left.streamID != right.streamID { return left.streamID < right.streamID }
        return nil
    }
}
