/// Produces the messages of one stream, decoding packets and events in file order.
///
/// ```
///  start ──▶ stream beginning ──▶ [next packet] ──▶ events … ──▶ packet end ──┐
///                                     ▲  │ no packet left                      │
///                                     │  └──▶ stream end ──▶ ended             │
///                                     └────────────────────────────────────────┘
/// ```
struct StreamCursor {
    private enum State {
        case start
        case betweenPackets
        case inPacket
        case ended
    }

    private struct OpenPacket {
        var path: String
        var offset: Int
        var streamClass: StreamClass
        var contextText: [UInt8]?
        var special: SpecialFieldValues
    }

    /// Values of the previous packet that decide discarded-events and discarded-packets messages.
    private struct PreviousPacket {
        var discardedEvents: UInt64?
        var sequenceNumber: UInt64?
        var endTime: UInt64?
    }

    let group: StreamGroup
    let traceClass: TraceClass
    let traceIndex: Int
    /// The compiled steps of the trace's events.
    let plan: TracePlan
    private var state = State.start
    private var nextPacket = 0
    private var decoder: FieldDecoder
    private var packet: OpenPacket?
    private var previous: PreviousPacket?
    private var outbox: [StreamMessage] = []
    /// What decoding an event of the open packet needs, kept apart from `packet` so that no
    /// event copies the whole packet description.
    private var current = CurrentPacket()
    /// Where each event's text is written before it is copied into the event's own buffer.
    private var scratch = EventTextScratch()

    private struct CurrentPacket {
        var classPlan = StreamClassPlan()
        var streamClassID: UInt64 = 0
        var contextText: [UInt8]?
        var clock: ClockClass?
    }
    /// An error met after some messages were handed out; thrown on the next call.
    private var pendingError: TraceReadError?

    init(group: StreamGroup, traceClass: TraceClass, traceIndex: Int, plan: TracePlan) {
        self.group = group
        self.traceClass = traceClass
        self.traceIndex = traceIndex
        self.plan = plan
        self.decoder = FieldDecoder(slotCount: traceClass.slotCount)
    }

    /// Up to `capacity` messages, as babeltrace2's CTF source hands them out in one batch; an
    /// error after the first message is returned with the messages before it.
    mutating func nextBatch(
        capacity: Int, pool: inout EventObjectPool
    ) -> (messages: [StreamMessage], error: TraceReadError?) {
        var messages: [StreamMessage] = []
        if let pendingError {
            self.pendingError = nil
            state = .ended
            return ([], pendingError)
        }
        while messages.count < capacity {
            do throws(TraceReadError) {
                guard let message = try nextMessage(pool: &pool) else { break }
                messages.append(message)
            } catch {
                if messages.isEmpty {
                    state = .ended
                    return ([], error)
                }
                pendingError = error
                break
            }
        }
        return (messages, nil)
    }

    /// The next message, or nil at the end of the stream.
    mutating func nextMessage(pool: inout EventObjectPool) throws(TraceReadError) -> StreamMessage? {
        if !outbox.isEmpty { return outbox.removeFirst() }
        switch state {
        case .start:
            state = .betweenPackets
            return StreamMessage(kind: .streamBeginning)
        case .betweenPackets:
            guard nextPacket < group.packets.count else {
                state = .ended
                return StreamMessage(kind: .streamEnd)
            }
            let slot = group.packets[nextPacket]
            nextPacket += 1
            try open(slot)
            state = .inPacket
            return outbox.removeFirst()
        case .inPacket:
            // The open packet is not copied per event: its hot parts are in `current`.
            if let path = packet?.path, let offset = packet?.offset, decoder.reader.position < decoder.reader.limit {
                do throws(DecodeError) {
                    return try decodeEvent(pool: &pool)
                } catch {
                    throw error.located(in: path, at: offset)
                }
            }
            guard let packet else { return nil }
            state = .betweenPackets
            previous = PreviousPacket(
                discardedEvents: packet.special.discardedEvents,
                sequenceNumber: packet.special.packetSequenceNumber, endTime: packet.special.packetEndTime)
            self.packet = nil
            return StreamMessage(kind: .packetEnd, nanoseconds: try time(packet.special.packetEndTime, packet))
        case .ended:
            return nil
        }
    }

    /// Nanoseconds from the origin of a clock value of the stream's clock.
    private func time(_ cycles: UInt64?, _ packet: OpenPacket) throws(TraceReadError) -> Int64? {
        guard let cycles, let clock = packet.streamClass.defaultClock else { return nil }
        guard let nanoseconds = traceClass.clocks[clock].nanosecondsFromOrigin(cycles) else {
            throw TraceReadError(
                path: packet.path, byteOffset: packet.offset, reason: "time does not fit in 64-bit nanoseconds")
        }
        return nanoseconds
    }

    /// Reads a packet and queues its discarded-events, discarded-packets and beginning messages.
    private mutating func open(_ slot: PacketSlot) throws(TraceReadError) {
        let entry: PacketEntry
        switch slot {
        case .packet(let found): entry = found
        case .failure(let error): throw error
        }
        let bytes = try FileAccess.read(entry.path, offset: entry.offset, count: entry.packetBytes)
        guard bytes.count == entry.packetBytes else {
            throw TraceReadError(
                path: entry.path, byteOffset: entry.offset + bytes.count, reason: "file shrank while being read")
        }
        decoder.reader = BitReader(bytes: bytes, limit: entry.contentBits)
        let preamble: PacketPreamble
        do throws(DecodeError) {
            preamble = try PacketPreamble.decode(&decoder, traceClass: traceClass, printingContext: true)
        } catch {
            throw error.located(in: entry.path, at: entry.offset)
        }
        guard let classPlan = plan.streamClasses[preamble.streamClass.id] else {
            throw TraceReadError(path: entry.path, byteOffset: entry.offset, reason: "stream class without a plan")
        }
        let opened = OpenPacket(
            path: entry.path, offset: entry.offset, streamClass: preamble.streamClass,
            contextText: preamble.contextText, special: preamble.special)
        packet = opened
        current = CurrentPacket(
            classPlan: classPlan, streamClassID: preamble.streamClass.id, contextText: preamble.contextText,
            clock: preamble.streamClass.defaultClock.map { traceClass.clocks[$0] })
        let special = preamble.special

        // babeltrace2 reports events lost since the previous packet (or before the first one).
        if let discarded = special.discardedEvents {
            if let previous, let before = previous.discardedEvents {
                if discarded != before {
                    outbox.append(
                        StreamMessage(kind: .discardedEvents, nanoseconds: try time(previous.endTime, opened)))
                }
            } else if discarded != 0 {
                outbox.append(
                    StreamMessage(kind: .discardedEvents, nanoseconds: try time(special.packetBeginTime, opened)))
            }
        }
        if let sequence = special.packetSequenceNumber, let previous, let before = previous.sequenceNumber,
            sequence &- before > 1
        {
            outbox.append(StreamMessage(kind: .discardedPackets, nanoseconds: try time(previous.endTime, opened)))
        }
        outbox.append(StreamMessage(kind: .packetBeginning, nanoseconds: try time(special.packetBeginTime, opened)))
    }

    private mutating func decodeEvent(pool: inout EventObjectPool) throws(DecodeError) -> StreamMessage {
        let start = decoder.reader.position
        decoder.special.eventClassID = nil
        scratch.removeAll()
        if let header = current.classPlan.header {
            try decoder.run(header, plan.plan, packetContext: nil, into: &scratch)
        }
        let id: UInt64
        if let decoded = decoder.special.eventClassID {
            id = decoded
        } else if let only = current.classPlan.onlyEventClassID {
            id = only
        } else {
            throw decoder.reader.failure("event header gives no event class ID")
        }
        guard let eventPlan = current.classPlan.event(id) else {
            throw decoder.reader.failure("no event class with ID \(id) in stream class \(current.streamClassID)")
        }
        var nanoseconds: Int64?
        if let clock = current.clock {
            guard let value = clock.nanosecondsFromOrigin(decoder.clockValue) else {
                throw decoder.reader.failure("event time does not fit in 64-bit nanoseconds")
            }
            nanoseconds = value
        }

        if eventPlan.usesEventObject { decoder.eventObject = pool.take(eventPlan.classIndex) }
        scratch.removeAll()
        try decoder.run(eventPlan.body, plan.plan, packetContext: current.contextText, into: &scratch)
        guard decoder.reader.position > start else {
            // Nothing would ever move the stream forward.
            throw decoder.reader.failure("event record takes no space")
        }
        var text = pool.takeBuffer()
        text.append(contentsOf: scratch.bytes)
        var object: EventObject?
        if eventPlan.usesEventObject {
            object = decoder.eventObject
            // The message holds the only reference, so that the next use of the object mutates
            // it in place.
            decoder.eventObject = EventObject()
        }
        let event = DecodedEvent(classIndex: eventPlan.classIndex, text: text, object: object)
        return StreamMessage(kind: .event, nanoseconds: nanoseconds, event: event)
    }
}
