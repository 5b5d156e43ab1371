/// Everything one stream's consumer decides, with no file, buffer or clock: packet sequence
/// numbers and loss accounting, which trace file a packet goes to (`TracefileRotation`), the
/// switch to a new trace chunk (`lttng rotate`), what `lttng clear` drops, and the switch, read
/// and monitor timers, whose deadlines come from the `now` each call is given.
///
/// `StreamDriver` asks it what to do and reports what it did; the machine only ever returns
/// values (`WriteAction`, `RotationProgress`, `ClearPlan`, `TimerStep`).
package struct StreamStateMachine: Sendable {
    /// Before a packet is written, what the driver does with it next; it asks again after
    /// carrying out anything but `.write`.
    package enum WriteAction: Sendable, Hashable {
        /// The packet is the first of a new trace chunk: open trace file `fileName` in the
        /// chunk's `directory` (closing the old chunk's), then call `chunkOpened()`.
        case switchChunk(directory: String, fileName: String)
        /// The packet does not fit in the current trace file (`--tracefile-size`): open (or
        /// truncate) trace file `number`, named `fileName`, in `directory`, then call `fileOpened()`.
        case openFile(number: UInt64, fileName: String, directory: String)
        /// Append the packet to the open trace file `fileNumber`, then call `packetWritten`.
        case write(fileNumber: UInt64)
    }

    /// Where a rotation of the stream stands.
    package enum RotationProgress: Sendable, Hashable {
        /// No rotation is under way (or it just completed).
        case done
        /// Every packet of the old chunk is written: open trace file `fileName` in `directory`,
        /// call `chunkOpened()`, and the rotation is done.
        case switchChunk(directory: String, fileName: String)
        /// Packets of the old chunk are still in the buffer.
        case waiting
    }

    /// What `lttng clear` does to the stream's files: close the open trace file, remove
    /// `removals` from `directory`, and open `firstFileName` there, empty.
    package struct ClearPlan: Sendable, Hashable {
        /// The current chunk's directory, where the stream's files are.
        package var directory: String
        /// Every trace file the stream may have there (with `--tracefile-size`), to remove.
        package var removals: [String]
        /// Trace file 0, opened empty.
        package var firstFileName: String
    }

    /// What a timer asks for at a given time.
    package struct TimerStep: Sendable, Hashable {
        /// Whether to act now: flush (switch timer), read (read timer), sample (monitor timer).
        package var isDue: Bool
        /// When the timer is next due (monotonic nanoseconds), nil without the timer.
        package var next: UInt64?

        /// A step that acts now or not, and the next deadline.
        package init(isDue: Bool, next: UInt64?) {
            self.isDue = isDue
            self.next = next
        }
    }

    /// The three timers' periods in nanoseconds, 0 for a timer that is off.
    package struct Periods: Sendable, Hashable {
        /// `--switch-timer`: between forced sub-buffer switches.
        package var switchTimer: UInt64
        /// `--read-timer`: between reads of the buffer; 0 to read on every wake-up.
        package var readTimer: UInt64
        /// `--monitor-timer`: between samples of the buffer usage.
        package var monitorTimer: UInt64

        /// Periods in nanoseconds.
        package init(switchTimer: UInt64 = 0, readTimer: UInt64 = 0, monitorTimer: UInt64 = 0) {
            self.switchTimer = switchTimer
            self.readTimer = readTimer
            self.monitorTimer = monitorTimer
        }
    }

    /// The counts `lttng list` and the trigger conditions read.
    package struct Accounting: Sendable, Hashable {
        /// The sequence number the next packet has when none is lost.
        package var nextSequenceNumber: UInt64 = 0
        /// Packets lost: overwritten before they were read, abandoned by a dead writer, or whose
        /// write failed.
        package var lostPacketCount: UInt64 = 0
        /// The discarded-event count of the last packet written: counts in the files never go
        /// backwards, even if shared memory lies.
        package var lastDiscardedEvents: UInt64 = 0
        /// Packets written to the current trace chunk since it was opened or cleared.
        package var packetCount: UInt64 = 0
        /// Bytes written to trace files since the stream was created, across every trace chunk.
        package var bytesWritten: UInt64 = 0
        /// Bytes written to the current trace chunk's files (`enable-rotation --size`).
        package var chunkBytesWritten: UInt64 = 0
    }

    /// A rotation under way: packets from `firstSequenceNumber` on go to `directory`.
    package struct ChunkSwitch: Sendable, Hashable {
        /// The new chunk's trace directory.
        package var directory: String
        /// The first packet that belongs to the new chunk.
        package var firstSequenceNumber: UInt64
    }

    /// How long the oldest packet may stay closed but incomplete before it is given up: no live
    /// writer takes this long between reserving and committing a record.
    package static let abandonAfterNanoseconds: UInt64 = 1_000_000_000

    /// `<channel>_<cpu>`: the stream file's name without its trace file number.
    package let streamName: String
    /// The timers' periods.
    package let periods: Periods
    /// Where the stream's files are: the trace directory of the current trace chunk.
    package private(set) var directory: String
    /// Which trace file the stream writes (`--tracefile-size`, `--tracefile-count`).
    package private(set) var tracefiles: TracefileRotation
    /// Sequence numbers, losses and bytes.
    package private(set) var accounting = Accounting()
    /// Packets numbered below this were recorded before a `clear`: released, never written.
    package private(set) var discardBeforeSequenceNumber: UInt64 = 0
    /// A rotation under way.
    package private(set) var chunkSwitch: ChunkSwitch?
    /// The monitor timer's latest sample.
    package private(set) var usage: BufferUsage?
    /// Set by `close()`: nothing may touch the source or the output any more.
    package private(set) var isClosed = false
    /// Since when (monotonic ns) the oldest packet, at this sequence number, is incomplete.
    private var stuck: (sequenceNumber: UInt64, since: UInt64)?
    /// Monotonic deadlines of the timers; 0 for the switch timer means not armed yet.
    private var nextSwitch: UInt64 = 0
    private var nextRead: UInt64 = 0
    private var nextSample: UInt64 = 0

    /// A stream whose files go to `directory`, starting with trace file 0 (which the driver
    /// opens before any packet), created at monotonic time `now`.
    package init(
        streamName: String, directory: String, tracefileSize: UInt64, tracefileCount: UInt64, periods: Periods,
        now: UInt64
    ) {
        self.streamName = streamName
        self.directory = directory
        self.periods = periods
        tracefiles = TracefileRotation(sizeLimit: tracefileSize, countLimit: tracefileCount)
        // The read timer's first read is one period after the stream starts, as any later one.
        nextRead = periods.readTimer > 0 ? now + periods.readTimer : 0
    }

    /// The name of the trace file the stream writes now.
    package var currentFileName: String { tracefiles.fileName(stream: streamName, number: tracefiles.fileNumber) }

    // MARK: Packets

    /// Whether a packet was recorded before a `clear` and goes without being written.
    package func isDiscarded(sequenceNumber: UInt64) -> Bool { sequenceNumber < discardBeforeSequenceNumber }

    /// What to do next with a framed packet of `size` bytes numbered `sequenceNumber`.
    package mutating func nextWriteAction(sequenceNumber: UInt64, size: UInt64) -> WriteAction {
        if let pending = chunkSwitch, sequenceNumber >= pending.firstSequenceNumber {
            return .switchChunk(directory: pending.directory, fileName: firstFileName)
        }
        switch tracefiles.packetReady(size: size) {
        case .append: return .write(fileNumber: tracefiles.fileNumber)
        case .open(let number):
            return .openFile(
                number: number, fileName: tracefiles.fileName(stream: streamName, number: number),
                directory: directory)
        }
    }

    /// The new chunk's first trace file is open: the rotation is done, the stream writes there.
    package mutating func chunkOpened() {
        guard let pending = chunkSwitch else { return }
        // Each chunk is a trace of its own, starting again at trace file 0.
        tracefiles = TracefileRotation(sizeLimit: tracefiles.sizeLimit, countLimit: tracefiles.countLimit)
        directory = pending.directory
        accounting.packetCount = 0
        accounting.chunkBytesWritten = 0
        chunkSwitch = nil
    }

    /// The trace file `.openFile` asked for exists and is empty.
    package mutating func fileOpened() { tracefiles.fileOpened() }

    /// A packet is in the open trace file; a gap in the sequence numbers before it counts as lost.
    package mutating func packetWritten(sequenceNumber: UInt64, size: UInt64, discardedEvents: UInt64) {
        accounting.lastDiscardedEvents = discardedEvents
        if sequenceNumber > accounting.nextSequenceNumber {
            accounting.lostPacketCount += sequenceNumber - accounting.nextSequenceNumber
        }
        accounting.nextSequenceNumber = sequenceNumber + 1
        tracefiles.packetWritten(size: size)
        accounting.bytesWritten += size
        accounting.chunkBytesWritten += size
        accounting.packetCount += 1
    }

    // MARK: Dead writers

    /// The oldest packet, numbered `sequenceNumber`, is closed but incomplete at `now`. Returns
    /// whether it has been so for `abandonAfterNanoseconds`, and should be given up.
    package mutating func oldestPacketIsIncomplete(sequenceNumber: UInt64, now: UInt64) -> Bool {
        guard let stuck, stuck.sequenceNumber == sequenceNumber else {
            self.stuck = (sequenceNumber, now)
            return false
        }
        return now - stuck.since >= Self.abandonAfterNanoseconds
    }

    /// The oldest packet is complete, or still open: nothing is stuck.
    package mutating func oldestPacketIsComplete() { stuck = nil }

    /// Packet `sequenceNumber` was given up: it is lost, and the next one follows it.
    package mutating func packetAbandoned(sequenceNumber: UInt64) {
        stuck = nil
        accounting.lostPacketCount += 1
        accounting.nextSequenceNumber = sequenceNumber + 1
    }

    // MARK: Trace chunks and clear

    /// `lttng rotate` began: the packets from `firstSequenceNumber` on go to `directory`.
    package mutating func rotationBegan(directory: String, firstSequenceNumber: UInt64) {
        guard !isClosed else { return }
        chunkSwitch = ChunkSwitch(directory: directory, firstSequenceNumber: firstSequenceNumber)
    }

    /// Where the rotation stands once the source's oldest unreleased packet is `consumedSequenceNumber`.
    package func rotationProgress(consumedSequenceNumber: UInt64) -> RotationProgress {
        guard !isClosed, let pending = chunkSwitch else { return .done }
        guard consumedSequenceNumber >= pending.firstSequenceNumber else { return .waiting }
        return .switchChunk(directory: pending.directory, fileName: firstFileName)
    }

    /// Whether a rotation is under way.
    package var isRotating: Bool { !isClosed && chunkSwitch != nil }

    /// `lttng clear`: the packets numbered below `boundary` are dropped, and the stream's trace
    /// files start again, empty, at trace file 0. Returns what to do to the files, or nil once
    /// the stream is closed.
    package mutating func clearRequested(boundary: UInt64) -> ClearPlan? {
        guard !isClosed else { return nil }
        discardBeforeSequenceNumber = max(discardBeforeSequenceNumber, boundary)
        var removals: [String] = []
        if tracefiles.sizeLimit > 0 {
            // Trace files only ever go up to the current number, or wrap below the count.
            let highest =
                tracefiles.countLimit > 0
                ? max(tracefiles.countLimit - 1, tracefiles.fileNumber) : tracefiles.fileNumber
            removals = (0...highest).map { tracefiles.fileName(stream: streamName, number: $0) }
        }
        tracefiles = TracefileRotation(sizeLimit: tracefiles.sizeLimit, countLimit: tracefiles.countLimit)
        accounting.packetCount = 0
        accounting.nextSequenceNumber = max(accounting.nextSequenceNumber, boundary)
        stuck = nil
        return ClearPlan(directory: directory, removals: removals, firstFileName: firstFileName)
    }

    /// Trace file 0's name, where every chunk and every clear starts.
    private var firstFileName: String { tracefiles.fileName(stream: streamName, number: 0) }

    // MARK: Timers

    /// The switch timer at `now`: due once per period, so that a quiet stream's open packet
    /// still reaches the files within the period. First armed on the first call.
    package mutating func switchTimer(now: UInt64) -> TimerStep {
        guard periods.switchTimer > 0, !isClosed else { return TimerStep(isDue: false, next: nil) }
        if nextSwitch == 0 { nextSwitch = now + periods.switchTimer }
        guard now >= nextSwitch else { return TimerStep(isDue: false, next: nextSwitch) }
        nextSwitch = now + periods.switchTimer
        return TimerStep(isDue: true, next: nextSwitch)
    }

    /// The read timer at `now`: always due without a period (producers wake the consumer);
    /// with one, once per period (they do not).
    package mutating func readTimer(now: UInt64) -> TimerStep {
        guard periods.readTimer > 0 else { return TimerStep(isDue: true, next: nil) }
        guard now >= nextRead else { return TimerStep(isDue: false, next: nextRead) }
        nextRead = now + periods.readTimer
        return TimerStep(isDue: true, next: nextRead)
    }

    /// The monitor timer at `now`: due at once, then once per period; when due, the driver
    /// samples the buffer and calls `sampled`.
    package mutating func monitorTimer(now: UInt64) -> TimerStep {
        guard periods.monitorTimer > 0, !isClosed else { return TimerStep(isDue: false, next: nil) }
        guard now >= nextSample else { return TimerStep(isDue: false, next: nextSample) }
        nextSample = now + periods.monitorTimer
        return TimerStep(isDue: true, next: nextSample)
    }

    /// The monitor timer's sample.
    package mutating func sampled(_ usage: BufferUsage) { self.usage = usage }

    /// The stream is closing. Returns false if it already was.
    package mutating func close() -> Bool {
        guard !isClosed else { return false }
        isClosed = true
        return true
    }
}
