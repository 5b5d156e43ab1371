import SpoorModel
import Testing

@testable import SpoorSessionXML

@Suite("Reading files the real lttng save wrote")
struct LTTngFileTests {
    @Test("a user-space session with every kind of content reads as the session it was")
    func userSpaceSession() throws {
        let session = try configuration(in: try Golden.text("lttng-userspace.lttng"))
        let expected = SessionConfiguration(
            name: "userspace", outputPath: "/tmp/spoor-golden/userspace", isActive: true,
            channels: [
                ChannelConfiguration(
                    attributes: ChannelAttributes(
                        name: "timeout", subbufferSize: 4096, subbufferCount: 2, blockingTimeout: 500),
                    rules: [EventRule(pattern: "*")], contexts: [.vtid, .vuid, .networkNamespace]),
                ChannelConfiguration(
                    attributes: ChannelAttributes(name: "forever", blockingTimeout: nil), isEnabled: false,
                    rules: [
                        EventRule(pattern: "exact:ev", logLevel: .exactly(.info)),
                        EventRule(pattern: "exact:other", isEnabled: false),
                    ]),
                ChannelConfiguration(
                    attributes: ChannelAttributes(
                        name: "big", lossMode: .overwrite, subbufferSize: 16384, subbufferCount: 8,
                        switchTimerPeriod: 100_000, readTimerPeriod: 200_000, monitorTimerPeriod: 300_000,
                        blockingTimeout: 0, tracefileSize: 1_048_576, tracefileCount: 3),
                    rules: [
                        EventRule(
                            pattern: "spoor_example:*", logLevel: .atLeastAsSevereAs(.warning),
                            exclusions: ["spoor_example:b*", "spoor_example:x"])
                    ],
                    contexts: [.vpid, .procname, .pthreadID]),
            ],
            trackers: Sessions.trackers(vpid: .only([12, 34]), vuid: .only([1000]), vgid: .only([])))
        #expect(session == expected)
    }

    @Test("a per-process session gives its channels per-process buffers")
    func perProcessSession() throws {
        let session = try configuration(in: try Golden.text("lttng-perpid.lttng"))
        #expect(
            session.channels.map(\.attributes) == [
                ChannelAttributes(name: "c", subbufferSize: 16384, buffering: .perPID)
            ])
        #expect(session.channels[0].rules == [EventRule(pattern: "p:*")])
        #expect(!session.isActive)
    }

    @Test("a session without channels reads as an empty session with its output")
    func emptySession() throws {
        #expect(
            try configuration(in: try Golden.text("lttng-empty.lttng"))
                == SessionConfiguration(name: "empty", outputPath: "/tmp/spoor-golden/empty"))
    }

    @Test("several sessions in one file are all read, in order")
    func severalSessions() throws {
        let text = try Golden.text("lttng-empty.lttng")
        let first = try #require(text.range(of: "<session>"))
        let last = try #require(text.range(of: "</session>"))
        let session = String(text[first.lowerBound..<last.upperBound])
        let two = text.replacingOccurrences(
            of: session, with: session + session.replacingOccurrences(of: "<name>empty</name>", with: "<name>e2</name>")
        )
        #expect(try configurations(in: two).map(\.name) == ["empty", "e2"])
    }

    @Test(
        "what Spoor does not do yet is refused by name, at its line",
        arguments: [
            (
                "lttng-snapshot-network.lttng", 17,
                "a network snapshot output (to a relay daemon at tcp4://127.0.0.1:5342/) is not supported yet by spoor"
            ),
            ("lttng-live.lttng", 7, "live mode (--live) is not supported yet by spoor"),
            ("lttng-no-output.lttng", 7, "a session without output (--no-output) is not supported yet by spoor"),
        ])
    func unsupportedParts(file: String, line: Int, message: String) throws {
        let sessions = try SessionXML.sessions(in: try Golden.bytes(file))
        #expect(sessions.count == 1)
        #expect(throws: SessionFileError(.unsupported, line: line, message)) {
            try sessions[0].configuration(accounts: .fixed)
        }
    }

    @Test("a snapshot session reads with its default snapshot output")
    func snapshotSession() throws {
        #expect(
            try configuration(in: try Golden.text("lttng-snapshot.lttng"))
                == SessionConfiguration(
                    name: "snapshot", outputPath: nil, isSnapshot: true,
                    snapshotOutputs: [
                        SnapshotOutput(id: 1, name: "snapshot-1", maxSize: 0, path: "/tmp/spoor-golden/snapshot")
                    ]))
    }

    @Test("a snapshot session whose output was replaced reads with that output, its size and its channels")
    func snapshotSessionWithOutput() throws {
        #expect(
            try configuration(in: try Golden.text("lttng-snapshot-outputs.lttng"))
                == SessionConfiguration(
                    name: "snapshotted", outputPath: nil, isActive: true,
                    channels: [
                        ChannelConfiguration(
                            attributes: ChannelAttributes(name: "small", lossMode: .overwrite, subbufferSize: 8192),
                            rules: [EventRule(pattern: "spoor_example:*")])
                    ],
                    isSnapshot: true,
                    snapshotOutputs: [
                        SnapshotOutput(id: 1, name: "keep", maxSize: 1_048_576, path: "/tmp/spoor-golden/snapshots")
                    ]))
    }

    @Test("a rule's filter and exclusions, application and perf counter contexts read back exactly")
    func filterAndNamedContexts() throws {
        let session = try configuration(in: try Golden.text("lttng-everything.lttng"))
        #expect(
            session.channels == [
                ChannelConfiguration(
                    attributes: ChannelAttributes(name: "channel0"),
                    rules: [
                        EventRule(
                            pattern: "my_app:*", logLevel: .atLeastAsSevereAs(.warning), exclusions: ["my_app:bad*"],
                            filter: #"x > 3 && s == "a<b&c""#)
                    ],
                    namedContexts: ["$app.prov:ctx", "perf:thread:cpu-cycles"])
            ])
    }

    @Test(
        "every file LTTng wrote passes the schema check",
        arguments: [
            "lttng-userspace.lttng", "lttng-everything.lttng", "lttng-perpid.lttng", "lttng-empty.lttng",
            "lttng-snapshot.lttng", "lttng-live.lttng", "lttng-no-output.lttng", "lttng-snapshot-outputs.lttng",
            "lttng-snapshot-network.lttng",
        ])
    func lttngFilesAreValid(file: String) throws {
        #expect(try SessionXML.sessions(in: try Golden.bytes(file)).count == 1)
    }
}
