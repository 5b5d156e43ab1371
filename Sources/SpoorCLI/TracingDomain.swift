import ArgumentParser

/// A tracing domain option (`-k`, `-u`, `-j`, `-l`, `-p`).
enum TracingDomain: CaseIterable, Sendable {
    case kernel, userspace, jul, log4j, python

    var optionName: String {
        switch self {
        case .kernel: "--kernel"
        case .userspace: "--userspace"
        case .jul: "--jul"
        case .log4j: "--log4j"
        case .python: "--python"
        }
    }
}

/// `-k` and `-u`, the domains of the channel commands.
struct ChannelDomainOptions: ParsableArguments {
    @Flag(name: [.customShort("k"), .customLong("kernel")], help: "The Linux kernel domain (not supported yet).")
    var kernel = false
    @Flag(name: [.customShort("u"), .customLong("userspace")], help: "The user space domain.")
    var userspace = false

    var selected: [TracingDomain] {
        [kernel ? .kernel : nil, userspace ? .userspace : nil].compactMap { $0 }
    }
}

/// `-k`, `-u`, `-j`, `-l` and `-p`, the domains of the event rule and list commands.
struct EventDomainOptions: ParsableArguments {
    @Flag(name: [.customShort("k"), .customLong("kernel")], help: "The Linux kernel domain (not supported yet).")
    var kernel = false
    @Flag(name: [.customShort("u"), .customLong("userspace")], help: "The user space domain.")
    var userspace = false
    @Flag(name: [.customShort("j"), .customLong("jul")], help: "The java.util.logging domain (not supported yet).")
    var jul = false
    @Flag(name: [.customShort("l"), .customLong("log4j")], help: "The Apache log4j domain (not supported yet).")
    var log4j = false
    @Flag(name: [.customShort("p"), .customLong("python")], help: "The Python logging domain (not supported yet).")
    var python = false

    var selected: [TracingDomain] {
        let flags: [(Bool, TracingDomain)] = [
            (kernel, .kernel), (userspace, .userspace), (jul, .jul), (log4j, .log4j), (python, .python),
        ]
        return flags.filter(\.0).map(\.1)
    }
}

extension CommandContext {
    /// Checks that exactly one domain was given and that it is the user space domain, with
    /// lttng's messages (`print_missing_or_multiple_domains()`); `nil` when it is.
    func userspaceDomainProblem(_ selected: [TracingDomain], includesAgentDomains: Bool) -> CommandError? {
        if selected.isEmpty {
            let names = includesAgentDomains ? "--kernel/--userspace/--jul/--log4j/--python" : "--kernel/--userspace"
            return .refused("Please specify a domain (\(names)).")
        }
        if selected.count > 1 { return .refused("Only one domain must be specified.") }
        if selected[0] != .userspace { return .unsupported(option: selected[0].optionName) }
        return nil
    }

    /// Prints `userspaceDomainProblem` and returns the error status, or nil when there is none.
    func requireUserspaceDomain(_ selected: [TracingDomain], includesAgentDomains: Bool) -> CommandStatus? {
        if selected.isEmpty {
            let names = includesAgentDomains ? "--kernel/--userspace/--jul/--log4j/--python" : "--kernel/--userspace"
            return fail("Please specify a domain (\(names)).")
        }
        if selected.count > 1 { return fail("Only one domain must be specified.") }
        if selected[0] != .userspace { return unsupported(selected[0].optionName) }
        return nil
    }
}
