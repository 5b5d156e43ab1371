/// A trace (or a directory of traces) built by hand: file paths relative to its root → bytes.
struct HandMadeTrace: Sendable, CustomStringConvertible {
    var name: String
    var files: [String: [UInt8]]

    var description: String { name }
}

/// The traces the tests read: every field type, both event headers, several streams and
/// traces, per-PID naming, rotation pieces, merged chunks, odd clocks.
enum HandMadeTraces {
    static let uuidA = "2a6422d0-6cee-11e0-8c08-cb07d7b3a564"
    static let uuidB = "91253d37-cc31-43f1-9813-47283d84a18e"
    static let uuidC = "0c5e6f00-1111-4222-8333-944455556666"

    /// A distinct UUID per trace: traces sharing one are merged, as babeltrace2 does.
    static func uuid(_ number: Int) -> String {
        "0c5e6f00-1111-4222-8333-" + String(repeating: "0", count: 12 - String(number, radix: 16).count)
            + String(number, radix: 16)
    }

    static var all: [HandMadeTrace] {
        [
            lttngPerUID, lttngPerPID, compactHeader, twoChannels, fieldZoo, bigEndian, clockFrequency, noClock,
            tracefilePieces, session, discardedAndGaps, manyStreams, prefixVariants, recycledText, clockInPayload,
        ]
    }

    // MARK: The specapp events (spec/tools/specapp/tp.h), as LTTng-UST 2.13 declares them

    static let specappStream = """
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

    static let specappStreamWithoutContext = """
        stream {
        \tid = 0;
        \tevent.header := struct event_header_large;
        \tpacket.context := struct packet_context;
        };


        """

    static let specappEvents = """
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

    /// Payload of `specapp:ev_all` for iteration `i`, as the spec app records it.
    static func evAll(_ w: inout BitWriter, _ i: Int, string: String = "hello world") {
        w.i32(Int32(i))
        w.i64(Int64(i) * 3)
        w.u8(UInt8(truncatingIfNeeded: i))
        w.string(string)
        for value: Int32 in [1, 2, 3] { w.i32(value) }
        let length = i % 4
        w.u32(UInt32(length))
        for value in 0..<length { w.i32(Int32(value + 1)) }
        w.raw(Array(string.utf8.prefix(4)))
        w.u32(UInt32(length))
        w.raw(Array(string.utf8.prefix(length)))
        w.f64(Double(i) * 1.5)
        w.f32(Float(Double(i) * 1.5))
        w.i32(Int32(i % 8))
    }

    static func context(_ w: inout BitWriter, vpid: Int32, procname: String) {
        w.i32(vpid)
        var name = Array(procname.utf8.prefix(16))
        name += [UInt8](repeating: 0, count: 17 - name.count)
        w.raw(name)
    }

    static func metadata(_ text: String, uuid: String, packetized: Bool = true) -> [UInt8] {
        packetized ? LTTngTraceWriter.packetizeMetadata(text, uuid: LTTngTraceWriter.uuidBytes(uuid)) : Array(text.utf8)
    }

    // MARK: Traces

    /// Per-UID trace of the spec app with `vpid`/`procname` contexts on two CPUs: several
    /// packets, compact headers, a 32-bit timestamp wrap, zero-length text sequences.
    static var lttngPerUID: HandMadeTrace {
        let uuid = LTTngTraceWriter.uuidBytes(uuidA)
        let text =
            LTTngTraceWriter.preamble(uuid: uuidA, environment: LTTngTraceWriter.uidEnvironment())
            + specappStream + specappEvents
        var files = ["metadata": metadata(text, uuid: uuidA)]
        for cpu: UInt32 in [0, 1] {
            var data: [UInt8] = []
            var i = Int(cpu) * 100
            for packetIndex in 0..<3 {
                let begin = UInt64(packetIndex) * 5_000_000 + UInt64(cpu) * 7 + 0xFFF0_0000
                var packet = LTTngPacket(uuid: uuid, cpu: cpu, begin: begin, end: begin + 4_000_000)
                packet.sequenceNumber = UInt64(packetIndex)
                var time = begin + 100
                for k in 0..<(cpu == 1 ? 12 : 5) {
                    // Crosses 2^32 in the first packet: compact headers must wrap.
                    let form: LTTngPacket.HeaderForm = k == 0 ? .largeExtended : .largeCompact
                    packet.event(0, at: time, form) { w in
                        context(&w, vpid: 4242, procname: "specapp")
                        evAll(&w, i)
                    }
                    time += 150_000
                    packet.event(1, at: time, .largeCompact) { w in
                        context(&w, vpid: 4242, procname: "specapp")
                        w.i32(Int32(i))
                    }
                    time += 100_000 + UInt64(k)
                    i += 1
                }
                data += packet.bytes()
            }
            // The empty packet LTTng writes at `lttng stop`.
            var last = LTTngPacket(uuid: uuid, cpu: cpu, begin: 15_000_000 + 0xFFF0_0000, end: 15_000_000 + 0xFFF0_0000)
            last.sequenceNumber = 3
            data += last.bytes()
            files["chan0_\(cpu)"] = data
        }
        files["index/chan0_0.idx"] = [0xC1, 0xF1, 0xDC, 0xC1]  // ignored by the reader
        return HandMadeTrace(name: "lttng-per-uid", files: files)
    }

    /// Per-PID trace: `hostname:procname:(vpid)` before each event name.
    static var lttngPerPID: HandMadeTrace {
        let uuid = LTTngTraceWriter.uuidBytes(uuidB)
        let text =
            LTTngTraceWriter.preamble(
                uuid: uuidB, environment: LTTngTraceWriter.pidEnvironment(procname: "specapp", vpid: 5831))
            + specappStreamWithoutContext + specappEvents
        var packet = LTTngPacket(uuid: uuid, cpu: 1, begin: 1_000, end: 90_000)
        for i in 0..<6 {
            packet.event(0, at: 2_000 + UInt64(i) * 10_000, i == 0 ? .largeExtended : .largeCompact) { w in
                evAll(&w, i, string: i == 3 ? "tab\there \"quoted\" back\\slash" : "hello world")
            }
            packet.event(1, at: 7_000 + UInt64(i) * 10_000, .largeCompact) { w in w.i32(Int32(-i)) }
        }
        return HandMadeTrace(
            name: "lttng-per-pid",
            files: ["metadata": metadata(text, uuid: uuidB), "chan0_1": packet.bytes(), "chan0_0": []])
    }

    /// A stream using `event_header_compact` (5-bit id, 27-bit time): bit-packed headers and a
    /// 27-bit wrap.
    static var compactHeader: HandMadeTrace {
        let uuid = LTTngTraceWriter.uuidBytes(uuidC)
        let text =
            LTTngTraceWriter.preamble(uuid: uuidC, environment: LTTngTraceWriter.uidEnvironment())
                + """
                stream {
                \tid = 0;
                \tevent.header := struct event_header_compact;
                \tpacket.context := struct packet_context;
                };

                event {
                \tname = "compact:tick";
                \tid = 0;
                \tstream_id = 0;
                \tloglevel = 4;
                \tfields := struct {
                \t\tinteger { size = 16; align = 8; signed = 0; encoding = none; base = 10; } _n;
                \t};
                };

                event {
                \tname = "compact:far";
                \tid = 40;
                \tstream_id = 0;
                \tfields := struct {
                \t\tinteger { size = 8; align = 8; signed = 0; encoding = none; base = 16; } _n;
                \t};
                };

                """
        let begin: UInt64 = 0x7FF_FF00  // just below a 27-bit wrap
        var packet = LTTngPacket(uuid: uuid, cpu: 0, begin: begin, end: begin + 0x1000_0000)
        packet.event(0, at: begin + 0x10, .compact) { w in w.u16(1) }  // compact first event: from timestamp_begin
        packet.event(0, at: begin + 0x200, .compact) { w in w.u16(2) }  // crosses 2^27
        packet.event(40, at: begin + 0x300, .compactExtended) { w in w.u8(0xAB) }  // id > 30
        packet.event(0, at: begin + 0x900_0000, .compactExtended) { w in w.u16(4) }  // more than 2^27 later
        packet.event(0, at: begin + 0x900_0001, .compact) { w in w.u16(5) }
        return HandMadeTrace(
            name: "compact-header", files: ["metadata": metadata(text, uuid: uuidC), "chan0_0": packet.bytes()])
    }

    /// Two channels (stream classes 0 and 1) on two CPUs, with equal times across streams.
    static var twoChannels: HandMadeTrace {
        let traceUUID = Self.uuid(0x11)
        let uuid = LTTngTraceWriter.uuidBytes(traceUUID)
        var text = LTTngTraceWriter.preamble(uuid: traceUUID, environment: LTTngTraceWriter.uidEnvironment())
        for stream in 0..<2 {
            text += """
                stream {
                \tid = \(stream);
                \tevent.header := struct event_header_large;
                \tpacket.context := struct packet_context;
                };

                event {
                \tname = "chan\(stream):first";
                \tid = 0;
                \tstream_id = \(stream);
                \tfields := struct {
                \t\tinteger { size = 32; align = 8; signed = 0; encoding = none; base = 10; } _seq;
                \t};
                };

                event {
                \tname = "chan\(stream):second";
                \tid = 1;
                \tstream_id = \(stream);
                \tloglevel = 2;
                \tmodel.emf.uri = "http://example.com/emf";
                \tfields := struct {
                \t\tstring _what;
                \t};
                };


                """
        }
        var files = ["metadata": metadata(text, uuid: traceUUID)]
        for stream: UInt32 in [0, 1] {
            for cpu: UInt32 in [0, 1] {
                var packet = LTTngPacket(uuid: uuid, cpu: cpu, begin: 100, end: 10_000)
                packet.streamID = stream
                for k in 0..<9 {
                    // Times repeat across all four streams: babeltrace2's tie-break decides.
                    let time = 1_000 + UInt64(k / 2) * 500
                    if k % 3 == 2 {
                        packet.event(1, at: time) { w in w.string("s\(stream)c\(cpu)k\(k)") }
                    } else {
                        packet.event(0, at: time) { w in w.u32(UInt32(k)) }
                    }
                }
                files["chan\(stream == 0 ? "A" : "B")_\(cpu)"] = packet.bytes()
            }
        }
        return HandMadeTrace(name: "two-channels", files: files)
    }
}
