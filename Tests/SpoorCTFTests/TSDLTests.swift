import SpoorCTF
import SpoorModel
import Testing

@Suite("TSDL text")
struct TSDLTests {
    /// Our text for the recorded per-UID trace: preamble, channel 0 with vpid/procname, ev_all, ev_small.
    static func uidMetadata() -> String {
        TSDL.preamble(LTTngReference.uidTrace)
            + TSDL.streamClass(id: 0, eventContext: LTTngReference.vpidProcnameContext)
            + TSDL.eventClass(
                name: "specapp:ev_all", id: 0, streamID: 0, logLevel: .debugLine, fields: LTTngReference.evAllFields)
            + TSDL.eventClass(
                name: "specapp:ev_small", id: 1, streamID: 0, logLevel: .debugLine,
                fields: LTTngReference.evSmallFields)
    }

    @Test("the whole metadata of the specapp trace is LTTng's text plus the spoor_version line")
    func wholeMetadataMatchesLTTng() {
        var ours = Self.uidMetadata().split(separator: "\n", omittingEmptySubsequences: false)
        let spoorLine = "\tspoor_version = \"0.1.0\";"
        let spoorIndex = ours.firstIndex(of: Substring(spoorLine))
        #expect(spoorIndex != nil)
        if let spoorIndex {
            // The extra key is the last one of the env block.
            #expect(ours[spoorIndex - 1] == "\thostname = \"vm\";")
            #expect(ours[spoorIndex + 1] == "};")
            ours.remove(at: spoorIndex)
        }
        // Our model has no "auto" enumeration entry: BLUE carries the value LTTng-UST gives it.
        let reference = LTTngReference.uidMetadata.replacing(
            "\t\t\t\"BLUE\",\n", with: "\t\t\t\"BLUE\" = 6,\n")
        #expect(ours.joined(separator: "\n") == reference)
    }

    @Test("the whole metadata differs from LTTng's in exactly two lines")
    func wholeMetadataDiffersInTwoLines() {
        let ours = Self.uidMetadata().split(separator: "\n", omittingEmptySubsequences: false)
        let theirs = LTTngReference.uidMetadata.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(ours.count == theirs.count + 1)
        let extra = Set(ours).subtracting(theirs)
        #expect(extra == ["\tspoor_version = \"0.1.0\";", "\t\t\t\"BLUE\" = 6,"])
    }

    @Test("the preamble starts with the CTF signature and ends with the large event header")
    func preambleShape() {
        let text = TSDL.preamble(LTTngReference.uidTrace)
        #expect(
            text.hasPrefix("/* CTF 1.8 */\n\ntypealias integer { size = 8; align = 8; signed = false; } := uint8_t;\n"))
        #expect(text.hasSuffix("\t} v;\n} align(8);\n\n"))
        #expect(!text.contains("stream {"))
    }

    @Test("a 32-bit ABI gets a 32-bit unsigned long and architecture_bit_width")
    func thirtyTwoBitABI() {
        var trace = LTTngReference.uidTrace
        trace.environment.bitWidth = 32
        let text = TSDL.preamble(trace)
        #expect(text.contains("typealias integer { size = 32; align = 8; signed = false; } := unsigned long;\n"))
        #expect(text.contains("\tarchitecture_bit_width = 32;\n"))
    }

    @Test("the clock block without a boot id has no uuid line, and a negative offset is written signed")
    func clockWithoutUUID() {
        var trace = LTTngReference.uidTrace
        trace.clock = ClockDescription(uuid: nil, offset: -42)
        let text = TSDL.preamble(trace)
        let expected = """
            clock {
            \tname = "monotonic";
            \tdescription = "Monotonic Clock";
            \tfreq = 1000000000; /* Frequency, in Hz */
            \t/* clock value offset from Epoch is: offset * (1/freq) */
            \toffset = -42;
            };


            """
        #expect(text.contains(expected))
    }

    @Test("a per-PID env block lists the app keys after hostname, as LTTng does")
    func perPIDEnvironment() {
        let trace = TraceDescription(
            uuid: TraceUUID.random(),
            environment: TraceEnvironment(
                bufferingScheme: .perPID,
                bufferingID: 5877,
                traceName: "pid",
                creationDatetime: "20261123T161941+0000",
                hostname: "vm",
                processID: 5877,
                processName: "specapp",
                processDatetime: "20261123T161941+0000",
                spoorVersion: "0.1.0"
            ),
            clock: ClockDescription(uuid: nil, offset: 0)
        )
        let expected = LTTngReference.pidEnvironmentBlock.replacing(
            "};\n\n", with: "\tspoor_version = \"0.1.0\";\n};\n\n")
        #expect(TSDL.preamble(trace).contains(expected))
    }

    @Test("a per-UID env block has no per-PID keys")
    func perUIDEnvironmentHasNoAppKeys() {
        let text = TSDL.preamble(LTTngReference.uidTrace)
        for key in ["tracer_patchlevel", "vpid", "procname", "vpid_datetime"] {
            #expect(!text.contains("\t\(key) = "))
        }
    }

    @Test("env strings escape newline, backslash and double quote")
    func environmentEscaping() {
        var trace = LTTngReference.uidTrace
        trace.environment.traceName = "a\"b\\c\nd"
        trace.environment.hostname = "host\""
        trace.environment.spoorVersion = "1.0\\dev"
        let text = TSDL.preamble(trace)
        #expect(text.contains("\ttrace_name = \"a\\\"b\\\\c\\nd\";\n"))
        #expect(text.contains("\thostname = \"host\\\"\";\n"))
        #expect(text.contains("\tspoor_version = \"1.0\\\\dev\";\n"))
    }

    @Test("a stream without contexts has no event.context")
    func streamWithoutContext() {
        #expect(TSDL.streamClass(id: 0) == LTTngReference.streamWithoutContext)
        #expect(TSDL.streamClass(id: 3).hasPrefix("stream {\n\tid = 3;\n"))
    }

    @Test("an event block carries its name, ids and log level")
    func eventBlock() {
        let text = TSDL.eventClass(
            name: "my_provider:my_event", id: 7, streamID: 2, logLevel: .info, fields: [])
        let expected = """
            event {
            \tname = "my_provider:my_event";
            \tid = 7;
            \tstream_id = 2;
            \tloglevel = 6;
            \tfields := struct {
            \t};
            };


            """
        #expect(text == expected)
    }
}

@Suite("TSDL field declarations")
struct TSDLFieldTests {
    static let int32 = IntegerType(bitWidth: 32, isSigned: true)

    static func line(_ name: String, _ type: FieldType) -> String {
        TSDL.declaration(of: FieldDescriptor(name: name, type: type))
    }

    @Test("integers: size, signedness and base")
    func integers() {
        #expect(
            Self.line("my_int", .integer(Self.int32))
                == "\t\tinteger { size = 32; align = 8; signed = 1; encoding = none; base = 10; } _my_int;\n")
        #expect(
            Self.line("my_long_hex", .integer(IntegerType(bitWidth: 64, isSigned: true, base: .hexadecimal)))
                == "\t\tinteger { size = 64; align = 8; signed = 1; encoding = none; base = 16; } _my_long_hex;\n")
        #expect(
            Self.line("my_u8", .integer(IntegerType(bitWidth: 8, isSigned: false)))
                == "\t\tinteger { size = 8; align = 8; signed = 0; encoding = none; base = 10; } _my_u8;\n")
        #expect(
            Self.line("u16", .integer(IntegerType(bitWidth: 16, isSigned: false)))
                == "\t\tinteger { size = 16; align = 8; signed = 0; encoding = none; base = 10; } _u16;\n")
    }

    @Test("floating point: float and double")
    func floatingPoint() {
        #expect(
            Self.line("my_float", .float)
                == "\t\tfloating_point { exp_dig = 8; mant_dig = 24; align = 8; } _my_float;\n")
        #expect(
            Self.line("my_double", .double)
                == "\t\tfloating_point { exp_dig = 11; mant_dig = 53; align = 8; } _my_double;\n")
    }

    @Test("strings")
    func strings() {
        #expect(Self.line("my_string", .string) == "\t\tstring _my_string;\n")
    }

    @Test("arrays, including text arrays")
    func arrays() {
        #expect(
            Self.line("my_array", .array(Self.int32, count: 3))
                == "\t\tinteger { size = 32; align = 8; signed = 1; encoding = none; base = 10; } _my_array[3];\n")
        #expect(
            Self.line("my_text", .array(IntegerType(bitWidth: 8, isSigned: true, isText: true), count: 4))
                == "\t\tinteger { size = 8; align = 8; signed = 1; encoding = UTF8; base = 10; } _my_text[4];\n")
    }

    @Test("sequences are preceded by their unsigned 32-bit length field")
    func sequences() {
        #expect(
            Self.line("my_seq", .sequence(Self.int32))
                == "\t\tinteger { size = 32; align = 8; signed = 0; encoding = none; base = 10; } __my_seq_length;\n"
                + "\t\tinteger { size = 32; align = 8; signed = 1; encoding = none; base = 10; } _my_seq[ __my_seq_length ];\n"
        )
        #expect(
            Self.line("my_seqtext", .sequence(IntegerType(bitWidth: 8, isSigned: true, isText: true)))
                == "\t\tinteger { size = 32; align = 8; signed = 0; encoding = none; base = 10; } __my_seqtext_length;\n"
                + "\t\tinteger { size = 8; align = 8; signed = 1; encoding = UTF8; base = 10; } _my_seqtext[ __my_seqtext_length ];\n"
        )
    }

    @Test("enumerations list single values and ranges, one per line, trailing comma kept")
    func enumerations() {
        let type = FieldType.enumeration(
            Self.int32,
            [
                EnumerationMapping(label: "RED", value: 0),
                EnumerationMapping(label: "GREEN", range: 1...5),
                EnumerationMapping(label: "COLD", range: -10 ... -1),
            ]
        )
        let expected = """
            \t\tenum : integer { size = 32; align = 8; signed = 1; encoding = none; base = 10; } {
            \t\t\t"RED" = 0,
            \t\t\t"GREEN" = 1 ... 5,
            \t\t\t"COLD" = -10 ... -1,
            \t\t} _my_enum;

            """
        #expect(Self.line("my_enum", type) == expected)
    }

    @Test("enumeration labels escape double quote and backslash, and the field name is sanitized")
    func enumerationEscaping() {
        let type = FieldType.enumeration(
            IntegerType(bitWidth: 8, isSigned: false),
            [EnumerationMapping(label: "say \"hi\" \\o/", value: 1)]
        )
        let expected = """
            \t\tenum : integer { size = 8; align = 8; signed = 0; encoding = none; base = 10; } {
            \t\t\t"say \\"hi\\" \\\\o/" = 1,
            \t\t} _a_b_c_d;

            """
        #expect(Self.line("a.b$c:d", type) == expected)
    }

    @Test("unsigned 64-bit enumeration values beyond Int64.max are written unsigned")
    func unsignedEnumerationValues() {
        let type = FieldType.enumeration(
            IntegerType(bitWidth: 64, isSigned: false),
            [EnumerationMapping(label: "MAX", value: -1)]
        )
        #expect(Self.line("e", type).contains("\t\t\t\"MAX\" = 18446744073709551615,\n"))
    }

    @Test("the recorded channel contexts vpid and procname")
    func contextFields() {
        let text = TSDL.streamClass(id: 0, eventContext: LTTngReference.vpidProcnameContext)
        let expected = """
            stream {
            \tid = 0;
            \tevent.header := struct event_header_large;
            \tpacket.context := struct packet_context;
            \tevent.context := struct {
            \t\tinteger { size = 32; align = 8; signed = 1; encoding = none; base = 10; } _vpid;
            \t\tinteger { size = 8; align = 8; signed = 1; encoding = UTF8; base = 10; } _procname[17];
            \t};
            };


            """
        #expect(text == expected)
    }
}
