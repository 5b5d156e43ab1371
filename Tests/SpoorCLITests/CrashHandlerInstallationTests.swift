import SpoorModel
import SpoorPosix
import SpoorTestSupport
import Testing

@testable import SpoorCLI

#if canImport(Glibc)
import Glibc
#endif

/// Installation against a core_pattern file and a state directory of its own.
private struct InstallationFixture {
    let directory = TemporaryDirectory()
    var installation: CrashHandlerInstallation {
        CrashHandlerInstallation(
            corePatternFile: directory.file("core_pattern"), directory: directory.file("state"),
            previousPatternFile: directory.file("state/previous-pattern"),
            listenersDirectory: directory.file("state/listeners"))
    }

    init(pattern: String) {
        directory.write(pattern + "\n", to: "core_pattern")
        directory.write("#!/bin/sh\n", to: CrashHandlerFiles.handlerName)
        chmod(handler, 0o755)
    }

    /// An executable named as the handler: a core_pattern that runs it is the handler's.
    var handler: String { directory.file(CrashHandlerFiles.handlerName) }

    var pattern: String? { directory.read("core_pattern").map { String($0.dropLast()) } }
}

@Suite("Installing the crash handler")
struct CrashHandlerInstallationTests {

    @Test("install keeps the previous pattern, makes a sticky listeners directory, and remove puts it back")
    func installAndRemove() throws {
        let fixture = InstallationFixture(pattern: "|/usr/share/apport/apport -p%p -s%s -c%c -d%d -P%P -u%u -g%g -- %E")
        let installation = fixture.installation
        let handler = fixture.handler
        let previous = try installation.install(handler: handler)
        #expect(previous.text == "|/usr/share/apport/apport -p%p -s%s -c%c -d%d -P%P -u%u -g%g -- %E")
        #expect(fixture.pattern == "|\(handler) " + CrashHandlerFiles.specifiers)
        #expect(fixture.directory.read("state/previous-pattern") == previous.text + "\n")
        var status = stat()
        #expect(stat(fixture.directory.file("state/listeners"), &status) == 0)
        #expect(status.st_mode & 0o7777 == 0o1733)
        let state = installation.state()
        #expect(state.handler == handler && state.previous == previous)

        #expect(throws: CrashHandlerInstallation.Failure.self) { try installation.install(handler: handler) }
        #expect(try installation.remove() == previous)
        #expect(fixture.pattern == previous.text)
        #expect(access(fixture.directory.file("state"), F_OK) != 0)
        #expect(installation.state().handler == nil)
        let again = #expect(throws: CrashHandlerInstallation.Failure.self) { try installation.remove() }
        #expect(again?.message.hasPrefix("The crash handler is not installed") == true)
    }

    @Test("install refuses what it could not keep working, and changes nothing then")
    func refusals() {
        let fixture = InstallationFixture(pattern: "|/usr/lib/systemd/systemd-coredump %P %u %g %s %t %c %h %F")
        let installation = fixture.installation
        let unknown = #expect(throws: CrashHandlerInstallation.Failure.self) {
            try installation.install(handler: fixture.handler)
        }
        #expect(unknown?.message.hasSuffix("the crash handler cannot fill in %F") == true)

        let plain = InstallationFixture(pattern: "core")
        for bad in ["relative/handler", "/nonexistent/spoor-crash-handler", "/" + String(repeating: "x", count: 100)] {
            #expect(throws: CrashHandlerInstallation.Failure.self) { try plain.installation.install(handler: bad) }
        }
        #expect(plain.pattern == "core")
        #expect(access(plain.directory.file("state"), F_OK) != 0)
    }

    @Test("remove without the saved pattern restores the kernel's default")
    func removeWithoutState() throws {
        let fixture = InstallationFixture(pattern: "/cores/core.%p")
        let installation = fixture.installation
        _ = try installation.install(handler: fixture.handler)
        unlink(fixture.directory.file("state/previous-pattern"))
        #expect(try installation.remove().text == "core")
        #expect(fixture.pattern == "core")
    }

    @Test("the command checks its arguments")
    func arguments() {
        let harness = SpoorHarness()
        let none = harness.run(["crash-handler"])
        #expect(none.standardError == "Error: No action specified for crash-handler command.\n")
        let unknown = harness.run(["crash-handler", "reinstall"])
        #expect(unknown.standardError == "Error: Unrecognized argument used with 'crash-handler' command\n")
        let misplaced = harness.run(["crash-handler", "remove", "--handler", "/bin/true"])
        #expect(misplaced.standardError == "Error: --handler is an option of install only\n")
    }
}
