import SpoorModel

// MARK: Actions

/// An `--action` type, with the options it takes: the one list of action names.
enum ActionType: String, CaseIterable {
    case notify
    case startSession = "start-session"
    case stopSession = "stop-session"
    case rotateSession = "rotate-session"
    case snapshotSession = "snapshot-session"

    /// The options that belong to this action when they follow it.
    var options: [String] {
        switch self {
        case .notify, .startSession, .stopSession, .rotateSession: ["--rate-policy"]
        case .snapshotSession:
            ["--rate-policy", "--path", "--url", "--ctrl-url", "--data-url", "--name", "--max-size"]
        }
    }

    /// The action's name in lttng's messages.
    var lttngName: String {
        switch self {
        case .notify: "notify"
        case .startSession: "start session"
        case .stopSession: "stop session"
        case .rotateSession: "rotate session"
        case .snapshotSession: "snapshot session"
        }
    }
}

/// The options of one `--action` specifier.
struct ActionBuilder {
    let kind: ActionType
    var sessionName: String?
    var ratePolicy: String?
    // Snapshot output options.
    var path: String?
    var url: String?
    var controlURL: String?
    var dataURL: String?
    var outputName: String?
    var maximumSize: String?

    typealias Failure = TriggerCommandLine.Failure

    init?(type: String) {
        guard let kind = ActionType(rawValue: type) else { return nil }
        self.kind = kind
    }

    var acceptsSessionName: Bool { kind != .notify && sessionName == nil }

    mutating func option(_ option: String, _ value: String) throws(Failure) -> Bool {
        guard kind.options.contains(option) else { return false }
        let setOnce = TriggerCommandLine.setOnce
        switch option {
        // As lttng: the last one counts.
        case "--rate-policy": ratePolicy = value
        case "--path": try setOnce(&path, value, "'--path'")
        case "--url": try setOnce(&url, value, "'--url'")
        case "--ctrl-url": try setOnce(&controlURL, value, "'--ctrl-url'")
        case "--data-url": try setOnce(&dataURL, value, "'--data-url'")
        case "--name": try setOnce(&outputName, value, "'--name/-n'")
        case "--max-size": try setOnce(&maximumSize, value, "'--max-size/-m'")
        default: return false
        }
        return true
    }

    func build() throws(Failure) -> TriggerAction {
        let policy = try ratePolicy.map { (text) throws(Failure) in try Self.ratePolicy(text) } ?? .default
        let actionKind: TriggerActionKind
        switch kind {
        case .notify: actionKind = .notify
        case .startSession: actionKind = .startSession(try checkedSessionName())
        case .stopSession: actionKind = .stopSession(try checkedSessionName())
        case .rotateSession: actionKind = .rotateSession(try checkedSessionName())
        case .snapshotSession:
            let session = try checkedSessionName()
            actionKind = .snapshotSession(session, output: try snapshotOutput(of: session))
        }
        return TriggerAction(actionKind, ratePolicy: policy)
    }

    /// The session the action names, checked as lttng checks it.
    private func checkedSessionName() throws(Failure) -> String {
        guard let sessionName else { throw Failure("Missing session name.") }
        if sessionName.isEmpty { throw Failure("Failed to set action \(kind.lttngName)'s session name to ''.") }
        if let problem = NameValidation.sessionNameProblem(sessionName) {
            throw Failure("\(problem): `\(sessionName)`")
        }
        return sessionName
    }

    /// `every:N` or `once-after:N`, N above 0.
    static func ratePolicy(_ text: String) throws(Failure) -> RatePolicy {
        guard let colon = text.firstIndex(of: ":") else { throw Failure("Rate policy format is invalid.") }
        let type = text[..<colon]
        let valueText = String(text[text.index(after: colon)...])
        guard type == "every" || type == "once-after" else { throw Failure("Rate policy type `\(type)` unknown.") }
        guard !valueText.hasPrefix("-"), !valueText.hasPrefix("+"), let value = UInt64(valueText) else {
            throw Failure("Failed to parse rate policy value `\(valueText)` as an integer.")
        }
        guard value > 0 else { throw Failure("Rate policy value `\(valueText)` must be > 0.") }
        return type == "every" ? .every(value) : .onceAfter(value)
    }

    /// The output the snapshot options describe, checked as lttng checks them.
    private func snapshotOutput(of session: String) throws(Failure) -> SnapshotActionOutput? {
        let destinations = [path != nil, url != nil, controlURL != nil || dataURL != nil].filter { $0 }.count
        if destinations > 1 {
            throw Failure("The --ctrl-url/--data-url, --url, and --path options can't be used together.")
        }
        if controlURL != nil && dataURL == nil { throw Failure("--ctrl-url is specified, but --data-url is missing.") }
        if dataURL != nil && controlURL == nil { throw Failure("--data-url is specified, but --ctrl-url is missing.") }
        var size: UInt64?
        if let maximumSize {
            guard let value = ValueParsing.size(maximumSize) else {
                throw Failure("Failed to parse `\(maximumSize)` as a size.")
            }
            size = value
        }
        let destination: SnapshotActionDestination
        if let path {
            guard path.hasPrefix("/") else { throw Failure("Failed to parse '\(path)' as a local path.") }
            destination = .path(path)
        } else if let url {
            guard SnapshotActionDestination.isURL(url) else { throw Failure("Failed to parse '\(url)' as an URL.") }
            destination = .url(url)
        } else if let controlURL, let dataURL {
            guard SnapshotActionDestination.isConnectionURL(controlURL),
                SnapshotActionDestination.isConnectionURL(dataURL)
            else {
                throw Failure("Failed to parse `\(controlURL)` and `\(dataURL)` as control and data URLs.")
            }
            destination = .controlAndData(control: controlURL, data: dataURL)
        } else {
            if maximumSize != nil {
                throw Failure("Can't provide a snapshot output max size without a snapshot output destination.")
            }
            if outputName != nil {
                throw Failure("Can't provide a snapshot output name without a snapshot output destination.")
            }
            return nil
        }
        let output = SnapshotActionOutput(destination: destination, name: outputName, maximumSize: size)
        do {
            try TriggerAction(.snapshotSession(session, output: output)).validate()
        } catch {
            throw Failure("Invalid snapshot output: \(error)")
        }
        return output
    }
}
