import SpoorFilter
import SpoorModel
import SpoorPosix

/// The commands that change what gets recorded: event rules, context fields and process
/// attribute trackers.
extension DaemonState {
    /// Adds (or re-enables) rules; returns the channel they went to.
    mutating func enableEvents(_ rules: [EventRule], channel: String?, in name: String, uid: UInt32)
        throws(SpoorError) -> String
    {
        let session = try session(name, for: uid)
        let channelName = channel ?? ChannelDefaults.defaultChannelName
        var index = session.channelIndex(named: channelName)
        if index == nil {
            if channel == nil && !session.channels.isEmpty {
                throw SpoorError(.nonDefaultChannelExists, "channel <default>, session \(name)")
            }
            try enableChannel(ChannelAttributes(name: channelName), in: name, uid: uid)
            index = session.channelIndex(named: channelName)
        }
        guard let index else { throw SpoorError(.channelNotFound, channelName) }
        for rule in rules {
            guard !rule.pattern.isEmpty else { throw SpoorError(.invalidArgument, "an event name cannot be empty") }
            if !rule.exclusions.isEmpty && !NamePattern.hasWildcard(rule.pattern) {
                throw SpoorError(.invalidArgument, "Exclusions can only be used with a globbing pattern")
            }
            if let filter = rule.filter { try compileFilter(filter) }
            if let existing = session.channels[index].rules.firstIndex(where: { $0.hasSameConditions(as: rule) }) {
                guard !session.channels[index].rules[existing].isEnabled else {
                    throw SpoorError(.eventRuleExists)
                }
                session.channels[index].rules[existing].isEnabled = true
            } else {
                var added = rule
                added.isEnabled = true
                session.channels[index].rules.append(added)
            }
        }
        try pushDestinations()
        return channelName
    }

    /// Compiles a rule's filter expression once, keeping the bytecode apps receive.
    mutating func compileFilter(_ expression: String) throws(SpoorError) {
        guard filterBytecode[expression] == nil else { return }
        do {
            filterBytecode[expression] = try FilterProgram(compiling: expression).bytes
        } catch {
            throw SpoorError(.invalidFilter, error.description)
        }
    }

    /// `add-context -u`: adds context fields to one channel or to every channel of a session.
    mutating func addContexts(_ names: [String], channel: String?, in name: String, uid: UInt32) throws(SpoorError) {
        let session = try session(name, for: uid)
        var contexts: [ContextType] = []
        var namedContexts: [String] = []
        for contextName in names {
            if contextName.hasPrefix("perf:") {
                guard let counter = PerfCounter(contextName: contextName) else {
                    throw SpoorError(.invalidArgument, "\(contextName) is not a perf:thread: counter that LTTng names")
                }
                // Fail now rather than record zeros: the apps would be refused the same way.
                if let failure = PerfCounters.probe(type: counter.type, config: counter.config) {
                    throw SpoorError(
                        .unsupported,
                        "this machine does not count it (perf_event_open: \(failure)); see `perf list`")
                }
                namedContexts.append(contextName)
                continue
            }
            if contextName.hasPrefix("$app.") {
                guard ApplicationContext.isValid(contextName) else {
                    throw SpoorError(
                        .invalidArgument, "\(contextName): an application context is $app.PROVIDER:TYPE")
                }
                namedContexts.append(contextName)
                continue
            }
            guard let context = ContextType(rawValue: contextName) else {
                throw SpoorError(.unsupported, "context \(contextName) is not supported by spoor's user-space tracer")
            }
            contexts.append(context)
        }
        guard !session.hasBeenStarted else {
            throw SpoorError(
                .unsupported, "context fields cannot be added once the session has been started (as in LTTng 2.13)")
        }
        let indexes: [Int]
        if let channel {
            guard let index = session.channelIndex(named: channel) else { throw SpoorError(.channelNotFound, channel) }
            indexes = [index]
        } else {
            if session.channels.isEmpty {
                try enableChannel(ChannelAttributes(name: ChannelDefaults.defaultChannelName), in: name, uid: uid)
            }
            indexes = Array(session.channels.indices)
        }
        for index in indexes {
            let channel = session.channels[index]
            for context in contexts where channel.contexts.contains(context) {
                throw SpoorError(.contextExists, "\(context.name) in channel \(channel.attributes.name)")
            }
            for name in namedContexts where channel.namedContexts.contains(name) {
                throw SpoorError(.contextExists, "\(name) in channel \(channel.attributes.name)")
            }
        }
        for index in indexes {
            session.channels[index].contexts += contexts
            session.channels[index].namedContexts += namedContexts
        }
    }

    /// `track` / `untrack`: changes one inclusion set of the session's trackers.
    mutating func changeTracker(
        _ attribute: ProcessAttribute, values: [Int64]?, including: Bool, in name: String, uid: UInt32
    ) throws(SpoorError) {
        let session = try session(name, for: uid)
        var policy = session.trackers[attribute]
        switch (values, including) {
        case (nil, true): policy = .all
        case (nil, false): policy = .only([])
        case (let values?, true):
            var set: Set<Int64> = []
            if case .only(let current) = policy { set = current }
            for value in values {
                guard !set.contains(value) || policy == .all else {
                    throw SpoorError(.invalidArgument, "\(value) is already in the \(attribute.trackerName) tracker inclusion set")
                }
                set.insert(value)
            }
            policy = .only(set)
        case (let values?, false):
            guard case .only(var set) = policy else {
                throw SpoorError(
                    .invalidArgument,
                    "the \(attribute.trackerName) tracker includes every value: untrack --all first, then track values")
            }
            for value in values {
                guard set.remove(value) != nil else {
                    throw SpoorError(.invalidArgument, "\(value) is not in the \(attribute.trackerName) tracker inclusion set")
                }
            }
            policy = .only(set)
        }
        session.trackers[attribute] = policy
        // A process that becomes allowed needs the buffers; one that is excluded stops recording.
        if session.isActive {
            for app in Array(apps.values) where session.records(from: app) { try mapBuffers(of: session, into: app) }
        }
        try pushDestinations()
    }

    mutating func disableEvents(_ patterns: [String], all: Bool, channel: String?, in name: String, uid: UInt32)
        throws(SpoorError) -> String
    {
        let session = try session(name, for: uid)
        let channelName = channel ?? ChannelDefaults.defaultChannelName
        guard let index = session.channelIndex(named: channelName) else {
            if channel == nil && !session.channels.isEmpty {
                throw SpoorError(.nonDefaultChannelExists, "channel <default>, session \(name)")
            }
            throw SpoorError(.channelNotFound, "\(channelName) in session \(name)")
        }
        if all {
            for rule in session.channels[index].rules.indices { session.channels[index].rules[rule].isEnabled = false }
        }
        for pattern in patterns {
            let matching = session.channels[index].rules.indices.filter {
                session.channels[index].rules[$0].pattern == pattern
            }
            guard !matching.isEmpty else { throw SpoorError(.eventRuleNotFound, pattern) }
            for rule in matching { session.channels[index].rules[rule].isEnabled = false }
        }
        try pushDestinations()
        return channelName
    }
}
