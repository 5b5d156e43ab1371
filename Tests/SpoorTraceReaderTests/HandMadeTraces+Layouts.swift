extension HandMadeTraces {
    /// Plain-text metadata with every field type babeltrace2 can show, natural alignments and bit
    /// fields, a minimal packet header and context.
    static var fieldZoo: HandMadeTrace {
        let traceUUID = Self.uuid(0x12)
        let text = """
            /* CTF 1.8 */
            typealias integer { size = 8; align = 8; signed = false; } := uint8_t;
            typealias integer { size = 16; align = 16; signed = false; } := uint16_t;
            typealias integer { size = 32; align = 32; signed = false; } := uint32_t;
            typealias integer { size = 64; align = 64; signed = false; } := uint64_t;
            typedef integer { size = 32; align = 32; signed = true; } int32_t, small_array_t[2];
            trace {
            \tmajor = 1;
            \tminor = 8;
            \tuuid = "\(traceUUID)";
            \tbyte_order = le;
            \tpacket.header := struct { uint32_t magic; uint32_t stream_id; };
            };
            env { hostname = "zoo"; answer = 42; };
            clock { name = "c"; freq = 1000000000; offset_s = 1767225600; };
            typealias integer { size = 64; align = 64; signed = false; map = clock.c.value; } := ts_t;
            enum flags : uint8_t { "NONE" = 0, "LOW" = 1 ... 3, "MID" = 2 ... 5, "LOW" = 9, _UNDER = 10, "quo\\"te" };
            struct point { int32_t x; int32_t y; } align(64);
            stream {
            \tid = 7;
            \tpacket.context := struct { ts_t timestamp_begin; ts_t timestamp_end; uint32_t content_size; uint32_t packet_size; uint16_t note; };
            \tevent.header := struct { uint8_t id; ts_t timestamp; };
            \tevent.context := struct { uint16_t ctx_a; string ctx_s; };
            };
            event {
            \tname = "zoo:numbers";
            \tid = 0;
            \tstream_id = 7;
            \tfields := struct {
            \t\tinteger { size = 8; align = 8; signed = true; base = 2; } bin8;
            \t\tinteger { size = 16; align = 16; signed = true; base = 8; } oct16;
            \t\tinteger { size = 16; align = 16; signed = false; base = oct; } uoct16;
            \t\tinteger { size = 32; align = 32; signed = true; base = 16; } shex32;
            \t\tinteger { size = 64; align = 64; signed = true; base = x; } shex64;
            \t\tinteger { size = 64; align = 64; signed = false; base = 10; } u64max;
            \t\tinteger { size = 64; align = 64; signed = true; base = 10; } s64min;
            \t\tinteger { size = 1; align = 1; signed = false; } bit;
            \t\tinteger { size = 3; align = 1; signed = true; } tri;
            \t\tinteger { size = 7; align = 1; signed = false; base = 16; } hep;
            \t\tinteger { size = 13; align = 1; signed = false; base = 2; } thirteen;
            \t\tinteger { size = 12; align = 8; signed = false; byte_order = be; } be12;
            \t\tinteger { size = 32; align = 8; signed = false; byte_order = network; base = 16; } be32;
            \t\tinteger { size = 8; align = 8; signed = false; encoding = UTF8; } single_char;
            \t\tfloating_point { exp_dig = 8; mant_dig = 24; align = 32; } f1;
            \t\tfloating_point { exp_dig = 8; mant_dig = 24; align = 32; } f2;
            \t\tfloating_point { exp_dig = 11; mant_dig = 53; align = 64; } d1;
            \t\tfloating_point { exp_dig = 11; mant_dig = 53; align = 64; } d2;
            \t\tfloating_point { exp_dig = 11; mant_dig = 53; align = 64; } d3;
            \t\tfloating_point { exp_dig = 11; mant_dig = 53; align = 64; } d4;
            \t\tfloating_point { exp_dig = 11; mant_dig = 53; align = 64; } d5;
            \t\tfloating_point { exp_dig = 11; mant_dig = 53; align = 64; byte_order = be; } dbe;
            \t\tts_t hidden_time;
            \t\tenum flags e1;
            \t\tenum flags e2;
            \t\tenum flags e3;
            \t\tenum flags e4;
            \t\tenum : integer { size = 8; align = 8; signed = true; } { NEG = -5 ... -1, ZERO = 0 } e5;
            \t};
            };
            event {
            \tname = "zoo:compound";
            \tid = 1;
            \tstream_id = 7;
            \tcontext := struct { uint8_t ev_ctx; };
            \tfields := struct {
            \t\tstruct point p;
            \t\tstruct { } empty;
            \t\tstruct { uint8_t a; struct { uint16_t b; string c; } inner; } nest;
            \t\tsmall_array_t pair;
            \t\tuint8_t grid[2][3];
            \t\tstring words[3];
            \t\tuint8_t n;
            \t\tstruct { uint8_t len; integer { size = 8; align = 8; signed = false; encoding = UTF8; } txt[len]; uint16_t v; } items[n];
            \t\tuint8_t none[0];
            \t\tenum : uint8_t { NUM, TEXT, PT, NOTHING } kind;
            \t\tvariant <kind> { uint32_t NUM; string TEXT; struct point PT; struct { } NOTHING; } value;
            \t\tinteger { size = 8; align = 8; signed = false; encoding = ASCII; } label[6];
            \t\tinteger { size = 16; align = 8; signed = false; encoding = UTF8; } wide[2];
            \t};
            };
            event {
            \tname = "zoo:strings";
            \tid = 2;
            \tstream_id = 7;
            \tfields := struct {
            \t\tstring plain;
            \t\tstring escapes;
            \t\tstring utf8;
            \t\tstring { encoding = ASCII; } ascii;
            \t};
            };
            event { name = "zoo:nothing"; id = 3; stream_id = 7; };
            event { name = "zoo:empty"; id = 4; stream_id = 7; fields := struct { }; };

            """
        var data = BitWriter()
        data.u32(LTTngTraceWriter.packetMagic)
        data.u32(7)
        data.u64(100)  // timestamp_begin
        data.u64(100_000)  // timestamp_end
        let sizesAt = data.bitCount
        data.u32(0)  // content_size, patched below
        data.u32(0)  // packet_size, patched below
        data.u16(0xBEEF)  // note

        func header(_ w: inout BitWriter, _ id: UInt8, _ time: UInt64) {
            w.align(64)  // the event header struct aligns on its 64-bit timestamp
            w.u8(id)
            w.align(64)
            w.u64(time)
            w.align(16)
            w.u16(id == 1 ? 0x1234 : 0)
            w.string("ctx")
        }
        // zoo:numbers, twice with different values.
        for round in 0..<2 {
            header(&data, 0, 1_000 + UInt64(round))
            data.align(64)  // the payload struct aligns on its 64-bit members
            data.i8(round == 0 ? -123 : 5)
            data.align(16)
            data.i16(round == 0 ? -3 : 0)
            data.u16(round == 0 ? 0o177777 : 8)
            data.align(32)
            data.i32(round == 0 ? -2 : 0x7ABC_DEF0)
            data.align(64)
            data.i64(round == 0 ? -1 : 0x1234_5678_9ABC_DEF0)
            data.u64(.max)
            data.i64(.min)
            data.write(1, bits: 1)
            data.write(UInt64(bitPattern: round == 0 ? -4 : 3), bits: 3)
            data.write(0x5A, bits: 7)
            data.write(0x1ABC, bits: 13)
            data.align(8)
            data.write(0xABC, bits: 12, bigEndian: true)
            data.align(8)
            data.write(0xDEAD_BEEF, bits: 32, bigEndian: true)
            data.u8(round == 0 ? 65 : 10)
            data.align(32)
            data.f32(round == 0 ? 0.1 : -.infinity)
            data.f32(round == 0 ? 3.4028235e38 : .nan)
            data.align(64)
            data.f64(round == 0 ? 1e-300 : -0.0)
            data.f64(round == 0 ? 123456789.0 : 0.000123456789)
            data.f64(round == 0 ? .infinity : 1e16)
            data.f64(round == 0 ? -.nan : 100000)
            data.f64(round == 0 ? 2.5e-5 : 999999.5)
            data.f64(round == 0 ? 6.02214076e23 : -1.5, bigEndian: true)
            data.u64(999)  // hidden_time: mapped to the clock, not shown
            data.u8(round == 0 ? 2 : 0)
            data.u8(round == 0 ? 3 : 9)
            data.u8(round == 0 ? 7 : 10)
            data.u8(round == 0 ? 11 : 12)
            data.i8(round == 0 ? -3 : 0)
        }
        // zoo:compound.
        for round in 0..<4 {
            header(&data, 1, 2_000 + UInt64(round) * 10)
            data.u8(UInt8(round))  // ev_ctx
            data.align(64)
            data.i32(Int32(round) - 1)
            data.i32(42)
            data.u8(9)  // nest.a
            data.align(16)
            data.u16(UInt16(round) * 1000)
            data.string("in\(round)")
            data.align(32)
            data.i32(-7)
            data.i32(8)
            data.raw([1, 2, 3, 4, 5, 6])
            data.string("alpha")
            data.string("")
            data.string("gamma")
            let count = round == 3 ? 1 : round + 1
            data.u8(UInt8(count))
            for item in 0..<count {
                // Item texts shrink over rounds: empty ones show what the pooled object held.
                let length = max(0, 3 - round - item)
                data.align(16)  // each item struct aligns on its 16-bit member
                data.u8(UInt8(length))
                data.raw(Array("xyz".utf8.prefix(length)))
                data.align(16)
                data.u16(UInt16(item))
            }
            data.u8(UInt8(round))  // kind
            switch round {
            case 0:
                data.align(32)
                data.u32(77)
            case 1:
                data.string("variant text")
            case 2:
                data.align(64)
                data.i32(-1)
                data.i32(1)
            default:
                break
            }
            data.raw(Array("abc\0ef".utf8))
            data.u16(0x41)
            data.u16(0x42)
        }
        // zoo:strings.
        header(&data, 2, 3_000)
        data.string("plain")
        data.string(bytes: [
            0x5C, 0x27, 0x22, 0x3F, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B, 0x01, 0x1F, 0x7F, 0x41,
        ])
        data.string("héllo wörld ✓")
        data.string("done")
        header(&data, 3, 3_100)
        header(&data, 4, 3_200)
        var bytes = data.bytes
        let contentBits = UInt32(data.bitCount)
        let packetBytes = bytes.count + 5  // a packet size that is not page-aligned
        bytes += [UInt8](repeating: 0, count: 5)
        var sizes = BitWriter()
        sizes.u32(contentBits)
        sizes.u32(UInt32(packetBytes * 8))
        bytes.replaceSubrange(sizesAt / 8..<sizesAt / 8 + 8, with: sizes.bytes)
        return HandMadeTrace(name: "field-zoo", files: ["metadata": Array(text.utf8), "stream": bytes])
    }

    /// A big-endian trace: every multi-byte field and bit field reads most significant first.
    static var bigEndian: HandMadeTrace {
        let traceUUID = Self.uuid(0x13)
        let text = """
            /* CTF 1.8 */
            typealias integer { size = 8; align = 8; signed = false; } := uint8_t;
            typealias integer { size = 32; align = 8; signed = false; byte_order = native; } := uint32_t;
            typealias integer { size = 64; align = 8; signed = false; } := uint64_t;
            trace { major = 1; minor = 8; uuid = "\(traceUUID)"; byte_order = be;
            \tpacket.header := struct { uint32_t magic; uint8_t uuid[16]; }; };
            env { hostname = "bighost"; };
            clock { name = "monotonic"; freq = 1000000000; offset = \(LTTngTraceWriter.clockOffset); };
            typealias integer { size = 64; align = 8; signed = false; map = clock.monotonic.value; } := ts64;
            typealias integer { size = 20; align = 1; signed = false; map = clock.monotonic.value; } := ts20;
            stream {
            \tpacket.context := struct { ts64 timestamp_begin; ts64 timestamp_end; uint64_t content_size; uint64_t packet_size; uint32_t cpu_id; };
            \tevent.header := struct { integer { size = 4; align = 1; signed = false; } id; ts20 timestamp; } align(8);
            };
            event { name = "be:bits"; id = 3; fields := struct {
            \tinteger { size = 3; align = 1; signed = false; } a;
            \tinteger { size = 9; align = 1; signed = true; } b;
            \tinteger { size = 4; align = 1; signed = false; } nib;
            \tinteger { size = 4; align = 1; signed = false; byte_order = le; } c;
            \tinteger { size = 16; align = 8; signed = true; } d;
            \tuint32_t e;
            \tfloating_point { exp_dig = 11; mant_dig = 53; align = 8; } f;
            \tfloating_point { exp_dig = 8; mant_dig = 24; align = 8; byte_order = le; } g;
            }; };
            event { name = "be:other"; id = 9; fields := struct { uint8_t x; }; };

            """
        var w = BitWriter()
        w.write(UInt64(LTTngTraceWriter.packetMagic), bits: 32, bigEndian: true)
        w.raw(LTTngTraceWriter.uuidBytes(traceUUID))
        let begin: UInt64 = 0xF_FF00  // just below a 20-bit wrap
        w.write(begin, bits: 64, bigEndian: true)
        w.write(begin + 0x10_0000, bits: 64, bigEndian: true)
        let sizesAt = w.bitCount
        w.write(0, bits: 128)
        w.write(3, bits: 32, bigEndian: true)
        for (index, offset) in [0x10, 0x200, 0x300].enumerated() {
            let id: UInt64 = index == 2 ? 9 : 3
            w.write(id, bits: 4, bigEndian: true)
            w.write((begin + UInt64(offset)) & 0xF_FFFF, bits: 20, bigEndian: true)
            if id == 9 {
                w.u8(0x7F)
                continue
            }
            w.write(5, bits: 3, bigEndian: true)
            w.write(UInt64(bitPattern: Int64(-200 + index)) & 0x1FF, bits: 9, bigEndian: true)
            w.write(0x9, bits: 4, bigEndian: true)
            w.write(0xA, bits: 4)
            w.align(8)
            w.write(UInt64(UInt16(bitPattern: -2)), bits: 16, bigEndian: true)
            w.write(0x0102_0304, bits: 32, bigEndian: true)
            w.f64(Double(index) + 0.25, bigEndian: true)
            w.f32(-2.5)
        }
        var bytes = w.bytes
        var sizes = BitWriter()
        sizes.write(UInt64(w.bitCount), bits: 64, bigEndian: true)
        sizes.write(UInt64(bytes.count * 8), bits: 64, bigEndian: true)
        bytes.replaceSubrange(sizesAt / 8..<sizesAt / 8 + 16, with: sizes.bytes)
        return HandMadeTrace(name: "big-endian", files: ["metadata": Array(text.utf8), "stream_0": bytes])
    }

    /// A 1 MHz clock with both `offset_s` and a cycles `offset` larger than one second.
    static var clockFrequency: HandMadeTrace {
        let traceUUID = Self.uuid(0x14)
        let uuid = LTTngTraceWriter.uuidBytes(traceUUID)
        let clock = """
            clock {
            \tname = "monotonic";
            \tuuid = "11111111-2222-3333-4444-555555555555";
            \tfreq = 1000000;
            \toffset_s = 1767225000;
            \toffset = 600500001;
            };
            """
        let text =
            LTTngTraceWriter.preamble(uuid: traceUUID, environment: LTTngTraceWriter.uidEnvironment(), clock: clock)
            + specappStreamWithoutContext + specappEvents
        var packet = LTTngPacket(uuid: uuid, cpu: 0, begin: 3, end: 190_000_000)
        for k in 0..<4 {
            packet.event(1, at: 7 + UInt64(k) * 33_333_337, .largeExtended) { w in w.i32(Int32(k)) }
        }
        return HandMadeTrace(
            name: "clock-frequency", files: ["metadata": metadata(text, uuid: traceUUID), "chan0_0": packet.bytes()])
    }

    /// No clock, no packet header or context: no time on the lines, the file is one packet, and
    /// the streams come one after the other.
    static var noClock: HandMadeTrace {
        let text = """
            /* CTF 1.8 */
            trace { major = 1; minor = 8; byte_order = le; };
            stream { event.header := struct { integer { size = 32; align = 8; signed = false; } id; }; };
            event { name = "bare"; id = 0; fields := struct { integer { size = 16; align = 8; signed = false; } v; }; };
            event { name = "other"; id = 1; fields := struct { string s; }; };

            """
        var first = BitWriter()
        var second = BitWriter()
        for k in 0..<4 {
            first.u32(0)
            first.u16(UInt16(k))
            second.u32(1)
            second.string("s\(k)")
        }
        return HandMadeTrace(
            name: "no-clock", files: ["metadata": Array(text.utf8), "a_stream": first.bytes, "b_stream": second.bytes])
    }

    /// A clock-mapped payload field moves the stream's clock for the next events (and is not
    /// shown); an event's time is taken right after its header.
    static var clockInPayload: HandMadeTrace {
        let text = """
            /* CTF 1.8 */
            typealias integer { size = 32; align = 8; signed = false; } := uint32_t;
            typealias integer { size = 64; align = 8; signed = false; } := uint64_t;
            trace { major = 1; minor = 8; uuid = "\(Self.uuid(0x1b))"; byte_order = le; };
            clock { name = "c"; freq = 1000000000; offset_s = 1767225600; };
            typealias integer { size = 32; align = 8; signed = false; map = clock.c.value; } := ts32;
            typealias integer { size = 64; align = 8; signed = false; map = clock.c.value; } := ts64;
            stream { event.header := struct { uint32_t id; ts32 timestamp; }; };
            event { name = "with_clock"; id = 0; fields := struct { ts64 t; uint32_t x; }; };
            event { name = "plain"; id = 1; fields := struct { uint32_t x; }; };

            """
        var w = BitWriter()
        w.u32(0)
        w.u32(100)
        w.u64(0x1_0000_0000 + 50)
        w.u32(1)
        for (index, time) in [200, 300].enumerated() {
            w.u32(1)
            w.u32(UInt32(time))
            w.u32(UInt32(index + 2))
        }
        return HandMadeTrace(name: "clock-in-payload", files: ["metadata": Array(text.utf8), "stream": w.bytes])
    }
}
