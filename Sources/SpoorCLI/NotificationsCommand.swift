import ArgumentParser
import SpoorModel

/// `spoor notifications`: prints the notifications of triggers with a `notify` action as they
/// arrive, one JSON object per line, so that shell scripts can react to them. Spoor's own
/// command: LTTng offers notifications only through liblttng-ctl.
struct NotificationsCommand: SpoorSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "notifications",
        abstract: "Print trigger notifications as they arrive.",
        discussion: """
            Subscribes to the notifications of your triggers that have a notify action (all \
            users' for root), or of those named with --trigger, and prints each as one JSON \
            object on a line: trigger, owner_uid, condition, time_ns (when the session daemon \
            sent it, real time), dropped_before (notifications dropped since the previous one \
            because this command did not read fast enough), and what the condition is about: \
            captures (an object of each capture descriptor's value, null when unavailable) for \
            event-rule-matches; session, consumed_bytes; session, channel, buffer_bytes, \
            buffer_capacity; session, chunk_id, archive_path; or the crashed process's pid, uid, \
            gid, signal, process_name, executable and crash_time. Runs until the daemon goes away, \
            or until --count notifications were printed. Says on standard error when it is \
            subscribed.
            """)

    static let optionNames = ["--help", "-h", "--trigger", "--count", "--list-options"]

    @Option(name: .customLong("trigger"), help: "A trigger whose notifications to print (repeatable).")
    var triggerNames: [String] = []

    @Option(name: .customLong("count"), help: "Exit after printing this many notifications.")
    var count: Int?

    @OptionGroup var program: ProgramInformation

    func execute(in context: CommandContext) -> CommandStatus {
        if let count, count <= 0 { return context.fail("--count must be a positive number, not \(count)") }
        var printed = 0
        do {
            let subscription = NotificationSubscription(triggerNames: triggerNames)
            let subjects = triggerNames.isEmpty ? "your triggers" : "trigger " + triggerNames.joined(separator: ", ")
            try context.daemon.receiveNotifications(
                subscription,
                // On standard error: standard output holds only the notifications.
                onSubscribed: { context.console.diagnostic("Waiting for notifications of \(subjects)\n") }
            ) { notification in
                context.console.message(NotificationJSON.line(for: notification))
                context.console.flush()
                printed += 1
                return count.map { printed < $0 } ?? true
            }
        } catch {
            return context.fail(ErrorText.describe(error))
        }
        if let count, printed < count {
            return context.fail("The session daemon went away after \(printed) of \(count) notifications")
        }
        return .success
    }
}

/// A notification as one line of JSON, fields in a fixed order.
enum NotificationJSON {
    static func line(for notification: TriggerNotification) -> String {
        var fields: [(String, String)] = [
            ("trigger", string(notification.trigger)), ("owner_uid", "\(notification.ownerUID)"),
            ("condition", string(conditionName(notification.condition))), ("time_ns", "\(notification.time)"),
            ("dropped_before", "\(notification.droppedBefore)"),
        ]
        if let session = notification.condition.sessionName { fields.append(("session", string(session))) }
        switch notification.condition {
        case .bufferUsageHigh(_, let channel, _), .bufferUsageLow(_, let channel, _):
            fields.append(("channel", string(channel)))
        default: break
        }
        switch notification.evaluation {
        case .eventRuleMatched(let captures):
            let members = captures.map { "\(string($0.descriptor)):\(value($0.value))" }
            fields.append(("captures", "{" + members.joined(separator: ",") + "}"))
        case .sessionConsumedSize(let bytes):
            fields.append(("consumed_bytes", "\(bytes)"))
        case .bufferUsage(let bytes, let capacity):
            fields += [("buffer_bytes", "\(bytes)"), ("buffer_capacity", "\(capacity)")]
        case .sessionRotationOngoing(let chunkID):
            fields.append(("chunk_id", "\(chunkID)"))
        case .sessionRotationCompleted(let chunkID, let archivePath):
            fields += [("chunk_id", "\(chunkID)"), ("archive_path", string(archivePath))]
        case .processCrashed(let report):
            fields += [
                ("pid", "\(report.pid)"), ("uid", "\(report.uid)"), ("gid", "\(report.gid)"),
                ("signal", "\(report.signal)"), ("process_name", string(report.processName)),
                ("executable", string(report.executablePath)), ("crash_time", "\(report.time)"),
            ]
        }
        return "{" + fields.map { "\(string($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }

    /// The condition's name as `add-trigger --condition` spells it.
    static func conditionName(_ condition: TriggerCondition) -> String {
        switch condition {
        case .eventRuleMatches: "event-rule-matches"
        case .sessionConsumedSize: "session-consumed-size"
        case .bufferUsageHigh: "buffer-usage-high"
        case .bufferUsageLow: "buffer-usage-low"
        case .sessionRotationOngoing: "session-rotation-ongoing"
        case .sessionRotationCompleted: "session-rotation-completed"
        case .processCrashed: "process-crashed"
        }
    }

    static func value(_ value: CapturedValue) -> String {
        switch value {
        case .signed(let number): "\(number)"
        case .unsigned(let number): "\(number)"
        // JSON has no infinities or NaN.
        case .floatingPoint(let number): number.isFinite ? "\(number)" : string("\(number)")
        case .string(let text): string(text)
        case .array(let elements): "[" + elements.map(Self.value).joined(separator: ",") + "]"
        case .unavailable: "null"
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped.
    static func string(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
