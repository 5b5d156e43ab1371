import SpoorModel
import Testing

/// LTTng 2.13's user-space defaults, from `lttng-enable-channel(1)` and `src/common/defaults.h`.
@Suite("Channel defaults")
struct ChannelDefaultsTests {
    @Test("the defaults are LTTng 2.13's for user-space channels")
    func defaultsMatchLTTng() {
        #expect(ChannelDefaults.defaultChannelName == "channel0")
        #expect(ChannelDefaults.perUIDSubbufferSize == 524_288)
        #expect(ChannelDefaults.perPIDSubbufferSize == 16_384)
        #expect(ChannelDefaults.subbufferCount == 4)
        #expect(ChannelDefaults.monitorTimerPeriod == 1_000_000)
        #expect(ChannelDefaults.metadataPacketSize == 4096)
    }

    @Test("sub-buffer sizes and counts are powers of two, as enable-channel requires")
    func powersOfTwo() {
        for value in [
            ChannelDefaults.perUIDSubbufferSize, ChannelDefaults.perPIDSubbufferSize,
            ChannelDefaults.subbufferCount,
        ] {
            #expect(value.nonzeroBitCount == 1)
        }
    }

    @Test("new channel attributes start from the defaults")
    func attributesStartFromDefaults() {
        let attributes = ChannelAttributes(name: "c")
        #expect(attributes.name == "c")
        #expect(attributes.lossMode == .discard)
        #expect(attributes.subbufferSize == 524_288)
        #expect(attributes.subbufferCount == 4)
        #expect(attributes.switchTimerPeriod == 0)
        #expect(attributes.readTimerPeriod == 0)
        #expect(attributes.monitorTimerPeriod == 1_000_000)
        #expect(attributes.blockingTimeout == 0)
        #expect(attributes.tracefileSize == 0)
        #expect(attributes.tracefileCount == 0)
        #expect(attributes.buffering == .perUID)
    }

    @Test("loss modes and buffering schemes keep their raw values")
    func rawValues() {
        #expect(EventLossMode.discard.rawValue == 0)
        #expect(EventLossMode.overwrite.rawValue == 1)
        #expect(BufferingScheme.perUID.rawValue == 0)
        #expect(BufferingScheme.perPID.rawValue == 1)
    }
}
