/// The general options of `lttng(1)`, which come before the command name.
struct GeneralOptions: Sendable, Hashable {
    /// `-q`, `--quiet`: no message at all, not even errors.
    var isQuiet = false
    /// `-v`, `--verbose`, up to three times.
    var verbosity = 0
    /// `-g GROUP`, `--group=GROUP`.
    var group: String?
    /// `-n`, `--no-sessiond`: `create` does not start a session daemon.
    var isSessionDaemonSpawnDisabled = false
    /// `--sessiond-path=PATH`: the session daemon `create` starts.
    var sessionDaemonPath: String?
    /// `--relayd-path=PATH`: the relay daemon `create --live` starts.
    var relayDaemonPath: String?
    /// `-m TYPE`, `--mi=TYPE`.
    var machineInterface: String?
    /// `-h`, `--help`.
    var isHelpRequested = false
    /// `-V`, `--version`.
    var isVersionRequested = false
    /// `--list-options`.
    var isOptionListRequested = false
    /// `--list-commands`.
    var isCommandListRequested = false

    /// What `lttng --list-options` prints, in its order.
    static let optionNames = [
        "--version", "-V", "--help", "-h", "--group", "-g", "--verbose", "-v", "--quiet", "-q", "--mi", "-m",
        "--no-sessiond", "-n", "--sessiond-path", "--relayd-path", "--list-options", "--list-commands",
    ]
}

/// A general option `getopt_long(3)` would refuse, with glibc's message.
struct GeneralOptionsError: Error, Sendable, Hashable, CustomStringConvertible {
    var description: String
}

/// Reads the general options the way `lttng` does with `getopt_long("+…")`: options up to
/// the first non-option argument (the command name) or `--`; short options may be grouped
/// (`-vvv`), values follow as `-gGROUP`, `-g GROUP`, `--group=GROUP` or `--group GROUP`, and
/// a long option may be shortened to any unambiguous prefix.
enum GeneralOptionsParser {
    private enum Option: CaseIterable {
        case help, version, group, verbose, quiet, machineInterface, noSessiond, sessiondPath, relaydPath
        case listOptions, listCommands

        var longName: String {
            switch self {
            case .help: "help"
            case .version: "version"
            case .group: "group"
            case .verbose: "verbose"
            case .quiet: "quiet"
            case .machineInterface: "mi"
            case .noSessiond: "no-sessiond"
            case .sessiondPath: "sessiond-path"
            case .relaydPath: "relayd-path"
            case .listOptions: "list-options"
            case .listCommands: "list-commands"
            }
        }

        var shortName: Character? {
            switch self {
            case .help: "h"
            case .version: "V"
            case .group: "g"
            case .verbose: "v"
            case .quiet: "q"
            case .machineInterface: "m"
            case .noSessiond: "n"
            case .sessiondPath, .relaydPath, .listOptions, .listCommands: nil
            }
        }

        /// Help, version and the lists end the run once printed.
        var endsParsing: Bool {
            switch self {
            case .help, .version, .listOptions, .listCommands: true
            default: false
            }
        }

        var takesValue: Bool {
            switch self {
            case .group, .machineInterface, .sessiondPath, .relaydPath: true
            default: false
            }
        }
    }

    /// The general options and the arguments from the command name on.
    static func parse(_ arguments: [String], program: String = "spoor") throws(GeneralOptionsError) -> (
        options: GeneralOptions, remaining: [String]
    ) {
        var options = GeneralOptions()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                index += 1
                break
            }
            if argument.hasPrefix("--") {
                let body = argument.dropFirst(2)
                let name = body.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
                let inlineValue = body.firstIndex(of: "=").map { String(body[body.index(after: $0)...]) }
                let option = try longOption(named: name, argument: argument, program: program)
                var value: String?
                if option.takesValue {
                    if let inlineValue {
                        value = inlineValue
                    } else if index + 1 < arguments.count {
                        index += 1
                        value = arguments[index]
                    } else {
                        throw GeneralOptionsError(
                            description: "\(program): option '--\(option.longName)' requires an argument")
                    }
                } else if inlineValue != nil {
                    throw GeneralOptionsError(
                        description: "\(program): option '--\(option.longName)' doesn't allow an argument")
                }
                apply(option, value: value, to: &options)
                // lttng acts on these as soon as it reads them.
                if option.endsParsing { return (options, []) }
                index += 1
                continue
            }
            guard argument.hasPrefix("-"), argument.count > 1 else { break }
            var letters = argument.dropFirst()
            while let letter = letters.first {
                letters = letters.dropFirst()
                guard let option = Option.allCases.first(where: { $0.shortName == letter }) else {
                    throw GeneralOptionsError(description: "\(program): invalid option -- '\(letter)'")
                }
                var value: String?
                if option.takesValue {
                    if !letters.isEmpty {
                        value = String(letters)
                        letters = ""
                    } else if index + 1 < arguments.count {
                        index += 1
                        value = arguments[index]
                    } else {
                        throw GeneralOptionsError(
                            description: "\(program): option requires an argument -- '\(letter)'")
                    }
                }
                apply(option, value: value, to: &options)
                if option.endsParsing { return (options, []) }
            }
            index += 1
        }
        return (options, Array(arguments[index...]))
    }

    private static func longOption(named name: String, argument: String, program: String) throws(GeneralOptionsError)
        -> Option
    {
        if let exact = Option.allCases.first(where: { $0.longName == name }) { return exact }
        let candidates = name.isEmpty ? [] : Option.allCases.filter { $0.longName.hasPrefix(name) }
        if candidates.count == 1 { return candidates[0] }
        if candidates.isEmpty {
            throw GeneralOptionsError(description: "\(program): unrecognized option '\(argument)'")
        }
        let shown = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
        let possibilities = candidates.map { "'--\($0.longName)'" }.joined(separator: " ")
        throw GeneralOptionsError(
            description: "\(program): option '\(shown)' is ambiguous; possibilities: \(possibilities)")
    }

    private static func apply(_ option: Option, value: String?, to options: inout GeneralOptions) {
        switch option {
        case .help: options.isHelpRequested = true
        case .version: options.isVersionRequested = true
        case .group: options.group = value
        case .verbose: options.verbosity += 1
        case .quiet: options.isQuiet = true
        case .machineInterface: options.machineInterface = value
        case .noSessiond: options.isSessionDaemonSpawnDisabled = true
        case .sessiondPath: options.sessionDaemonPath = value
        case .relaydPath: options.relayDaemonPath = value
        case .listOptions: options.isOptionListRequested = true
        case .listCommands: options.isCommandListRequested = true
        }
    }
}
