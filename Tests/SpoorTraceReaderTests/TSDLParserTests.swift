import Testing

@testable import SpoorTraceReader

@Suite("TSDL metadata parsing")
struct TSDLParserTests {
    static let specappTSDL =
        LTTngTraceWriter.preamble(uuid: HandMadeTraces.uuidA, environment: LTTngTraceWriter.uidEnvironment())
        + HandMadeTraces.specappStream + HandMadeTraces.specappEvents

    static func parse(_ text: String) throws(MetadataError) -> TraceClass {
        try TraceClass.parse(tsdl: Array(text.utf8))
    }

    /// The reason of the metadata error `text` gives, or nil when it parses.
    static func failure(_ text: String) -> MetadataError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    static let minimalTrace = "/* CTF 1.8 */ trace { major = 1; minor = 8; byte_order = le; };\n"

    @Test("LTTng-UST metadata gives its trace, env, clock, stream and event classes")
    func lttngMetadata() throws {
        let trace = try Self.parse(Self.specappTSDL)
        #expect(trace.byteOrder == .littleEndian)
        #expect(trace.uuid == LTTngTraceWriter.uuidBytes(HandMadeTraces.uuidA))
        #expect(trace.environmentValue("hostname") == .string("spec-host"))
        #expect(trace.environmentValue("tracer_minor") == .integer(13))
        #expect(trace.clocks.map(\.name) == ["monotonic"])
        #expect(trace.clocks[0].baseOffsetNanoseconds == Int64(LTTngTraceWriter.clockOffset))
        let stream = try #require(trace.streamClasses[0])
        #expect(stream.eventClasses[0]?.name == "specapp:ev_all")
        #expect(stream.eventClasses[1]?.name == "specapp:ev_small")
        #expect(stream.eventClasses[1]?.logLevel == 13)
        #expect(stream.defaultClock == 0)
        guard case .structure(let context)? = stream.packetContext else {
            Issue.record("packet context is not a struct")
            return
        }
        // Only `cpu_id` is shown: the other packet context fields have a meaning to babeltrace2.
        #expect(context.members.filter(\.layout.isShown).map(\.name) == ["cpu_id"])
        #expect(
            context.members.map(\.name) == [
                "timestamp_begin", "timestamp_end", "content_size", "packet_size", "packet_seq_num", "events_discarded",
                "cpu_id",
            ])
    }

    @Test("field names lose one leading underscore; sequence lengths stay shown")
    func displayNames() throws {
        let trace = try Self.parse(Self.specappTSDL)
        guard case .structure(let payload)? = trace.streamClasses[0]?.eventClasses[0]?.payload else {
            Issue.record("no payload")
            return
        }
        #expect(
            payload.members.map(\.name).prefix(6) == [
                "my_int", "my_long_hex", "my_u8", "my_string", "my_array", "_my_seq_length",
            ])
        #expect(payload.members.allSatisfy { $0.layout.isShown })
    }

    @Test("enum entries: single values, ranges, automatic values, repeated labels merged")
    func enumerationMappings() throws {
        let trace = try Self.parse(
            Self.minimalTrace + """
                typealias integer { size = 8; align = 8; signed = true; } := int;
                stream { };
                event { name = "e"; fields := struct { enum { A, B = 5, C, D = -3 ... -1, A = 10 ... 12, "E" } e; }; };
                """)
        guard case .structure(let payload)? = trace.streamClasses[0]?.eventClasses[0]?.payload,
            case .enumeration(let integer, let mappings) = payload.members[0].layout
        else {
            Issue.record("no enum")
            return
        }
        #expect(integer.isSigned)
        #expect(mappings.map(\.label) == ["A", "B", "C", "D", "E"])
        #expect(mappings[0].ranges == [0...0, 10...12])
        #expect(mappings[2].ranges == [6...6])
        #expect(mappings[3].ranges == [-3 ... -1])
        #expect(mappings[4].ranges == [13...13])
    }

    @Test("`native` types declared before the trace block take the trace's byte order")
    func nativeByteOrder() throws {
        let trace = try Self.parse(
            """
            /* CTF 1.8 */
            typealias integer { size = 32; align = 8; signed = false; byte_order = native; } := u32;
            typealias integer { size = 16; align = 8; signed = false; byte_order = le; } := u16le;
            trace { major = 1; minor = 8; byte_order = be; };
            stream { event.header := struct { u32 id; }; };
            event { name = "e"; id = 0; fields := struct { u32 a; u16le b; }; };
            """)
        guard case .structure(let payload)? = trace.streamClasses[0]?.eventClasses[0]?.payload,
            case .integer(let a) = payload.members[0].layout, case .integer(let b) = payload.members[1].layout
        else {
            Issue.record("no payload")
            return
        }
        #expect(a.byteOrder == .bigEndian)
        #expect(b.byteOrder == .littleEndian)
    }

    @Test("multi-word aliases, typedef arrays, named structs with align, nested scopes")
    func declarations() throws {
        let trace = try Self.parse(
            Self.minimalTrace + """
                typealias integer { size = 64; align = 8; signed = false; } := unsigned long;
                typedef integer { size = 8; align = 8; signed = false; } byte_t, pair_t[2];
                struct outer { byte_t a; } align(32);
                stream {
                \ttypealias integer { size = 16; align = 16; signed = false; } := local16;
                \tevent.header := struct { local16 id; };
                };
                event { name = "e"; id = 0; fields := struct { unsigned long x; pair_t p; struct outer o; byte_t m[2][3]; }; };
                """)
        guard case .structure(let payload)? = trace.streamClasses[0]?.eventClasses[0]?.payload else {
            Issue.record("no payload")
            return
        }
        guard case .integer(let x) = payload.members[0].layout, case .array(let pair) = payload.members[1].layout,
            case .structure(let outer) = payload.members[2].layout, case .array(let matrix) = payload.members[3].layout,
            case .array(let row) = matrix.element
        else {
            Issue.record("unexpected layout")
            return
        }
        #expect(x.size == 64)
        #expect(pair.length == .fixed(2))
        #expect(outer.alignment == 32)
        #expect(matrix.length == .fixed(2))
        #expect(row.length == .fixed(3))
        #expect(payload.alignment == 32)
    }

    @Test("comments, escapes in strings, hex and octal literals")
    func lexicalDetails() throws {
        let trace = try Self.parse(
            """
            /* CTF 1.8 */ // a comment
            trace { major = 0x1; minor = 010; byte_order = le; };
            env { note = "a\\"b\\\\c\\n"; big = -9223372036854775808; };
            stream { };
            event { name = "e"; };
            """)
        #expect(trace.environmentValue("note") == .string("a\"b\\c\n"))
        #expect(trace.environmentValue("big") == .integer(.min))
    }

    @Test("unmapped event header timestamps use the only clock, or an implicit 1 GHz one")
    func automaticClockMapping() throws {
        let oneClock = try Self.parse(
            Self.minimalTrace + """
                clock { name = "c"; freq = 1000; };
                stream { event.header := struct { integer { size = 32; align = 8; signed = false; } timestamp; }; };
                event { name = "e"; };
                """)
        #expect(oneClock.streamClasses[0]?.defaultClock == 0)
        #expect(oneClock.clocks[0].frequency == 1000)
        let noClock = try Self.parse(
            Self.minimalTrace + """
                stream { event.header := struct { integer { size = 32; align = 8; signed = false; } timestamp; }; };
                event { name = "e"; };
                """)
        #expect(noClock.clocks.map(\.name) == ["default"])
        #expect(noClock.streamClasses[0]?.defaultClock == 0)
    }

    @Test("clock offsets fold whole seconds out of the cycles offset")
    func clockOffsets() {
        let clock = ClockClass(name: "c", frequency: 1_000_000, uuid: nil, offsetSeconds: 10, offsetCycles: 2_500_000)
        #expect(clock.baseOffsetNanoseconds == 12_500_000_000)
        #expect(clock.nanosecondsFromOrigin(3) == 12_500_003_000)
        let odd = ClockClass(name: "c", frequency: 3, uuid: nil, offsetSeconds: 0, offsetCycles: 0)
        #expect(odd.nanosecondsFromOrigin(1) == 333_333_333)
        let negative = ClockClass(name: "c", frequency: 1_000_000_000, uuid: nil, offsetSeconds: -5, offsetCycles: 0)
        #expect(negative.nanosecondsFromOrigin(1) == -4_999_999_999)
        let huge = ClockClass(
            name: "c", frequency: 1_000_000_000, uuid: nil, offsetSeconds: Int128(Int64.max), offsetCycles: 0)
        #expect(huge.nanosecondsFromOrigin(0) == nil)
    }

    @Test(
        "invalid metadata is a MetadataError, never a trap",
        arguments: [
            ("trace { major = 1; minor = 8; };", "no `byte_order`"),
            (minimalTrace + "stream { event.header := struct { nothing_t x; }; };", "unknown type `nothing_t`"),
            (minimalTrace + "/* never closed", "unterminated comment"),
            (minimalTrace + "event { name = \"e\"; fields := struct { integer { size = 65; } x; }; };", "1 to 64 bits"),
            (
                minimalTrace + "event { fields := struct { integer { size = 8; map = clock.nope.value; } x; }; };",
                "unknown clock"
            ),
            (
                minimalTrace
                    + "event { fields := struct { integer { size = 8; } t; variant <t> { integer { size = 8; } a; } v; }; };",
                "not an enumeration"
            ),
            (
                minimalTrace + "event { fields := struct { integer { size = 8; } s[ missing ]; }; };",
                "cannot resolve field `missing`"
            ),
            (
                minimalTrace + "event { fields := struct { floating_point { exp_dig = 5; mant_dig = 11; } h; }; };",
                "32-bit and 64-bit"
            ),
            ("/* CTF 1.8 */ trace { major = 2; minor = 0; byte_order = le; };", "unsupported CTF major version"),
            (minimalTrace + "stream { id = 1; }; stream { id = 1; };", "declared twice"),
            (minimalTrace + "event { name = \"unterminated; };", "unterminated string"),
            (minimalTrace + "env { x = 99999999999999999999; };", "64 bits"),
        ])
    func invalidMetadata(text: String, reason: String) {
        let error = Self.failure(text)
        #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
    }

    @Test("deeply nested types are refused instead of overflowing the stack")
    func deepNesting() {
        let depth = 500
        let text =
            Self.minimalTrace + "event { fields := "
            + String(repeating: "struct { ", count: depth) + "integer { size = 8; } x;"
            + String(repeating: " } s;", count: depth - 1) + " }; };"
        #expect(Self.failure(text)?.reason.contains("nested too deeply") == true)
    }
}
