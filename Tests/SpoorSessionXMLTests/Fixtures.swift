import Foundation
import SpoorModel
import SpoorTestSupport
import Testing

@testable import SpoorSessionXML

/// The schema LTTng installs (Debian's liblttng-ctl0): what `lttng load` validates against.
let installedSchema = "/usr/share/xml/lttng/session.xsd"

/// Files recorded once, next to these tests: `lttng-*.lttng` were saved by the real
/// `lttng save` (LTTng 2.13.9), `spoor-*.lttng` are what Spoor writes. Re-record on purpose.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static func text(_ name: String) throws -> String { String(decoding: try bytes(name), as: UTF8.self) }
}

/// The sessions a document defines, made into configurations.
func configurations(in text: String, accounts: AccountNames = .fixed) throws -> [SessionConfiguration] {
    try SessionXML.sessions(in: Array(text.utf8)).map { try $0.configuration(accounts: accounts) }
}

/// The one session a document defines.
func configuration(in text: String, accounts: AccountNames = .fixed) throws -> SessionConfiguration {
    let all = try configurations(in: text, accounts: accounts)
    #expect(all.count == 1)
    return try #require(all.first)
}

/// The error reading a document (and making its sessions into configurations) throws.
func readingError(_ text: String) -> SessionFileError? {
    readingError(Array(text.utf8))
}

func readingError(_ bytes: [UInt8]) -> SessionFileError? {
    do {
        for session in try SessionXML.sessions(in: bytes) { _ = try session.configuration(accounts: .fixed) }
        return nil
    } catch {
        return error
    }
}

/// A document with one session named `s` whose user-space domain holds `domainContent`.
func document(domain domainContent: String, buffers: String = "PER_UID") -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <sessions><session><name>s</name><domains><domain><type>UST</type><buffer_type>\(buffers)</buffer_type>
    \(domainContent)
    </domain></domains></session></sessions>
    """
}

/// A document with one channel `c` holding `channelContent` besides its required elements.
func document(channel channelContent: String) -> String {
    document(
        domain: """
            <channels><channel><name>c</name><read_timer_interval>0</read_timer_interval>\
            <output_type>MMAP</output_type>\(channelContent)</channel></channels>
            """)
}

/// A document with one event rule holding `eventContent`.
func document(event eventContent: String) -> String {
    document(channel: "<events><event>\(eventContent)</event></events>")
}

extension AccountNames {
    /// `root` is 0 and `alice` 1000, users and groups alike; nobody else exists.
    static let fixed = AccountNames(
        userID: { ["root": 0, "alice": 1000][$0] }, groupID: { ["root": 0, "alice": 1000][$0] })
}

/// What `xmllint --noout --schema` says of a document: whether it is valid, and its messages.
/// A missing xmllint fails the calling test, saying how to install it.
func validateWithXMLLint(_ text: String) throws -> (isValid: Bool, output: String) {
    let directory = TemporaryDirectory("xml")
    directory.write(text, to: "session.lttng")
    let result = try RequiredTool.xmllint.run(["--noout", "--schema", installedSchema, directory.file("session.lttng")])
    return (result.status == 0, result.standardOutput + result.standardError)
}

/// Sessions with every kind of content Spoor has, for the writer's tests.
enum Sessions {
    static func trackers(vpid: TrackerPolicy = .all, vuid: TrackerPolicy = .all, vgid: TrackerPolicy = .all)
        -> ProcessAttributeTrackers
    {
        var trackers = ProcessAttributeTrackers()
        trackers.virtualProcessIDs = vpid
        trackers.virtualUserIDs = vuid
        trackers.virtualGroupIDs = vgid
        return trackers
    }

    /// Every attribute away from its default, every rule condition, contexts of the schema.
    static let rich = SessionConfiguration(
        name: "rich", outputPath: "/tmp/traces/rich", isActive: true,
        channels: [
            ChannelConfiguration(
                attributes: ChannelAttributes(
                    name: "big", lossMode: .overwrite, subbufferSize: 16384, subbufferCount: 8,
                    switchTimerPeriod: 100_000, readTimerPeriod: 200_000, monitorTimerPeriod: 300_000,
                    blockingTimeout: 0, tracefileSize: 1_048_576, tracefileCount: 3),
                rules: [
                    EventRule(
                        pattern: "spoor_example:*", logLevel: .atLeastAsSevereAs(.warning),
                        exclusions: ["spoor_example:b*", "spoor_example:x"]),
                    EventRule(pattern: "exact:ev", logLevel: .exactly(.info), isEnabled: false),
                    EventRule(pattern: "f:*", filter: #"x > 3 && s == "a<b&c" || t != 'q'"#),
                ],
                contexts: [.vpid, .procname, .pthreadID, .vtid, .ip],
                namedContexts: [
                    "perf:thread:L1-dcache-load-misses", "$app.my-prov:my.ctx", "perf:thread:raw:r0110:foo",
                ]),
            ChannelConfiguration(
                attributes: ChannelAttributes(name: "forever", blockingTimeout: nil), isEnabled: false,
                rules: [EventRule(pattern: "*", isEnabled: false)]),
            ChannelConfiguration(attributes: ChannelAttributes(name: "quiet", blockingTimeout: 500)),
        ],
        trackers: trackers(vpid: .only([34, 12]), vuid: .only([1000]), vgid: .only([])))

    /// Sessions whose documents the schema accepts.
    static let valid: [SessionConfiguration] = [
        rich,
        SessionConfiguration(name: "bare", outputPath: "/t"),
        SessionConfiguration(name: "default-output", outputPath: nil),
        SessionConfiguration(
            name: "snapshot", outputPath: nil,
            channels: [ChannelConfiguration(attributes: ChannelAttributes(name: "c", lossMode: .overwrite))],
            isSnapshot: true,
            snapshotOutputs: [SnapshotOutput(id: 1, name: "keep", maxSize: 4096, path: "/t/snapshots")]),
        SessionConfiguration(name: "snapshot-no-output", outputPath: nil, isSnapshot: true),
        SessionConfiguration(
            name: "per-process", outputPath: "/t",
            channels: [
                ChannelConfiguration(
                    attributes: ChannelAttributes(name: "c", subbufferSize: 16384, buffering: .perPID),
                    rules: [EventRule(pattern: "p:*", logLevel: .exactly(.emergency))])
            ]),
        SessionConfiguration(name: "trackers-only", outputPath: "/t", trackers: trackers(vgid: .only([0, 5]))),
        SessionConfiguration(
            name: String(repeating: "é", count: 255), outputPath: "/t", trackers: trackers(vpid: .only([1 << 40]))),
        SessionConfiguration(
            name: #"<odd & "names">"#, outputPath: "/tmp/ünïcødé & <dir>",
            channels: [
                ChannelConfiguration(
                    attributes: ChannelAttributes(name: "tab\tnew\nline"),
                    rules: [EventRule(pattern: "a\\*b", exclusions: ["a\\*b:c*"], filter: "  s == \"\r\n\t\"  ")])
            ]),
    ]
}
