import ArgumentParser
import SpoorModel
import Testing

@testable import SpoorCLI

@Suite("The spoor command line: commands, options and exit statuses")
struct DriverTests {
    @Test("exit statuses are the ones lttng(1) documents")
    func exitStatuses() {
        #expect(CommandStatus.success.rawValue == 0)
        #expect(CommandStatus.commandError.rawValue == 1)
        #expect(CommandStatus.undefinedCommand.rawValue == 2)
        #expect(CommandStatus.fatalError.rawValue == 3)
        #expect(CommandStatus.warning.rawValue == 4)
    }

    @Test("without a command, spoor prints its usage and fails; with --help it succeeds")
    func usage() {
        let harness = SpoorHarness()
        let bare = harness.run([])
        #expect(bare.status == .commandError)
        #expect(bare.standardOutput == CommandTable.usage)
        #expect(harness.run("-h").status == .success)
        #expect(harness.run("--help").standardOutput == CommandTable.usage)
        #expect(harness.run("help").standardOutput == CommandTable.usage)
    }

    @Test("the usage lists every command but the deprecated metadata, as lttng's does")
    func usageListsEveryCommand() {
        #expect(!CommandTable.usage.contains("\n  metadata "))
        for name in CommandTable.commandNames where name != "metadata" {
            #expect(CommandTable.usage.contains("\n  \(name) "), "usage misses \(name)")
        }
        #expect(
            CommandTable.commandNames.sorted()
                == (CommandTable.commands.map { $0.configuration.commandName! } + ["help"]).sorted())
    }

    @Test("help COMMAND and COMMAND --help show the command's help")
    func commandHelp() {
        let harness = SpoorHarness()
        for arguments in [["help", "enable-channel"], ["enable-channel", "--help"], ["enable-channel", "-h"]] {
            let run = harness.run(arguments)
            #expect(run.status == .success)
            #expect(run.standardOutput.contains("USAGE: spoor enable-channel"))
            #expect(run.standardOutput.contains("--subbuf-size <size>"))
        }
        let unknown = harness.run("help", "bogus")
        #expect(unknown.status == .commandError)
        #expect(unknown.standardError == "Error: Unknown command \"bogus\"\n")
    }

    @Test("version has lttng's layout; --version its one line")
    func version() {
        let harness = SpoorHarness()
        let run = harness.run("version")
        #expect(run.status == .success)
        let lines = run.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 8)
        #expect(lines[0] == "spoor version \(SpoorVersion.string) - \(SpoorVersion.codename)")
        #expect(lines[1] == "" && lines[3] == "" && lines[5] == "" && lines[7] == "")
        #expect(lines[2] == Substring(SpoorVersion.description))
        #expect(lines[4].hasPrefix("Web site: "))
        #expect(harness.run("-V").standardOutput == "spoor (Spoor Trace Control) 0.1.0 - First Tracks\n")
        #expect(harness.run("version", "extra").status == .success)
    }

    @Test("the lists of commands and options are lttng's")
    func lists() {
        let harness = SpoorHarness()
        #expect(harness.run("--list-commands").standardOutput == CommandTable.commandNames.map { $0 + "\n" }.joined())
        #expect(harness.run("--list-options").standardOutput == GeneralOptions.optionNames.map { $0 + "\n" }.joined())
        #expect(harness.run("help", "--list-options").standardOutput == "--help\n-h\n--list-options\n")
        for command in CommandTable.commands {
            let name = command.configuration.commandName!
            #expect(
                harness.run(name, "--list-options").standardOutput == command.optionNames.map { $0 + "\n" }.joined())
        }
    }

    @Test("every option lttng gives a command is one spoor's parser knows")
    func everyLTTngOptionParses() {
        for command in CommandTable.commands {
            let name = command.configuration.commandName!
            // The help, hidden options included, is generated from the parser's own table.
            let help = SpoorCommand.helpMessage(for: command, includeHidden: true, columns: 1000)
            let words = Set(help.split(whereSeparator: { " ,\n[]".contains($0) }))
            for option in command.optionNames {
                #expect(words.contains(Substring(option)), "spoor \(name) lacks \(option)")
            }
        }
    }

    @Test("an unknown command is lttng's undefined command")
    func unknownCommand() {
        let run = SpoorHarness().run("bogus")
        #expect(run.status == .undefinedCommand)
        #expect(run.standardError == "spoor: bogus is not a spoor command. See 'spoor --help'.\n")
    }

    /// What `lttng --list-commands` prints, LTTng 2.13.9.
    static let lttngCommands = [
        "add-context", "add-trigger", "create", "clear", "destroy", "disable-channel", "disable-event", "enable-channel",
        "enable-event", "help", "list", "list-triggers", "load", "metadata", "regenerate", "remove-trigger", "rotate",
        "enable-rotation", "disable-rotation", "save", "set-session", "snapshot", "start", "status", "stop", "track",
        "untrack", "version", "view",
    ]

    @Test("spoor has every lttng command, listed in lttng's order, then its own")
    func everyLTTngCommand() {
        #expect(Array(CommandTable.commandNames.prefix(Self.lttngCommands.count)) == Self.lttngCommands)
        #expect(CommandTable.commandNames.dropFirst(Self.lttngCommands.count) == ["crash-handler", "notifications"])
        for name in CommandTable.commandNames where name != "help" {
            #expect(CommandTable.command(named: name) != nil, "\(name) has no command")
        }
    }

    @Test("an option the command lacks is named, with lttng's undefined-command status")
    func unknownCommandOption() {
        let run = SpoorHarness().run("enable-event", "--bogus")
        #expect(run.status == .undefinedCommand)
        #expect(run.standardError.hasPrefix("Error: Unknown option '--bogus'"))
        #expect(run.standardError.contains("spoor enable-event --help"))
    }

    @Test("a bad general option gets getopt's message and status 1")
    func badGeneralOption() {
        let run = SpoorHarness().run("--bogus")
        #expect(run.status == .commandError)
        #expect(run.standardError == "spoor: unrecognized option '--bogus'\n")
    }

    @Test("--mi wants a known type")
    func machineInterfaceType() {
        let run = SpoorHarness().run("--mi=json", "list")
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: MI output format not supported\n")
    }

    @Test(
        "options spoor cannot honour yet are refused by name",
        arguments: [
            (["create", "--live"], "--live"),
            (["create", "--live=2000000", "s"], "--live"),
            (["create", "-C", "tcp://a", "-D", "tcp://a"], "--ctrl-url"),
            (["create", "--no-output"], "--no-output"), (["create", "--shm-path=/dev/shm/x"], "--shm-path"),
            (["create", "-U", "net://host"], "--set-url=net://host"),
            (["enable-channel", "-k", "c"], "--kernel"),
            (["enable-channel", "-u", "--output=splice", "c"], "--output=splice"),
            (["disable-channel", "-k", "c"], "--kernel"),
            (["enable-event", "-k", "e"], "--kernel"), (["enable-event", "-j", "e"], "--jul"),
            (["enable-event", "-l", "e"], "--log4j"), (["enable-event", "-p", "e"], "--python"),
            (["enable-event", "-u", "--syscall", "e"], "--syscall"),
            (["enable-event", "-u", "--probe=sym", "e"], "--probe"),
            (["enable-event", "-u", "--function=sym", "e"], "--function"),
            (["enable-event", "-u", "--userspace-probe=elf:/bin/ls:main", "e"], "--userspace-probe"),
            (["disable-event", "-k", "e"], "--kernel"), (["disable-event", "-u", "--syscall", "e"], "--syscall"),
            (["disable-event", "-u", "--probe", "e"], "--probe"),
            (["disable-event", "-u", "--function", "e"], "--function"),
            (["list", "-k"], "--kernel"), (["list", "-j"], "--jul"), (["list", "-l"], "--log4j"),
            (["list", "-p"], "--python"), (["-m", "xml", "list"], "--mi"), (["-g", "tracing", "list"], "--group"),
        ] as [([String], String)])
    func unsupportedOptions(arguments: [String], option: String) {
        let harness = SpoorHarness()
        harness.setCurrentSession("s1")
        let run = harness.run(arguments)
        #expect(run.status == .commandError)
        #expect(run.standardError == "Error: \(option): not supported yet by spoor\n")
        #expect(harness.daemon.requests.isEmpty)
    }

    @Test("--quiet silences results and errors alike")
    func quiet() {
        let harness = SpoorHarness()
        let failing = harness.run("-q", "start")
        #expect(failing.status == .commandError)
        #expect(failing.combined.isEmpty)
        harness.daemon.answer = { _ in .sessionCreated(Fixtures.summary("s1", "/t")) }
        let succeeding = harness.run("--quiet", "create", "s1")
        #expect(succeeding.status == .success)
        #expect(succeeding.combined.isEmpty)
        #expect(harness.home.read(".spoorrc") == "session=s1\n")
    }
}
