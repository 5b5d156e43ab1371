import Atomics
import SpoorFilter
import SpoorModel
import SpoorTestSupport
import SpoorWire
import Testing

@testable import Spoor

#if canImport(Glibc)
import Glibc
#endif

/// Reads the captures `descriptors` from `values` as a notifier does, once its filter held.
private func capture<each Value: TraceFieldValue>(
    _ descriptors: [String], _ tracepoint: Tracepoint<repeat each Value>, _ values: repeat each Value
) throws -> [CapturedValue] {
    let plans = try descriptors.map {
        CapturePlan(try CaptureDescriptor(parsing: $0), event: tracepoint.descriptor, namedContexts: [])
    }
    var tuple = (repeat each values)
    return withUnsafePointer(to: &tuple) { pointer in
        let source = RecordFieldSource(values: UnsafeRawPointer(pointer), plan: tracepoint.plan, cpu: 3)
        return plans.map { $0.value(in: source) }
    }
}

@Suite("Notifiers read captures from the event being recorded")
struct NotifierCaptureTests {
    static let mixed = Tracepoint(
        provider: "notifier_capture", name: "mixed", .int8("i8"), .uint64("u64"), .bool("flag"), .string("text"),
        .double("real"), .float("single"), .enumeration("shade", Shade.self),
        .array("triple", of: Int16.self, count: 3), .sequence("seq", of: UInt32.self), .bytes("raw"))

    func mixed(_ descriptors: [String], text: String = "hello") throws -> [CapturedValue] {
        try capture(
            descriptors, Self.mixed, -5, UInt64.max, true, text, 2.5, Float(-0.25), .dark, [7, 8, 9], [10, 20],
            [0xCA, 0xFE])
    }

    @Test(
        "every field type is captured with its value",
        arguments: [
            ("i8", CapturedValue.signed(-5)), ("u64", .unsigned(.max)), ("flag", .unsigned(1)),
            ("text", .string("hello")), ("real", .floatingPoint(2.5)), ("single", .floatingPoint(-0.25)),
            ("shade", .unsigned(200)), ("triple[1]", .signed(8)), ("triple[2]", .signed(9)), ("seq[1]", .unsigned(20)),
            ("raw[0]", .unsigned(0xCA)),
            ("triple", .array([.signed(7), .signed(8), .signed(9)])), ("seq", .array([.unsigned(10), .unsigned(20)])),
        ])
    func fieldTypes(descriptor: String, expected: CapturedValue) throws {
        #expect(try mixed([descriptor]) == [expected])
    }

    @Test(
        "what the event lacks is unavailable",
        arguments: ["nosuch", "triple[3]", "seq[2]", "seq[100]", "i8[0]", "nosuch[1]", "$ctx.nosuch", "$ctx.vpid[0]",
            "$app.nobody:here"])
    func unavailable(descriptor: String) throws {
        #expect(try mixed([descriptor]) == [.unavailable])
    }

    @Test("context fields are captured, and captures keep their order")
    func contexts() throws {
        ProcessContext.capture()
        let values = try mixed(["$ctx.vpid", "i8", "$ctx.cpu_id", "$ctx.vuid", "$ctx.procname"])
        #expect(values.count == 5)
        #expect(values[0] == .signed(Int64(getpid())))
        #expect(values[1] == .signed(-5))
        #expect(values[2] == .signed(3))
        #expect(values[3] == .unsigned(UInt64(getuid())))
        guard case .string(let name) = values[4] else {
            Issue.record("procname is \(values[4])")
            return
        }
        #expect(!name.isEmpty && !name.contains("\u{0}"))
    }

    @Test("text ends at its first NUL, and long strings are captured whole")
    func strings() throws {
        #expect(try mixed(["text"], text: "ab\u{0}cd") == [.string("ab")])
        let long = String(repeating: "é", count: 300)
        #expect(try mixed(["text"], text: long) == [.string(long)])
    }
}

/// Serialized: the tests share the process's notification socket.
@Suite("A tracepoint with notifiers sends notifications and records nothing", .serialized)
struct NotifierDeliveryTests {
    static let watched = Tracepoint(provider: "notifier_delivery", name: "watched", .int32("n"), .string("s"))

    /// Gives `tracepoint` the notifiers `notifiers` as the daemon would.
    private func setNotifiers<each Value>(_ tracepoint: Tracepoint<repeat each Value>, _ notifiers: [EventNotifier]) {
        let runtime = TracerRuntime.shared
        let index = runtime.state.withLock { state in
            state.probes.firstIndex { $0.descriptor == tracepoint.descriptor }
        }
        guard let index else {
            Issue.record("the tracepoint is not declared")
            return
        }
        runtime.setNotifiers([EventNotifiers(eventIndex: UInt32(index), notifiers: notifiers)])
    }

    @Test("the filter decides, the captures travel, a full socket counts drops and never blocks")
    func delivery() throws {
        var pair: [Int32] = [-1, -1]
        #expect(socketpair(AF_UNIX, Int32(SOCK_SEQPACKET.rawValue), 0, &pair) == 0)
        defer {
            NotificationSocket.attach(-1)
            close(pair[0])
            close(pair[1])
        }
        NotificationSocket.attach(pair[0])
        let filter = try FilterProgram(compiling: "n >= 2").bytes
        #expect(!Self.watched.isEnabled)
        setNotifiers(
            Self.watched,
            [EventNotifier(token: 77, filter: filter, captures: [.payloadField("s"), .payloadField("no")])])
        defer { setNotifiers(Self.watched, []) }
        #expect(Self.watched.isEnabled)
        // Nothing records it: the table has no recording target.
        let loaded = Self.watched.targets.load(ordering: .acquiring)
        let table = try #require(loaded)
        #expect(table.load(as: Int.self) == 0)

        for n in 0..<4 { Self.watched.emit(Int32(n), "value \(n)") }
        var received: [AppMessage] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while received.count < 2 {
            let count = recv(pair[1], &buffer, buffer.count, Int32(MSG_DONTWAIT))
            guard count > 0 else { break }
            received.append(try AppMessage.decode(Array(buffer[0..<count])))
        }
        #expect(
            received == [
                .eventNotification(token: 77, captures: [.string("value 2"), .unavailable]),
                .eventNotification(token: 77, captures: [.string("value 3"), .unavailable]),
            ])

        // Fill the socket: sends fail at once (no blocking) and are counted, then reported.
        var sent = 0
        let start = ContinuousClock.now
        while sent < 100_000 {
            Self.watched.emit(5, String(repeating: "x", count: 1000))
            sent += 1
            if counter(77) > 0 { break }
        }
        #expect(counter(77) > 0, "the socket never filled")
        #expect(ContinuousClock.now - start < .seconds(10))
        let dropped = counter(77)
        // Drain, then one more gets through carrying the count.
        while recv(pair[1], &buffer, buffer.count, Int32(MSG_DONTWAIT)) > 0 {}
        Self.watched.emit(9, "after")
        var last: AppMessage?
        while true {
            let count = recv(pair[1], &buffer, buffer.count, Int32(MSG_DONTWAIT))
            guard count > 0 else { break }
            last = try AppMessage.decode(Array(buffer[0..<count]))
        }
        #expect(
            last == .eventNotification(token: 77, captures: [.string("after"), .unavailable], discardedBefore: dropped))
        #expect(counter(77) == 0)
    }

    @Test("without a connection, notifications are dropped and counted")
    func noConnection() throws {
        let tracepoint = Tracepoint(provider: "notifier_delivery", name: "unconnected", .int32("n"))
        NotificationSocket.attach(-1)
        setNotifiers(tracepoint, [EventNotifier(token: 78)])
        defer { setNotifiers(tracepoint, []) }
        let before = counter(78)
        tracepoint.emit(1)
        tracepoint.emit(2)
        // Either no descriptor yet, or /dev/null: both fail, neither blocks.
        #expect(counter(78) == before + 2)
        // The control thread reports them, and they are reported once.
        let reported = TracerRuntime.shared.takeDiscardedNotifications()
        #expect(reported.first { $0.token == 78 }?.count == before + 2)
        #expect(counter(78) == 0)
    }

    @Test("an event a notifier's filter rejects allocates nothing and sends nothing")
    func rejectionAllocatesNothing() throws {
        let tracepoint = Tracepoint(
            provider: "notifier_delivery", name: "rejected", .int32("n"), .string("s"),
            .array("a", of: Int32.self, count: 2))
        let filter = try FilterProgram(compiling: "n > 1000 || (s == \"x*\" && a[1] == 3)").bytes
        NotificationSocket.attach(-1)
        setNotifiers(tracepoint, [EventNotifier(token: 79, filter: filter, captures: [.payloadField("s")])])
        defer { setNotifiers(tracepoint, []) }
        let array: [Int32] = [1, 2]
        func emit(_ count: Int) {
            for n in 0..<count { tracepoint.emit(Int32(n & 0xFF), "small", array) }
        }
        emit(16)
        let heapBefore = heapBytesInUse()
        let mallocsBefore = threadAllocationCount()
        emit(1_000_000)
        let mallocsAfter = threadAllocationCount()
        let heapAfter = heapBytesInUse()
        if let mallocsBefore, let mallocsAfter {
            #expect(mallocsAfter == mallocsBefore, "\(mallocsAfter - mallocsBefore) allocations")
        }
        // Without the preloaded counter: other tests allocate in parallel, but a small block
        // kept per event would be over 30 MB.
        let (before, after) = (try #require(heapBefore), try #require(heapAfter))
        #expect(after < before + (16 << 20), "heap grew by \(after - before) bytes")
        #expect(counter(79) == 0, "a rejected event was sent")
        tracepoint.emit(2000, "small", array)
        #expect(counter(79) == 1, "the filter never lets anything through")
    }

    private func counter(_ token: UInt64) -> UInt64 {
        TracerRuntime.shared.state.withLock { $0.discardCounters[token]?.load(ordering: .relaxed) } ?? 0
    }
}
