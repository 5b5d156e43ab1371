import SpoorModel
import Testing

@testable import SpoorCLI

@Suite("Formatters print what lttng prints")
struct FormatterTests {
    // MARK: Session list

    @Test("the session list of one session matches lttng's")
    func sessionListOfOneSession() {
        let sessions = [Fixtures.summary("s1", "/tmp/lthome/lttng-traces/s1-20261123-161446")]
        #expect(SessionListFormatter.render(sessions) == LTTngTranscripts.sessionListOneSession)
    }

    @Test("the session list of two sessions numbers them in the daemon's order")
    func sessionListOfTwoSessions() {
        let sessions = [
            Fixtures.summary("auto-20261123-161447", "/tmp/lthome/lttng-traces/auto-20261123-161447"),
            Fixtures.summary("s1", "/tmp/lthome/lttng-traces/s1-20261123-161446"),
        ]
        #expect(SessionListFormatter.render(sessions) == LTTngTranscripts.sessionListTwoSessions)
    }

    @Test("an empty session list says there is none")
    func emptySessionList() {
        #expect(SessionListFormatter.render([]) == "Currently no available recording session\n")
    }

    @Test("a session without output path has no trace output line")
    func sessionListWithoutOutputPath() {
        let text = SessionListFormatter.render([Fixtures.summary("s3", "", isActive: true)])
        let expected = """
            Available recording sessions:
              1) s3 [active]


            Use spoor list <session_name> for more details

            """
        #expect(text == expected)
    }

    // MARK: Session detail

    @Test("the detail of a session with one channel matches lttng list and lttng status")
    func detailOfOneChannel() {
        let detail = SessionDetail(
            summary: Fixtures.summary("s1", "/tmp/lthome/lttng-traces/s1-20261123-161446"),
            channels: [Fixtures.channel("ch1", rules: [EventRule(pattern: "bar:baz")])])
        #expect(SessionDetailFormatter.render(detail) == LTTngTranscripts.detailOneChannel)
        #expect(SessionDetailFormatter.render(detail) == LTTngTranscripts.statusOneChannel)
    }

    @Test("the detail of an active session says so, then inactive once stopped")
    func detailOfActiveSession() {
        let channel = Fixtures.channel(
            "channel0", rules: [EventRule(pattern: "specapp:ev_small"), EventRule(pattern: "specapp:*")])
        var detail = SessionDetail(
            summary: Fixtures.summary("s2", "/tmp/lthome2/out", isActive: true), channels: [channel])
        #expect(SessionDetailFormatter.render(detail) == LTTngTranscripts.detailActiveDefaultChannel)
        detail.summary.isActive = false
        #expect(SessionDetailFormatter.render(detail) == LTTngTranscripts.detailInactiveDefaultChannel)
    }

    /// The five channels of `lttng list s1` in the second recorded run, in lttng's order.
    static let fiveChannelSession = SessionDetail(
        summary: Fixtures.summary("s1", "/tmp/cliref-home/out"),
        channels: [
            Fixtures.channel("ch2") { $0.subbufferSize = 8192 },
            Fixtures.channel("ch3") { $0.subbufferSize = 16_777_216 },
            Fixtures.channel("nochan3", rules: [EventRule(pattern: "*")]),
            Fixtures.channel("nochan2", rules: [EventRule(pattern: "a:a")]),
            Fixtures.channel(
                "channel0",
                rules: [
                    EventRule(pattern: "d:d"), EventRule(pattern: "b:b"), EventRule(pattern: "a:a", isEnabled: false),
                    EventRule(pattern: "z*"), EventRule(pattern: "c:c", isEnabled: false),
                ]),
        ])

    @Test("channels without rules say None, and disabled rules say disabled")
    func detailOfFiveChannels() {
        #expect(SessionDetailFormatter.render(Self.fiveChannelSession) == LTTngTranscripts.detailFiveChannels)
    }

    @Test("--channel keeps only that channel")
    func detailOfOneChannelOnly() {
        let text = SessionDetailFormatter.render(
            Self.fiveChannelSession, channelName: "channel0", isDomainHeaderShown: true)
        #expect(text == LTTngTranscripts.detailChannelFilter)
    }

    @Test("--userspace leaves out the domain and buffering lines")
    func detailWithoutDomainHeader() {
        var detail = Self.fiveChannelSession
        detail.channels = Array(detail.channels[2...])
        let text = SessionDetailFormatter.render(detail, channelName: nil, isDomainHeaderShown: false)
        #expect(text == LTTngTranscripts.detailUserspaceOnly)
    }

    @Test("discarded events appear in the statistics")
    func detailWithDiscardedEvents() {
        let channel = Fixtures.channel("small", rules: [EventRule(pattern: "specapp:*")], discarded: 350_163) {
            $0.subbufferSize = 4096
            $0.subbufferCount = 2
        }
        let detail = SessionDetail(summary: Fixtures.summary("s1", "/tmp/cliref-home/out"), channels: [channel])
        #expect(SessionDetailFormatter.render(detail) == LTTngTranscripts.detailDiscardedEvents)
    }

    @Test("a session without channel shows its header only")
    func detailWithoutChannel() {
        let detail = SessionDetail(summary: Fixtures.summary("s1", "/tmp/cliref-home/s1"), channels: [])
        #expect(SessionDetailFormatter.render(detail) == LTTngTranscripts.detailNoChannel)
    }

    @Test("--domain lists the user space domain, or None")
    func domains() {
        var detail = SessionDetail(summary: Fixtures.summary("s1", "/tmp/cliref-home/s1"), channels: [])
        let header = SessionDetailFormatter.header(detail.summary)
        #expect(header + SessionDetailFormatter.domains(detail) == LTTngTranscripts.domainsNone)
        detail.channels = [Fixtures.channel("channel0")]
        #expect(header + SessionDetailFormatter.domains(detail) == LTTngTranscripts.domainsUserspace)
    }

    @Test("every channel attribute line follows its value")
    func attributeLinesFollowValues() {
        let channel = Fixtures.channel("c", isEnabled: false) {
            $0.switchTimerPeriod = 100
            $0.readTimerPeriod = 200
            $0.monitorTimerPeriod = 0
            $0.blockingTimeout = nil
            $0.tracefileSize = 1_048_576
            $0.tracefileCount = 3
            $0.buffering = .perPID
        }
        let text = SessionDetailFormatter.render(channel)
        #expect(text.hasPrefix("- c: [disabled]\n"))
        #expect(text.contains("      Switch timer:     100 us\n"))
        #expect(text.contains("      Read timer:       200 us\n"))
        #expect(text.contains("      Monitor timer:    inactive\n"))
        #expect(text.contains("      Blocking timeout: infinite\n"))
        #expect(text.contains("      Trace file count: 3 per stream\n"))
        #expect(text.contains("      Trace file size:  1048576 bytes\n"))
        #expect(SessionDetailFormatter.bufferingSchemeName(channel.attributes.buffering) == "per-process")
    }

    @Test("an overwrite channel shows lost packets and no blocking timeout")
    func overwriteChannel() {
        var channel = Fixtures.channel("c") { $0.lossMode = .overwrite }
        channel.lostPacketCount = 7
        let text = SessionDetailFormatter.render(channel)
        #expect(text.contains("      Event-loss mode:  overwrite\n"))
        #expect(!text.contains("Blocking timeout"))
        #expect(text.contains("    Statistics:\n      Lost packets:     7\n"))
    }

    // MARK: Rule conditions and trackers

    @Test(
        "a rule line shows the log-level condition, the state, the exclusions and the filter as lttng does",
        arguments: [
            (EventRule(pattern: "f:f"), "f:f (type: tracepoint) [enabled]"),
            (
                EventRule(pattern: "a:*", logLevel: .atLeastAsSevereAs(.info)),
                "a:* (loglevel <= TRACE_INFO (6)) (type: tracepoint) [enabled]"
            ),
            (
                EventRule(pattern: "b:*", logLevel: .exactly(.info)),
                "b:* (loglevel == TRACE_INFO (6)) (type: tracepoint) [enabled]"
            ),
            (
                EventRule(pattern: "b:b", logLevel: .exactly(.debugLine), isEnabled: false),
                "b:b (loglevel == TRACE_DEBUG_LINE (13)) (type: tracepoint) [disabled]"
            ),
            (
                EventRule(pattern: "c:*", exclusions: ["c:x", "c:y*"]),
                "c:* (type: tracepoint) [enabled] [exclusions: c:x,c:y*]"
            ),
            (EventRule(pattern: "d:*", filter: "v > 1"), "d:* (type: tracepoint) [enabled] [filter: 'v > 1']"),
            (EventRule(pattern: "d:*", filter: ""), "d:* (type: tracepoint) [enabled] [filter: '']"),
            (
                EventRule(
                    pattern: "*", logLevel: .atLeastAsSevereAs(.emergency), exclusions: ["e:x"], filter: "f == 2",
                    isEnabled: false),
                "* (loglevel <= TRACE_EMERG (0)) (type: tracepoint) [disabled] [exclusions: e:x] [filter: 'f == 2']"
            ),
        ] as [(EventRule, String)])
    func ruleLines(rule: EventRule, line: String) {
        #expect(SessionDetailFormatter.ruleLine(rule) == line)
    }

    @Test("untouched trackers show all, an empty inclusion set none, and values in increasing order")
    func trackerLines() {
        #expect(
            SessionDetailFormatter.trackers(ProcessAttributeTrackers()) == """
                Tracked process attributes
                  Virtual process IDs:  all
                  Virtual user IDs:     all
                  Virtual group IDs:    all


                """)
        var trackers = ProcessAttributeTrackers()
        // Enough values that the set's own order is almost never the increasing one.
        trackers.virtualProcessIDs = .only([300, 5, 42, 1000, 17, 2, 99_999, 64, 8, 123])
        trackers.virtualUserIDs = .only([])
        trackers.virtualGroupIDs = .only([0])
        #expect(
            SessionDetailFormatter.trackers(trackers) == """
                Tracked process attributes
                  Virtual process IDs:  2, 5, 8, 17, 42, 64, 123, 300, 1000, 99999
                  Virtual user IDs:     none
                  Virtual group IDs:    0


                """)
    }

    @Test("the detail view shows the trackers and every rule's conditions, the rest as lttng prints it")
    func detailWithConditionsAndTrackers() {
        var trackers = ProcessAttributeTrackers()
        trackers.virtualProcessIDs = .only([1000, 7])
        trackers.virtualGroupIDs = .only([])
        let rules = [
            EventRule(pattern: "a:*", logLevel: .atLeastAsSevereAs(.info)),
            EventRule(pattern: "b:*", logLevel: .exactly(.info)),
            EventRule(pattern: "c:*", exclusions: ["c:x", "c:y*"], isEnabled: false),
            EventRule(pattern: "bar:baz", filter: "x == 1"),
        ]
        let detail = SessionDetail(
            summary: Fixtures.summary("s1", "/tmp/lthome/lttng-traces/s1-20261123-161446"),
            channels: [Fixtures.channel("ch1", rules: rules)], trackers: trackers)
        let expected = LTTngTranscripts.detailOneChannel
            .replacing("  Virtual process IDs:  all\n", with: "  Virtual process IDs:  7, 1000\n")
            .replacing("  Virtual group IDs:    all\n", with: "  Virtual group IDs:    none\n")
            .replacing(
                "      bar:baz (type: tracepoint) [enabled]\n",
                with: """
                          a:* (loglevel <= TRACE_INFO (6)) (type: tracepoint) [enabled]
                          b:* (loglevel == TRACE_INFO (6)) (type: tracepoint) [enabled]
                          c:* (type: tracepoint) [disabled] [exclusions: c:x,c:y*]
                          bar:baz (type: tracepoint) [enabled] [filter: 'x == 1']

                    """)
        #expect(expected != LTTngTranscripts.detailOneChannel)
        #expect(SessionDetailFormatter.render(detail) == expected)
    }

    // MARK: Tracepoints

    @Test("no application means None")
    func emptyTracepointList() {
        #expect(TracepointListFormatter.render([]) == LTTngTranscripts.emptyTracepointList)
    }

    /// The tracepoints the spec app registered, as lttng listed them.
    static var specAppEvents: [(String, String, LogLevel)] {
        var events: [(String, String, LogLevel)] = [
            ("specapp", "ev_small", .debugLine), ("specapp", "ev_all", .debugLine),
            ("lttng_ust_lib", "unload", .debugLine), ("lttng_ust_lib", "debug_link", .debugLine),
            ("lttng_ust_lib", "build_id", .debugLine), ("lttng_ust_lib", "load", .debugLine),
            ("lttng_ust_tracef", "event", .debug),
        ]
        let tracelogLevels: [(String, LogLevel)] = [
            ("DEBUG", .debug), ("DEBUG_LINE", .debugLine), ("DEBUG_FUNCTION", .debugFunction),
            ("DEBUG_UNIT", .debugUnit), ("DEBUG_MODULE", .debugModule), ("DEBUG_PROCESS", .debugProcess),
            ("DEBUG_PROGRAM", .debugProgram), ("DEBUG_SYSTEM", .debugSystem), ("INFO", .info), ("NOTICE", .notice),
            ("WARNING", .warning), ("ERR", .error), ("CRIT", .critical), ("ALERT", .alert), ("EMERG", .emergency),
        ]
        for (suffix, level) in tracelogLevels {
            events.append(("lttng_ust_tracelog", "LTTNG_UST_TRACEPOINT_LOGLEVEL_" + suffix, level))
        }
        for name in ["end", "procname", "debug_link", "build_id", "bin_info", "start"] {
            events.append(("lttng_ust_statedump", name, .debugLine))
        }
        return events
    }

    @Test("each tracepoint shows its log level name and number")
    func tracepointList() {
        let events = Self.specAppEvents.map { EventDescriptor(provider: $0.0, event: $0.1, logLevel: $0.2, fields: []) }
        let app = AppTracepoints(pid: 6592, processName: "/tmp/cliref/specapp", events: events)
        #expect(TracepointListFormatter.render([app]) == LTTngTranscripts.tracepointList)
    }

    @Test("--fields lists each field with its type, a sequence after its length")
    func tracepointFields() {
        let int32 = IntegerType(bitWidth: 32, isSigned: true)
        let text8 = IntegerType(bitWidth: 8, isSigned: true, isText: true)
        let small = EventDescriptor(
            provider: "specapp", event: "ev_small", fields: [FieldDescriptor(name: "v", type: .integer(int32))])
        let all = EventDescriptor(
            provider: "specapp", event: "ev_all",
            fields: [
                FieldDescriptor(name: "my_int", type: .integer(int32)),
                FieldDescriptor(
                    name: "my_long_hex", type: .integer(IntegerType(bitWidth: 64, isSigned: true, base: .hexadecimal))),
                FieldDescriptor(name: "my_u8", type: .integer(IntegerType(bitWidth: 8, isSigned: false))),
                FieldDescriptor(name: "my_string", type: .string),
                FieldDescriptor(name: "my_array", type: .array(int32, count: 3)),
                FieldDescriptor(name: "my_seq", type: .sequence(int32)),
                FieldDescriptor(name: "my_text", type: .array(text8, count: 4)),
                FieldDescriptor(name: "my_seqtext", type: .sequence(text8)),
                FieldDescriptor(name: "my_double", type: .double),
                FieldDescriptor(name: "my_float", type: .float),
                FieldDescriptor(
                    name: "my_enum", type: .enumeration(int32, [EnumerationMapping(label: "RED", value: 0)])),
            ])
        let app = AppTracepoints(pid: 8341, processName: "/tmp/cliref/specapp", events: [small, all])
        let lines = TracepointListFormatter.render([app], showsFields: true).split(
            separator: "\n", omittingEmptySubsequences: false)
        let golden = LTTngTranscripts.tracepointFields.split(separator: "\n", omittingEmptySubsequences: false)
        // The header, the process and ev_small with its field are as lttng prints them.
        #expect(Array(lines[0..<7]) == Array(golden[0..<7]))
        // LTTng lists ev_all's fields last to first; Spoor lists them in declaration order.
        #expect(Array(lines[7..<20]) == Array(golden[7..<20].reversed()))
        #expect(lines[20...] == ["", ""])
    }

    // MARK: Statistics warning

    @Test("discarded events and lost packets make lttng's warning")
    func statisticsWarning() {
        let discarding = Fixtures.channel("small", discarded: 350_163)
        let golden = LTTngTranscripts.stopWithDiscardedEvents.split(separator: "\n")[1]
        #expect(SessionStatisticsWarning.text(for: [discarding]) == String(golden))
        var losing = Fixtures.channel("ring") { $0.lossMode = .overwrite }
        losing.lostPacketCount = 3
        #expect(
            SessionStatisticsWarning.text(for: [losing])
                == "Warning: 3 packets were lost, please refer to the documentation on channel configuration.")
        #expect(
            SessionStatisticsWarning.text(for: [discarding, losing])
                == "Warning: 350163 events were discarded and 3 packets were lost, "
                + "please refer to the documentation on channel configuration.")
        #expect(SessionStatisticsWarning.text(for: [Fixtures.channel("quiet")]) == nil)
    }
}
