import Foundation
import SpoorTestSupport
import Testing

@testable import SpoorTraceReader

@Suite("Finding traces and reporting problems")
struct TraceDiscoveryTests {
    @Test("a session directory is searched for every trace below it")
    func searchesRecursively() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let root = try HandMadeTraces.session.write(under: directory.path)
        let found = try TraceSet.findTraces(under: root).map(\.relative)
        #expect(
            found == [
                "archives/20260101T000000+0000-20260101T000001+0000-0/ust/uid/0/64-bit",
                "archives/20260101T000000+0000-20260101T000001+0000-1/ust/uid/0/64-bit",
                "snapshot-1-20260101-000000-0/ust/uid/0/64-bit", "snapshot-1-20260101-000002-1/ust/uid/0/64-bit",
                "ust/pid/specapp-5831-20260101-000001",
            ])
    }

    @Test("symbolic link loops are searched once")
    func symbolicLinkLoops() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let root = try HandMadeTraces.noClock.write(under: directory.path + "/top")
        for name in ["loop1", "loop2"] {
            try FileManager.default.createSymbolicLink(
                atPath: directory.path + "/top/" + name, withDestinationPath: "..")
        }
        #expect(try TraceSet.findTraces(under: directory.path + "/top").map(\.directory) == [root])
    }

    @Test("the path of a `metadata` file names its trace")
    func metadataFilePath() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let root = try HandMadeTraces.tracefilePieces.write(under: directory.path)
        #expect(try renderedLines([root + "/metadata"]).count == 18)
    }

    @Test("a directory without traces, or a missing path, is an error naming it")
    func noTrace() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(
            atPath: directory.path + "/empty/sub", withIntermediateDirectories: true)
        #expect {
            _ = try TraceViewer(paths: [directory.path + "/empty"])
        } throws: { error in
            (error as? TraceReadError)?.description
                == "\(directory.path)/empty: no CTF trace found (no `metadata` file in this directory or below)"
        }
        #expect(throws: TraceReadError.self) { _ = try TraceViewer(paths: [directory.path + "/absent"]) }
        #expect(throws: TraceReadError.self) { _ = try TraceViewer(paths: []) }
    }

    @Test("the index directory, hidden files and zero-length stream files are skipped")
    func skippedFiles() throws {
        var trace = HandMadeTraces.tracefilePieces
        trace.files["index/chan0_0_0.idx"] = [1, 2, 3]
        trace.files[".hidden"] = [1, 2, 3]
        trace.files["chan0_9"] = []
        #expect(try renderedLines(trace).count == 18)
    }

    @Test("metadata errors name the file and the TSDL line")
    func metadataErrorsNameTheLine() throws {
        var trace = HandMadeTraces.noClock
        trace.files["metadata"] = Array(
            "/* CTF 1.8 */\ntrace { major = 1; minor = 8; byte_order = le; };\nstream { oops }\n".utf8)
        #expect {
            _ = try renderedLines(trace)
        } throws: { error in
            let error = error as? TraceReadError
            return error?.path?.hasSuffix("/no-clock/metadata") == true
                && error?.reason.hasPrefix("TSDL line 3:") == true
        }
    }

    @Test("a bad packet magic is reported with the file and offset of the packet")
    func badMagic() throws {
        var trace = HandMadeTraces.tracefilePieces
        var bytes = try #require(trace.files["chan0_0_0"])
        bytes[4096] ^= 0xFF  // magic of the second packet
        trace.files["chan0_0_0"] = bytes
        var lines: [String] = []
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let viewer = try TraceViewer(paths: [trace.write(under: directory.path)])
        #expect {
            try viewer.render(timeZone: .utc) { lines.append($0) }
        } throws: { error in
            let error = error as? TraceReadError
            return error?.path?.hasSuffix("/chan0_0_0") == true && error?.byteOffset == 4096
                && error?.reason.contains("invalid CTF magic number") == true
        }
        // The events before the bad packet were rendered.
        #expect(lines.count == 9)
    }

    @Test("a packet running past the end of the file is reported, earlier events still shown")
    func packetPastEndOfFile() throws {
        var trace = HandMadeTraces.tracefilePieces
        let bytes = try #require(trace.files["chan0_0_1"])
        trace.files["chan0_0_1"] = Array(bytes.prefix(4096 + 100))
        var lines: [String] = []
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let viewer = try TraceViewer(paths: [trace.write(under: directory.path)])
        #expect {
            try viewer.render(timeZone: .utc) { lines.append($0) }
        } throws: { error in
            let error = error as? TraceReadError
            return error?.byteOffset == 4096 && error?.reason.contains("runs past the end of the file") == true
        }
        #expect(lines.count == 15)
    }

    @Test("an unknown event class ID is reported where its header is")
    func unknownEventClass() throws {
        var trace = HandMadeTraces.tracefilePieces
        var bytes = try #require(trace.files["chan0_0_2"])
        bytes[84 + 2] = 9  // extended header: id field after the 0xFFFF marker
        trace.files["chan0_0_2"] = bytes
        #expect {
            _ = try renderedLines(trace)
        } throws: { error in
            let error = error as? TraceReadError
            return error?.path?.hasSuffix("/chan0_0_2") == true && error?.byteOffset == 84 + 14
                && error?.reason == "no event class with ID 9 in stream class 0"
        }
    }

    @Test("a bad first packet fails when opening the trace")
    func badFirstPacket() throws {
        var trace = HandMadeTraces.tracefilePieces
        var bytes = try #require(trace.files["chan0_0_0"])
        bytes[48] = 0xFF  // content_size greater than packet_size
        bytes[49] = 0xFF
        trace.files["chan0_0_0"] = bytes
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = try trace.write(under: directory.path)
        #expect {
            _ = try TraceViewer(paths: [path])
        } throws: { error in
            (error as? TraceReadError)?.description
                == "\(path)/chan0_0_0: at byte 0: packet content size (65535 bits) is greater than its packet size (32768 bits)"
        }
    }

    @Test("env values of the wrong type are left out of the line prefix")
    func wrongEnvironmentTypes() throws {
        let trace = try TraceClass.parse(
            tsdl: Array(
                "/* CTF 1.8 */ trace { major = 1; minor = 8; byte_order = le; }; env { hostname = 3; vpid = \"x\"; procname = \"p\"; };"
                    .utf8))
        #expect(String(decoding: TraceViewer.linePrefix(trace), as: UTF8.self) == "p ")
    }
}
