import SpoorModel

/// The text of `lttng list --userspace [--fields]`: the tracepoints of each registered
/// instrumented process (lttng-tools `list.c`, `list_ust_events()` and
/// `list_ust_event_fields()`).
///
/// Processes, tracepoints and fields appear in the order the daemon gives them; LTTng shows
/// them in the reverse order of its internal tables.
enum TracepointListFormatter {
    static func render(_ apps: [AppTracepoints], showsFields: Bool = false) -> String {
        var text = "UST events:\n-------------\n"
        if apps.allSatisfy({ $0.events.isEmpty }) { text += "None\n" }
        for app in apps where !app.events.isEmpty {
            text += "\nPID: \(app.pid) - Name: \(app.processName)\n"
            for event in app.events {
                text += "      \(event.fullName) (loglevel: \(event.logLevel.lttngName) (\(event.logLevel.rawValue)))"
                text += " (type: tracepoint)\n"
                if showsFields {
                    for (name, typeName) in event.fields.flatMap(listedFields) {
                        text += "        field: \(name) (\(typeName))\n"
                    }
                }
            }
        }
        return text + "\n"
    }

    /// The fields LTTng-UST lists for one declared field: a sequence has its length field
    /// first (`_NAME_length`), as in the event's TSDL.
    static func listedFields(_ field: FieldDescriptor) -> [(name: String, typeName: String)] {
        switch field.type {
        case .integer: [(field.name, "integer")]
        case .float, .double: [(field.name, "float")]
        case .string: [(field.name, "string")]
        case .enumeration: [(field.name, "enum")]
        case .array(let element, _): [(field.name, element.isText ? "string" : "unknown")]
        case .sequence(let element):
            [("_\(field.name)_length", "integer"), (field.name, element.isText ? "string" : "unknown")]
        }
    }
}
