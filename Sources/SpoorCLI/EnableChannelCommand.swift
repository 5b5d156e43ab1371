import ArgumentParser
import SpoorModel

/// `lttng enable-channel`: creates user space channels, or enables disabled ones
/// (`lttng-enable-channel(1)`, lttng-tools `enable_channels.c`).
struct EnableChannelCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "enable-channel",
        abstract: "Create or enable a channel.",
        discussion: """
            Creates the channel CHANNEL in the current session (or the one --session names), or \
            enables it when it exists and is disabled. A comma-separated list enables several \
            channels. --subbuf-size takes k, M and G suffixes; sizes and counts are rounded up to \
            a power of two.
            """)

    static let optionNames = [
        "--help", "-h", "--session", "-s", "--kernel", "-k", "--userspace", "-u", "--discard", "--overwrite",
        "--subbuf-size", "--num-subbuf", "--switch-timer", "--monitor-timer", "--read-timer", "--list-options",
        "--output", "--buffers-uid", "--buffers-pid", "--buffers-global", "--tracefile-size", "-C",
        "--tracefile-count", "-W", "--blocking-timeout",
    ]

    @Argument(help: ArgumentHelp("The channel or channels to create or enable.", valueName: "channel[,channel]..."))
    var channelList: String?

    @Argument(help: .hidden)
    var unexpectedArguments: [String] = []

    @OptionGroup var domains: ChannelDomainOptions

    @Option(
        name: [.customShort("s"), .customLong("session")], parsing: .unconditional,
        help: ArgumentHelp("Act on SESSION instead of the current session.", valueName: "session"))
    var sessionName: String?

    @Flag(name: .customLong("discard"), help: "Discard event records when no sub-buffer is free (default).")
    var isDiscard = false

    @Flag(
        name: .customLong("overwrite"), help: "Overwrite the oldest sub-buffer when none is free (flight recorder mode).")
    var isOverwrite = false

    @Option(
        name: .customLong("subbuf-size"), parsing: .unconditional,
        help: ArgumentHelp("The size of each sub-buffer (default: 524288).", valueName: "size"))
    var subbufferSize: String?

    @Option(
        name: .customLong("num-subbuf"), parsing: .unconditional,
        help: ArgumentHelp("The number of sub-buffers per ring buffer (default: 4).", valueName: "count"))
    var subbufferCount: String?

    @Option(
        name: .customLong("switch-timer"), parsing: .unconditional,
        help: ArgumentHelp("The switch timer period in µs (0: inactive).", valueName: "periodus"))
    var switchTimer: String?

    @Option(
        name: .customLong("monitor-timer"), parsing: .unconditional,
        help: ArgumentHelp("The monitor timer period in µs (default: 1000000; 0: inactive).", valueName: "periodus"))
    var monitorTimer: String?

    @Option(
        name: .customLong("read-timer"), parsing: .unconditional,
        help: ArgumentHelp("The read timer period in µs (0: inactive).", valueName: "periodus"))
    var readTimer: String?

    @Option(
        name: .customLong("output"), parsing: .unconditional,
        help: ArgumentHelp("The output type: mmap (splice is not supported).", valueName: "type"))
    var outputType: String?

    @Flag(name: .customLong("buffers-uid"), help: "One set of ring buffers per user (default).")
    var isPerUIDBuffering = false

    @Flag(name: .customLong("buffers-pid"), help: "One set of ring buffers per process.")
    var isPerPIDBuffering = false

    @Flag(name: .customLong("buffers-global"), help: "One set of ring buffers for the system (kernel domain only).")
    var isGlobalBuffering = false

    @Option(
        name: [.customShort("C"), .customLong("tracefile-size")], parsing: .unconditional,
        help: ArgumentHelp("The maximum size of each trace file (0: unlimited).", valueName: "size"))
    var tracefileSize: String?

    @Option(
        name: [.customShort("W"), .customLong("tracefile-count")], parsing: .unconditional,
        help: ArgumentHelp("The maximum number of trace files (0: unlimited).", valueName: "count"))
    var tracefileCount: String?

    @Option(
        name: .customLong("blocking-timeout"), parsing: .unconditional,
        help: ArgumentHelp("The blocking timeout in µs, or inf.", valueName: "timeoutus"))
    var blockingTimeout: String?

    @OptionGroup var program: ProgramInformation

    /// The option values, checked and rounded as lttng does.
    struct Values: Sendable, Hashable {
        var subbufferSize: UInt64?
        var subbufferCount: UInt64?
        var switchTimer: UInt64?
        var monitorTimer: UInt64?
        var readTimer: UInt64?
        /// `.some(nil)` is `inf`.
        var blockingTimeout: UInt64??
        var tracefileSize: UInt64?
        var tracefileCount: UInt64?
        /// The warnings lttng prints while reading the options.
        var warnings: [String] = []
    }

    /// Reads the numeric options with lttng's syntax and messages; the error is the text
    /// after `Error: `.
    func values() -> Result<Values, ValueError> {
        var values = Values()
        if let text = subbufferSize {
            guard let size = ValueParsing.size(text), size > 0 else {
                return .failure(ValueError("Wrong value in --subbuf-size parameter: \(text)", values.warnings))
            }
            guard let rounded = ValueParsing.nextPowerOfTwo(size) else {
                return .failure(ValueError("The subbuf size (\(size)) is rounded and overflows!", values.warnings))
            }
            if rounded != size {
                values.warnings.append("The subbuf size (\(size)) is rounded to the next power of 2 (\(rounded))")
            }
            values.subbufferSize = rounded
        }
        if let text = subbufferCount {
            guard let count = ValueParsing.leadingCount(text), count > 0 else {
                return .failure(ValueError("Wrong value in --num-subbuf parameter: \(text)", values.warnings))
            }
            guard let rounded = ValueParsing.nextPowerOfTwo(count) else {
                return .failure(
                    ValueError("The number of subbuffers (\(count)) is rounded and overflows!", values.warnings))
            }
            if rounded != count {
                values.warnings.append(
                    "The number of subbuffers (\(count)) is rounded to the next power of 2 (\(rounded))")
            }
            values.subbufferCount = rounded
        }
        for (option, text, is32Bit) in [
            ("--switch-timer", switchTimer, true), ("--monitor-timer", monitorTimer, false),
            ("--read-timer", readTimer, true),
        ] {
            guard let text else { continue }
            guard let period = ValueParsing.microseconds(text) else {
                return .failure(ValueError("Wrong value for \(option) parameter: \(text)", values.warnings))
            }
            if is32Bit && period > UInt64(UInt32.max) {
                return .failure(ValueError("32-bit overflow in \(option) parameter: \(text)", values.warnings))
            }
            switch option {
            case "--switch-timer": values.switchTimer = period
            case "--monitor-timer": values.monitorTimer = period
            default: values.readTimer = period
            }
        }
        if let text = blockingTimeout {
            if text == "inf" {
                values.blockingTimeout = .some(nil)
            } else {
                guard let timeout = ValueParsing.microseconds(text) else {
                    return .failure(
                        ValueError("Wrong value for --blocking-timeout parameter: \(text)", values.warnings))
                }
                guard timeout / 1000 <= UInt64(Int32.max) else {
                    return .failure(
                        ValueError(
                            "32-bit milliseconds overflow in --blocking-timeout parameter: \(text)", values.warnings))
                }
                values.blockingTimeout = .some(timeout)
            }
        }
        if let text = tracefileSize {
            guard let size = ValueParsing.size(text) else {
                return .failure(ValueError("Wrong value in --tracefile-size parameter: \(text)", values.warnings))
            }
            values.tracefileSize = size
        }
        if let text = tracefileCount {
            guard let count = ValueParsing.leadingCount(text) else {
                return .failure(ValueError("Wrong value in --tracefile-count parameter: \(text)", values.warnings))
            }
            guard count <= UInt64(UInt32.max) else {
                return .failure(ValueError("32-bit overflow in --tracefile-count parameter: \(text)", values.warnings))
            }
            values.tracefileCount = count
        }
        return .success(values)
    }

    /// The first option whose value Spoor cannot honour yet, as the unsupported message names it.
    func unsupportedOption(_ values: Values) -> String? {
        if let outputType, outputType.hasPrefix("splice") { return "--output=splice" }
        return nil
    }

    /// The attributes of a new channel named `name`.
    static func attributes(
        named name: String, _ values: Values, perProcess: Bool = false, overwrite: Bool = false
    ) -> ChannelAttributes {
        ChannelAttributes(
            name: name,
            lossMode: overwrite ? .overwrite : .discard,
            subbufferSize: values.subbufferSize
                ?? (perProcess ? ChannelDefaults.perPIDSubbufferSize : ChannelDefaults.perUIDSubbufferSize),
            subbufferCount: values.subbufferCount ?? ChannelDefaults.subbufferCount,
            switchTimerPeriod: values.switchTimer ?? 0,
            readTimerPeriod: values.readTimer ?? 0,
            monitorTimerPeriod: values.monitorTimer ?? ChannelDefaults.monitorTimerPeriod,
            blockingTimeout: values.blockingTimeout ?? 0,
            tracefileSize: values.tracefileSize ?? 0,
            tracefileCount: values.tracefileCount ?? 0,
            buffering: perProcess ? .perPID : .perUID)
    }

    func execute(in context: CommandContext) -> CommandStatus {
        context.renderer.render(run(in: context))
    }

    /// Checks the options and enables each channel, going on after a failure; prints nothing.
    func run(in context: CommandContext) -> CommandResult<EnableChannelReport> {
        let values: Values
        switch self.values() {
        case .success(let read): values = read
        case .failure(let error): return .failure(.warned(error.warnings, then: .refused(error.message)))
        }
        func refuse(_ error: CommandError) -> CommandResult<EnableChannelReport> {
            .failure(values.warnings.isEmpty ? error : .warned(values.warnings, then: error))
        }
        if let problem = context.userspaceDomainProblem(domains.selected, includesAgentDomains: false) {
            return refuse(problem)
        }
        if isOverwrite, let timeout = values.blockingTimeout, timeout != 0 {
            return refuse(
                .refused("You cannot specify --overwrite and --blocking-timeout=N, where N is different than 0"))
        }
        guard let channelList else { return refuse(.refused("Missing channel name.")) }
        if let extra = unexpectedArguments.first { return refuse(.refused("Unknown argument: \(extra)")) }
        if isGlobalBuffering { return refuse(.refused("Buffer type not supported for domain -u")) }
        if (values.tracefileSize ?? 0) == 0 && (values.tracefileCount ?? 0) != 0 {
            return refuse(.refused("Missing option --tracefile-size. A file count without a size won't do anything."))
        }
        if let outputType, !outputType.hasPrefix("mmap"), !outputType.hasPrefix("splice") {
            return refuse(.refused("Unknown output type \(outputType). Possible values are: mmap, splice\n"))
        }
        if let option = unsupportedOption(values) { return refuse(.unsupported(option: option)) }
        let session: String
        switch context.resolveSession(sessionName) {
        case .success(let name): session = name
        case .failure(let error): return refuse(error)
        }
        var report = EnableChannelReport(session: session, warnings: values.warnings)
        for name in channelList.split(separator: ",").map(String.init) {
            report.channels.append(enable(name, values, session: session, in: context))
        }
        return .success(report)
    }

    private func enable(_ name: String, _ values: Values, session: String, in context: CommandContext)
        -> EnableChannelReport.Outcome
    {
        if name.utf8.count > NameValidation.maximumLength {
            return .refused("Channel name is too long (max. \(NameValidation.maximumLength) characters)")
        }
        if let problem = Self.channelNameProblem(name) { return .refused(problem) }
        let attributes = Self.attributes(named: name, values, perProcess: isPerPIDBuffering, overwrite: isOverwrite)
        // The daemon's minimum, checked here for lttng's message: max(4096, page size).
        if attributes.subbufferSize < max(4096, context.pageSize) { return .failed(name, SpoorError(.invalidArgument)) }
        do {
            try context.daemon.enableChannel(session: session, attributes: attributes)
            return .enabled(name)
        } catch where error.code == .channelExists {
            return .alreadyExists(name, error)
        } catch where error.code == .invalidChannelName {
            return .refused(Self.invalidChannelNameMessage(name))
        } catch {
            return .failed(name, error)
        }
    }

    /// Why `name` is not a valid channel name, with lttng's words where lttng has them.
    static func channelNameProblem(_ name: String) -> String? {
        if name.contains("/") || name.hasPrefix(".") { return invalidChannelNameMessage(name) }
        return NameValidation.channelNameProblem(name)
    }

    static func invalidChannelNameMessage(_ name: String) -> String {
        "Invalid channel name: \"\(name)\". Channel names may not start with '.', and may not contain '/'."
    }
}

/// An option value lttng refuses, with the warnings printed before the refusal.
struct ValueError: Error, Sendable, Hashable {
    var message: String
    var warnings: [String]

    init(_ message: String, _ warnings: [String] = []) {
        self.message = message
        self.warnings = warnings
    }
}
