import Foundation

/// Builds traces with the exact shape LTTng-UST 2.13 writes (spec/ctf-lttng.md §2–§4), plus
/// variations, so that tests need neither LTTng nor the spec tools.
enum LTTngTraceWriter {
    static let packetMagic: UInt32 = 0xC1FC_1FC1
    static let metadataMagic: UInt32 = 0x75D1_1D57
    /// 2026-01-01T00:00:00Z in nanoseconds.
    static let clockOffset: UInt64 = 1_767_225_600 * 1_000_000_000

    /// The TSDL of an LTTng-UST trace up to (not including) its `stream` blocks: typealiases,
    /// `trace`, `env`, `clock`, the clock-mapped aliases, `packet_context` and both event headers.
    static func preamble(
        uuid: String, environment: [(String, String)], clock: String? = nil, byteOrder: String = "le"
    ) -> String {
        let env = environment.map { "\t\($0.0) = \($0.1);\n" }.joined()
        let clockBlock =
            clock ?? """
                clock {
                \tname = "monotonic";
                \tuuid = "11111111-2222-3333-4444-555555555555";
                \tdescription = "Monotonic Clock";
                \tfreq = 1000000000; /* Frequency, in Hz */
                \t/* clock value offset from Epoch is: offset * (1/freq) */
                \toffset = \(clockOffset);
                };
                """
        return """
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
            \tuuid = "\(uuid)";
            \tbyte_order = \(byteOrder);
            \tpacket.header := struct {
            \t\tuint32_t magic;
            \t\tuint8_t  uuid[16];
            \t\tuint32_t stream_id;
            \t\tuint64_t stream_instance_id;
            \t};
            };

            env {
            \(env)};

            \(clockBlock)

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


            """
    }

    /// The env block of a per-UID trace.
    static func uidEnvironment(hostname: String = "\"spec-host\"") -> [(String, String)] {
        [
            ("domain", "\"ust\""), ("tracer_name", "\"lttng-ust\""), ("tracer_major", "2"), ("tracer_minor", "13"),
            ("tracer_buffering_scheme", "\"uid\""), ("tracer_buffering_id", "0"), ("architecture_bit_width", "64"),
            ("trace_name", "\"handmade\""), ("trace_creation_datetime", "\"20260101T000000+0000\""),
            ("hostname", hostname),
        ]
    }

    /// The env block of a per-PID trace.
    static func pidEnvironment(procname: String, vpid: Int) -> [(String, String)] {
        [
            ("domain", "\"ust\""), ("tracer_name", "\"lttng-ust\""), ("tracer_major", "2"), ("tracer_minor", "13"),
            ("tracer_patchlevel", "5"), ("tracer_buffering_scheme", "\"pid\""), ("tracer_buffering_id", "\(vpid)"),
            ("architecture_bit_width", "64"), ("trace_name", "\"handmade\""),
            ("trace_creation_datetime", "\"20260101T000000+0000\""), ("hostname", "\"spec-host\""),
            ("vpid", "\(vpid)"), ("procname", "\"\(procname)\""), ("vpid_datetime", "\"20260101T000001+0000\""),
        ]
    }

    /// Splits TSDL text into 4096-byte metadata packets with 37-byte headers (spec §2).
    static func packetizeMetadata(_ text: String, uuid: [UInt8], packetSize: Int = 4096) -> [UInt8] {
        let body = Array(text.utf8)
        let room = packetSize - 37
        var out: [UInt8] = []
        var start = 0
        repeat {
            let chunk = Array(body[start..<min(body.count, start + room)])
            var header = BitWriter()
            header.u32(metadataMagic)
            header.raw(uuid)
            header.u32(0)
            header.u32(UInt32((37 + chunk.count) * 8))
            header.u32(UInt32(packetSize * 8))
            header.raw([0, 0, 0, 1, 8])
            out += header.bytes + chunk
            out += [UInt8](repeating: 0, count: packetSize - 37 - chunk.count)
            start += room
        } while start < body.count
        return out
    }

    static func uuidBytes(_ text: String) -> [UInt8] {
        let hex = Array(text.utf8.filter { $0 != UInt8(ascii: "-") })
        return stride(from: 0, to: hex.count, by: 2).map {
            UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16)!
        }
    }

    /// Writes `files` (name → bytes) into `directory`, creating it.
    static func write(_ files: [String: [UInt8]], to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, bytes) in files {
            let path = directory + "/" + name
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
    }
}

/// One packet of an LTTng stream file: 84-byte header and context, events, zero padding.
struct LTTngPacket {
    /// How an event header is written.
    enum HeaderForm {
        /// `event_header_large`, 6 bytes: u16 id + low 32 bits of the time.
        case largeCompact
        /// `event_header_large`, 14 bytes: 0xFFFF + u32 id + u64 time.
        case largeExtended
        /// `event_header_compact`, 4 bytes: 5-bit id + low 27 bits of the time.
        case compact
        /// `event_header_compact`, id 31 then (byte-aligned) u32 id + u64 time.
        case compactExtended
    }

    var uuid: [UInt8]
    var streamID: UInt32 = 0
    var cpu: UInt32
    var sequenceNumber: UInt64 = 0
    var discardedEvents: UInt64 = 0
    var begin: UInt64
    var end: UInt64
    /// The packet so far; the 84 bytes of header and context are filled in by `bytes()`, they are
    /// here so that alignments count from the packet start.
    var events = BitWriter()
    /// Pad the packet to a multiple of this many bytes (LTTng uses the page size).
    var alignment = 4096

    init(uuid: [UInt8], cpu: UInt32, begin: UInt64, end: UInt64) {
        self.uuid = uuid
        self.cpu = cpu
        self.begin = begin
        self.end = end
        events.raw([UInt8](repeating: 0, count: 84))
    }

    /// Appends an event: header, then `body` writes the contexts and payload.
    mutating func event(
        _ id: UInt32, at time: UInt64, _ form: HeaderForm = .largeExtended, _ body: (inout BitWriter) -> Void
    ) {
        // Event records start byte-aligned (the header structs have align(8)).
        events.align(8)
        switch form {
        case .largeCompact:
            events.u16(UInt16(id))
            events.u32(UInt32(truncatingIfNeeded: time))
        case .largeExtended:
            events.u16(0xFFFF)
            events.u32(id)
            events.u64(time)
        case .compact:
            events.write(UInt64(id), bits: 5)
            events.write(time & 0x7FF_FFFF, bits: 27)
        case .compactExtended:
            events.write(31, bits: 5)
            events.align(8)
            events.u32(id)
            events.u64(time)
        }
        body(&events)
    }

    /// The packet's bytes, with `content_size` and `packet_size` filled in.
    func bytes(contentBitsAdjustment: Int = 0) -> [UInt8] {
        let contentBits = events.bitCount
        let contentBytes = (contentBits + 7) / 8
        let packetBytes = (contentBytes + alignment - 1) / alignment * alignment
        var writer = BitWriter()
        writer.u32(LTTngTraceWriter.packetMagic)
        writer.raw(uuid)
        writer.u32(streamID)
        writer.u64(UInt64(cpu))
        writer.u64(begin)
        writer.u64(end)
        writer.u64(UInt64(contentBits + contentBitsAdjustment))
        writer.u64(UInt64(packetBytes * 8))
        writer.u64(sequenceNumber)
        writer.u64(discardedEvents)
        writer.u32(cpu)
        var out = writer.bytes + events.bytes.dropFirst(84)
        out += [UInt8](repeating: 0, count: packetBytes - out.count)
        return out
    }
}
