/// How long the session daemon waits for each thing it waits for, in one injectable place.
///
/// The defaults are the daemon's behaviour; tests shorten them.
public struct DaemonTimeouts: Sendable, Hashable {
    /// `stop` (and `destroy` of an active session): how long a stream's last packet may stay
    /// uncommitted before it is given up as the packet of a dead writer.
    public var stopDrain: Duration
    /// The end of a process with per-process buffers: the same, for each of its streams.
    public var unregisterDrain: Duration
    /// `clear`: how long a stream may take to drop its packets.
    public var clearDrain: Duration
    /// `snapshot record`: how long one stream's copy may wait for a writer.
    public var snapshotCopy: Duration
    /// A rotation: how long the old chunk's incomplete packets are waited for before they are
    /// abandoned.
    public var rotationAbandon: Duration
    /// How long a command that needs a pending rotation finished (`clear`, `start`) waits.
    public var pendingRotation: Duration
    /// How long a blocked send to an app may take before the app is dropped.
    public var appSend: Duration
    /// How long a command waits for apps to acknowledge the changes it made.
    public var acknowledgement: Duration
    /// How long a notification subscriber that stopped reading may block its own thread
    /// before it is dropped.
    public var subscriberSend: Duration

    /// The daemon's timeouts; each argument overrides one.
    public init(
        stopDrain: Duration = .milliseconds(2000), unregisterDrain: Duration = .milliseconds(200),
        clearDrain: Duration = .milliseconds(2000), snapshotCopy: Duration = .milliseconds(200),
        rotationAbandon: Duration = .seconds(2), pendingRotation: Duration = .seconds(5),
        appSend: Duration = .seconds(1), acknowledgement: Duration = .seconds(1),
        subscriberSend: Duration = .seconds(5)
    ) {
        self.stopDrain = stopDrain
        self.unregisterDrain = unregisterDrain
        self.clearDrain = clearDrain
        self.snapshotCopy = snapshotCopy
        self.rotationAbandon = rotationAbandon
        self.pendingRotation = pendingRotation
        self.appSend = appSend
        self.acknowledgement = acknowledgement
        self.subscriberSend = subscriberSend
    }

    /// The defaults.
    public static let standard = DaemonTimeouts()
}

extension Duration {
    /// Whole milliseconds, rounded down; what the consumer's timeouts take.
    public var wholeMilliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }

    /// Whole nanoseconds, rounded down; negative durations count as zero.
    public var wholeNanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0, attoseconds >= 0 else { return 0 }
        return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }
}
