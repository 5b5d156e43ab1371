import SpoorModel
import Testing

@testable import SpoorSessionXML

@Suite("Reading session files")
struct SessionXMLReaderTests {
    @Test("a session with only a name is inactive and writes where create would")
    func minimalSession() throws {
        #expect(
            try configuration(in: "<sessions><session><name>m</name></session></sessions>")
                == SessionConfiguration(name: "m", outputPath: nil))
    }

    @Test("elements a channel leaves out take enable-channel's defaults")
    func channelDefaults() throws {
        #expect(
            try configuration(in: document(channel: "")).channels
                == [ChannelConfiguration(attributes: ChannelAttributes(name: "c"))])
        let perProcess = try configuration(
            in: document(
                domain: """
                    <channels><channel><name>c</name><read_timer_interval>0</read_timer_interval>\
                    <output_type>MMAP</output_type></channel></channels>
                    """, buffers: "PER_PID"))
        #expect(
            perProcess.channels[0].attributes == ChannelAttributes(name: "c", subbufferSize: 16384, buffering: .perPID))
    }

    @Test(
        "elements an event rule leaves out take the schema's defaults",
        arguments: [
            ("<name>a</name>", EventRule(pattern: "a")),
            ("", EventRule(pattern: "*")),
            ("<name>a</name><enabled>0</enabled>", EventRule(pattern: "a", isEnabled: false)),
            ("<name>a</name><type>ALL</type>", EventRule(pattern: "a")),
            ("<name>a</name><loglevel>3</loglevel>", EventRule(pattern: "a")),
            (
                "<name>a</name><loglevel_type>RANGE</loglevel_type>",
                EventRule(pattern: "a", logLevel: .atLeastAsSevereAs(.debug))
            ),
            (
                "<name>a</name><loglevel_type>RANGE</loglevel_type><loglevel>-1</loglevel>",
                EventRule(pattern: "a", logLevel: .atLeastAsSevereAs(.debug))
            ),
            (
                "<name>a</name><loglevel_type>SINGLE</loglevel_type><loglevel>0</loglevel>",
                EventRule(pattern: "a", logLevel: .exactly(.emergency))
            ),
            ("<name>a*</name><exclusions/>", EventRule(pattern: "a*")),
            ("<filter></filter>", EventRule(pattern: "*", filter: "")),
        ])
    func eventDefaults(content: String, expected: EventRule) throws {
        #expect(try configuration(in: document(event: content)).channels[0].rules == [expected])
    }

    @Test("whitespace around numbers, booleans and keywords does not count; strings keep theirs")
    func whitespace() throws {
        let session = try configuration(
            in: document(
                channel: """
                    <enabled> false </enabled><subbuffer_size>
                    8192
                    </subbuffer_size><overwrite_mode>\tOVERWRITE </overwrite_mode>\
                    <events><event><name> a </name><filter>  x == 1  </filter></event></events>
                    """))
        let channel = session.channels[0]
        #expect(!channel.isEnabled)
        #expect(channel.attributes.subbufferSize == 8192)
        #expect(channel.attributes.lossMode == .overwrite)
        #expect(channel.rules == [EventRule(pattern: " a ", filter: "  x == 1  ")])
    }

    @Test("entities, character references, CDATA and comments read as the text they stand for")
    func characterData() throws {
        let session = try configuration(
            in: document(event: "<name>a&amp;b&#x2A;</name><filter><![CDATA[s == \"<&>\"]]><!-- c --> &lt;</filter>"))
        #expect(session.channels[0].rules == [EventRule(pattern: "a&b*", filter: "s == \"<&>\" <")])
    }

    @Test("trackers read by id, by user or group name, and from LTTng 2.11's pid_tracker")
    func trackers() throws {
        let session = try configuration(
            in: document(
                domain: """
                    <process_attr_trackers>
                      <vuid_process_attr_tracker><process_attr_values>
                        <vuid><name>alice</name></vuid><vuid><id>7</id></vuid>
                      </process_attr_values></vuid_process_attr_tracker>
                      <vgid_process_attr_tracker><process_attr_values><vgid><name>root</name></vgid>\
                    </process_attr_values></vgid_process_attr_tracker>
                    </process_attr_trackers>
                    <trackers><pid_tracker><targets><pid_target><pid>42</pid></pid_target>\
                    <pid_target><pid>43</pid></pid_target></targets></pid_tracker></trackers>
                    """))
        #expect(
            session.trackers == Sessions.trackers(vpid: .only([42, 43]), vuid: .only([1000, 7]), vgid: .only([0])))
    }

    @Test("an empty kernel domain and empty agent domains are ignored, as LTTng ignores them")
    func emptyOtherDomains() throws {
        let text = """
            <sessions><session><name>s</name><domains>
            <domain><type>KERNEL</type><buffer_type>GLOBAL</buffer_type><channels/><process_attr_trackers/></domain>
            <domain><type>JUL</type><buffer_type>PER_UID</buffer_type><channels/></domain>
            <domain><type>PYTHON</type><buffer_type>PER_UID</buffer_type></domain>
            </domains></session></sessions>
            """
        #expect(try configuration(in: text) == SessionConfiguration(name: "s", outputPath: nil))
    }

    static let channel = """
        <channels><channel><name>k</name><read_timer_interval>0</read_timer_interval>\
        <output_type>SPLICE</output_type></channel></channels>
        """

    @Test(
        "what other domains hold is refused by name",
        arguments: [
            ("KERNEL", "GLOBAL", channel, "the kernel domain (channel k) is not supported yet by spoor"),
            ("JUL", "PER_UID", channel, "the java.util.logging (JUL) domain (channel k) is not supported yet by spoor"),
            ("LOG4J", "PER_UID", channel, "the log4j domain (channel k) is not supported yet by spoor"),
            ("PYTHON", "PER_UID", channel, "the Python domain (channel k) is not supported yet by spoor"),
            (
                "KERNEL", "GLOBAL",
                "<process_attr_trackers><pid_process_attr_tracker><process_attr_values/></pid_process_attr_tracker></process_attr_trackers>",
                "process attribute tracking in the kernel domain is not supported yet by spoor"
            ),
        ])
    func otherDomains(type: String, buffers: String, content: String, message: String) {
        let text = """
            <sessions><session><name>s</name><domains>
            <domain><type>\(type)</type><buffer_type>\(buffers)</buffer_type>\(content)</domain>
            </domains></session></sessions>
            """
        #expect(readingError(text) == SessionFileError(.unsupported, line: 2, message))
    }

    @Test(
        "user-space sessions that mean nothing are refused",
        arguments: [
            (
                document(event: "<type>SYSCALL</type>"),
                "the user-space domain has no SYSCALL event rules, only TRACEPOINT"
            ),
            (
                document(
                    event:
                        "<attributes><function_attributes><symbol_name>f</symbol_name></function_attributes></attributes>"
                ),
                "probe and function attributes are for the kernel domain"
            ),
            (
                document(event: "<loglevel_type>RANGE</loglevel_type><loglevel>15</loglevel>"),
                "<loglevel> 15 is not a user-space log level (0 to 14)"
            ),
            (
                document(event: "<loglevel_type>SINGLE</loglevel_type>"),
                "<loglevel> -1 is not a user-space log level (0 to 14)"
            ),
            (
                document(channel: "").replacingOccurrences(of: "PER_UID", with: "GLOBAL"),
                "GLOBAL buffers are for the kernel domain: user-space buffers are PER_UID or PER_PID"
            ),
            (
                "<sessions><session><name>s</name><domains><domain><type>UST</type><buffer_type>PER_UID</buffer_type></domain>"
                    + "<domain><type>UST</type><buffer_type>PER_UID</buffer_type></domain></domains></session></sessions>",
                "<session> has more than one user-space (UST) domain"
            ),
            (
                document(
                    domain:
                        "<process_attr_trackers><uid_process_attr_tracker><process_attr_values/></uid_process_attr_tracker></process_attr_trackers>"
                ),
                "the uid tracker is for the kernel domain: user-space tracks vpid, vuid and vgid"
            ),
            (
                document(
                    domain:
                        "<process_attr_trackers><vpid_process_attr_tracker><process_attr_values/></vpid_process_attr_tracker><vpid_process_attr_tracker><process_attr_values/></vpid_process_attr_tracker></process_attr_trackers>"
                ),
                "<vpid_process_attr_tracker> appears more than once"
            ),
            (
                document(
                    domain:
                        "<process_attr_trackers><vpid_process_attr_tracker><process_attr_values><vpid><id>-4</id></vpid></process_attr_values></vpid_process_attr_tracker></process_attr_trackers>"
                ),
                "-4 is not a valid process ID"
            ),
            (
                document(
                    domain:
                        "<process_attr_trackers><vuid_process_attr_tracker><process_attr_values><vuid><name>mallory</name></vuid></process_attr_values></vuid_process_attr_tracker></process_attr_trackers>"
                ),
                "there is no user mallory"
            ),
            (
                "<sessions><session><name>s</name><output><consumer_output><enabled>true</enabled><destination><path>rel/dir</path></destination></consumer_output></output></session></sessions>",
                "the output <path> must be absolute, not 'rel/dir'"
            ),
        ])
    func meaninglessSessions(text: String, message: String) {
        let error = readingError(text)
        #expect(error?.kind == .invalid)
        #expect(error?.message == message)
    }

    @Test(
        "session features Spoor does not have yet are refused by name",
        arguments: [
            ("<shared_memory_path>/dev/shm/x</shared_memory_path>", "a shared memory path (--shm-path)"),
            (
                "<output><consumer_output><enabled>true</enabled><destination><net_output><control_uri>tcp4://h:5342/</control_uri><data_uri>tcp4://h:5343/</data_uri></net_output></destination></consumer_output></output>",
                "network output (to a relay daemon at tcp4://h:5342/)"
            ),
            (
                "<output><consumer_output><enabled>false</enabled><destination><path>/t</path></destination></consumer_output></output>",
                "a session without output (--no-output)"
            ),
        ])
    func unsupportedSessionFeatures(content: String, what: String) {
        unsupportedSessionFeaturesCheck(content: content, what: what)
    }

    @Test("snapshot outputs on a session that is not in snapshot mode are refused")
    func snapshotOutputsWithoutSnapshotMode() {
        let output =
            "<output><snapshot_outputs><output><name>o</name><max_size>0</max_size><consumer_output><enabled>true</enabled><destination><path>/t</path></destination></consumer_output></output></snapshot_outputs></output>"
        let error = readingError("<sessions><session><name>s</name>\(output)</session></sessions>")
        #expect(error?.kind == .invalid)
        #expect(error?.message.contains("snapshot outputs belong to a snapshot mode session") == true)
        #expect(
            readingError(
                "<sessions><session><name>s</name><attributes><snapshot_mode>true</snapshot_mode></attributes>\(output)</session></sessions>"
            ) == nil)
    }

    private func unsupportedSessionFeaturesCheck(content: String, what: String) {
        let text = "<sessions><session><name>s</name>\(content)</session></sessions>"
        let error = readingError(text)
        #expect(error?.kind == .unsupported)
        #expect(error?.message == "\(what) is not supported yet by spoor")
    }

    @Test(
        "channel and context features Spoor does not have yet are refused by name",
        arguments: [
            ("<live_timer_interval>100</live_timer_interval>", "a channel live timer (live mode)"),
            ("<contexts><context><type>PRIO</type></context></contexts>", "context prio"),
            (
                "<contexts><context><perf><type>0</type><config>1</config><name>perf_thread_x</name></perf></context></contexts>",
                "perf counter context perf_thread_x (type 0, config 1)"
            ),
            (
                "<contexts><context><perf><type>0</type><config>7</config><name>perf_thread_cpu_cycles</name></perf></context></contexts>",
                "perf counter context perf_thread_cpu_cycles (type 0, config 7)"
            ),
            (
                "<contexts><context><perf><type>1</type><config>0</config><name>perf_cpu_cpu_clock</name></perf></context></contexts>",
                "perf counter context perf_cpu_cpu_clock (type 1, config 0)"
            ),
        ])
    func unsupportedChannelFeatures(content: String, what: String) {
        let error = readingError(document(channel: content))
        #expect(error?.kind == .unsupported)
        #expect(error?.message == "\(what) is not supported yet by spoor")
    }

    @Test("contexts of every kind read in their order, named ones after the others")
    func contexts() throws {
        let session = try configuration(
            in: document(
                channel: """
                    <contexts>
                    <context><app><provider_name>p-1</provider_name><ctx_name>c.2</ctx_name></app></context>
                    <context><type>VPID</type></context>
                    <context><perf><type>4</type><config>272</config><name>perf_thread_raw_r0110_my_name</name></perf></context>
                    <context><perf><type>3</type><config>65536</config><name>perf_thread_L1_dcache_load_misses</name></perf></context>
                    <context><perf><type>0</type><config>0</config><name>perf_thread_cycles</name></perf></context>
                    <context><type>IP</type></context>
                    </contexts>
                    """))
        #expect(session.channels[0].contexts == [.vpid, .ip])
        #expect(
            session.channels[0].namedContexts == [
                "$app.p-1:c.2", "perf:thread:raw:r0110:my_name", "perf:thread:L1-dcache-load-misses",
                "perf:thread:cycles",
            ])
        let badApp = readingError(
            document(
                channel:
                    "<contexts><context><app><provider_name>a:b</provider_name><ctx_name>c</ctx_name></app></context></contexts>"
            ))
        #expect(badApp?.kind == .invalid)
        #expect(badApp?.message == "$app.a:b:c is not an application context $app.PROVIDER:TYPE")
    }

    @Test("a SPLICE channel is refused: only the kernel domain has that output type")
    func spliceChannel() {
        let text = document(domain: Self.channel)
        #expect(
            readingError(text)?.message == "the SPLICE output type (kernel domain only) is not supported yet by spoor")
    }
}
