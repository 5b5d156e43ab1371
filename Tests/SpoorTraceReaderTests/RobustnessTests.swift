import Foundation
import SpoorTestSupport
import Testing

@testable import SpoorTraceReader

/// Damaged input must give a `TraceReadError` or lines, never a trap.
@Suite("Hostile input")
struct RobustnessTests {
    /// A small per-PID trace: metadata parsed once, one packet without page padding.
    struct Subject {
        let traceClass: TraceClass
        let stream: [UInt8]

        init() throws {
            let trace = HandMadeTraces.lttngPerPID
            traceClass = try TraceClass.parse(
                tsdl: MetadataStream.text(of: trace.files["metadata"] ?? [], path: "metadata"))
            var packet = LTTngPacket(
                uuid: LTTngTraceWriter.uuidBytes(HandMadeTraces.uuidB), cpu: 0, begin: 10, end: 900)
            packet.alignment = 1
            for i in 0..<4 {
                packet.event(0, at: 20 + UInt64(i) * 100, i == 0 ? .largeExtended : .largeCompact) { w in
                    HandMadeTraces.evAll(&w, i)
                }
                packet.event(1, at: 70 + UInt64(i) * 100, .largeCompact) { w in w.i32(Int32(i)) }
            }
            stream = packet.bytes()
        }

        /// Writes `bytes` as the only stream file, then indexes and renders it.
        func render(_ bytes: [UInt8], in directory: String) -> Result<Int, TraceReadError> {
            let path = directory + "/chan0_0"
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            do throws(TraceReadError) {
                var streams: [StreamGroup] = []
                if !bytes.isEmpty {
                    let scan = try PacketScanner.scan(path: path, size: bytes.count, traceClass: traceClass)
                    streams.append(
                        StreamGroup(
                            streamClassID: scan.streamClassID, dataStreamID: scan.dataStreamID, streamID: 0,
                            packets: scan.packets))
                }
                let trace = LoadedTrace(directory: directory, name: "t", traceClass: traceClass, streams: streams)
                var count = 0
                try TraceViewer(traces: [trace]).render(timeZone: .utc) { _ in count += 1 }
                return .success(count)
            } catch {
                return .failure(error)
            }
        }
    }

    @Test("the intact subject renders all its events")
    func intact() throws {
        let subject = try Subject()
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        #expect(try subject.render(subject.stream, in: directory.path).get() == 8)
    }

    @Test("a stream file cut at every byte position throws or renders")
    func truncatedEverywhere() throws {
        let subject = try Subject()
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var failures = 0
        for length in 0..<subject.stream.count {
            switch subject.render(Array(subject.stream.prefix(length)), in: directory.path) {
            case .success(let count):
                #expect(length == 0 || count < 8, "cut at \(length) rendered everything")
            case .failure(let error):
                failures += 1
                #expect(error.path?.hasSuffix("chan0_0") == true)
                #expect(error.byteOffset.map { $0 >= 0 && $0 <= length } == true, "\(error)")
            }
        }
        #expect(failures == subject.stream.count - 1)  // only the empty file is fine
    }

    @Test("every byte inverted in turn throws or renders")
    func invertedBytes() throws {
        let subject = try Subject()
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        for index in subject.stream.indices {
            var bytes = subject.stream
            bytes[index] ^= 0xFF
            if case .failure(let error) = subject.render(bytes, in: directory.path) {
                #expect(error.byteOffset.map { $0 >= 0 && $0 <= bytes.count } == true, "\(error)")
            }
        }
    }

    @Test("random byte changes throw or render")
    func randomDamage() throws {
        let subject = try Subject()
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var generator = SplitMix64(seed: 0x5EED)
        for _ in 0..<400 {
            var bytes = subject.stream
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            _ = subject.render(bytes, in: directory.path)
        }
    }

    @Test("TSDL cut at every position parses or throws")
    func truncatedMetadataText() {
        let text = HandMadeTraces.bigEndian.files["metadata"] ?? []
        for length in 0..<text.count {
            _ = try? TraceClass.parse(tsdl: Array(text.prefix(length)))
        }
        let larger = HandMadeTraces.fieldZoo.files["metadata"] ?? []
        for length in stride(from: 0, to: larger.count, by: 7) {
            _ = try? TraceClass.parse(tsdl: Array(larger.prefix(length)))
        }
    }

    @Test("randomly damaged TSDL parses or throws")
    func damagedMetadataText() throws {
        let text = Array(TSDLParserTests.specappTSDL.utf8)
        var generator = SplitMix64(seed: 42)
        let alphabet = Array("{}[]();:=<>.,-+*\"'/\\ \n\tazAZ09_".utf8)
        for _ in 0..<300 {
            var bytes = text
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[index] = alphabet.randomElement(using: &generator) ?? 0
                case 1: bytes.remove(at: index)
                default: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: index)
                }
            }
            _ = try? TraceClass.parse(tsdl: bytes)
        }
    }

    @Test("packetized metadata cut anywhere near its headers throws or decodes")
    func truncatedMetadataPackets() throws {
        let bytes = try #require(HandMadeTraces.lttngPerUID.files["metadata"])
        for length in Array(0..<200) + Array(4000..<4200) + [bytes.count - 1] {
            _ = try? MetadataStream.text(of: Array(bytes.prefix(length)), path: "metadata")
        }
    }

    @Test("huge sequence lengths are refused quickly")
    func hugeLengths() throws {
        let trace = try TraceClass.parse(
            tsdl: Array(
                """
                /* CTF 1.8 */
                trace { major = 1; minor = 8; byte_order = le; };
                stream { event.header := struct { integer { size = 8; align = 8; signed = false; } id; }; };
                event { name = "e"; id = 0; fields := struct {
                \tinteger { size = 64; align = 8; signed = false; } n;
                \tstruct { } empties[n];
                }; };
                """.utf8))
        var decoder = FieldDecoder(slotCount: trace.slotCount)
        var payload = BitWriter()
        payload.u64(.max)
        decoder.reader = BitReader(bytes: payload.bytes)
        var out: [UInt8] = []
        let layout = try #require(trace.streamClasses[0]?.eventClasses[0]?.payload)
        #expect(throws: DecodeError.self) { try decoder.decode(layout, printing: true, into: &out) }
    }
}

