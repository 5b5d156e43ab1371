import SpoorModel
import SpoorTestSupport
import Testing

@testable import SpoorSessionXML

@Suite("Malformed and hostile session files")
struct HostileFileTests {
    @Test(
        "documents that are not session configurations are refused with the reason and line",
        arguments: [
            ("<sessions><session><name>s</name><foo/></session></sessions>", 1, "<foo> is not expected in <session>"),
            ("<other/>", 1, "the document element is <other>, not <sessions>"),
            ("<sessions/>", 1, "<sessions> must hold at least 1 <session>"),
            ("<sessions><session/></sessions>", 1, "<session> lacks <name>"),
            (
                "<sessions>\n<session>\n<name>a</name>\n<name>b</name></session></sessions>", 4,
                "<name> appears more than once in <session>"
            ),
            (
                "<sessions><session name=\"x\"><name>a</name></session></sessions>", 1,
                "attribute 'name' is not expected on <session>"
            ),
            (
                "<sessions xmlns=\"urn:x\"><session><name>a</name></session></sessions>", 1,
                "attribute 'xmlns' is not expected on <sessions>"
            ),
            (
                "<sessions><session>text<name>a</name></session></sessions>", 1,
                "<session> cannot hold text, only elements"
            ),
            (
                "<sessions><session><name><b/></name></session></sessions>", 1,
                "<b> is not expected in <name>, which holds a value"
            ),
            (
                "<sessions><session><name>s</name><started>yes</started></session></sessions>", 1,
                "<started> must be true, false, 1 or 0, not 'yes'"
            ),
            (
                "<sessions><session><name>\(String(repeating: "é", count: 256))</name></session></sessions>", 1,
                "<name> is longer than 255 characters"
            ),
            (
                document(channel: "<subbuffer_size>-5</subbuffer_size>"), 3,
                "<subbuffer_size> must be an integer from 0 to 18446744073709551615, not '-5'"
            ),
            (
                document(channel: "<subbuffer_size>18446744073709551616</subbuffer_size>"), 3,
                "<subbuffer_size> must be an integer from 0 to 18446744073709551615, not '18446744073709551616'"
            ),
            (
                document(channel: "<switch_timer_interval>4294967296</switch_timer_interval>"), 3,
                "<switch_timer_interval> must be an integer from 0 to 4294967295, not '4294967296'"
            ),
            (
                document(channel: "<blocking_timeout>-2</blocking_timeout>"), 3,
                "<blocking_timeout> must be an integer from -1 to 2147483648000, not '-2'"
            ),
            (
                document(channel: "<overwrite_mode>SOMETIMES</overwrite_mode>"), 3,
                "<overwrite_mode> must be one of DISCARD, OVERWRITE, not 'SOMETIMES'"
            ),
            (
                document(channel: "<contexts><context><type>BOGUS</type></context></contexts>"), 3,
                "<type> must be one of PID, PROCNAME, PRIO, NICE, VPID, TID, VTID, PPID, VPPID, PTHREAD_ID, HOSTNAME, IP, APP, INTERRUPTIBLE, PREEMPTIBLE, NEED_RESCHEDULE, MIGRATABLE, CALLSTACK_USER, CALLSTACK_KERNEL, CGROUP_NS, IPC_NS, MNT_NS, NET_NS, PID_NS, TIME_NS, USER_NS, UTS_NS, UID, EUID, SUID, GID, EGID, SGID, VUID, VEUID, VSUID, VGID, VEGID, VSGID, CPU_ID, not 'BOGUS'"
            ),
            (
                document(channel: "<contexts><context/></contexts>"), 3,
                "<context> must hold exactly one of <type>, <perf>, <app>"
            ),
            (
                document(event: "<loglevel>2147483648</loglevel>"), 3,
                "<loglevel> must be an integer from -2147483648 to 2147483647, not '2147483648'"
            ),
            (
                "<sessions><session><name>s</name><output/></session></sessions>", 1,
                "<output> must hold exactly one of <snapshot_outputs>, <consumer_output>"
            ),
            (
                "<sessions><session><name>s</name><domains><domain><type>UST</type></domain></domains></session></sessions>",
                1,
                "<domain> lacks <buffer_type>"
            ),
        ])
    func invalidDocuments(text: String, line: Int, message: String) {
        #expect(readingError(text) == SessionFileError(.invalid, line: line, message))
    }

    @Test(
        "what is not well-formed XML is refused",
        arguments: [
            "", "not xml", "<sessions><session><name>a</name>", "<sessions><bad", "<sessions></session>",
            "<sessions><session><name>&undefined;</name></session></sessions>",
            "<sessions><session><name>a</name></session></sessions><sessions/>",
        ])
    func notWellFormed(text: String) {
        #expect(readingError(text)?.kind == .malformed)
    }

    @Test("bytes that are not UTF-8 are refused before the parser sees them, with their line")
    func notUTF8() {
        // An invalid byte in an element name: Foundation's parser would trap on it.
        let bytes =
            Array("<sessions>\n<session>\n<name>a</name>\n<bad".utf8) + [0xFF] + Array("></session></sessions>".utf8)
        #expect(readingError(bytes) == SessionFileError(.malformed, line: 4, "the file is not valid UTF-8"))
        let inText =
            Array("<sessions><session><name>".utf8) + [0xC3, 0x28] + Array("</name></session></sessions>".utf8)
        #expect(readingError(inText)?.kind == .malformed)
    }

    @Test("deep nesting stops at the depth limit instead of exhausting the stack")
    func deepNesting() {
        let depth = 100_000
        let text =
            "<sessions><session><name>" + String(repeating: "<a>", count: depth)
            + String(repeating: "</a>", count: depth)
            + "</name></session></sessions>"
        #expect(readingError(text) == SessionFileError(.malformed, line: 1, "elements are nested more than 32 deep"))
    }

    @Test("document type declarations are refused: no expansion bomb, no external file")
    func entities() {
        var laughs = "<!ENTITY l0 \"lol\">"
        for level in 1...9 {
            laughs += "<!ENTITY l\(level) \"" + String(repeating: "&l\(level - 1);", count: 10) + "\">"
        }
        let bomb =
            "<?xml version=\"1.0\"?><!DOCTYPE sessions [\(laughs)]><sessions><session><name>&l9;</name></session></sessions>"
        let refusal = SessionFileError(.malformed, line: 1, "a document type declaration (<!DOCTYPE …>) is not allowed")
        #expect(readingError(bomb) == refusal)
        let external = """
            <?xml version="1.0"?><!DOCTYPE sessions [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <sessions><session><name>&x;</name></session></sessions>
            """
        #expect(readingError(external) == refusal)
        let later =
            "<?xml version=\"1.0\"?>\n<!-- a comment -->\n<!DOCTYPE sessions>\n<sessions><session><name>a</name></session></sessions>"
        #expect(readingError(later) == SessionFileError(.malformed, line: 3, refusal.message))
    }

    @Test("a file larger than 16 MiB is refused unread")
    func oversized() {
        let padding = String(repeating: " ", count: SessionXML.maximumFileSize)
        #expect(readingError("<sessions><session><name>a</name></session></sessions>" + padding)?.kind == .malformed)
    }

    @Test("mutated documents are refused or read, never trap", arguments: [1, 2, 3] as [UInt64])
    func mutations(seed: UInt64) throws {
        let seeds = [
            Array((try SessionXML.document(for: [Sessions.rich])).utf8), try Golden.bytes("lttng-userspace.lttng"),
        ]
        var generator = SplitMix64(seed: seed)
        var read = 0
        var refused = 0
        let fragments = ["<", ">", "</", "&", "&amp;", "<![CDATA[", "]]>", "<!--", "\"", "<a>", "</a>", "-1", "\u{0}"]
        for _ in 0..<700 {
            var bytes = seeds.randomElement(using: &generator)!
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &generator)
                case 1:
                    bytes.removeSubrange(index..<min(bytes.count, index + Int.random(in: 1...40, using: &generator)))
                case 2: bytes.insert(contentsOf: Array(fragments.randomElement(using: &generator)!.utf8), at: index)
                default: bytes.removeLast(Int.random(in: 0...(bytes.count - index), using: &generator))
                }
                if bytes.isEmpty { bytes = [0x3C] }
            }
            if readingError(bytes) == nil { read += 1 } else { refused += 1 }
        }
        #expect(read + refused == 700)
        #expect(refused > 0)
    }
}
