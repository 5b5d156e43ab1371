import Foundation
import SpoorCTF
import SpoorModel
import SpoorTestSupport
import Testing

/// Builds the payload bytes of an event record: little-endian, byte-packed, as LTTng-UST writes them.
struct RecordBytes {
    var bytes: [UInt8] = []

    mutating func header(id: UInt32, timestamp: UInt64, extended: Bool) {
        var header = [UInt8](repeating: 0, count: EventHeaderLayout.extendedSize)
        let count = header.withUnsafeMutableBytes {
            EventHeaderLayout.write(id: id, timestamp: timestamp, extended: extended, to: $0.baseAddress!)
        }
        bytes += header.prefix(count)
    }

    mutating func integer<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    mutating func string(_ value: String) {
        bytes += Array(value.utf8) + [0]
    }

    mutating func text(_ value: String, count: Int) {
        let utf8 = Array(value.utf8)
        bytes += utf8 + Array(repeating: 0, count: count - utf8.count)
    }

    /// The stream event context of the test channel: `vpid` and `procname[17]`.
    mutating func context() {
        integer(Int32(4907))
        text("app", count: 17)
    }

    /// `specapp:ev_all` (id 0) as the spec app records it for `i`, `s` and the color `c`.
    mutating func evAll(_ i: Int32, _ s: String, _ c: Int32, timestamp: UInt64, extended: Bool) {
        header(id: 0, timestamp: timestamp, extended: extended)
        context()
        integer(i)  // my_int
        integer(Int64(i) * 3)  // my_long_hex
        integer(UInt8(truncatingIfNeeded: i))  // my_u8
        string(s)  // my_string
        for value: Int32 in [1, 2, 3] { integer(value) }  // my_array[3]
        integer(UInt32(2))  // __my_seq_length
        for value: Int32 in [-1, -2] { integer(value) }  // my_seq
        text(s, count: 4)  // my_text[4]
        integer(UInt32(2))  // __my_seqtext_length
        bytes += Array(s.utf8.prefix(2))  // my_seqtext
        integer((2.5 as Double).bitPattern)  // my_double
        integer((0.5 as Float).bitPattern)  // my_float
        integer(c)  // my_enum
    }

    /// `specapp:ev_small` (id 1).
    mutating func evSmall(_ v: Int32, timestamp: UInt64, extended: Bool) {
        header(id: 1, timestamp: timestamp, extended: extended)
        context()
        integer(v)
    }
}

/// A small per-UID trace written with SpoorCTF only: metadata, one stream file of two packets, its index.
struct SmallTrace {
    static let uuid = hex("6d62de8b 9ec4442a ace71ded feacb4e3")
    static let description = TraceDescription(
        uuid: uuid,
        environment: TraceEnvironment(
            bufferingScheme: .perUID,
            bufferingID: 1000,
            traceName: "spoor \"test\"",
            creationDatetime: "20261122T110738+0000",
            hostname: "vm",
            spoorVersion: "0.1.0"
        ),
        clock: ClockDescription(uuid: "88bb05de-a564-4a1c-83ff-896c5219395e", offset: 1_795_345_658_000_000_000)
    )
    static let packetBytes = 4096

    static var metadataText: String {
        TSDL.preamble(description)
            + TSDL.streamClass(id: 0, eventContext: LTTngReference.vpidProcnameContext)
            + TSDL.eventClass(
                name: "specapp:ev_all", id: 0, streamID: 0, logLevel: .debugLine, fields: LTTngReference.evAllFields)
            + TSDL.eventClass(
                name: "specapp:ev_small", id: 1, streamID: 0, logLevel: .debugLine,
                fields: LTTngReference.evSmallFields)
    }

    /// Packet 0 holds three events; packet 1 starts 2^32 ns later and its compact event wraps the low 32 bits.
    static func packets() -> (stream: [UInt8], index: [UInt8]) {
        var packet0 = RecordBytes()
        packet0.evAll(42, "hey", 2, timestamp: 1_000, extended: true)
        packet0.evSmall(7, timestamp: 1_500, extended: false)
        packet0.evSmall(8, timestamp: 2_500, extended: false)
        var packet1 = RecordBytes()
        packet1.evSmall(9, timestamp: 0x1_FFFF_FF00, extended: true)
        packet1.evAll(-3, "ab", 6, timestamp: 0x2_0000_0100, extended: false)

        var stream: [UInt8] = []
        var index = IndexFile.header
        let contents: [(RecordBytes, UInt64, UInt64)] = [(packet0, 1_000, 3_000), (packet1, 3_000, 0x2_0000_0100)]
        for (sequenceNumber, (records, begin, end)) in contents.enumerated() {
            let context = PacketContext(
                uuid: uuid,
                streamID: 0,
                streamInstanceID: 0,
                timestampBegin: begin,
                timestampEnd: end,
                contentSize: UInt64(PacketContext.size + records.bytes.count) * 8,
                packetSize: UInt64(packetBytes) * 8,
                sequenceNumber: UInt64(sequenceNumber),
                eventsDiscarded: 0,
                cpuID: 0
            )
            index += IndexFile.entry(for: context, offset: UInt64(stream.count)).encoded
            var packet = context.encoded + records.bytes
            packet += Array(repeating: 0, count: packetBytes - packet.count)
            stream += packet
        }
        return (stream, index)
    }

    /// Writes the trace under `directory` and returns its path.
    static func write(in directory: URL) throws -> URL {
        let trace = directory.appendingPathComponent("ust/uid/1000/64-bit")
        try FileManager.default.createDirectory(
            at: trace.appendingPathComponent("index"), withIntermediateDirectories: true)
        let metadata = MetadataPacket.packets(text: Array(metadataText.utf8), uuid: uuid)
        let (stream, index) = packets()
        try Data(metadata).write(to: trace.appendingPathComponent("metadata"))
        try Data(stream).write(to: trace.appendingPathComponent("chan0_0"))
        try Data(index).write(to: trace.appendingPathComponent("index/chan0_0.idx"))
        return trace
    }
}

/// Needs babeltrace2: without it these tests fail, saying how to install it (`RequiredTool`).
@Suite("Traces read by babeltrace2")
struct BabeltraceTests {
    @Test("babeltrace2 reads a trace written with SpoorCTF, event by event, without a warning")
    func babeltraceReadsTrace() throws {
        try RequiredTool.babeltrace2.require()
        let directory = TemporaryDirectory("ctf")
        let trace = try SmallTrace.write(in: directory.url)

        let result = try RequiredTool.babeltrace2.run(["--clock-gmt", "--clock-date", trace.path])
        #expect(result.status == 0)
        #expect(result.standardError == "")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines == Self.expectedEvents)
    }

    @Test("babeltrace2 reassembles our metadata packets into our TSDL text")
    func babeltraceReassemblesMetadata() throws {
        try RequiredTool.babeltrace2.require()
        let directory = TemporaryDirectory("ctf")
        let trace = try SmallTrace.write(in: directory.url)

        let result = try RequiredTool.babeltrace2.run(["--output-format=ctf-metadata", trace.path])
        #expect(result.status == 0)
        #expect(result.standardError == "")
        #expect(SmallTrace.metadataText.utf8.count > 4059)  // more than one metadata packet
        #expect(result.standardOutput == SmallTrace.metadataText + "\n")  // babeltrace2 adds one newline
    }

    static let expectedEvents = [
        #"[2026-11-22 11:07:38.000001000] (+?.?????????) vm specapp:ev_all: { cpu_id = 0 }, { vpid = 4907, procname = "app" }, { my_int = 42, my_long_hex = 0x7E, my_u8 = 42, my_string = "hey", my_array = [ [0] = 1, [1] = 2, [2] = 3 ], _my_seq_length = 2, my_seq = [ [0] = -1, [1] = -2 ], my_text = "hey", _my_seqtext_length = 2, my_seqtext = "he", my_double = 2.5, my_float = 0.5, my_enum = ( "GREEN" : container = 2 ) }"#,
        #"[2026-11-22 11:07:38.000001500] (+0.000000500) vm specapp:ev_small: { cpu_id = 0 }, { vpid = 4907, procname = "app" }, { v = 7 }"#,
        #"[2026-11-22 11:07:38.000002500] (+0.000001000) vm specapp:ev_small: { cpu_id = 0 }, { vpid = 4907, procname = "app" }, { v = 8 }"#,
        #"[2026-11-22 11:07:46.589934336] (+8.589931836) vm specapp:ev_small: { cpu_id = 0 }, { vpid = 4907, procname = "app" }, { v = 9 }"#,
        #"[2026-11-22 11:07:46.589934848] (+0.000000512) vm specapp:ev_all: { cpu_id = 0 }, { vpid = 4907, procname = "app" }, { my_int = -3, my_long_hex = 0xFFFFFFFFFFFFFFF7, my_u8 = 253, my_string = "ab", my_array = [ [0] = 1, [1] = 2, [2] = 3 ], _my_seq_length = 2, my_seq = [ [0] = -1, [1] = -2 ], my_text = "ab", _my_seqtext_length = 2, my_seqtext = "ab", my_double = 2.5, my_float = 0.5, my_enum = ( "BLUE" : container = 6 ) }"#,
    ]
}
