import SpoorModel
import SpoorWire
import Testing

@testable import SpoorCLI

@Suite("track and untrack")
struct TrackCommandTests {
    func harness() -> SpoorHarness {
        let harness = SpoorHarness()
        harness.setCurrentSession("s1")
        return harness
    }

    // MARK: Values

    @Test("track adds each value to the inclusion set, one request and one line per value")
    func trackValues() {
        let harness = harness()
        let run = harness.run("track", "-u", "--vpid", "123,456")
        #expect(run.status == .success)
        #expect(
            run.standardOutput
                == "Added 123 to the virtual process ID tracker inclusion set\n"
                + "Added 456 to the virtual process ID tracker inclusion set\n")
        #expect(run.standardError.isEmpty)
        #expect(
            harness.daemon.requests == [
                .track(session: "s1", attribute: .virtualProcessID, values: [123]),
                .track(session: "s1", attribute: .virtualProcessID, values: [456]),
            ])
    }

    @Test("untrack removes each value from the inclusion set")
    func untrackValues() {
        let harness = harness()
        let run = harness.run("untrack", "-u", "-s", "s2", "--vuid=0,1000")
        #expect(run.status == .success)
        #expect(
            run.standardOutput
                == "Removed 0 from the virtual user ID tracker inclusion set\n"
                + "Removed 1000 from the virtual user ID tracker inclusion set\n")
        #expect(
            harness.daemon.requests == [
                .untrack(session: "s2", attribute: .virtualUserID, values: [0]),
                .untrack(session: "s2", attribute: .virtualUserID, values: [1000]),
            ])
    }

    @Test("several attributes are handled vpid, then vuid, then vgid, whatever the order given")
    func severalAttributes() {
        let harness = harness()
        let run = harness.run("track", "-u", "--vgid", "100", "--vpid", "1", "--vuid", "2")
        #expect(run.status == .success)
        #expect(
            run.standardOutput
                == "Added 1 to the virtual process ID tracker inclusion set\n"
                + "Added 2 to the virtual user ID tracker inclusion set\n"
                + "Added 100 to the virtual group ID tracker inclusion set\n")
        #expect(
            harness.daemon.requests == [
                .track(session: "s1", attribute: .virtualProcessID, values: [1]),
                .track(session: "s1", attribute: .virtualUserID, values: [2]),
                .track(session: "s1", attribute: .virtualGroupID, values: [100]),
            ])
    }

    @Test("a repeated attribute option adds its values to the others")
    func repeatedAttributeOption() {
        let harness = harness()
        #expect(harness.run("untrack", "-u", "--vpid", "1", "--vpid=2,3").status == .success)
        #expect(
            harness.daemon.requests
                == [1, 2, 3].map {
                    .untrack(session: "s1", attribute: .virtualProcessID, values: [$0])
                })
    }

    @Test("the largest value is accepted")
    func largestValue() {
        let harness = harness()
        let run = harness.run("track", "-u", "--vpid=\(Int64.max)")
        #expect(run.standardOutput == "Added \(Int64.max) to the virtual process ID tracker inclusion set\n")
        #expect(harness.daemon.requests == [.track(session: "s1", attribute: .virtualProcessID, values: [Int64.max])])
    }

    // MARK: --all

    @Test(
        "--all with a bare attribute sets the policy: include all for track, exclude all for untrack",
        arguments: [
            (
                ["track", "-u", "--all", "--vpid"],
                ControlRequest.track(session: "s1", attribute: .virtualProcessID, values: nil),
                "Virtual process ID tracking policy set to `include all`"
            ),
            (
                ["track", "-u", "--vuid", "-a"],
                .track(session: "s1", attribute: .virtualUserID, values: nil),
                "Virtual user ID tracking policy set to `include all`"
            ),
            (
                ["untrack", "-u", "--vgid", "--all"],
                .untrack(session: "s1", attribute: .virtualGroupID, values: nil),
                "Virtual group ID tracking policy set to `exclude all`"
            ),
            (
                ["untrack", "-u", "-a", "-s", "s1", "--vpid"],
                .untrack(session: "s1", attribute: .virtualProcessID, values: nil),
                "Virtual process ID tracking policy set to `exclude all`"
            ),
        ] as [([String], ControlRequest, String)])
    func allValues(arguments: [String], request: ControlRequest, message: String) {
        let harness = harness()
        let run = harness.run(arguments)
        #expect(run.status == .success)
        #expect(run.standardOutput == message + "\n")
        #expect(run.standardError.isEmpty)
        #expect(harness.daemon.requests == [request])
    }

    @Test("--all applies to every attribute named")
    func allForEveryAttribute() {
        let harness = harness()
        let run = harness.run("untrack", "-u", "-a", "--vpid", "--vuid", "--vgid")
        #expect(run.status == .success)
        #expect(
            run.standardOutput
                == "Virtual process ID tracking policy set to `exclude all`\n"
                + "Virtual user ID tracking policy set to `exclude all`\n"
                + "Virtual group ID tracking policy set to `exclude all`\n")
        #expect(
            harness.daemon.requests
                == ProcessAttribute.allCases.map { .untrack(session: "s1", attribute: $0, values: nil) })
    }

    // MARK: Refusals

    @Test(
        "track and untrack check their arguments before asking the daemon",
        arguments: [
            (["track", "-u", "--all", "--vpid", "5"], "Cannot use --all with explicit values"),
            (["untrack", "-u", "--vuid=1,2", "-a"], "Cannot use --all with explicit values"),
            (["track", "-u", "--vpid"], "Missing values for virtual process ID tracking"),
            (["untrack", "-u", "--vgid", "-s", "s1"], "Missing values for virtual group ID tracking"),
            (["track", "-u", "--vuid=,"], "Missing values for virtual user ID tracking"),
            (["track", "-u", "--vpid", "abc"], "Invalid virtual process ID `abc`: a non-negative integer is expected"),
            (["track", "-u", "--vpid=-5"], "Invalid virtual process ID `-5`: a non-negative integer is expected"),
            (["untrack", "-u", "--vuid", "1.5"], "Invalid virtual user ID `1.5`: a non-negative integer is expected"),
            (
                ["track", "-u", "--vgid", "9223372036854775808"],
                "Invalid virtual group ID `9223372036854775808`: a non-negative integer is expected"
            ),
            (["track", "-u", "--vpid", " 1"], "Invalid virtual process ID ` 1`: a non-negative integer is expected"),
            (["track", "-u"], "At least one process attribute must be specified (--vpid, --vuid or --vgid)"),
            (
                ["untrack", "-u", "--all"],
                "At least one process attribute must be specified (--vpid, --vuid or --vgid)"
            ),
            (["track", "--vpid", "1"], "Please specify a domain (--kernel/--userspace)."),
            (["untrack", "-u", "-k", "--vpid", "1"], "Only one domain must be specified."),
            (["track", "-k", "--vpid", "1"], "--kernel: not supported yet by spoor"),
        ] as [([String], String)])
    func argumentErrors(arguments: [String], message: String) {
        let harness = harness()
        let run = harness.run(arguments)
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: \(message)\n")
        #expect(run.standardOutput.isEmpty)
        #expect(harness.daemon.requests.isEmpty)
    }

    @Test("without a current session, track names the missing configuration")
    func noCurrentSession() {
        let harness = SpoorHarness()
        let run = harness.run("track", "-u", "--vpid", "1")
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: Can't find valid spoor config \(harness.configFile)\n")
        #expect(harness.daemon.requests.isEmpty)
    }

    @Test("a value the daemon refuses is reported, and the other values still go")
    func daemonRefusal() {
        let harness = harness()
        harness.daemon.answer = { request throws(SpoorError) in
            if request == .track(session: "s1", attribute: .virtualProcessID, values: [2]) {
                throw SpoorError(.invalidArgument)
            }
            return .ok
        }
        let run = harness.run("track", "-u", "--vpid", "1,2,3")
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: Invalid parameter\n")
        #expect(
            run.standardOutput
                == "Added 1 to the virtual process ID tracker inclusion set\n"
                + "Added 3 to the virtual process ID tracker inclusion set\n")
        #expect(harness.daemon.requests.count == 3)
    }

    @Test("an unknown session is the daemon's error")
    func unknownSession() {
        let harness = harness()
        harness.daemon.answer = { _ throws(SpoorError) in throw SpoorError(.sessionNotFound) }
        let run = harness.run("untrack", "-u", "-s", "nope", "--all", "--vpid")
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: Session name not found\n")
        #expect(run.standardOutput.isEmpty)
        #expect(harness.daemon.requests == [.untrack(session: "nope", attribute: .virtualProcessID, values: nil)])
    }

    // MARK: What list shows afterwards

    @Test("list shows the trackers the daemon reports")
    func listShowsTrackers() {
        let harness = harness()
        var trackers = ProcessAttributeTrackers()
        trackers.virtualProcessIDs = .only([42, 7])
        trackers.virtualUserIDs = .only([])
        let detail = SessionDetail(
            summary: Fixtures.summary("s1", "/tmp/lthome/lttng-traces/s1-20261123-161446"),
            channels: [Fixtures.channel("ch1", rules: [EventRule(pattern: "bar:baz")])], trackers: trackers)
        harness.daemon.answer = { _ in .sessionDetail(detail) }
        let run = harness.run("list", "s1")
        #expect(run.status == .success)
        #expect(
            run.standardOutput
                == LTTngTranscripts.detailOneChannel
                .replacing("  Virtual process IDs:  all\n", with: "  Virtual process IDs:  7, 42\n")
                .replacing("  Virtual user IDs:     all\n", with: "  Virtual user IDs:     none\n"))
    }
}
