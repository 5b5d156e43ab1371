import SpoorModel

/// The CTF 1.8 metadata text (TSDL) of a user-space trace, as lttng-sessiond 2.13.9 writes it.
///
/// The metadata stream is append-only (spec/ctf-lttng.md §2): `preamble` once, then one `streamClass`
/// when a channel is first used, then one `eventClass` per event class the first time it is registered.
/// Every block ends with an empty line, so the pieces concatenate into the exact text LTTng writes,
/// except for the extra `spoor_version` env key. The byte-packed x86-64 layout is assumed: every
/// byte-multiple type has `align = 8` and the byte order is little-endian (`ust-metadata.c`).
public enum TSDL {
    /// Everything before the first `stream` block: signature, type aliases, `trace`, `env`, `clock`,
    /// the clock-mapped aliases, `packet_context` and both event header structures (§3 items 1–9).
    public static func preamble(_ trace: TraceDescription) -> String {
        var text = "/* CTF 1.8 */\n\n"
        text += typeAliases(longBitWidth: trace.environment.bitWidth)
        text += traceBlock(uuid: trace.uuid)
        text += environmentBlock(trace.environment)
        text += clockBlock(trace.clock)
        text += clockTypeAliases
        text += packetContextStructure
        text += eventHeaderStructures
        return text
    }

    /// One `stream` block: a channel, with the stream event context when the channel has contexts (§3 item 10).
    ///
    /// UST 2.13 always selects `event_header_large`.
    /// `namedContexts` (perf counters and `$app.PROVIDER:TYPE` application contexts, by name)
    /// follow the `eventContext` fields.
    public static func streamClass(
        id: UInt32, eventContext: [FieldDescriptor] = [], namedContexts: [String] = []
    ) -> String {
        var text = "stream {\n"
        text += "\tid = \(id);\n"
        text += "\tevent.header := struct event_header_large;\n"
        text += "\tpacket.context := struct packet_context;\n"
        if !eventContext.isEmpty || !namedContexts.isEmpty {
            text += "\tevent.context := struct {\n"
            for field in eventContext {
                text += declaration(of: field)
            }
            for name in namedContexts {
                if let counter = PerfCounter(contextName: name) {
                    text += declaration(of: counter.field)
                } else {
                    text += dynamicDeclaration(name: ApplicationContext.fieldName(name))
                }
            }
            text += "\t};\n"
        }
        text += "};\n\n"
        return text
    }

    /// One `event` block (§3 item 11); `name` is the full `provider:event` name, written unescaped as LTTng does.
    public static func eventClass(
        name: String,
        id: UInt32,
        streamID: UInt32,
        logLevel: LogLevel,
        fields: [FieldDescriptor]
    ) -> String {
        var text = "event {\n"
        text += "\tname = \"\(name)\";\n"
        text += "\tid = \(id);\n"
        text += "\tstream_id = \(streamID);\n"
        text += "\tloglevel = \(logLevel.rawValue);\n"
        text += "\tfields := struct {\n"
        for field in fields {
            text += declaration(of: field)
        }
        text += "\t};\n"
        text += "};\n\n"
        return text
    }

    // MARK: - Trace-level blocks

    static func typeAliases(longBitWidth: Int) -> String {
        """
        typealias integer { size = 8; align = 8; signed = false; } := uint8_t;
        typealias integer { size = 16; align = 8; signed = false; } := uint16_t;
        typealias integer { size = 32; align = 8; signed = false; } := uint32_t;
        typealias integer { size = 64; align = 8; signed = false; } := uint64_t;
        typealias integer { size = \(longBitWidth); align = 8; signed = false; } := unsigned long;
        typealias integer { size = 5; align = 1; signed = false; } := uint5_t;
        typealias integer { size = 27; align = 1; signed = false; } := uint27_t;


        """
    }

    static func traceBlock(uuid: [UInt8]) -> String {
        var text = "trace {\n"
        text += "\tmajor = 1;\n"
        text += "\tminor = 8;\n"
        text += "\tuuid = \"\(TraceUUID.string(uuid))\";\n"
        text += "\tbyte_order = le;\n"
        text += "\tpacket.header := struct {\n"
        text += "\t\tuint32_t magic;\n"
        text += "\t\tuint8_t  uuid[16];\n"
        text += "\t\tuint32_t stream_id;\n"
        text += "\t\tuint64_t stream_instance_id;\n"
        text += "\t};\n"
        text += "};\n\n"
        return text
    }

    /// The `env` block, keys in lttng-sessiond's order; the per-PID keys follow `hostname` (§3.1).
    static func environmentBlock(_ environment: TraceEnvironment) -> String {
        var text = "env {\n"
        text += stringEntry("domain", environment.domain)
        text += stringEntry("tracer_name", environment.tracerName)
        text += "\ttracer_major = \(environment.tracerMajor);\n"
        text += "\ttracer_minor = \(environment.tracerMinor);\n"
        let isPerPID = environment.bufferingScheme == .perPID
        text += stringEntry("tracer_buffering_scheme", isPerPID ? "pid" : "uid")
        text += "\ttracer_buffering_id = \(environment.bufferingID);\n"
        text += "\tarchitecture_bit_width = \(environment.bitWidth);\n"
        text += stringEntry("trace_name", environment.traceName)
        text += stringEntry("trace_creation_datetime", environment.creationDatetime)
        text += stringEntry("hostname", environment.hostname)
        if isPerPID {
            text += "\ttracer_patchlevel = \(environment.tracerPatchlevel);\n"
            text += "\tvpid = \(environment.processID.map(Int64.init) ?? environment.bufferingID);\n"
            text += stringEntry("procname", environment.processName ?? "")
            text += stringEntry("vpid_datetime", environment.processDatetime ?? environment.creationDatetime)
        }
        text += stringEntry("spoor_version", environment.spoorVersion)
        text += "};\n\n"
        return text
    }

    static func clockBlock(_ clock: ClockDescription) -> String {
        var text = "clock {\n"
        text += "\tname = \"monotonic\";\n"
        if let uuid = clock.uuid {
            text += "\tuuid = \"\(escaped(uuid))\";\n"
        }
        text += "\tdescription = \"Monotonic Clock\";\n"
        text += "\tfreq = 1000000000; /* Frequency, in Hz */\n"
        text += "\t/* clock value offset from Epoch is: offset * (1/freq) */\n"
        text += "\toffset = \(clock.offset);\n"
        text += "};\n\n"
        return text
    }

    static let clockTypeAliases = """
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


        """

    static let packetContextStructure = """
        struct packet_context {
        \tuint64_clock_monotonic_t timestamp_begin;
        \tuint64_clock_monotonic_t timestamp_end;
        \tuint64_t content_size;
        \tuint64_t packet_size;
        \tuint64_t packet_seq_num;
        \tunsigned long events_discarded;
        \tuint32_t cpu_id;
        };


        """

    /// Both headers are declared although UST 2.13 only ever selects the large one (§3 items 8–9).
    static let eventHeaderStructures = """
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


        """

    // MARK: - Strings

    private static func stringEntry(_ key: String, _ value: String) -> String {
        "\t\(key) = \"\(escaped(value))\";\n"
    }

    /// Escapes a TSDL string literal as lttng-sessiond's `print_escaped_ctf_string` does:
    /// newline becomes `\n`, and `\` and `"` get a backslash.
    static func escaped(_ value: String) -> String {
        var text = ""
        text.unicodeScalars.reserveCapacity(value.unicodeScalars.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\n": text += "\\n"
            case "\\", "\"":
                text.unicodeScalars.append("\\")
                text.unicodeScalars.append(scalar)
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text
    }
}
