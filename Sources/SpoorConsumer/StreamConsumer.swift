import SpoorPosix
import SpoorRingBuffer

/// Drains one user-space stream's ring buffer (one CPU of one channel) into its stream file and
/// index on this machine, as LTTng's consumer does: each complete sub-buffer becomes one CTF
/// packet.
///
/// With `--tracefile-size` the stream is cut into several trace files, and with `--tracefile-count`
/// those files are reused as a ring (`TracefileRotation`).
public typealias StreamConsumer = StreamDriver<RingBufferPacketSource, LocalTraceOutput>

extension StreamDriver where Source == RingBufferPacketSource, Output == LocalTraceOutput {
    /// Creates the stream's files (`<channel>_<cpu>` and `index/<channel>_<cpu>.idx` in
    /// `directory`, or `<channel>_<cpu>_0` and its index with a `tracefileSize`) and takes
    /// ownership of `memory` and `wakeFD`.
    public convenience init(
        memory: SharedMemory, layout: RingBufferLayout, wakeFD: Int32, directory: String,
        configuration: StreamConfiguration
    ) throws(SystemError) {
        try self.init(
            source: RingBufferPacketSource(memory: memory, layout: layout, wakeFD: wakeFD),
            output: LocalTraceOutput(maximumPacketSize: layout.subbufferSize), directory: directory,
            configuration: configuration,
            clock: { Clock.monotonicNanoseconds })
    }

    /// The same, with the settings as `ChannelAttributes` holds them (timers in microseconds).
    public convenience init(
        memory: SharedMemory, layout: RingBufferLayout, wakeFD: Int32, directory: String, channelName: String,
        streamID: UInt32, cpu: UInt32, uuid: [UInt8], switchTimerMicroseconds: UInt64 = 0,
        readTimerMicroseconds: UInt64 = 0, tracefileSize: UInt64 = 0, tracefileCount: UInt64 = 0,
        monitorTimerMicroseconds: UInt64 = 0
    ) throws(SystemError) {
        try self.init(
            memory: memory, layout: layout, wakeFD: wakeFD, directory: directory,
            configuration: StreamConfiguration(
                channelName: channelName, streamID: streamID, cpu: cpu, uuid: uuid, tracefileSize: tracefileSize,
                tracefileCount: tracefileCount, switchTimerPeriod: .microseconds(switchTimerMicroseconds),
                readTimerPeriod: .microseconds(readTimerMicroseconds),
                monitorTimerPeriod: .microseconds(monitorTimerMicroseconds)))
    }

    /// The shared memory the buffer lives in: mapped for the stream's whole life.
    public var memory: SharedMemory { source.memory }
    /// The ring buffer.
    public var buffer: RingBuffer { source.buffer }
    /// The eventfd producers signal when a sub-buffer is complete.
    public var wakeFD: Int32 { source.wakeFD }
}

extension StreamDriver {
    /// How long the oldest packet may stay closed but incomplete before the consumer decides
    /// its writer died mid-record and gives the packet up.
    public static var abandonAfterNanoseconds: UInt64 { StreamStateMachine.abandonAfterNanoseconds }

    /// The stream class id.
    public var streamID: UInt32 { configuration.streamID }
    /// The stream's CPU.
    public var cpu: UInt32 { configuration.cpu }
    /// `--tracefile-size`, 0 for one file.
    public var tracefileSize: UInt64 { configuration.tracefileSize }
    /// `--tracefile-count`, 0 for no limit.
    public var tracefileCount: UInt64 { configuration.tracefileCount }
    /// `--switch-timer` in nanoseconds, 0 for none.
    public var switchPeriod: UInt64 { configuration.periods.switchTimer }
    /// `--read-timer` in nanoseconds, 0 for none.
    public var readPeriod: UInt64 { configuration.periods.readTimer }
    /// `--monitor-timer` in nanoseconds, 0 for none.
    public var monitorPeriod: UInt64 { configuration.periods.monitorTimer }
}
