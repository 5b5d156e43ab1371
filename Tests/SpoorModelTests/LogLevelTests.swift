import SpoorModel
import Testing

@Suite("Log levels")
struct LogLevelTests {
    /// `lttng-event-rule(7)` and `lttng_ust_tracepoint_loglevel`: names and values.
    static let lttngLevels: [(String, Int32, LogLevel)] = [
        ("TRACE_EMERG", 0, .emergency),
        ("TRACE_ALERT", 1, .alert),
        ("TRACE_CRIT", 2, .critical),
        ("TRACE_ERR", 3, .error),
        ("TRACE_WARNING", 4, .warning),
        ("TRACE_NOTICE", 5, .notice),
        ("TRACE_INFO", 6, .info),
        ("TRACE_DEBUG_SYSTEM", 7, .debugSystem),
        ("TRACE_DEBUG_PROGRAM", 8, .debugProgram),
        ("TRACE_DEBUG_PROCESS", 9, .debugProcess),
        ("TRACE_DEBUG_MODULE", 10, .debugModule),
        ("TRACE_DEBUG_UNIT", 11, .debugUnit),
        ("TRACE_DEBUG_FUNCTION", 12, .debugFunction),
        ("TRACE_DEBUG_LINE", 13, .debugLine),
        ("TRACE_DEBUG", 14, .debug),
    ]

    @Test("names and values match LTTng's", arguments: lttngLevels)
    func namesAndValuesMatchLTTng(name: String, value: Int32, level: LogLevel) {
        #expect(level.lttngName == name)
        #expect(level.rawValue == value)
    }

    @Test("there are exactly LTTng's fifteen levels")
    func fifteenLevels() {
        #expect(LogLevel.allCases.count == 15)
        #expect(LogLevel.allCases.map(\.rawValue) == Array(0...14))
    }

    @Test(
        "every level parses from its name with or without TRACE_, in any case, never from its number",
        arguments: LogLevel.allCases)
    func parsesEverySpelling(level: LogLevel) {
        let name = level.lttngName
        let bare = String(name.dropFirst("TRACE_".count))
        #expect(LogLevel(lttngName: name) == level)
        #expect(LogLevel(lttngName: name.lowercased()) == level)
        #expect(LogLevel(lttngName: bare) == level)
        #expect(LogLevel(lttngName: bare.lowercased()) == level)
        #expect(LogLevel(lttngName: String(level.rawValue)) == nil)
    }

    @Test(
        "INFO is spelt every way enable-event accepts",
        arguments: [
            "TRACE_INFO", "INFO", "info", "Info", "trace_info", "Trace_Info",
        ])
    func infoSpellings(text: String) {
        #expect(LogLevel(lttngName: text) == .info)
    }

    @Test(
        "names that are not levels are refused",
        arguments: [
            "", "TRACE_", "TRACE", "6", "0", "15", "-1", "99999999999", "INFORMATION", "TRACE_INF", "DEBUG_",
            "DEBUG_LINES",
            " INFO", "INFO ", "TRACE_TRACE_INFO", "EMERGENCY", "TRACE_6", "0x6",
        ])
    func nonLevelsAreRefused(text: String) {
        #expect(LogLevel(lttngName: text) == nil)
    }

    @Test(
        "debug levels also go by their last word, as in LTTng's loglevel.c",
        arguments: [
            ("SYSTEM", LogLevel.debugSystem), ("PROGRAM", .debugProgram), ("PROCESS", .debugProcess),
            ("MODULE", .debugModule), ("UNIT", .debugUnit), ("FUNCTION", .debugFunction),
            ("LINE", .debugLine),
            ("line", .debugLine), ("Function", .debugFunction),
        ])
    func debugLevelShortNames(text: String, level: LogLevel) {
        #expect(LogLevel(lttngName: text) == level)
    }

    @Test("short debug names take no TRACE_ prefix, as in LTTng's loglevel.c")
    func shortNamesHaveNoPrefix() {
        #expect(LogLevel(lttngName: "TRACE_LINE") == nil)
        #expect(LogLevel(lttngName: "TRACE_SYSTEM") == nil)
    }

    @Test("DEBUG and DEBUG_LINE are different levels")
    func debugIsNotDebugLine() {
        #expect(LogLevel(lttngName: "DEBUG") == .debug)
        #expect(LogLevel(lttngName: "DEBUG_LINE") == .debugLine)
    }

    @Test("more severe levels order first")
    func severityOrdering() {
        #expect(LogLevel.emergency < .alert)
        #expect(LogLevel.error < .warning)
        #expect(LogLevel.info < .debug)
        #expect(!(LogLevel.debug < .info))
        #expect(!(LogLevel.info < .info))
        #expect(LogLevel.allCases.sorted() == LogLevel.allCases)
        #expect(LogLevel.allCases.min() == .emergency)
        #expect(LogLevel.allCases.max() == .debug)
    }

    @Test("a tracepoint without a level is TRACE_DEBUG_LINE, as in LTTng-UST")
    func defaultLevel() {
        #expect(LogLevel.default == .debugLine)
        #expect(EventDescriptor(provider: "p", event: "e", fields: []).logLevel == .debugLine)
    }
}
