import SpoorCTF
import SpoorPosix
import Synchronization

/// Drains one stream's `PacketSource` into its `TraceOutput`, as LTTng's consumer does: each
/// complete packet (sub-buffer) becomes one CTF packet in the stream's trace file and index.
///
/// A thin driver: `StreamStateMachine` decides (sequence numbers, losses, trace files, chunks,
/// clear, timers) and the driver carries its answers out on the source and the output, with one
/// lock around the three. `StreamConsumer` is the user-space ring buffer written to local files.
public final class StreamDriver<Source: PacketSource, Output: TraceOutput>: Sendable {
    /// Where the packets come from.
    public let source: Source
    /// The stream's identity and settings.
    public let configuration: StreamConfiguration
    /// The first trace file, `<directory>/<channel>_<cpu>` (with a `tracefileSize`, this path
    /// followed by `_0`, `_1`, …), where the stream was created; for messages.
    public let dataPath: String
    /// The monotonic clock (nanoseconds) of the timers and of the dead-writer and drain deadlines.
    let clock: @Sendable () -> UInt64
    let state: Mutex<State>
    /// The machine's byte counts, published after every packet, so that the daemon reads them
    /// (every few milliseconds, for size-based rotations) without waiting for a drain to finish.
    private let publishedBytesWritten = Atomic<UInt64>(0)
    private let publishedChunkBytesWritten = Atomic<UInt64>(0)

    /// What the lock guards: the decisions, the output, and the buffer packets are framed in.
    struct State: ~Copyable {
        var machine: StreamStateMachine
        var output: Output
        let framer: PacketFramer
    }

    /// Starts a stream whose trace files go to `directory`: makes it ready in `output`, opens the
    /// first trace file, and takes ownership of `source` (closed by `close()`).
    public init(
        source: Source, output: sending Output, directory: String, configuration: StreamConfiguration,
        clock: @escaping @Sendable () -> UInt64
    ) throws(SystemError) {
        self.source = source
        self.configuration = configuration
        self.clock = clock
        let streamName = configuration.streamName
        dataPath = directory + "/" + streamName
        let machine = StreamStateMachine(
            streamName: streamName, directory: directory, tracefileSize: configuration.tracefileSize,
            tracefileCount: configuration.tracefileCount, periods: configuration.periods, now: clock())
        var output = output
        try output.openChunk(directory: directory)
        try output.openFile(named: machine.currentFileName, in: directory)
        let framer = PacketFramer(
            uuid: configuration.uuid, streamID: configuration.streamID, cpu: configuration.cpu,
            alignment: source.packetAlignment, maximumPacketSize: source.maximumPacketSize,
            copiesRecords: !source.packetsStayPutUntilReleased)
        state = Mutex(State(machine: machine, output: output, framer: framer))
    }

    /// Writes every complete packet waiting in the source. Returns how many were written.
    @discardableResult
    public func drain() throws(SystemError) -> Int {
        try state.withLock { (state) throws(SystemError) -> Int in
            guard !state.machine.isClosed else { return 0 }
            source.acknowledgeWakeUp()
            var written = 0
            while let packet = source.nextPacket() {
                if state.machine.isDiscarded(sequenceNumber: packet.sequenceNumber) {
                    _ = source.release(packet)
                    continue
                }
                let discardedBefore = state.machine.accounting.lastDiscardedEvents
                if state.framer.copiesRecords {
                    let framed = source.withBytes(of: packet) { contents in
                        state.framer.frame(packet, contents: contents, discardedBefore: discardedBefore)
                    }
                    // In overwrite mode a producer may have taken the packet back while it was
                    // copied: then the copy is unreliable and the packet is lost.
                    guard source.release(packet) else { continue }
                    try write(framed, in: &state)
                } else {
                    // Nothing changes the packet before its release: its records go from the
                    // source's memory to the file directly, and it is released once written.
                    let failure = source.withBytes(of: packet) { contents -> SystemError? in
                        let framed = state.framer.frame(packet, contents: contents, discardedBefore: discardedBefore)
                        do throws(SystemError) { try write(framed, in: &state) } catch { return error }
                        return nil
                    }
                    _ = source.release(packet)
                    if let failure { throw failure }
                }
                written += 1
            }
            abandonStuckPacket(in: &state)
            return written
        }
    }

    /// Opens what the machine asks for, then appends the packet.
    private func write(_ packet: FramedPacket, in state: inout State) throws(SystemError) {
        let sequenceNumber = packet.context.sequenceNumber
        let size = UInt64(packet.size)
        while true {
            switch state.machine.nextWriteAction(sequenceNumber: sequenceNumber, size: size) {
            case .switchChunk(let directory, let fileName):
                // If opening fails, the switch stays pending and the next packet tries again.
                try state.output.openFile(named: fileName, in: directory)
                state.machine.chunkOpened()
                publishByteCounts(of: state.machine)
            case .openFile(_, let fileName, let directory):
                // If opening fails, the rotation asks for the same file on the next packet.
                try state.output.openFile(named: fileName, in: directory)
                state.machine.fileOpened()
            case .write:
                try state.output.append(packet)
                state.machine.packetWritten(
                    sequenceNumber: sequenceNumber, size: size, discardedEvents: packet.context.eventsDiscarded)
                publishByteCounts(of: state.machine)
                return
            }
        }
    }

    /// Stores the machine's byte counts where the counters read them.
    func publishByteCounts(of machine: borrowing StreamStateMachine) {
        publishedBytesWritten.store(machine.accounting.bytesWritten, ordering: .relaxed)
        publishedChunkBytesWritten.store(machine.accounting.chunkBytesWritten, ordering: .relaxed)
    }

    /// Gives up the oldest packet if a dead writer has left it incomplete for too long.
    private func abandonStuckPacket(in state: inout State) {
        guard source.isOldestPacketIncomplete else {
            state.machine.oldestPacketIsComplete()
            return
        }
        let now = clock()
        if state.machine.oldestPacketIsIncomplete(sequenceNumber: source.consumedSequenceNumber, now: now) {
            abandonOldestPacket(in: &state)
        }
    }

    /// Gives up the oldest packet, which a dead writer left incomplete.
    func abandonOldestPacket(in state: inout State) {
        let sequenceNumber = source.consumedSequenceNumber
        guard source.abandonOldestPacket() else { return }
        state.machine.packetAbandoned(sequenceNumber: sequenceNumber)
    }

    // MARK: Timers

    /// Runs the switch timer: when its period has passed, closes the open packet so that a
    /// quiet stream still reaches its files within the period. Returns when it is next due.
    public func runSwitchTimer(now: UInt64) -> UInt64? {
        state.withLock { state -> UInt64? in
            let step = state.machine.switchTimer(now: now)
            if step.isDue { source.flush(allowEmpty: false) { now } }
            return step.next
        }
    }

    /// Whether the consumer should read this stream now: always without a read timer; with one,
    /// once per period (its producers do not wake the consumer). Returns when it is next due.
    public func readTimer(now: UInt64) -> (isDue: Bool, next: UInt64?) {
        let step = state.withLock { $0.machine.readTimer(now: now) }
        return (step.isDue, step.next)
    }

    /// Runs the monitor timer: once per period, samples how much of the source holds data not
    /// yet consumed (what buffer-usage trigger conditions read). Returns when it is next due.
    public func runMonitorTimer(now: UInt64) -> UInt64? {
        state.withLock { state -> UInt64? in
            let step = state.machine.monitorTimer(now: now)
            if step.isDue {
                let usage = source.usage
                state.machine.sampled(BufferUsage(bytes: usage.bytes, capacity: usage.capacity, time: now))
            }
            return step.next
        }
    }

    /// The monitor timer's latest sample, or nil before the first (or without a monitor timer).
    public var bufferUsage: BufferUsage? { state.withLock { $0.machine.usage } }

    // MARK: Counters

    /// Packets this stream lost: overwritten (overwrite mode), abandoned by dead writers, lost
    /// by the source itself.
    public var lostPacketCount: UInt64 {
        state.withLock { state in
            state.machine.accounting.lostPacketCount
                + (state.machine.isClosed ? 0 : source.counters.lostPackets)
        }
    }

    /// Events dropped by producers so far in this stream (`lttng list`'s "Discarded events").
    public var discardedEventCount: UInt64 { source.counters.discardedEvents }

    /// Bytes this stream has written to trace files since it was created, in every chunk.
    public var bytesWritten: UInt64 { publishedBytesWritten.load(ordering: .relaxed) }

    /// Bytes this stream has written to the current trace chunk: since its creation, or since
    /// it moved to the chunk of its latest rotation.
    public var bytesWrittenInCurrentChunk: UInt64 { publishedChunkBytesWritten.load(ordering: .relaxed) }

    /// Whether `close()` was called.
    public var isClosed: Bool { state.withLock { $0.machine.isClosed } }

    /// Closes the output and the source. Waits for a drain in progress on another thread.
    public func close() {
        state.withLock { state in
            guard state.machine.close() else { return }
            state.output.closeFile()
            source.close()
        }
    }
}
