import Atomics
import SpoorFilter
import SpoorModel
import SpoorPosix
import SpoorRingBuffer
import SpoorWire
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The tracer's process-wide state: the declared tracepoints, the channels mapped from the
/// session daemon, and the connection to it. Everything here is control plane; the hot path
/// only reads the immutable target tables this runtime publishes.
final class TracerRuntime: Sendable {
    static let shared = TracerRuntime()

    struct Probe {
        var descriptor: EventDescriptor
        var targets: UnsafeAtomic<UnsafeRawPointer?>
    }

    /// A channel's per-CPU streams, mapped in this process.
    struct Channel {
        var streamCount: Int
        var memories: [SharedMemory?]
        /// The layout each stream's header describes, validated against its mapping.
        var layouts: [RingBufferLayout?]
        var wakeFDs: [Int32]
        /// Built once every stream has arrived; what target tables point to.
        var handles: UnsafeMutablePointer<StreamHandle>?
        /// The context fields of every record, as the daemon sent them before the streams.
        var contexts: UnsafeMutablePointer<UInt8>?
        var contextCount = 0
        var contextSize = 0
        var recordsCallerAddress = false
        /// The channel's application contexts (`$app.PROVIDER:TYPE`), after the other contexts.
        var namedContexts: [String] = []
    }

    struct State {
        var probes: [Probe] = []
        var channels: [UInt64: Channel] = [:]
        var connection: UnixSocket?
        /// Probe index → the channel keys and event ids the daemon asked for.
        var destinations: [Int: [EventTarget]] = [:]
        /// Context fields announced for channels whose streams have not arrived yet.
        var pendingContexts: [UInt64: (codes: [UInt8], namedContexts: [String])] = [:]
        /// The app's application context providers, by `$app.PROVIDER:TYPE` name.
        var providers: [String: ContextProvider] = [:]
        /// Filters linked to a probe's fields, by probe and bytecode: linked once, kept for the
        /// life of the process (target tables that writers may still read point to them).
        var linkedFilters: [FilterKey: LinkedFilters] = [:]
        /// Probe index → the event-rule-matches triggers the daemon sent for it.
        var notifiers: [Int: [EventNotifier]] = [:]
        /// Each trigger token's count of notifications dropped; never freed.
        var discardCounters: [UInt64: UnsafeAtomic<UInt64>] = [:]
        /// Notifiers linked to a probe, kept for the life of the process like linked filters;
        /// forgotten (not freed) when a context provider changes.
        var linkedNotifiers: [NotifierKey: NotifierTarget?] = [:]
    }

    struct NotifierKey: Hashable {
        var probe: Int
        var notifier: EventNotifier
    }

    struct FilterKey: Hashable {
        var probe: Int
        var bytecode: [[UInt8]]
        var namedContexts: [String]
    }

    /// The linked filters of one target; `count` 0 means the target records nothing (every
    /// filter is always false, or none could be loaded). `filters` borrow the storage of `kept`.
    struct LinkedFilters {
        var filters: UnsafePointer<UnsafeBoundFilter>?
        var count: Int
        var kept: [BoundFilter] = []
    }

    let state = Mutex(State())

    /// Registers a tracepoint and returns its target pointer; declaring the same tracepoint
    /// twice returns the first one's.
    func declare(_ descriptor: EventDescriptor) -> UnsafeAtomic<UnsafeRawPointer?> {
        state.withLock { state in
            if let existing = state.probes.first(where: { $0.descriptor == descriptor }) {
                return existing.targets
            }
            let targets = UnsafeAtomic<UnsafeRawPointer?>.create(nil)
            state.probes.append(Probe(descriptor: descriptor, targets: targets))
            if let connection = state.connection {
                let message = AppMessage.declareEvents(
                    firstIndex: UInt32(state.probes.count - 1), events: [descriptor])
                if (try? connection.sendPacket(message.wireBytes)) == nil {
                    connection.shutdown()  // The control thread notices and registers again.
                }
            }
            return targets
        }
    }

    /// Called by the control thread once connected: the registration message to send.
    func connected(_ connection: UnixSocket, registration: (([EventDescriptor]) -> AppRegistration)) -> [UInt8] {
        state.withLock { state in
            state.connection = connection
            NotificationSocket.attach(connection.fd)
            return AppMessage.register(registration(state.probes.map(\.descriptor))).wireBytes
        }
    }

    /// The daemon is gone: nothing records until a new daemon says otherwise.
    func disconnected() {
        state.withLock { state in
            state.connection = nil
            NotificationSocket.attach(-1)
            for probe in state.probes { probe.targets.store(nil, ordering: .releasing) }
            state.destinations = [:]
            state.notifiers = [:]
            // Tokens belong to the daemon that is gone: so do the counts of their drops.
            for counter in state.discardCounters.values { counter.store(0, ordering: .relaxed) }
            for key in Array(state.channels.keys) { Self.retireChannel(key, in: &state) }
        }
    }

    func addStream(channelKey: UInt64, cpu: UInt32, streamCount: UInt32, fds: [Int32]) {
        guard fds.count == 2, streamCount >= 1, streamCount <= 4096, cpu < streamCount,
            let size = SharedMemory.size(of: fds[0]),
            let memory = try? SharedMemory(mapping: fds[0], size: size),
            let layout = RingBufferLayout.validated(at: memory.base, mappedSize: size)
        else {
            // Hostile or broken: drop what came and carry on without this stream.
            for fd in fds { close(fd) }
            return
        }
        state.withLock { state in
            let contexts = state.pendingContexts.removeValue(forKey: channelKey) ?? ([], [])
            var channel = state.channels[channelKey] ?? Self.newChannel(
                streamCount: Int(streamCount), contexts: contexts.codes, namedContexts: contexts.namedContexts)
            guard channel.streamCount == Int(streamCount), channel.memories[Int(cpu)] == nil, channel.handles == nil
            else {
                memory.unmap()
                close(fds[1])
                return
            }
            channel.memories[Int(cpu)] = memory
            channel.layouts[Int(cpu)] = layout
            channel.wakeFDs[Int(cpu)] = fds[1]
            let mapped = zip(channel.memories, channel.layouts).compactMap { memory, layout in
                memory.flatMap { memory in layout.map { (memory, $0) } }
            }
            if mapped.count == channel.streamCount {
                let handles = UnsafeMutablePointer<StreamHandle>.allocate(capacity: channel.streamCount)
                for (index, (memory, layout)) in mapped.enumerated() {
                    (handles + index).initialize(
                        to: StreamHandle(
                            buffer: RingBuffer(base: memory.base, layout: layout), wakeFD: channel.wakeFDs[index]))
                }
                channel.handles = handles
            }
            state.channels[channelKey] = channel
            Self.publishAll(in: &state)
        }
    }

    /// A channel before its streams arrive. Its context codes live as long as the process: target
    /// tables that writers may still read point to them.
    private static func newChannel(streamCount: Int, contexts: [UInt8], namedContexts: [String]) -> Channel {
        var channel = Channel(
            streamCount: streamCount, memories: Array(repeating: nil, count: streamCount),
            layouts: Array(repeating: nil, count: streamCount), wakeFDs: Array(repeating: -1, count: streamCount),
            handles: nil)
        channel.namedContexts = namedContexts
        if !contexts.isEmpty {
            let codes = UnsafeMutablePointer<UInt8>.allocate(capacity: contexts.count)
            codes.initialize(from: contexts, count: contexts.count)
            channel.contexts = codes
            channel.contextCount = contexts.count
            channel.contextSize = contexts.compactMap(ContextType.init(code:)).reduce(0) { $0 + $1.byteCount }
            channel.recordsCallerAddress = contexts.contains(ContextCode.ip)
        }
        return channel
    }

    /// Remembers the context fields of a channel whose streams come next.
    func setChannelContexts(_ key: UInt64, codes: [UInt8], namedContexts: [String]) {
        state.withLock { state in
            guard state.channels[key] == nil else { return }  // Too late: the layout is fixed.
            state.pendingContexts[key] = (codes.filter { ContextType(code: $0) != nil }, namedContexts)
        }
    }

    /// Registers (or replaces) the provider of an application context.
    func provideContext(named name: String, _ provider: ContextProvider) {
        state.withLock { state in
            state.providers[name] = provider
            state.linkedNotifiers = [:]  // They point to the previous providers.
            Self.publishAll(in: &state)
        }
    }

    func removeChannel(_ key: UInt64) {
        state.withLock { state in
            for (index, targets) in state.destinations {
                state.destinations[index] = targets.filter { $0.channelKey != key }
            }
            Self.publishAll(in: &state)
            Self.retireChannel(key, in: &state)
        }
    }

    func setDestinations(_ entries: [EventDestinations]) {
        state.withLock { state in
            for entry in entries where Int(entry.eventIndex) < state.probes.count {
                state.destinations[Int(entry.eventIndex)] = entry.targets
            }
            Self.publishAll(in: &state)
        }
    }

    /// The notifications each trigger token dropped since they were last reported, taken (the
    /// counters go back to zero).
    func takeDiscardedNotifications() -> [(token: UInt64, count: UInt64)] {
        state.withLock { state in
            state.discardCounters.compactMap { token, counter in
                let count = counter.exchange(0, ordering: .relaxed)
                return count > 0 ? (token, count) : nil
            }
        }
    }

    /// Replaces the notifiers of the listed events.
    func setNotifiers(_ entries: [EventNotifiers]) {
        state.withLock { state in
            for entry in entries where Int(entry.eventIndex) < state.probes.count {
                state.notifiers[Int(entry.eventIndex)] = entry.notifiers
            }
            Self.publishAll(in: &state)
        }
    }

    /// Builds and publishes every probe's target table from the current destinations.
    ///
    /// Old tables are never freed: a writer on another CPU may still be reading one. They are
    /// small and change only on control-plane commands.
    private static func publishAll(in state: inout State) {
        for (index, probe) in state.probes.enumerated() {
            let targets: [RecordingTarget] = (state.destinations[index] ?? []).compactMap { target in
                guard let channel = state.channels[target.channelKey], let handles = channel.handles else { return nil }
                var linked = LinkedFilters(filters: nil, count: 0)
                if !target.filters.isEmpty {
                    linked = linkFilters(
                        target.filters, probe: index, namedContexts: channel.namedContexts, in: &state)
                    guard linked.count > 0 else { return nil }
                }
                // Providers are never released: target tables that writers may still read
                // point to them, as to this list.
                var sources: UnsafeMutablePointer<NamedContextSource>?
                if !channel.namedContexts.isEmpty {
                    let list = UnsafeMutablePointer<NamedContextSource>.allocate(capacity: channel.namedContexts.count)
                    list.initialize(
                        from: channel.namedContexts.map { name in
                            if let counter = PerfCounter(contextName: name) {
                                return NamedContextSource(provider: nil, counter: (counter.type, counter.config))
                            }
                            return NamedContextSource(
                                provider: state.providers[name].map { Unmanaged.passRetained($0) }, counter: nil)
                        }, count: channel.namedContexts.count)
                    sources = list
                }
                return RecordingTarget(
                    streams: UnsafeBufferPointer(start: handles, count: channel.streamCount),
                    eventID: target.eventID,
                    contexts: UnsafeBufferPointer(start: channel.contexts, count: channel.contextCount),
                    contextSize: channel.contextSize,
                    recordsCallerAddress: channel.recordsCallerAddress,
                    namedContexts: UnsafeBufferPointer(start: sources, count: channel.namedContexts.count),
                    filters: linked.filters.map { UnsafeBufferPointer(start: $0, count: linked.count) })
            }
            let notifiers = linkNotifiers(state.notifiers[index] ?? [], probe: index, in: &state)
            guard !targets.isEmpty || !notifiers.isEmpty else {
                probe.targets.store(nil, ordering: .releasing)
                continue
            }
            // Releasing: the table's contents happen before a writer's acquiring load sees it.
            let table = TargetTableHeader.make(targets, notifiers: makeNotifierTable(notifiers))
            probe.targets.store(UnsafeRawPointer(table), ordering: .releasing)
        }
    }

    /// A notifier table as `notify` reads it, or nil for none; never freed.
    private static func makeNotifierTable(_ notifiers: [NotifierTarget]) -> UnsafeRawPointer? {
        guard !notifiers.isEmpty else { return nil }
        let table = UnsafeMutableRawPointer.allocate(
            byteCount: MemoryLayout<Int>.stride + MemoryLayout<NotifierTarget>.stride * notifiers.count,
            alignment: max(MemoryLayout<Int>.alignment, MemoryLayout<NotifierTarget>.alignment))
        table.storeBytes(of: notifiers.count, as: Int.self)
        let first = (table + MemoryLayout<Int>.stride).bindMemory(to: NotifierTarget.self, capacity: notifiers.count)
        first.initialize(from: notifiers, count: notifiers.count)
        return UnsafeRawPointer(table)
    }

    /// Links the notifiers of probe `probe`: filters bound to its fields and the contexts,
    /// captures resolved. A filter that does not load or can never hold leaves the notifier out.
    private static func linkNotifiers(
        _ notifiers: [EventNotifier], probe: Int, in state: inout State
    ) -> [NotifierTarget] {
        notifiers.compactMap { notifier in
            let key = NotifierKey(probe: probe, notifier: notifier)
            if let linked = state.linkedNotifiers[key] { return linked }
            let linked = linkNotifier(notifier, probe: probe, in: &state)
            state.linkedNotifiers[key] = linked
            return linked
        }
    }

    /// Links one notifier to probe `probe`; nil when its filter does not load or never holds.
    private static func linkNotifier(_ notifier: EventNotifier, probe: Int, in state: inout State) -> NotifierTarget? {
        let descriptor = state.probes[probe].descriptor
        let program = notifier.filter.isEmpty ? nil : try? FilterProgram(bytes: notifier.filter)
        if !notifier.filter.isEmpty && program == nil { return nil }
        // The application contexts the filter and the captures read, in a fixed order.
        var namedContexts = (program?.contextNames ?? []).filter(ApplicationContext.isValid)
        for capture in notifier.captures {
            var base = capture
            if case .arrayElement(let parent, _) = capture { base = parent }
            if case .applicationContextField = base, !namedContexts.contains(base.description) {
                namedContexts.append(base.description)
            }
        }
        var linked = LinkedFilters(filters: nil, count: 0)
        if !notifier.filter.isEmpty {
            linked = linkFilters([notifier.filter], probe: probe, namedContexts: namedContexts, in: &state)
            guard linked.count > 0 else { return nil }
        }
        let plans = notifier.captures.map {
            CapturePlan($0, event: descriptor, namedContexts: namedContexts)
        }
        var captures: UnsafeMutablePointer<CapturePlan>?
        if !plans.isEmpty {
            captures = UnsafeMutablePointer<CapturePlan>.allocate(capacity: plans.count)
            captures?.initialize(from: plans, count: plans.count)
        }
        var sources: UnsafeMutablePointer<NamedContextSource>?
        if !namedContexts.isEmpty {
            let list = UnsafeMutablePointer<NamedContextSource>.allocate(capacity: namedContexts.count)
            list.initialize(
                from: namedContexts.map { name in
                    NamedContextSource(provider: state.providers[name].map { Unmanaged.passRetained($0) }, counter: nil)
                }, count: namedContexts.count)
            sources = list
        }
        let counter: UnsafeAtomic<UInt64>
        if let existing = state.discardCounters[notifier.token] {
            counter = existing
        } else {
            counter = UnsafeAtomic<UInt64>.create(0)
            state.discardCounters[notifier.token] = counter
        }
        return NotifierTarget(
            token: notifier.token, filters: linked.filters, filterCount: linked.count,
            captures: captures.map { UnsafePointer($0) }, captureCount: plans.count,
            namedContexts: sources.map { UnsafePointer($0) }, namedContextCount: namedContexts.count,
            discarded: counter)
    }

    /// The targets of a tracepoint's current table whose channel is one of `channelKeys`, as a
    /// table of their own (nil when there are none), for events one session asked for: the
    /// state dump. The caller deallocates it.
    func table(of targets: UnsafeAtomic<UnsafeRawPointer?>, channelKeys: Set<UInt64>) -> UnsafeMutableRawPointer? {
        // Published tables are never freed: reading one outside the lock is safe.
        guard let table = targets.load(ordering: .acquiring) else { return nil }
        let wanted: Set<UInt> = state.withLock { state in
            Set(channelKeys.compactMap { state.channels[$0]?.handles.map { UInt(bitPattern: $0) } })
        }
        let kept = TargetTableHeader.targets(of: table).filter {
            wanted.contains(UInt(bitPattern: $0.streams.baseAddress))
        }
        // No notifiers: a state dump is for the session that asked, not for triggers.
        return kept.isEmpty ? nil : TargetTableHeader.make(kept, notifiers: nil)
    }

    /// Loads and links the filters of a target for probe `probe`, or finds them linked already.
    /// Bytecode that does not load (a daemon of another version, a hostile peer) and filters
    /// that can never hold are left out: if none is left, the target records nothing.
    private static func linkFilters(
        _ bytecode: [[UInt8]], probe: Int, namedContexts: [String], in state: inout State
    ) -> LinkedFilters {
        let key = FilterKey(probe: probe, bytecode: bytecode, namedContexts: namedContexts)
        if let linked = state.linkedFilters[key] { return linked }
        let descriptor = state.probes[probe].descriptor
        // A named context is read whole: an application context's value has no fixed type.
        let contexts = ProcessContext.filterContexts + namedContexts.map { FieldDescriptor(name: $0, type: .string) }
        let filters = bytecode.compactMap { bytes in try? FilterProgram(bytes: bytes) }
            .map { $0.bind(event: descriptor, contexts: contexts) }
            .filter { !$0.isAlwaysFalse }
        var linked = LinkedFilters(filters: nil, count: 0)
        if !filters.isEmpty {
            let storage = UnsafeMutablePointer<UnsafeBoundFilter>.allocate(capacity: filters.count)
            storage.initialize(from: filters.map(UnsafeBoundFilter.init(borrowing:)), count: filters.count)
            linked = LinkedFilters(filters: UnsafePointer(storage), count: filters.count, kept: filters)
        }
        state.linkedFilters[key] = linked
        return linked
    }

    /// Releases a channel's shared memory while keeping its addresses valid for any writer that
    /// still holds them: the pages become private zero pages (so `isRecording` reads false) and
    /// the wake-up descriptors point to /dev/null.
    private static func retireChannel(_ key: UInt64, in state: inout State) {
        guard let channel = state.channels.removeValue(forKey: key) else { return }
        let devNull = open("/dev/null", O_WRONLY | O_CLOEXEC)
        for memory in channel.memories.compactMap({ $0 }) {
            if channel.handles != nil { memory.retire() } else { memory.unmap() }
        }
        for fd in channel.wakeFDs where fd >= 0 {
            if channel.handles != nil && devNull >= 0 { dup2(devNull, fd) } else { close(fd) }
        }
        if devNull >= 0 { close(devNull) }
    }
}
