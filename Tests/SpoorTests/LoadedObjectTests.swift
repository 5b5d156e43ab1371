import Foundation
import Testing

@testable import Spoor

@Suite("The loaded objects the state dump describes")
struct LoadedObjectTests {
    let objects = LoadedObject.all()

    @Test("the executable is there, with its extent and GNU build id, as readelf sees them")
    func executable() throws {
        let path = try #require(Bundle.main.executablePath.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path })
        let executable = try #require(objects.first { $0.path == path }, "\(objects.map(\.path))")
        #expect(executable.memorySize > 0)
        // readelf -n prints the build id the linker wrote into the file.
        let notes = Process()
        notes.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        notes.arguments = ["readelf", "-n", path]
        let pipe = Pipe()
        notes.standardOutput = pipe
        try notes.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        notes.waitUntilExit()
        let line = try #require(text.split(separator: "\n").first { $0.contains("Build ID:") })
        let expected = String(line.split(separator: " ").last ?? "")
        #expect(executable.buildID.map { String(format: "%02x", $0) }.joined() == expected)
    }

    @Test("libc is position independent and has a debug link; the vDSO is named in brackets")
    func libraries() throws {
        let libc = try #require(objects.first { $0.path.hasSuffix("/libc.so.6") })
        #expect(libc.isPIC)
        #expect(!libc.buildID.isEmpty)
        let link = try #require(libc.debugLink)
        #expect(link.filename.hasSuffix(".debug"))
        #expect(link.crc != 0)
        let vdso = try #require(objects.first { $0.path.hasPrefix("[") })
        #expect(vdso.path.hasSuffix("]") && vdso.memorySize == 0 && vdso.buildID.isEmpty && vdso.debugLink == nil)
    }

    @Test("objects do not overlap")
    func disjoint() {
        let extents = objects.filter { $0.memorySize > 0 }.map { $0.baseAddress..<($0.baseAddress + $0.memorySize) }
        for (index, extent) in extents.enumerated() {
            for other in extents[(index + 1)...] { #expect(!extent.overlaps(other)) }
        }
    }
}
