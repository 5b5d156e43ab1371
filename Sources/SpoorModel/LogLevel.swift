/// One of LTTng's fifteen user-space log levels (`lttng-event-rule(7)`), most severe first.
///
/// The raw values are the ones LTTng writes as `loglevel` in the TSDL of an event class.
public enum LogLevel: Int32, CaseIterable, Sendable, Comparable {
    case emergency = 0
    case alert = 1
    case critical = 2
    case error = 3
    case warning = 4
    case notice = 5
    case info = 6
    case debugSystem = 7
    case debugProgram = 8
    case debugProcess = 9
    case debugModule = 10
    case debugUnit = 11
    case debugFunction = 12
    case debugLine = 13
    case debug = 14

    /// The level a tracepoint has when its declaration names none, as in LTTng-UST.
    public static let `default`: LogLevel = .debugLine

    /// LTTng's name for the level, as `lttng list -u` prints it (`TRACE_DEBUG_LINE`).
    public var lttngName: String {
        switch self {
        case .emergency: "TRACE_EMERG"
        case .alert: "TRACE_ALERT"
        case .critical: "TRACE_CRIT"
        case .error: "TRACE_ERR"
        case .warning: "TRACE_WARNING"
        case .notice: "TRACE_NOTICE"
        case .info: "TRACE_INFO"
        case .debugSystem: "TRACE_DEBUG_SYSTEM"
        case .debugProgram: "TRACE_DEBUG_PROGRAM"
        case .debugProcess: "TRACE_DEBUG_PROCESS"
        case .debugModule: "TRACE_DEBUG_MODULE"
        case .debugUnit: "TRACE_DEBUG_UNIT"
        case .debugFunction: "TRACE_DEBUG_FUNCTION"
        case .debugLine: "TRACE_DEBUG_LINE"
        case .debug: "TRACE_DEBUG"
        }
    }

    /// Parses a level as `lttng enable-event --loglevel` accepts it: `TRACE_INFO` or `INFO`, in
    /// any case, but not a number (LTTng 2.13.9 answers "Unknown loglevel 6"). Like LTTng
    /// (`src/bin/lttng/loglevel.c`), the debug levels also go by their last word: `LINE` is
    /// `TRACE_DEBUG_LINE`.
    public init?(lttngName text: String) {
        let upper = text.uppercased()
        let bare = upper.hasPrefix("TRACE_") ? String(upper.dropFirst(6)) : upper
        let isPrefixed = bare != upper
        guard
            let level = LogLevel.allCases.first(where: { level in
                let name = level.lttngName.dropFirst(6)
                return name == bare || (!isPrefixed && name.hasPrefix("DEBUG_") && name.dropFirst(6) == bare)
            })
        else {
            return nil
        }
        self = level
    }

    /// Lower raw values are more severe.
    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}
