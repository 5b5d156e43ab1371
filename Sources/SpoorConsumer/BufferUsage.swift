/// One monitor-timer sample of a stream's ring buffer.
public struct BufferUsage: Sendable, Hashable {
    /// Bytes reserved by producers and not yet consumed.
    public var bytes: UInt64
    /// Bytes the ring holds in all.
    public var capacity: UInt64
    /// Monotonic time of the sample, nanoseconds.
    public var time: UInt64

    /// A sample of `bytes` used out of `capacity`, taken at monotonic time `time`.
    public init(bytes: UInt64, capacity: UInt64, time: UInt64) {
        self.bytes = bytes
        self.capacity = capacity
        self.time = time
    }

    /// The used part of the buffer, from 0 to 1.
    public var ratio: Double { capacity == 0 ? 0 : min(1, Double(bytes) / Double(capacity)) }
}
