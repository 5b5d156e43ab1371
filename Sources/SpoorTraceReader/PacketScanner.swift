/// What the header and context of one packet say (spec/ctf-lttng.md §4.1).
struct PacketPreamble {
    var streamClass: StreamClass
    var special: SpecialFieldValues
    /// The text of the packet context when babeltrace2 shows it, e.g. `{ cpu_id = 1 }`.
    var contextText: [UInt8]?

    /// Decodes the packet header and packet context at the start of `decoder.reader`.
    static func decode(
        _ decoder: inout FieldDecoder, traceClass: TraceClass, printingContext: Bool
    ) throws(DecodeError) -> PacketPreamble {
        decoder.special = SpecialFieldValues()
        var scratch: [UInt8] = []
        if let header = traceClass.packetHeader {
            try decoder.decode(header, printing: false, into: &scratch)
        }
        if let magic = decoder.special.magic, magic != 0xC1FC_1FC1 {
            throw DecodeError(byteOffset: 0, reason: "invalid CTF magic number 0x\(String(magic, radix: 16))")
        }
        let streamClass: StreamClass
        if let id = decoder.special.streamClassID {
            guard let found = traceClass.streamClasses[id] else {
                throw DecodeError(byteOffset: 0, reason: "packet of unknown stream class \(id)")
            }
            streamClass = found
        } else if traceClass.streamClasses.count == 1, let only = traceClass.streamClasses.values.first {
            streamClass = only
        } else {
            throw DecodeError(
                byteOffset: 0, reason: "packet header has no stream_id and there are several stream classes")
        }
        var contextText: [UInt8]?
        if let context = streamClass.packetContext {
            let shown = printingContext && context.isShown
            var text: [UInt8] = []
            try decoder.decode(context, printing: shown, into: &text)
            if shown { contextText = text }
        }
        return PacketPreamble(streamClass: streamClass, special: decoder.special, contextText: contextText)
    }
}

/// One packet of a stream file, found by scanning the file.
struct PacketEntry: Equatable {
    var path: String
    /// Byte offset of the packet in the file.
    var offset: Int
    var packetBytes: Int
    var contentBits: Int
    var beginTime: UInt64?
    var beginNanoseconds: Int64?
    var endTime: UInt64?
    var sequenceNumber: UInt64?

    /// babeltrace2's test for the same packet seen in two traces with one UUID (overlapping
    /// snapshots).
    func isDuplicate(of other: PacketEntry) -> Bool {
        packetBytes == other.packetBytes && beginTime == other.beginTime && endTime == other.endTime
            && sequenceNumber == other.sequenceNumber
    }
}

/// A packet to read, or the error met where the next packet should have been.
enum PacketSlot {
    case packet(PacketEntry)
    case failure(TraceReadError)

    var beginNanoseconds: Int64? {
        if case .packet(let entry) = self { entry.beginNanoseconds } else { nil }
    }
}

/// The packets of one stream file and the stream they belong to.
struct StreamFileScan {
    var streamClassID: UInt64
    var dataStreamID: UInt64?
    var packets: [PacketSlot]

    var firstBeginNanoseconds: Int64? { packets.first?.beginNanoseconds }
}

/// Finds the packets of a stream file by decoding each packet's header and context.
enum PacketScanner {
    /// A packet header and context larger than this is taken as corrupt (LTTng's are 84 bytes).
    static let maximumPreambleBytes = 1 << 20

    /// Scans a non-empty stream file. An error in the first packet is thrown (the file cannot be
    /// placed in a stream); a later one is kept as the last slot, to be thrown when reached.
    static func scan(path: String, size: Int, traceClass: TraceClass) throws(TraceReadError) -> StreamFileScan {
        var decoder = FieldDecoder(slotCount: traceClass.slotCount)
        var scan: StreamFileScan?
        var offset = 0
        while offset < size {
            do throws(TraceReadError) {
                let (entry, preamble) = try scanPacket(
                    path: path, offset: offset, fileSize: size, traceClass: traceClass, decoder: &decoder)
                if scan == nil {
                    scan = StreamFileScan(
                        streamClassID: preamble.streamClass.id, dataStreamID: preamble.special.dataStreamID,
                        packets: [])
                }
                scan?.packets.append(.packet(entry))
                offset += entry.packetBytes
            } catch {
                guard scan != nil else { throw error }
                scan?.packets.append(.failure(error))
                break
            }
        }
        guard let scan else { throw TraceReadError(path: path, byteOffset: 0, reason: "empty stream file") }
        return scan
    }

    /// Decodes the header and context of the packet at `offset` and checks its sizes.
    static func scanPacket(
        path: String, offset: Int, fileSize: Int, traceClass: TraceClass, decoder: inout FieldDecoder
    ) throws(TraceReadError) -> (PacketEntry, PacketPreamble) {
        let remaining = fileSize - offset
        // Headers are small; read more only when a preamble does not fit (strings, sequences).
        var chunk = min(remaining, 4096)
        var preamble: PacketPreamble
        while true {
            let bytes = try FileAccess.read(path, offset: offset, count: chunk)
            decoder.reader = BitReader(bytes: bytes)
            do throws(DecodeError) {
                preamble = try PacketPreamble.decode(&decoder, traceClass: traceClass, printingContext: false)
                break
            } catch {
                if error.isTruncation, chunk < min(remaining, maximumPreambleBytes), bytes.count == chunk {
                    chunk = min(remaining, maximumPreambleBytes, chunk * 4)
                    continue
                }
                throw error.located(in: path, at: offset)
            }
        }
        let preambleBits = decoder.reader.position
        let special = preamble.special
        let packetBits = special.packetSize ?? special.contentSize ?? UInt64(remaining) * 8
        let contentBits = special.contentSize ?? packetBits
        func failure(_ reason: String) -> TraceReadError {
            TraceReadError(path: path, byteOffset: offset, reason: reason)
        }
        guard contentBits <= packetBits else {
            throw failure(
                "packet content size (\(contentBits) bits) is greater than its packet size (\(packetBits) bits)")
        }
        guard packetBits % 8 == 0, packetBits > 0 else {
            throw failure("packet size of \(packetBits) bits is not a positive whole number of bytes")
        }
        guard packetBits / 8 <= UInt64(remaining) else {
            throw failure("packet of \(packetBits / 8) bytes runs past the end of the file (\(remaining) bytes left)")
        }
        guard UInt64(preambleBits) <= contentBits else {
            throw failure("packet header and context run past the packet content size")
        }
        var beginNanoseconds: Int64?
        if let begin = special.packetBeginTime, let clock = preamble.streamClass.defaultClock {
            guard let nanoseconds = traceClass.clocks[clock].nanosecondsFromOrigin(begin) else {
                throw failure("packet beginning time does not fit in 64-bit nanoseconds")
            }
            beginNanoseconds = nanoseconds
        }
        let entry = PacketEntry(
            path: path, offset: offset, packetBytes: Int(packetBits / 8), contentBits: Int(contentBits),
            beginTime: special.packetBeginTime, beginNanoseconds: beginNanoseconds, endTime: special.packetEndTime,
            sequenceNumber: special.packetSequenceNumber)
        return (entry, preamble)
    }
}
