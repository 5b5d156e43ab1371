#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decodes one stream on its own thread, ahead of the muxer, and hands out the same batches
/// `StreamCursor.nextBatch` would, in the same order.
///
/// A stream's batches depend only on its own bytes, except through the shared event object
/// pool, which only shows in empty text arrays (see `EventObject`): the viewer prefetches only
/// traces that have none, so the output is the same as decoding on demand.
///
/// ```
///  worker thread: cursor.nextBatch ×32 ──▶ chunk ──▶ [queue, at most 4 chunks] ──▶ muxer thread
/// ```
final class StreamPrefetcher: @unchecked Sendable {
    /// Batches per chunk: one lock round trip per 32 batches (480 messages).
    static let batchesPerChunk = 32
    /// Chunks decoded ahead at most (bounds the memory a fast stream can take).
    static let maximumQueuedChunks = 4

    typealias Batch = (messages: [StreamMessage], error: TraceReadError?)

    // Guarded by `lock`.
    private var cursor: StreamCursor
    private var queue: [[Batch]] = []
    private var isFinished = false
    private var isCancelled = false

    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var thread: pthread_t?
    /// Where printed events' text buffers come back from the muxer thread.
    private let spares: SpareBuffers

    // Only the consumer's.
    private var current: [Batch] = []
    private var currentIndex = 0

    init(_ cursor: StreamCursor, spares: SpareBuffers) {
        self.cursor = cursor
        self.spares = spares
        pthread_mutex_init(lock, nil)
        pthread_cond_init(changed, nil)
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(lock)
        changed.deallocate()
        lock.deallocate()
    }

    /// Starts the worker thread; false when the system refuses one (the caller then decodes
    /// on demand).
    func start() -> Bool {
        let context = Unmanaged.passRetained(self).toOpaque()
        var created = pthread_t()
        let result = pthread_create(
            &created, nil,
            { context in
                guard let context else { return nil }
                Unmanaged<StreamPrefetcher>.fromOpaque(context).takeRetainedValue().produce()
                return nil
            }, context)
        guard result == 0 else {
            Unmanaged<StreamPrefetcher>.fromOpaque(context).release()
            return false
        }
        thread = created
        return true
    }

    /// Stops the worker (it may be waiting for room in the queue) and waits for it to end.
    func stop() {
        pthread_mutex_lock(lock)
        isCancelled = true
        pthread_cond_broadcast(changed)
        pthread_mutex_unlock(lock)
        if let thread { pthread_join(thread, nil) }
        thread = nil
    }

    /// The next batch, as `StreamCursor.nextBatch(capacity: Muxer.batchSize, pool:)` returns it.
    func nextBatch() -> Batch {
        if currentIndex == current.count {
            pthread_mutex_lock(lock)
            while queue.isEmpty && !isFinished { pthread_cond_wait(changed, lock) }
            if queue.isEmpty {
                pthread_mutex_unlock(lock)
                return ([], nil)
            }
            current = queue.removeFirst()
            pthread_cond_broadcast(changed)
            pthread_mutex_unlock(lock)
            currentIndex = 0
        }
        // Moved out, so that the consumer holds the only reference to the batch's buffers.
        let batch = current[currentIndex]
        current[currentIndex] = ([], nil)
        currentIndex += 1
        return batch
    }

    /// The worker: decodes chunks until the stream ends (an empty batch) or `stop`.
    private func produce() {
        // The pool is the worker's own: objects are not shared between threads.
        var pool = EventObjectPool()
        var isEnded = false
        while !isEnded {
            var chunk: [Batch] = []
            chunk.reserveCapacity(Self.batchesPerChunk)
            pool.spareBuffers += spares.take(Self.batchesPerChunk * Muxer.batchSize)
            // The cursor is only touched here once started; the lock orders it for `deinit`.
            while chunk.count < Self.batchesPerChunk {
                let batch = cursor.nextBatch(capacity: Muxer.batchSize, pool: &pool)
                chunk.append(batch)
                if batch.messages.isEmpty {
                    isEnded = true
                    break
                }
            }
            pthread_mutex_lock(lock)
            while queue.count >= Self.maximumQueuedChunks && !isCancelled { pthread_cond_wait(changed, lock) }
            if isCancelled {
                pthread_mutex_unlock(lock)
                return
            }
            queue.append(chunk)
            if isEnded { isFinished = true }
            pthread_cond_broadcast(changed)
            pthread_mutex_unlock(lock)
        }
    }
}

/// Text buffers of printed events, going back from the muxer thread to the decoding threads:
/// without them, every event decoded on a thread would allocate (and fault in) a new buffer.
final class SpareBuffers: @unchecked Sendable {
    /// Buffers kept at most; more are freed.
    static let capacity = 16_384

    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var buffers: [[UInt8]] = []

    init() {
        pthread_mutex_init(lock, nil)
    }

    deinit {
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    /// Moves `returned` in (up to the capacity) and leaves it empty.
    func give(_ returned: inout [[UInt8]]) {
        pthread_mutex_lock(lock)
        let room = max(0, Self.capacity - buffers.count)
        buffers += returned.prefix(room)
        pthread_mutex_unlock(lock)
        returned.removeAll(keepingCapacity: true)
    }

    /// Up to `count` buffers.
    func take(_ count: Int) -> [[UInt8]] {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        let taken = Array(buffers.suffix(count))
        buffers.removeLast(taken.count)
        return taken
    }
}
