import SpoorConsumer

/// The buffers of one channel for one Unix user: one stream per CPU.
final class ChannelBuffers {
    /// The key apps know this channel's buffers by.
    let key: UInt64
    let streams: [StreamConsumer]

    init(key: UInt64, streams: [StreamConsumer]) {
        self.key = key
        self.streams = streams
    }
}
