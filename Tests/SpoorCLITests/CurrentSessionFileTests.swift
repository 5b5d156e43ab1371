import SpoorTestSupport
import Testing

@testable import SpoorCLI

@Suite("The current session lives in .spoorrc as in .lttngrc")
struct CurrentSessionFileTests {
    @Test("writing then reading gives the session back, in lttng's format")
    func roundTrip() throws {
        let home = TemporaryDirectory()
        let file = CurrentSessionFile(path: home.file(".spoorrc"))
        try file.write("s1")
        #expect(home.read(".spoorrc") == "session=s1\n")
        #expect(file.read() == .session("s1"))
        try file.write("other")
        #expect(home.read(".spoorrc") == "session=other\n")
        #expect(file.read() == .session("other"))
    }

    @Test("no file means no current session, and remove deletes the file")
    func missingFile() throws {
        let home = TemporaryDirectory()
        let file = CurrentSessionFile(path: home.file(".spoorrc"))
        #expect(file.read() == .noFile)
        try file.write("s1")
        file.remove()
        #expect(!home.exists(".spoorrc"))
        #expect(file.read() == .noFile)
    }

    @Test("a file without a session line names no session")
    func fileWithoutSession() {
        let home = TemporaryDirectory()
        home.write("foo=bar\n", to: ".spoorrc")
        #expect(CurrentSessionFile(path: home.file(".spoorrc")).read() == .noSessionEntry)
    }

    @Test("a .lttngrc written by lttng reads the same")
    func lttngFormat() {
        #expect(CurrentSessionFile.sessionName(in: "session=s0\n") == "s0")
        #expect(CurrentSessionFile.sessionName(in: "other=x\nsession=s2\n") == "s2")
        #expect(CurrentSessionFile.sessionName(in: "session = s3 \r\n") == "s3")
        #expect(CurrentSessionFile.sessionName(in: "session=\n") == nil)
        #expect(CurrentSessionFile.sessionName(in: "") == nil)
    }
}
