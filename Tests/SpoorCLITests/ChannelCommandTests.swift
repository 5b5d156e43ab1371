import SpoorModel
import SpoorWire
import Testing

@testable import SpoorCLI

@Suite("enable-channel and disable-channel")
struct ChannelCommandTests {
    func harness() -> SpoorHarness {
        let harness = SpoorHarness()
        harness.setCurrentSession("s1")
        return harness
    }

    @Test("enable-channel creates a channel with lttng's user space defaults")
    func enableChannel() {
        let harness = harness()
        let run = harness.run("enable-channel", "-u", "ch1")
        #expect(run.status == .success)
        #expect(run.standardOutput == "ust channel ch1 enabled for session s1\n")
        #expect(harness.daemon.requests == [.enableChannel(session: "s1", attributes: ChannelAttributes(name: "ch1"))])
        #expect(harness.daemon.autoStartFlags == [false])
    }

    @Test("a comma-separated list enables each channel, in the session --session names")
    func enableChannels() {
        let harness = harness()
        let run = harness.run("enable-channel", "--userspace", "--session=s2", "a,b")
        #expect(run.standardOutput == "ust channel a enabled for session s2\nust channel b enabled for session s2\n")
        #expect(
            harness.daemon.requests == [
                .enableChannel(session: "s2", attributes: ChannelAttributes(name: "a")),
                .enableChannel(session: "s2", attributes: ChannelAttributes(name: "b")),
            ])
    }

    @Test("sizes and counts are rounded up to a power of two, with lttng's warnings")
    func rounding() {
        let harness = harness()
        let run = harness.run("enable-channel", "-u", "--subbuf-size=10M", "--num-subbuf=3", "ch3")
        #expect(run.status == .success)
        #expect(
            run.standardError == """
                Warning: The subbuf size (10485760) is rounded to the next power of 2 (16777216)
                Warning: The number of subbuffers (3) is rounded to the next power of 2 (4)

                """)
        var attributes = ChannelAttributes(name: "ch3")
        attributes.subbufferSize = 16_777_216
        attributes.subbufferCount = 4
        #expect(harness.daemon.requests == [.enableChannel(session: "s1", attributes: attributes)])
    }

    @Test("a sub-buffer smaller than a page is refused as lttng's daemon refuses it")
    func tooSmallSubbuffer() {
        var harness = harness()
        var run = harness.run("enable-channel", "-u", "--subbuf-size=1000", "ch2")
        #expect(run.status == .commandError)
        #expect(
            run.standardError == """
                Warning: The subbuf size (1000) is rounded to the next power of 2 (1024)
                Error: Channel ch2: Invalid parameter (session s1)

                """)
        harness.pageSize = 65_536
        run = harness.run("enable-channel", "-u", "--subbuf-size=32k", "ch2")
        #expect(run.standardError == "Error: Channel ch2: Invalid parameter (session s1)\n")
        #expect(harness.run("enable-channel", "-u", "--subbuf-size=64k", "ch2").status == .success)
        #expect(harness.daemon.requests.count == 1)
    }

    @Test("the defaults, spelled out, are accepted")
    func explicitDefaults() {
        let harness = harness()
        let run = harness.run(
            "enable-channel", "-u", "--discard", "--buffers-uid", "--output=mmap", "--switch-timer=0",
            "--read-timer=0us",
            "--monitor-timer=1s", "--blocking-timeout=0", "--tracefile-size=0", "--tracefile-count=0",
            "--subbuf-size=512k", "--num-subbuf=4", "c")
        #expect(run.status == .success)
        #expect(harness.daemon.requests == [.enableChannel(session: "s1", attributes: ChannelAttributes(name: "c"))])
    }

    @Test(
        "bad option values get lttng's errors",
        arguments: [
            ("--subbuf-size=abc", "Wrong value in --subbuf-size parameter: abc"),
            ("--subbuf-size=0", "Wrong value in --subbuf-size parameter: 0"),
            ("--subbuf-size=2g", "Wrong value in --subbuf-size parameter: 2g"),
            ("--num-subbuf=0", "Wrong value in --num-subbuf parameter: 0"),
            ("--num-subbuf=abc", "Wrong value in --num-subbuf parameter: abc"),
            ("--switch-timer=abc", "Wrong value for --switch-timer parameter: abc"),
            ("--read-timer=-1", "Wrong value for --read-timer parameter: -1"),
            ("--monitor-timer=abc", "Wrong value for --monitor-timer parameter: abc"),
            ("--switch-timer=5000000000", "32-bit overflow in --switch-timer parameter: 5000000000"),
            ("--blocking-timeout=abc", "Wrong value for --blocking-timeout parameter: abc"),
            ("--tracefile-size=abc", "Wrong value in --tracefile-size parameter: abc"),
            ("--tracefile-count=abc", "Wrong value in --tracefile-count parameter: abc"),
            ("--tracefile-count=3", "Missing option --tracefile-size. A file count without a size won't do anything."),
            ("--output=bogus", "Unknown output type bogus. Possible values are: mmap, splice\n"),
            ("--buffers-global", "Buffer type not supported for domain -u"),
        ])
    func badValues(option: String, message: String) {
        let harness = harness()
        let run = harness.run("enable-channel", "-u", option, "x")
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: \(message)\n")
        #expect(harness.daemon.requests.isEmpty)
    }

    @Test("--overwrite with a blocking timeout is refused with lttng's words")
    func overwriteAndBlocking() {
        let run = harness().run("enable-channel", "-u", "--overwrite", "--blocking-timeout=inf", "x")
        #expect(
            run.standardError
                == "Error: You cannot specify --overwrite and --blocking-timeout=N, where N is different than 0\n")
    }

    @Test(
        "the domain is required, and only one",
        arguments: [
            (["enable-channel", "x"], "Please specify a domain (--kernel/--userspace)."),
            (["enable-channel", "-k", "-u", "x"], "Only one domain must be specified."),
            (["disable-channel", "x"], "Please specify a domain (--kernel/--userspace)."),
            (["enable-channel", "-u"], "Missing channel name."),
            (["disable-channel", "-u"], "Missing channel name(s)."),
            (["disable-channel", "-u", "a", "b"], "Unknown argument: b"),
        ] as [([String], String)])
    func domainAndNameErrors(arguments: [String], message: String) {
        let run = harness().run(arguments)
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: \(message)\n")
    }

    @Test(
        "bad channel names are refused with lttng's message",
        arguments: [
            (
                "bad/ch",
                "Invalid channel name: \"bad/ch\". Channel names may not start with '.', and may not contain '/'."
            ),
            (".bad", "Invalid channel name: \".bad\". Channel names may not start with '.', and may not contain '/'."),
            (String(repeating: "c", count: 256), "Channel name is too long (max. 255 characters)"),
            ("metadata", "Channel name \"metadata\" is reserved"),
        ])
    func badChannelNames(name: String, message: String) {
        let harness = harness()
        let run = harness.run("enable-channel", "-u", name)
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: \(message)\n")
        #expect(harness.daemon.requests.isEmpty)
    }

    @Test("an existing channel is a warning")
    func existingChannel() {
        let harness = harness()
        harness.daemon.answer = { _ throws(SpoorError) in throw SpoorError(.channelExists) }
        let run = harness.run("enable-channel", "-u", "channel0")
        #expect(run.status == .warning)
        #expect(run.standardError == "Warning: Channel channel0: UST channel already exist (session s1)\n")
    }

    @Test("other daemon errors name the channel and the session")
    func daemonErrors() {
        let harness = harness()
        harness.daemon.answer = { _ throws(SpoorError) in throw SpoorError(.sessionNotFound) }
        let run = harness.run("enable-channel", "-u", "-s", "nosuch", "c")
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: Channel c: Session name not found (session nosuch)\n")
    }

    @Test("disable-channel disables each channel; a missing one is a warning")
    func disableChannel() {
        let harness = harness()
        harness.daemon.answer = { request throws(SpoorError) in
            if case .disableChannel(_, "ch5") = request { throw SpoorError(.channelNotFound) }
            return .ok
        }
        let run = harness.run("disable-channel", "-u", "ch1,ch5")
        #expect(run.status == .warning)
        #expect(run.standardOutput == "ust channel ch1 disabled for session s1\n")
        #expect(run.standardError == "Error: Channel ch5: UST channel not found (session s1)\n")
        #expect(
            harness.daemon.requests == [
                .disableChannel(session: "s1", channel: "ch1"), .disableChannel(session: "s1", channel: "ch5"),
            ])
    }
}
