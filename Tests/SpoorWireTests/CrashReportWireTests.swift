import SpoorModel
import SpoorWire
import Testing

@Suite("Crash reports on the wire")
struct CrashReportWireTests {
    static let report = CrashReport(
        pid: 0x0102, uid: 1000, gid: 7, signal: 6, time: 0x0A0B, processName: "a b", executablePath: "/x")
    static let reportBytes: [UInt8] = [
        0x02, 0x01, 0x00, 0x00,  // pid
        0xE8, 0x03, 0x00, 0x00,  // uid 1000
        0x07, 0x00, 0x00, 0x00,  // gid
        0x06, 0x00, 0x00, 0x00,  // signal 6
        0x0B, 0x0A, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // time
        0x03, 0x00, 0x00, 0x00, 0x61, 0x20, 0x62,  // process name "a b"
        0x02, 0x00, 0x00, 0x00, 0x2F, 0x78,  // executable "/x"
    ]

    @Test("a crash report and the messages that carry it have pinned bytes")
    func goldenBytes() throws {
        #expect(Self.report.wireBytes == Self.reportBytes)
        #expect(try CrashReport.decode(Self.reportBytes) == Self.report)
        #expect(ControlRequest.reportCrash(Self.report).wireBytes == [32] + Self.reportBytes)
        #expect(ControlRequest.crashReports.wireBytes == [33])
        #expect(ControlReply.crashReports([Self.report]).wireBytes == [17, 0x01, 0x00, 0x00, 0x00] + Self.reportBytes)
    }

    @Test("a crash report decodes when fed one byte at a time, and a truncated one is refused")
    func byteAtATime() {
        expectDecodingByteAtATime(Self.report)
        expectDecodingByteAtATime(ControlRequest.reportCrash(Self.report))
        for length in 0..<Self.reportBytes.count {
            #expect(decodingError(CrashReport.self, Array(Self.reportBytes.prefix(length))) == .truncated)
        }
    }
}
