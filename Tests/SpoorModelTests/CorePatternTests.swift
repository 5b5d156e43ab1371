import SpoorModel
import Testing

@Suite("core_pattern templates")
struct CorePatternTests {
    static let values = CoreValues(
        pid: 12, globalPID: 3412, tid: 13, globalTID: 3413, uid: 1000, gid: 100, dumpMode: 1, signal: 11,
        time: 1_795_000_000, coreSizeLimit: "18446744073709551615", hostName: "box", processName: "my app",
        executablePath: "/usr/bin/my-app")

    @Test("file patterns expand every specifier the kernel documents, and drop unknown ones")
    func fileNames() {
        let pattern = CorePattern("/var/cores/%e-%p-%P-%i-%I-%u-%g-%d-%s-%t-%h-%E-%c-%%-%z\n")
        #expect(
            pattern.fileName(Self.values, usesPID: false)
                == "/var/cores/my app-12-3412-13-3413-1000-100-1-11-1795000000-box-!usr!bin!my-app-18446744073709551615-%-")
        #expect(!pattern.isPipe)
        #expect(pattern.unknownSpecifiers == ["z"])
    }

    @Test("core_uses_pid adds .PID unless %p is there; an empty pattern is core")
    func usesPID() {
        #expect(CorePattern("core").fileName(Self.values, usesPID: true) == "core.12")
        #expect(CorePattern("core.%p").fileName(Self.values, usesPID: true) == "core.12")
        #expect(CorePattern("").fileName(Self.values, usesPID: false) == "core")
        #expect(CorePattern("core%").fileName(Self.values, usesPID: false) == "core")
    }

    @Test("a pipe is split on spaces before expansion, so a value with a space stays one argument")
    func pipes() {
        let pattern = CorePattern("|/usr/lib/handler -p%p  --name=%e %s")
        #expect(pattern.isPipe)
        #expect(pattern.expanded(Self.values) == ["/usr/lib/handler", "-p12", "--name=my app", "11"])
        #expect(CorePattern("|/x %F %f %C").unknownSpecifiers == ["F", "f", "C"])
    }

    @Test("the core size limit reads as bytes, unlimited as nil")
    func sizeLimit() {
        var values = Self.values
        #expect(values.coreSizeLimitBytes == nil)
        values.coreSizeLimit = "0"
        #expect(values.coreSizeLimitBytes == 0)
        values.coreSizeLimit = "4096"
        #expect(values.coreSizeLimitBytes == 4096)
    }
}
