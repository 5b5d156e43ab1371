import Foundation
import SpoorTestSupport
import Testing

@Suite("Test support")
struct SpoorTestSupportTests {
    @Test("a temporary directory holds files and is gone with everything in it once released")
    func temporaryDirectory() throws {
        var directory: TemporaryDirectory? = TemporaryDirectory("a/label with spaces")
        let path = try #require(directory?.path)
        #expect(URL(fileURLWithPath: path).lastPathComponent.hasPrefix("spoor-a_label_with_spaces-"))
        directory?.write("text\n", to: "file")
        try FileManager.default.createDirectory(atPath: path + "/nested/deeper", withIntermediateDirectories: true)
        directory?.write("more", to: "nested/deeper/file")
        #expect(directory?.read("file") == "text\n")
        #expect(directory?.exists("nested/deeper/file") == true)
        #expect(directory?.read("absent") == nil)
        directory = nil
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("waitUntil returns as soon as the condition holds, and false once the time is up")
    func waitUntilIsBounded() {
        var checks = 0
        #expect(
            waitUntil(timeout: .seconds(10)) {
                checks += 1
                return checks == 3
            })
        #expect(checks == 3)
        let clock = ContinuousClock()
        let start = clock.now
        #expect(!waitUntil(timeout: .milliseconds(50)) { false })
        #expect(clock.now - start >= .milliseconds(50))
    }

    @Test("hex reads pasted dumps and writes two lower-case digits a byte")
    func hexBothWays() {
        #expect(hex("c1fc 1fc1 | 0A\n ff") == [0xC1, 0xFC, 0x1F, 0xC1, 0x0A, 0xFF])
        #expect(hex([0x00, 0x0A, 0xFF]) == "000aff")
        #expect(hex(hex("deadbeef")) == "deadbeef")
    }

    @Test("a missing tool fails with the line that installs it")
    func missingTool() {
        let tool = RequiredTool(name: "spoor-no-such-tool", package: "spoor-no-such-package")
        #expect(tool.path == nil)
        let error = #expect(throws: MissingTool.self) { try tool.require() }
        #expect(error?.description.contains("apt-get install spoor-no-such-package") == true)
    }

    @Test("a tool runs with TZ=UTC, both outputs kept apart, and is killed past its time limit")
    func runsTools() throws {
        let shell = RequiredTool(name: "sh", package: "dash")
        let result = try shell.run(["-c", "echo \"$TZ\"; echo oops >&2; exit 3"])
        #expect(result.status == 3)
        #expect(result.lines == ["UTC"])
        #expect(result.standardError == "oops\n")
        #expect(!result.timedOut)
        let slow = try shell.run(["-c", "exec sleep 30"], timeout: .milliseconds(200))
        #expect(slow.timedOut)
    }
}
