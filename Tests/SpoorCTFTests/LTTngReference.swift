import SpoorCTF
import SpoorModel

/// Facts recorded from the real LTTng 2.13.9 / LTTng-UST 2.13.5 (spec/tools/specapp/record.sh, x86-64).
///
/// `uidMetadata` is the complete metadata text of the per-UID trace of `specapp` with the `vpid` and
/// `procname` channel contexts, reassembled from its `metadata` packets. Re-record on purpose only.
enum LTTngReference {
    static let uidMetadata = """
        /* CTF 1.8 */

        typealias integer { size = 8; align = 8; signed = false; } := uint8_t;
        typealias integer { size = 16; align = 8; signed = false; } := uint16_t;
        typealias integer { size = 32; align = 8; signed = false; } := uint32_t;
        typealias integer { size = 64; align = 8; signed = false; } := uint64_t;
        typealias integer { size = 64; align = 8; signed = false; } := unsigned long;
        typealias integer { size = 5; align = 1; signed = false; } := uint5_t;
        typealias integer { size = 27; align = 1; signed = false; } := uint27_t;

        trace {
        \tmajor = 1;
        \tminor = 8;
        \tuuid = "3d246c7f-c60c-455e-8b87-f9271eef2739";
        \tbyte_order = le;
        \tpacket.header := struct {
        \t\tuint32_t magic;
        \t\tuint8_t  uuid[16];
        \t\tuint32_t stream_id;
        \t\tuint64_t stream_instance_id;
        \t};
        };

        env {
        \tdomain = "ust";
        \ttracer_name = "lttng-ust";
        \ttracer_major = 2;
        \ttracer_minor = 13;
        \ttracer_buffering_scheme = "uid";
        \ttracer_buffering_id = 0;
        \tarchitecture_bit_width = 64;
        \ttrace_name = "uid";
        \ttrace_creation_datetime = "20261123T161941+0000";
        \thostname = "vm";
        };

        clock {
        \tname = "monotonic";
        \tuuid = "88bb05de-a564-4a1c-83ff-896c5219395e";
        \tdescription = "Monotonic Clock";
        \tfreq = 1000000000; /* Frequency, in Hz */
        \t/* clock value offset from Epoch is: offset * (1/freq) */
        \toffset = 1795450300455699666;
        };

        typealias integer {
        \tsize = 27; align = 1; signed = false;
        \tmap = clock.monotonic.value;
        } := uint27_clock_monotonic_t;

        typealias integer {
        \tsize = 32; align = 8; signed = false;
        \tmap = clock.monotonic.value;
        } := uint32_clock_monotonic_t;

        typealias integer {
        \tsize = 64; align = 8; signed = false;
        \tmap = clock.monotonic.value;
        } := uint64_clock_monotonic_t;

        struct packet_context {
        \tuint64_clock_monotonic_t timestamp_begin;
        \tuint64_clock_monotonic_t timestamp_end;
        \tuint64_t content_size;
        \tuint64_t packet_size;
        \tuint64_t packet_seq_num;
        \tunsigned long events_discarded;
        \tuint32_t cpu_id;
        };

        struct event_header_compact {
        \tenum : uint5_t { compact = 0 ... 30, extended = 31 } id;
        \tvariant <id> {
        \t\tstruct {
        \t\t\tuint27_clock_monotonic_t timestamp;
        \t\t} compact;
        \t\tstruct {
        \t\t\tuint32_t id;
        \t\t\tuint64_clock_monotonic_t timestamp;
        \t\t} extended;
        \t} v;
        } align(8);

        struct event_header_large {
        \tenum : uint16_t { compact = 0 ... 65534, extended = 65535 } id;
        \tvariant <id> {
        \t\tstruct {
        \t\t\tuint32_clock_monotonic_t timestamp;
        \t\t} compact;
        \t\tstruct {
        \t\t\tuint32_t id;
        \t\t\tuint64_clock_monotonic_t timestamp;
        \t\t} extended;
        \t} v;
        } align(8);

        stream {
        \tid = 0;
        \tevent.header := struct event_header_large;
        \tpacket.context := struct packet_context;
        \tevent.context := struct {
        \t\tinteger { size = 32; align = 8; signed = 1; encoding = none; base = 10; } _vpid;
        \t\tinteger { size = 8; align = 8; signed = 1; encoding = UTF8; base = 10; } _procname[17];
        \t};
        };

        event {
        \tname = "specapp:ev_all";
        \tid = 0;
        \tstream_id = 0;
        \tloglevel = 13;
        \tfields := struct {
        \t\tinteger { size = 32; align = 8; signed = 1; encoding = none; base = 10; } _my_int;
        \t\tinteger { size = 64; align = 8; signed = 1; encoding = none; base = 16; } _my_long_hex;
        \t\tinteger { size = 8; align = 8; signed = 0; encoding = none; base = 10; } _my_u8;
        \t\tstring _my_string;
        \t\tinteger { size = 32; align = 8; signed = 1; encoding = none; base = 10; } _my_array[3];
        \t\tinteger { size = 32; align = 8; signed = 0; encoding = none; base = 10; } __my_seq_length;
        \t\tinteger { size = 32; align = 8; signed = 1; encoding = none; base = 10; } _my_seq[ __my_seq_length ];
        \t\tinteger { size = 8; align = 8; signed = 1; encoding = UTF8; base = 10; } _my_text[4];
        \t\tinteger { size = 32; align = 8; signed = 0; encoding = none; base = 10; } __my_seqtext_length;
        \t\tinteger { size = 8; align = 8; signed = 1; encoding = UTF8; base = 10; } _my_seqtext[ __my_seqtext_length ];
        \t\tfloating_point { exp_dig = 11; mant_dig = 53; align = 8; } _my_double;
        \t\tfloating_point { exp_dig = 8; mant_dig = 24; align = 8; } _my_float;
        \t\tenum : integer { size = 32; align = 8; signed = 1; encoding = none; base = 10; } {
        \t\t\t"RED" = 0,
        \t\t\t"GREEN" = 1 ... 5,
        \t\t\t"BLUE",
        \t\t} _my_enum;
        \t};
        };

        event {
        \tname = "specapp:ev_small";
        \tid = 1;
        \tstream_id = 0;
        \tloglevel = 13;
        \tfields := struct {
        \t\tinteger { size = 32; align = 8; signed = 1; encoding = none; base = 10; } _v;
        \t};
        };


        """

    /// The values of the recorded per-UID trace, so that our text can be compared byte for byte.
    static let uidTrace = TraceDescription(
        uuid: TraceUUID.parse("3d246c7f-c60c-455e-8b87-f9271eef2739") ?? [],
        environment: TraceEnvironment(
            bufferingScheme: .perUID,
            bufferingID: 0,
            traceName: "uid",
            creationDatetime: "20261123T161941+0000",
            hostname: "vm",
            spoorVersion: "0.1.0"
        ),
        clock: ClockDescription(uuid: "88bb05de-a564-4a1c-83ff-896c5219395e", offset: 1_795_450_300_455_699_666)
    )

    /// The `env` block of the recorded per-PID trace of `specapp` (pid 5877).
    static let pidEnvironmentBlock = """
        env {
        \tdomain = "ust";
        \ttracer_name = "lttng-ust";
        \ttracer_major = 2;
        \ttracer_minor = 13;
        \ttracer_buffering_scheme = "pid";
        \ttracer_buffering_id = 5877;
        \tarchitecture_bit_width = 64;
        \ttrace_name = "pid";
        \ttrace_creation_datetime = "20261123T161941+0000";
        \thostname = "vm";
        \ttracer_patchlevel = 5;
        \tvpid = 5877;
        \tprocname = "specapp";
        \tvpid_datetime = "20261123T161941+0000";
        };


        """

    /// The `stream` block of the recorded per-PID trace (a channel without contexts).
    static let streamWithoutContext = """
        stream {
        \tid = 0;
        \tevent.header := struct event_header_large;
        \tpacket.context := struct packet_context;
        };


        """

    /// The channel contexts `lttng add-context -u -t vpid -t procname` adds, in our model.
    static let vpidProcnameContext = [
        FieldDescriptor(name: "vpid", type: .integer(IntegerType(bitWidth: 32, isSigned: true))),
        FieldDescriptor(
            name: "procname", type: .array(IntegerType(bitWidth: 8, isSigned: true, isText: true), count: 17)),
    ]

    static let int32 = IntegerType(bitWidth: 32, isSigned: true)
    static let text = IntegerType(bitWidth: 8, isSigned: true, isText: true)

    /// `specapp:ev_all` of spec/tools/specapp/tp.h in our model.
    ///
    /// The enumeration's `lttng_ust_field_enum_auto("BLUE")` has no counterpart in `EnumerationMapping`:
    /// it is the value LTTng-UST gives it, 6 (the previous range's end plus one).
    static let evAllFields = [
        FieldDescriptor(name: "my_int", type: .integer(int32)),
        FieldDescriptor(
            name: "my_long_hex", type: .integer(IntegerType(bitWidth: 64, isSigned: true, base: .hexadecimal))),
        FieldDescriptor(name: "my_u8", type: .integer(IntegerType(bitWidth: 8, isSigned: false))),
        FieldDescriptor(name: "my_string", type: .string),
        FieldDescriptor(name: "my_array", type: .array(int32, count: 3)),
        FieldDescriptor(name: "my_seq", type: .sequence(int32)),
        FieldDescriptor(name: "my_text", type: .array(text, count: 4)),
        FieldDescriptor(name: "my_seqtext", type: .sequence(text)),
        FieldDescriptor(name: "my_double", type: .double),
        FieldDescriptor(name: "my_float", type: .float),
        FieldDescriptor(
            name: "my_enum",
            type: .enumeration(
                int32,
                [
                    EnumerationMapping(label: "RED", value: 0),
                    EnumerationMapping(label: "GREEN", range: 1...5),
                    EnumerationMapping(label: "BLUE", value: 6),
                ]
            )
        ),
    ]

    /// `specapp:ev_small` of spec/tools/specapp/tp.h in our model.
    static let evSmallFields = [FieldDescriptor(name: "v", type: .integer(int32))]
}
