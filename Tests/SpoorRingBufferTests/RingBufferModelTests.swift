import SpoorRingBuffer
import SpoorTestSupport
import Testing

/// A plain reference model of one ring buffer in discard mode, written from the documented rules
/// rather than from the implementation: positions, packets, completion and the discarded count.
struct RingBufferModel {
    struct Packet: Equatable {
        var begin: UInt64
        var end: UInt64? = nil
        var dataSize: Int? = nil
        var discarded: UInt64? = nil
        var records: [TestRecord] = []
        var pendingCommits = 0
        var isComplete: Bool { dataSize != nil && pendingCommits == 0 }
    }

    /// Where a reservation of a given size goes, decided before it is made.
    enum Placement: Equatable {
        case dropped
        /// Into the open packet.
        case appended(start: UInt64)
        /// Opens a packet at `start - packetHeaderSize`, closing the open one if `closing`.
        case opened(start: UInt64, closing: Bool)
    }

    let subbufferSize: UInt64
    let ringSize: UInt64
    var writePosition: UInt64 = 0
    var consumedPosition: UInt64 = 0
    var discardedRecords: UInt64 = 0
    var lastTimestamp: UInt64 = 0
    var packets: [UInt64: Packet] = [:]

    init(subbufferSize: Int, subbufferCount: Int) {
        self.subbufferSize = UInt64(subbufferSize)
        self.ringSize = UInt64(subbufferSize * subbufferCount)
    }

    var header: UInt64 { UInt64(RingBufferLayout.packetHeaderSize) }

    func hasRoom(forPacketAt start: UInt64) -> Bool {
        start + subbufferSize - consumedPosition <= ringSize
    }

    func placement(ofRecordSized size: Int) -> Placement {
        let size = UInt64(size)
        let offset = writePosition % subbufferSize
        if offset != 0 && offset + size <= subbufferSize { return .appended(start: writePosition) }
        let start = offset == 0 ? writePosition : writePosition - offset + subbufferSize
        guard header + size <= subbufferSize, hasRoom(forPacketAt: start) else { return .dropped }
        return .opened(start: start + header, closing: offset != 0)
    }

    mutating func drop() { discardedRecords += 1 }

    /// Applies an accepted reservation; returns (needsFullTimestamp, completedPrevious, packet).
    mutating func reserve(_ record: TestRecord, at placement: Placement) -> (Bool, Bool, UInt64) {
        let now = record.timestamp
        var needsFull: Bool
        var completedPrevious = false
        let start: UInt64
        switch placement {
        case .dropped:
            preconditionFailure("a dropped record reserves nothing")
        case .appended(let at):
            start = at
            needsFull = lastTimestamp > now || now - lastTimestamp >= 1 << 32
        case .opened(let at, let closing):
            start = at
            needsFull = true
            if closing {
                let previous = writePosition / subbufferSize
                close(previous, dataSize: Int(writePosition % subbufferSize), at: now)
                completedPrevious = packets[previous]!.isComplete
            }
            packets[start / subbufferSize] = Packet(begin: now)
        }
        let sequence = start / subbufferSize
        packets[sequence]!.records.append(record)
        packets[sequence]!.pendingCommits += 1
        writePosition = start + UInt64(record.size)
        lastTimestamp = now
        if writePosition % subbufferSize == 0 {
            close(sequence, dataSize: Int(subbufferSize), at: now)
        }
        return (needsFull, completedPrevious, sequence)
    }

    /// Returns whether the commit completes its packet.
    mutating func commit(packet sequence: UInt64) -> Bool {
        packets[sequence]!.pendingCommits -= 1
        return packets[sequence]!.isComplete
    }

    mutating func close(_ sequence: UInt64, dataSize: Int, at now: UInt64) {
        packets[sequence]!.end = now
        packets[sequence]!.dataSize = dataSize
        packets[sequence]!.discarded = discardedRecords
    }

    mutating func flush(allowEmpty: Bool, at now: UInt64) -> Bool {
        let offset = writePosition % subbufferSize
        if offset == 0 {
            guard allowEmpty, hasRoom(forPacketAt: writePosition) else { return false }
            packets[writePosition / subbufferSize] = Packet(
                begin: now, end: now, dataSize: Int(header), discarded: discardedRecords)
            writePosition += subbufferSize
            return true
        }
        close(writePosition / subbufferSize, dataSize: Int(offset), at: now)
        writePosition += subbufferSize - offset
        return true
    }

    var readablePacket: (sequence: UInt64, packet: Packet)? {
        let sequence = consumedPosition / subbufferSize
        guard let packet = packets[sequence], packet.isComplete else { return nil }
        return (sequence, packet)
    }

    mutating func release() {
        packets[consumedPosition / subbufferSize] = nil
        consumedPosition += subbufferSize
    }
}

@Suite("Ring buffer against a reference model")
struct RingBufferModelTests {
    struct Pending {
        var reservation: RingBuffer.Reservation
        var packet: UInt64
    }

    @Test(
        "a long random single-threaded run matches the model exactly, and no record is lost or altered",
        arguments: [(1, 4, 4096), (2, 2, 4096), (3, 8, 4096), (4, 1, 4096), (5, 4, 8192)])
    func randomRunMatchesModel(seed: UInt64, subbufferCount: Int, subbufferSize: Int) throws {
        try withRingBuffer(subbufferSize: subbufferSize, subbufferCount: subbufferCount) { buffer in
            var random = SplitMix64(seed: seed)
            var model = RingBufferModel(subbufferSize: subbufferSize, subbufferCount: subbufferCount)
            let clock = CountingClock(start: 1_000_000, step: 0)
            var pending: [Pending] = []
            var attempted = 0
            var reservedRecords: [TestRecord] = []
            var consumedRecords: [TestRecord] = []
            var packetsRead = 0

            func consume(all: Bool) throws {
                repeat {
                    let expected = model.readablePacket
                    let packet = buffer.nextReadablePacket()
                    guard let expected, let packet else {
                        #expect(packet == nil, "readable before the model says it is complete")
                        #expect(expected == nil, "complete in the model but not readable")
                        return
                    }
                    #expect(packet.sequenceNumber == expected.sequence)
                    #expect(
                        packet.offset == buffer.layout.headerSize + Int(
                            expected.sequence % UInt64(subbufferCount)) * subbufferSize)
                    #expect(packet.dataSize == expected.packet.dataSize)
                    #expect(packet.timestampBegin == expected.packet.begin)
                    #expect(packet.timestampEnd == expected.packet.end)
                    #expect(packet.discardedRecords == expected.packet.discarded)
                    let found = try records(in: packet, of: buffer)
                    #expect(found == expected.packet.records)
                    consumedRecords += found
                    packetsRead += 1
                    buffer.releasePacket()
                    model.release()
                } while all
            }

            func commit(_ index: Int) {
                let entry = pending.remove(at: index)
                #expect(buffer.commit(entry.reservation) == model.commit(packet: entry.packet))
            }

            for _ in 0..<20_000 {
                let operation = random.next() % 100
                switch operation {
                case 0..<55:
                    let offset = Int(buffer.writePosition % UInt64(subbufferSize))
                    let choice = random.next() % 100
                    let size: Int
                    if choice < 85 {
                        size = Int.random(in: 32...600, using: &random)
                    } else if choice < 93 {
                        size = Int.random(in: 600...subbufferSize - 84, using: &random)
                    } else if choice < 96 {
                        size =
                            offset != 0 && subbufferSize - offset >= 32
                            ? subbufferSize - offset : subbufferSize - 84
                    } else {
                        size = Int.random(in: subbufferSize - 83...subbufferSize + 500, using: &random)
                    }
                    clock.step =
                        random.next() % 200 == 0
                        ? (1 << 32) + random.next() % 1000 : UInt64.random(in: 0...1000, using: &random)
                    attempted += 1
                    let placement = model.placement(ofRecordSized: size)
                    guard let reservation = buffer.reserve(size, clock: clock.read) else {
                        #expect(placement == .dropped)
                        model.drop()
                        break
                    }
                    let record = TestRecord(
                        size: size, producer: 0, sequence: UInt64(attempted), timestamp: reservation.timestamp)
                    let expectedStart: UInt64
                    switch placement {
                    case .dropped:
                        Issue.record("reserved \(size) bytes where the model drops them")
                        return
                    case .appended(let start), .opened(let start, _):
                        expectedStart = start
                    }
                    #expect(
                        reservation.offset(in: buffer) == buffer.layout.headerSize
                            + Int(expectedStart % model.ringSize))
                    let (needsFull, completedPrevious, packet) = model.reserve(record, at: placement)
                    #expect(reservation.needsFullTimestamp == needsFull)
                    #expect(reservation.completedPrevious == completedPrevious)
                    record.write(to: reservation.address)
                    reservedRecords.append(record)
                    pending.append(Pending(reservation: reservation, packet: packet))
                    if pending.count > 4 || random.next() % 4 != 0 {
                        commit(pending.count - 1)
                    }
                case 55..<70:
                    if !pending.isEmpty { commit(Int.random(in: 0..<pending.count, using: &random)) }
                case 70..<92:
                    try consume(all: random.next() % 2 == 0)
                default:
                    let allowEmpty = random.next() % 2 == 0
                    clock.step = UInt64.random(in: 0...1000, using: &random)
                    let flushed = buffer.flush(allowEmpty: allowEmpty, clock: clock.read)
                    #expect(flushed == model.flush(allowEmpty: allowEmpty, at: clock.now))
                }
                #expect(buffer.writePosition == model.writePosition)
                #expect(buffer.consumedPosition == model.consumedPosition)
                #expect(buffer.discardedRecordCount == model.discardedRecords)
            }

            while !pending.isEmpty { commit(Int.random(in: 0..<pending.count, using: &random)) }
            let flushed = buffer.flush(allowEmpty: false, clock: clock.read)
            #expect(flushed == model.flush(allowEmpty: false, at: clock.now))
            try consume(all: true)
            #expect(buffer.isDrained)
            #expect(model.packets.isEmpty)
            #expect(
                consumedRecords == reservedRecords, "every record, intact, once, in reservation order")
            #expect(reservedRecords.count + Int(buffer.discardedRecordCount) == attempted)
            #expect(packetsRead > 20)
            #expect(buffer.discardedRecordCount > 0, "the run should exercise discarding")
        }
    }
}
