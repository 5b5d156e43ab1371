import Testing

@testable import SpoorCLI

@Suite("General options come before the command, as with getopt_long")
struct GeneralOptionsTests {
    @Test("options stop at the command name")
    func stopsAtCommand() throws {
        let (options, remaining) = try GeneralOptionsParser.parse(["-q", "create", "-q", "s1"])
        #expect(options.isQuiet)
        #expect(remaining == ["create", "-q", "s1"])
    }

    @Test("short options group, and -v counts")
    func groupedShortOptions() throws {
        let (options, remaining) = try GeneralOptionsParser.parse(["-vvv", "-nq", "list"])
        #expect(options.verbosity == 3)
        #expect(options.isSessionDaemonSpawnDisabled)
        #expect(options.isQuiet)
        #expect(remaining == ["list"])
    }

    @Test("values follow in every getopt form")
    func values() throws {
        let (options, remaining) = try GeneralOptionsParser.parse([
            "--sessiond-path=/opt/d", "--relayd-path", "/opt/r", "-gtracing", "-m", "xml", "--group=g2", "version",
        ])
        #expect(options.sessionDaemonPath == "/opt/d")
        #expect(options.relayDaemonPath == "/opt/r")
        #expect(options.group == "g2")
        #expect(options.machineInterface == "xml")
        #expect(remaining == ["version"])
    }

    @Test("a long option may be shortened while it stays unambiguous")
    func prefixes() throws {
        #expect(try GeneralOptionsParser.parse(["--quie", "x"]).options.isQuiet)
        #expect(try GeneralOptionsParser.parse(["--no-s", "x"]).options.isSessionDaemonSpawnDisabled)
        #expect(throws: GeneralOptionsError.self) { try GeneralOptionsParser.parse(["--list", "x"]) }
    }

    @Test("-- ends the options")
    func doubleDash() throws {
        #expect(try GeneralOptionsParser.parse(["-q", "--", "-v"]).remaining == ["-v"])
    }

    @Test("help, version and the lists end the parse where lttng acts on them")
    func terminalOptions() throws {
        let (options, remaining) = try GeneralOptionsParser.parse(["-V", "--bogus", "create"])
        #expect(options.isVersionRequested)
        #expect(remaining.isEmpty)
        #expect(try GeneralOptionsParser.parse(["--list-commands"]).options.isCommandListRequested)
        #expect(try GeneralOptionsParser.parse(["--help"]).options.isHelpRequested)
        #expect(try GeneralOptionsParser.parse(["--list-options"]).options.isOptionListRequested)
    }

    @Test(
        "bad options get glibc's messages",
        arguments: [
            (["--bogus"], "spoor: unrecognized option '--bogus'"),
            (["--bogus=1", "list"], "spoor: unrecognized option '--bogus=1'"),
            (["-x"], "spoor: invalid option -- 'x'"),
            (["-g"], "spoor: option requires an argument -- 'g'"),
            (["--group"], "spoor: option '--group' requires an argument"),
            (["--quiet=yes", "list"], "spoor: option '--quiet' doesn't allow an argument"),
            (["--l", "list"], "spoor: option '--l' is ambiguous; possibilities: '--list-options' '--list-commands'"),
        ] as [([String], String)])
    func badOptions(arguments: [String], message: String) {
        #expect(throws: GeneralOptionsError(description: message)) { try GeneralOptionsParser.parse(arguments) }
    }

    @Test("no argument at all leaves no command")
    func empty() throws {
        let (options, remaining) = try GeneralOptionsParser.parse([])
        #expect(options == GeneralOptions())
        #expect(remaining.isEmpty)
    }
}
