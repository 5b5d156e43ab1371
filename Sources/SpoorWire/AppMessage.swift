import SpoorModel

/// What an instrumented app tells the session daemon about itself when it connects.
public struct AppRegistration: Sendable, Hashable {
    /// The tracer protocol this message follows; the daemon refuses other versions.
    public static let protocolVersion: UInt32 = 1

    public var protocolVersion: UInt32
    public var pid: Int32
    public var uid: UInt32
    public var gid: UInt32
    public var processName: String
    public var bitWidth: UInt8
    /// Tracepoints declared so far; their positions are the event indexes used afterwards.
    public var events: [EventDescriptor]

    public init(
        protocolVersion: UInt32 = AppRegistration.protocolVersion, pid: Int32, uid: UInt32, gid: UInt32,
        processName: String, bitWidth: UInt8, events: [EventDescriptor]
    ) {
        self.protocolVersion = protocolVersion
        self.pid = pid
        self.uid = uid
        self.gid = gid
        self.processName = processName
        self.bitWidth = bitWidth
        self.events = events
    }
}

/// A message from an instrumented app to the session daemon (app socket, `SOCK_SEQPACKET`).
public enum AppMessage: Sendable, Hashable {
    case register(AppRegistration)
    /// Tracepoints declared after registration; the first gets event index `firstIndex`.
    case declareEvents(firstIndex: UInt32, events: [EventDescriptor])
    /// Every daemon message before `synchronize(token)` has been applied.
    case acknowledge(token: UInt64)
    /// An event matched the event-rule-matches trigger the daemon knows by `token`
    /// (`DaemonMessage.setNotifiers`): its filter held, and `captures` are the values of its
    /// capture descriptors, in order. `discardedBefore` counts the notifications of this
    /// trigger the app dropped since the last one that got through (its socket was full).
    case eventNotification(token: UInt64, captures: [CapturedValue], discardedBefore: UInt64 = 0)
    /// The app dropped `count` notifications of the trigger known by `token` that no later
    /// notification reported: sent by the app's control thread, so that `list-triggers` counts
    /// them even when the trigger does not fire again.
    case notificationsDiscarded(token: UInt64, count: UInt64)
}

/// An event-rule-matches trigger whose event rule matches one of an app's events: the app
/// evaluates its filter when the event happens and, when it holds, sends
/// `AppMessage.eventNotification` with the captured values.
public struct EventNotifier: Sendable, Hashable {
    /// What the daemon knows the trigger by in notifications; the daemon assigns it.
    public var token: UInt64
    /// The bytecode (`FilterProgram.bytes`) of the rule's filter; empty when it has none.
    public var filter: [UInt8]
    /// What the notification carries (`lttng-add-trigger(1)`, "Capture descriptor").
    public var captures: [CaptureDescriptor]

    public init(token: UInt64, filter: [UInt8] = [], captures: [CaptureDescriptor] = []) {
        self.token = token
        self.filter = filter
        self.captures = captures
    }
}

/// The notifiers of one of an app's events, by the event's index in its registration.
public struct EventNotifiers: Sendable, Hashable {
    public var eventIndex: UInt32
    public var notifiers: [EventNotifier]

    public init(eventIndex: UInt32, notifiers: [EventNotifier]) {
        self.eventIndex = eventIndex
        self.notifiers = notifiers
    }
}

/// Where one event of an app is recorded: a channel's buffers and the event id in that channel,
/// and the filters that decide whether an event is recorded there.
public struct EventTarget: Sendable, Hashable {
    public var channelKey: UInt64
    public var eventID: UInt32
    /// The bytecode (`FilterProgram.bytes`) of the filter of each enabled rule of the channel
    /// that matches the event: the event is recorded when any of them holds. Empty when some
    /// matching rule has no filter: then every event is recorded.
    public var filters: [[UInt8]]

    public init(channelKey: UInt64, eventID: UInt32, filters: [[UInt8]] = []) {
        self.channelKey = channelKey
        self.eventID = eventID
        self.filters = filters
    }
}

/// The targets of one of an app's events, by the event's index in its registration.
public struct EventDestinations: Sendable, Hashable {
    public var eventIndex: UInt32
    public var targets: [EventTarget]

    public init(eventIndex: UInt32, targets: [EventTarget]) {
        self.eventIndex = eventIndex
        self.targets = targets
    }
}

/// A message from the session daemon to an instrumented app.
public enum DaemonMessage: Sendable, Hashable {
    /// One per-CPU stream of a channel; carries two descriptors: the ring buffer's shared
    /// memory and the consumer's wake-up eventfd.
    case addStream(channelKey: UInt64, cpu: UInt32, streamCount: UInt32)
    /// The channel's buffers are gone: stop using and unmap them.
    case removeChannel(channelKey: UInt64)
    /// Replaces the targets of the listed events; unlisted events keep theirs.
    case setDestinations([EventDestinations])
    /// The initial state is complete: the app may stop waiting at start-up.
    case registrationDone
    /// The context fields every record of the channel carries, in order (`ContextType.code`),
    /// then its named contexts (perf counters and `$app.PROVIDER:TYPE` application contexts);
    /// sent before the channel's streams.
    case setChannelContexts(channelKey: UInt64, contexts: [UInt8], namedContexts: [String] = [])
    /// Asks the app to answer `acknowledge(token)` once it has applied every message before
    /// this one: how a command that changes what apps record waits until they do.
    case synchronize(token: UInt64)
    /// Asks the app to record its state dump (`lttng_ust_statedump:*`) into these channels,
    /// those of the session that wants it, where the session's rules enable the events.
    case statedump(channelKeys: [UInt64])
    /// Replaces the notifiers (event-rule-matches triggers) of the listed events; unlisted
    /// events keep theirs.
    case setNotifiers([EventNotifiers])
}

extension AppRegistration: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        self.init(
            protocolVersion: try reader.read(), pid: try reader.read(), uid: try reader.read(), gid: try reader.read(),
            processName: try reader.read(), bitWidth: try reader.read(),
            events: try reader.read([EventDescriptor].self))
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(protocolVersion)
        writer.write(pid)
        writer.write(uid)
        writer.write(gid)
        writer.write(processName)
        writer.write(bitWidth)
        writer.write(events)
    }
}

extension AppMessage: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        let tag: UInt8 = try reader.read()
        switch tag {
        case 0: self = .register(try reader.read())
        case 1: self = .declareEvents(firstIndex: try reader.read(), events: try reader.read([EventDescriptor].self))
        case 2: self = .acknowledge(token: try reader.read())
        case 3:
            self = .eventNotification(
                token: try reader.read(), captures: try reader.read([CapturedValue].self),
                discardedBefore: try reader.read())
        case 4: self = .notificationsDiscarded(token: try reader.read(), count: try reader.read())
        default: throw .invalidValue("app message \(tag)")
        }
    }

    public func encode(to writer: inout WireWriter) {
        switch self {
        case .register(let registration):
            writer.write(UInt8(0))
            writer.write(registration)
        case .declareEvents(let firstIndex, let events):
            writer.write(UInt8(1))
            writer.write(firstIndex)
            writer.write(events)
        case .acknowledge(let token):
            writer.write(UInt8(2))
            writer.write(token)
        case .eventNotification(let token, let captures, let discardedBefore):
            writer.write(UInt8(3))
            writer.write(token)
            writer.write(captures)
            writer.write(discardedBefore)
        case .notificationsDiscarded(let token, let count):
            writer.write(UInt8(4))
            writer.write(token)
            writer.write(count)
        }
    }
}

extension EventTarget: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        let channelKey: UInt64 = try reader.read()
        let eventID: UInt32 = try reader.read()
        var filters: [[UInt8]] = []
        for _ in 0..<(try reader.readCount("filter list")) {
            filters.append(try reader.read())
        }
        self.init(channelKey: channelKey, eventID: eventID, filters: filters)
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(channelKey)
        writer.write(eventID)
        writer.write(UInt32(filters.count))
        for filter in filters { writer.write(filter) }
    }
}

extension EventDestinations: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        self.init(eventIndex: try reader.read(), targets: try reader.read([EventTarget].self))
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(eventIndex)
        writer.write(targets)
    }
}

extension DaemonMessage: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        let tag: UInt8 = try reader.read()
        switch tag {
        case 0:
            self = .addStream(channelKey: try reader.read(), cpu: try reader.read(), streamCount: try reader.read())
        case 1: self = .removeChannel(channelKey: try reader.read())
        case 2: self = .setDestinations(try reader.read([EventDestinations].self))
        case 3: self = .registrationDone
        case 4:
            let key: UInt64 = try reader.read()
            let codes: [UInt8] = try reader.read()
            guard codes.allSatisfy({ ContextType(code: $0) != nil }) else { throw .invalidValue("context code") }
            let names = try reader.readStrings()
            guard names.allSatisfy({ ApplicationContext.isValid($0) || PerfCounter(contextName: $0) != nil }) else {
                throw .invalidValue("named context")
            }
            self = .setChannelContexts(channelKey: key, contexts: codes, namedContexts: names)
        case 5: self = .synchronize(token: try reader.read())
        case 6:
            let count = try reader.readCount("channel keys")
            guard count <= reader.remaining / 8 else { throw .truncated }
            var keys: [UInt64] = []
            for _ in 0..<count { keys.append(try reader.read()) }
            self = .statedump(channelKeys: keys)
        case 7: self = .setNotifiers(try reader.read([EventNotifiers].self))
        default: throw .invalidValue("daemon message \(tag)")
        }
    }

    public func encode(to writer: inout WireWriter) {
        switch self {
        case .addStream(let channelKey, let cpu, let streamCount):
            writer.write(UInt8(0))
            writer.write(channelKey)
            writer.write(cpu)
            writer.write(streamCount)
        case .removeChannel(let channelKey):
            writer.write(UInt8(1))
            writer.write(channelKey)
        case .setDestinations(let destinations):
            writer.write(UInt8(2))
            writer.write(destinations)
        case .registrationDone: writer.write(UInt8(3))
        case .setChannelContexts(let channelKey, let contexts, let names):
            writer.write(UInt8(4))
            writer.write(channelKey)
            writer.write(contexts)
            writer.writeStrings(names)
        case .synchronize(let token):
            writer.write(UInt8(5))
            writer.write(token)
        case .statedump(let channelKeys):
            writer.write(UInt8(6))
            writer.write(UInt32(channelKeys.count))
            for key in channelKeys { writer.write(key) }
        case .setNotifiers(let notifiers):
            writer.write(UInt8(7))
            writer.write(notifiers)
        }
    }
}

// EventNotifier     token:u64 · filter bytecode: u32 count, then bytes (none: 0)
//                   · captures: u32 count, then each CaptureDescriptor (Trigger+Wire.swift)
// EventNotifiers    event index:u32 · notifiers: u32 count, then each EventNotifier

extension EventNotifier: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        let token: UInt64 = try reader.read()
        let filter: [UInt8] = try reader.read()
        let captures = try reader.read([CaptureDescriptor].self)
        // What `add-trigger` would have refused, a hostile daemon may still send.
        guard captures.allSatisfy({ $0.problem == nil }) else { throw .invalidValue("capture descriptor") }
        self.init(token: token, filter: filter, captures: captures)
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(token)
        writer.write(filter)
        writer.write(captures)
    }
}

extension EventNotifiers: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        self.init(eventIndex: try reader.read(), notifiers: try reader.read([EventNotifier].self))
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(eventIndex)
        writer.write(notifiers)
    }
}
