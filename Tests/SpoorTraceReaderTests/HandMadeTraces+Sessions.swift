extension HandMadeTraces {
    /// `--tracefile-size` pieces of one CPU stream, used as a ring: `_2` holds the oldest packets.
    static var tracefilePieces: HandMadeTrace {
        let traceUUID = Self.uuid(0x15)
        let uuid = LTTngTraceWriter.uuidBytes(traceUUID)
        let text =
            LTTngTraceWriter.preamble(uuid: traceUUID, environment: LTTngTraceWriter.uidEnvironment())
            + specappStreamWithoutContext + specappEvents
        var files = ["metadata": metadata(text, uuid: traceUUID)]
        for (piece, firstSequence) in [(2, 4), (0, 6), (1, 8)] {
            var data: [UInt8] = []
            for sequence in firstSequence..<firstSequence + 2 {
                let begin = UInt64(sequence) * 1_000_000
                var packet = LTTngPacket(uuid: uuid, cpu: 0, begin: begin, end: begin + 900_000)
                packet.sequenceNumber = UInt64(sequence)
                for k in 0..<3 {
                    packet.event(1, at: begin + 100 + UInt64(k) * 1_000) { w in w.i32(Int32(sequence * 10 + k)) }
                }
                data += packet.bytes()
            }
            files["chan0_0_\(piece)"] = data
        }
        return HandMadeTrace(name: "tracefile-pieces", files: files)
    }

    /// A session directory: two rotation chunks of one per-UID trace (same UUID, merged), two
    /// overlapping snapshots of another (a packet present in both is shown once) and a per-PID
    /// trace, all muxed.
    static var session: HandMadeTrace {
        var files: [String: [UInt8]] = [:]
        let uid = LTTngTraceWriter.uuidBytes(Self.uuid(0x16))
        let uidText =
            LTTngTraceWriter.preamble(uuid: Self.uuid(0x16), environment: LTTngTraceWriter.uidEnvironment())
            + specappStreamWithoutContext + specappEvents
        for chunk in 0..<2 {
            let directory = "archives/20260101T000000+0000-20260101T000001+0000-\(chunk)/ust/uid/0/64-bit/"
            files[directory + "metadata"] = metadata(uidText, uuid: Self.uuid(0x16))
            for cpu: UInt32 in [0, 1] {
                let begin = UInt64(chunk) * 1_000_000 + UInt64(cpu) * 50
                var packet = LTTngPacket(uuid: uid, cpu: cpu, begin: begin, end: begin + 900_000)
                packet.sequenceNumber = UInt64(chunk)
                for k in 0..<4 {
                    packet.event(0, at: begin + 1_000 + UInt64(k) * 100_000) { w in evAll(&w, chunk * 10 + k) }
                }
                files[directory + "chan0_\(cpu)"] = packet.bytes()
            }
        }
        let snapshotUUID = LTTngTraceWriter.uuidBytes(Self.uuid(0x17))
        let snapshotText =
            LTTngTraceWriter.preamble(
                uuid: Self.uuid(0x17), environment: LTTngTraceWriter.uidEnvironment(hostname: "\"snaphost\""))
            + specappStreamWithoutContext + specappEvents
        let snapshotPackets: [LTTngPacket] = (0..<3).map { sequence in
            let begin = UInt64(sequence) * 300_000 + 10
            var packet = LTTngPacket(uuid: snapshotUUID, cpu: 0, begin: begin, end: begin + 290_000)
            packet.sequenceNumber = UInt64(sequence) + 100
            for k in 0..<2 {
                packet.event(1, at: begin + 5 + UInt64(k) * 1000) { w in w.i32(Int32(sequence * 100 + k)) }
            }
            return packet
        }
        files["snapshot-1-20260101-000000-0/ust/uid/0/64-bit/metadata"] = metadata(snapshotText, uuid: Self.uuid(0x17))
        files["snapshot-1-20260101-000000-0/ust/uid/0/64-bit/chan0_0"] =
            snapshotPackets[0].bytes() + snapshotPackets[1].bytes()
        files["snapshot-1-20260101-000002-1/ust/uid/0/64-bit/metadata"] = metadata(snapshotText, uuid: Self.uuid(0x17))
        files["snapshot-1-20260101-000002-1/ust/uid/0/64-bit/chan0_0"] =
            snapshotPackets[1].bytes() + snapshotPackets[2].bytes()
        let pidTrace = lttngPerPID
        for (name, bytes) in pidTrace.files {
            files["ust/pid/specapp-5831-20260101-000001/" + name] = bytes
        }
        return HandMadeTrace(name: "session", files: files)
    }

    /// Discarded events (the counter grows) and a gap in packet sequence numbers, with empty text
    /// sequences: the extra messages change babeltrace2's batches and so its object reuse.
    static var discardedAndGaps: HandMadeTrace {
        let traceUUID = Self.uuid(0x18)
        let uuid = LTTngTraceWriter.uuidBytes(traceUUID)
        let text =
            LTTngTraceWriter.preamble(uuid: traceUUID, environment: LTTngTraceWriter.uidEnvironment())
            + specappStreamWithoutContext + specappEvents
        var files = ["metadata": metadata(text, uuid: traceUUID)]
        for cpu: UInt32 in [0, 1] {
            var data: [UInt8] = []
            var discarded: UInt64 = 0
            var i = 0
            for (index, sequence) in [0, 1, 2, 5, 6].enumerated() {
                let begin = UInt64(index) * 1_000_000 + UInt64(cpu)
                var packet = LTTngPacket(uuid: uuid, cpu: cpu, begin: begin, end: begin + 999_000)
                packet.sequenceNumber = UInt64(sequence)
                if cpu == 0, index == 2 || index == 3 { discarded += 13 }
                packet.discardedEvents = discarded
                for k in 0..<(3 + index * 2) {
                    packet.event(0, at: begin + 10 + UInt64(k) * 20_000, k == 0 ? .largeExtended : .largeCompact) { w in
                        evAll(&w, i)
                    }
                    i += 1
                }
                data += packet.bytes()
            }
            files["chan0_\(cpu)"] = data
        }
        return HandMadeTrace(name: "discarded-and-gaps", files: files)
    }

    /// Four CPUs, many events each, interleaved: exercises babeltrace2's batching over several
    /// streams.
    static var manyStreams: HandMadeTrace {
        let traceUUID = Self.uuid(0x19)
        let uuid = LTTngTraceWriter.uuidBytes(traceUUID)
        let text =
            LTTngTraceWriter.preamble(uuid: traceUUID, environment: LTTngTraceWriter.uidEnvironment())
            + specappStream + specappEvents
        var files = ["metadata": metadata(text, uuid: traceUUID)]
        for cpu: UInt32 in 0..<4 {
            var data: [UInt8] = []
            var i = Int(cpu)
            for packetIndex in 0..<2 {
                let begin = UInt64(packetIndex) * 10_000_000
                var packet = LTTngPacket(uuid: uuid, cpu: cpu, begin: begin, end: begin + 9_000_000)
                packet.sequenceNumber = UInt64(packetIndex)
                let count = [7, 23, 2, 31][Int(cpu)]
                for k in 0..<count {
                    let time = begin + 1_000 + UInt64(k) * UInt64(3_000 + cpu * 1_117)
                    packet.event(k % 5 == 4 ? 1 : 0, at: time, k == 0 ? .largeExtended : .largeCompact) { w in
                        context(&w, vpid: 100 + Int32(cpu), procname: "cpu\(cpu)")
                        if k % 5 == 4 { w.i32(Int32(i)) } else { evAll(&w, i) }
                    }
                    i += 3
                }
                data += packet.bytes()
            }
            files["chan0_\(cpu)"] = data
        }
        return HandMadeTrace(name: "many-streams", files: files)
    }

    /// Traces whose env has only some of `hostname`, `procname` and `vpid`.
    static var prefixVariants: HandMadeTrace {
        var files: [String: [UInt8]] = [:]
        let variants: [(String, String, [(String, String)])] = [
            ("none", "0c5e6f00-1111-4222-8333-000000000001", []),
            ("proc-only", "0c5e6f00-1111-4222-8333-000000000002", [("procname", "\"pp\"")]),
            ("vpid-only", "0c5e6f00-1111-4222-8333-000000000003", [("vpid", "7")]),
            ("proc-vpid", "0c5e6f00-1111-4222-8333-000000000004", [("procname", "\"pp\""), ("vpid", "-8")]),
            ("host-vpid", "0c5e6f00-1111-4222-8333-000000000005", [("hostname", "\"h\""), ("vpid", "9")]),
        ]
        for (index, (name, uuidText, environment)) in variants.enumerated() {
            let uuid = LTTngTraceWriter.uuidBytes(uuidText)
            let text =
                LTTngTraceWriter.preamble(uuid: uuidText, environment: environment)
                + specappStreamWithoutContext + specappEvents
            var packet = LTTngPacket(uuid: uuid, cpu: 0, begin: 0, end: 100_000)
            packet.event(1, at: 1_000 + UInt64(index)) { w in w.i32(Int32(index)) }
            files[name + "/metadata"] = metadata(text, uuid: uuidText)
            files[name + "/chan0_0"] = packet.bytes()
        }
        return HandMadeTrace(name: "prefix-variants", files: files)
    }

    /// Many events whose text sequences (top level, in array elements, in a variant option) are
    /// often empty: shows which earlier text babeltrace2's recycled event objects bring back.
    static var recycledText: HandMadeTrace {
        let traceUUID = Self.uuid(0x1a)
        let uuid = LTTngTraceWriter.uuidBytes(traceUUID)
        let text =
            LTTngTraceWriter.preamble(uuid: traceUUID, environment: LTTngTraceWriter.uidEnvironment())
            + specappStreamWithoutContext
                + """
                event {
                \tname = "recycle:text";
                \tid = 0;
                \tstream_id = 0;
                \tfields := struct {
                \t\tinteger { size = 8; align = 8; signed = 0; } _n;
                \t\tstruct {
                \t\t\tinteger { size = 8; align = 8; signed = 0; } _len;
                \t\t\tinteger { size = 8; align = 8; signed = 0; encoding = UTF8; } _txt[ _len ];
                \t\t} _items[ _n ];
                \t\tenum : integer { size = 8; align = 8; signed = 0; } { "A", "B" } _kind;
                \t\tvariant <_kind> {
                \t\t\tstring A;
                \t\t\tstruct {
                \t\t\t\tinteger { size = 8; align = 8; signed = 0; } _len2;
                \t\t\t\tinteger { size = 8; align = 8; signed = 0; encoding = UTF8; } _txt2[ _len2 ];
                \t\t\t} B;
                \t\t} _choice;
                \t\tinteger { size = 8; align = 8; signed = 0; } _fixed_len;
                \t\tinteger { size = 8; align = 8; signed = 0; encoding = UTF8; } _top[ _fixed_len ];
                \t};
                };

                """
        var random: UInt32 = 12345
        func next(_ bound: UInt32) -> Int {
            random = random &* 1_103_515_245 &+ 12345
            return Int((random >> 16) % bound)
        }
        var files = ["metadata": metadata(text, uuid: traceUUID)]
        for cpu: UInt32 in 0..<2 {
            var packet = LTTngPacket(uuid: uuid, cpu: cpu, begin: 0, end: 10_000_000)
            for k in 0..<60 {
                packet.event(0, at: 1_000 + UInt64(k) * 10_000 + UInt64(cpu) * 3_333) { w in
                    let count = next(4)
                    w.u8(UInt8(count))
                    for item in 0..<count {
                        let length = next(3)
                        w.u8(UInt8(length))
                        w.raw(Array("\(k)-\(item)-abc".utf8.prefix(length)))
                    }
                    let kind = next(2)
                    w.u8(UInt8(kind))
                    if kind == 0 {
                        w.string("a\(k)")
                    } else {
                        let length = next(2) * 3
                        w.u8(UInt8(length))
                        w.raw(Array("b\(k)xyzw".utf8.prefix(length)))
                    }
                    let top = next(2) * 4
                    w.u8(UInt8(top))
                    w.raw(Array("t\(k)....".utf8.prefix(top)))
                }
            }
            files["chan0_\(cpu)"] = packet.bytes()
        }
        return HandMadeTrace(name: "recycled-text", files: files)
    }
}
