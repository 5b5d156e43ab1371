import SpoorModel
import SpoorTestSupport
import SpoorWire
import Testing

/// What the decoder made of one mutated input.
struct FuzzTally: CustomStringConvertible {
    var decoded = 0
    var truncated = 0
    var invalidValue = 0
    var tooLarge = 0
    var trailingBytes = 0

    var rejected: Int { truncated + invalidValue + tooLarge + trailingBytes }
    var description: String {
        "decoded \(decoded), truncated \(truncated), invalid \(invalidValue), too large \(tooLarge), "
            + "trailing \(trailingBytes)"
    }
}

/// Counts that, written over a length field, aim at the allocation and bounds checks.
private let hostileCounts: [UInt32] = [
    UInt32.max, 0x8000_0000, UInt32(WireReader.maximumCount), UInt32(WireReader.maximumCount) + 1,
    0x00FF_FFFF, 0,
]

func mutate(_ seed: [UInt8], using generator: inout SplitMix64) -> [UInt8] {
    var bytes = seed
    for _ in 0..<Int.random(in: 1...3, using: &generator) {
        switch Int.random(in: 0..<7, using: &generator) {
        case 0 where !bytes.isEmpty:  // flip one bit
            let index = Int.random(in: bytes.indices, using: &generator)
            bytes[index] ^= 1 << UInt8.random(in: 0..<8, using: &generator)
        case 1 where !bytes.isEmpty:  // replace one byte
            bytes[Int.random(in: bytes.indices, using: &generator)] = UInt8.random(
                in: 0...255, using: &generator)
        case 2:  // truncate
            bytes.removeLast(Int.random(in: 0...bytes.count, using: &generator))
        case 3:  // insert a few random bytes
            let index = Int.random(in: 0...bytes.count, using: &generator)
            let inserted = (0..<Int.random(in: 1...4, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            bytes.insert(contentsOf: inserted, at: index)
        case 4 where !bytes.isEmpty:  // delete a run
            let start = Int.random(in: bytes.indices, using: &generator)
            let end = Int.random(in: start...min(bytes.count, start + 8), using: &generator)
            bytes.removeSubrange(start..<end)
        case 5 where bytes.count >= 4:  // write a hostile count
            let index = Int.random(in: 0...(bytes.count - 4), using: &generator)
            let count = hostileCounts.randomElement(using: &generator)!
            bytes.replaceSubrange(index..<index + 4, with: littleEndian(count))
        case 6 where !bytes.isEmpty:  // duplicate a run
            let start = Int.random(in: bytes.indices, using: &generator)
            let end = Int.random(in: start...min(bytes.count, start + 16), using: &generator)
            bytes.insert(
                contentsOf: bytes[start..<end], at: Int.random(in: 0...bytes.count, using: &generator))
        default:
            bytes.append(UInt8.random(in: 0...255, using: &generator))
        }
    }
    return bytes
}

/// Decodes `iterations` mutations of the seeds' encodings: decoding never traps, and whatever
/// decodes re-encodes to something that decodes to the same value.
func fuzz<T: WireCodable & Equatable>(
    _: T.Type, seeds: [T], iterations: Int, seed: UInt64,
    sourceLocation: SourceLocation = #_sourceLocation
) -> FuzzTally {
    var generator = SplitMix64(seed: seed)
    let encodings = seeds.map(\.wireBytes)
    var tally = FuzzTally()
    for _ in 0..<iterations {
        let input = mutate(encodings.randomElement(using: &generator)!, using: &generator)
        do {
            let value = try T.decode(input)
            tally.decoded += 1
            let again = try? T.decode(value.wireBytes)
            #expect(again == value, "unstable after decoding \(input)", sourceLocation: sourceLocation)
        } catch {
            switch error {
            case .truncated: tally.truncated += 1
            case .invalidValue: tally.invalidValue += 1
            case .tooLarge: tally.tooLarge += 1
            case .trailingBytes: tally.trailingBytes += 1
            }
        }
    }
    return tally
}

@Suite("Mutation fuzzing of the decoders")
struct WireFuzzTests {
    static let iterations = 4000

    /// The mutations reach every check: some inputs still decode, and each kind of refusal occurs.
    func expectEveryOutcome(_ tally: FuzzTally, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(tally.decoded + tally.rejected == Self.iterations, sourceLocation: sourceLocation)
        #expect(tally.decoded > 0, "\(tally)", sourceLocation: sourceLocation)
        #expect(tally.truncated > 0, "\(tally)", sourceLocation: sourceLocation)
        #expect(tally.invalidValue > 0, "\(tally)", sourceLocation: sourceLocation)
        #expect(tally.tooLarge > 0, "\(tally)", sourceLocation: sourceLocation)
        #expect(tally.trailingBytes > 0, "\(tally)", sourceLocation: sourceLocation)
    }

    @Test("mutated control requests never trap the decoder")
    func controlRequests() {
        let tally = fuzz(
            ControlRequest.self, seeds: Samples.controlRequests, iterations: Self.iterations, seed: 1)
        expectEveryOutcome(tally)
    }

    @Test("mutated control replies never trap the decoder")
    func controlReplies() {
        let tally = fuzz(
            ControlReply.self, seeds: Samples.controlReplies, iterations: Self.iterations, seed: 2)
        expectEveryOutcome(tally)
    }

    @Test("mutated app messages never trap the decoder")
    func appMessages() {
        let tally = fuzz(
            AppMessage.self, seeds: Samples.appMessages, iterations: Self.iterations, seed: 3)
        expectEveryOutcome(tally)
    }

    @Test("mutated daemon messages never trap the decoder")
    func daemonMessages() {
        let tally = fuzz(
            DaemonMessage.self, seeds: Samples.daemonMessages, iterations: Self.iterations, seed: 4)
        expectEveryOutcome(tally)
    }

    @Test("mutated field types never trap the decoder")
    func fieldTypes() {
        let tally = fuzz(
            FieldType.self, seeds: Samples.fieldTypes, iterations: Self.iterations, seed: 5)
        expectEveryOutcome(tally)
    }

    @Test("mutated event rules never trap the decoder")
    func eventRules() {
        let tally = fuzz(EventRule.self, seeds: Samples.eventRules, iterations: Self.iterations, seed: 7)
        expectEveryOutcome(tally)
    }

    @Test("mutated process attribute trackers never trap the decoder")
    func processAttributeTrackers() {
        let tally = fuzz(
            ProcessAttributeTrackers.self, seeds: Samples.processAttributeTrackers, iterations: Self.iterations,
            seed: 8)
        expectEveryOutcome(tally)
    }

    @Test("mutated session details never trap the decoder")
    func sessionDetails() {
        let tally = fuzz(
            SessionDetail.self, seeds: Samples.sessionDetails, iterations: Self.iterations, seed: 9)
        expectEveryOutcome(tally)
    }

    @Test("random byte strings never trap any decoder")
    func randomBytes() {
        var generator = SplitMix64(seed: 6)
        for _ in 0..<2000 {
            let length = Int.random(in: 0...64, using: &generator)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = try? ControlRequest.decode(bytes)
            _ = try? ControlReply.decode(bytes)
            _ = try? AppMessage.decode(bytes)
            _ = try? DaemonMessage.decode(bytes)
            _ = try? EventRule.decode(bytes)
            _ = try? TrackerPolicy.decode(bytes)
            _ = try? ProcessAttributeTrackers.decode(bytes)
        }
    }
}
