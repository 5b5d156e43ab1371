import SpoorModel

/// The text of `lttng list` without a session name (lttng-tools `list.c`, `list_sessions()`).
enum SessionListFormatter {
    /// The listing of `sessions`, in the order given.
    static func render(_ sessions: [SessionSummary]) -> String {
        guard !sessions.isEmpty else { return "Currently no available recording session\n" }
        var text = "Available recording sessions:\n"
        for (index, session) in sessions.enumerated() {
            text += "  \(index + 1)) \(session.name) [\(stateName(session))]\n"
            if !session.outputPath.isEmpty {
                text += "    Trace output: \(session.outputPath)\n"
            }
            text += "\n"
        }
        text += "\nUse spoor list <session_name> for more details\n"
        return text
    }

    /// `active` or `inactive`, followed by ` snapshot` for a snapshot session.
    static func stateName(_ session: SessionSummary) -> String {
        (session.isActive ? "active" : "inactive") + (session.isSnapshot ? " snapshot" : "")
    }
}
