/// A clock class (CTF 1.8 §8) with its offset folded the way babeltrace2 folds it.
struct ClockClass: Sendable, Equatable {
    var name: String
    var frequency: UInt64
    var uuid: [UInt8]?
    /// `offset_s` seconds plus `offset` cycles, in nanoseconds from the origin (the Unix epoch
    /// for LTTng's `monotonic` clock); nil when it does not fit in 64 bits.
    var baseOffsetNanoseconds: Int64?

    init(name: String, frequency: UInt64, uuid: [UInt8]?, offsetSeconds: Int128, offsetCycles: Int128) {
        self.name = name
        self.frequency = frequency
        self.uuid = uuid
        // Whole seconds held in the cycles offset move to the seconds part first.
        var seconds = offsetSeconds
        var cycles = offsetCycles
        let hertz = Int128(frequency)
        if cycles >= hertz {
            seconds += cycles / hertz
            cycles %= hertz
        }
        let cyclesNanoseconds: Int128
        if cycles >= 0 {
            cyclesNanoseconds = Int128(Self.nanoseconds(frequency: frequency, cycles: UInt64(clamping: cycles)))
        } else {
            cyclesNanoseconds = -Int128(Self.nanoseconds(frequency: frequency, cycles: UInt64(clamping: -cycles)))
        }
        baseOffsetNanoseconds = Int64(exactly: seconds * 1_000_000_000 + cyclesNanoseconds)
    }

    /// Cycles to nanoseconds: exact at 1 GHz, through `Double` otherwise (as babeltrace2 does).
    static func nanoseconds(frequency: UInt64, cycles: UInt64) -> UInt64 {
        if frequency == 1_000_000_000 { return cycles }
        let value = (1e9 * Double(cycles)) / Double(frequency)
        return value >= Double(UInt64.max) ? UInt64.max : UInt64(value)
    }

    /// Nanoseconds from the origin for a clock value, or nil on overflow.
    func nanosecondsFromOrigin(_ cycles: UInt64) -> Int64? {
        guard let base = baseOffsetNanoseconds else { return nil }
        let value = Self.nanoseconds(frequency: frequency, cycles: cycles)
        guard value < UInt64(Int64.max) else { return nil }
        let (sum, overflow) = base.addingReportingOverflow(Int64(value))
        return overflow ? nil : sum
    }
}

/// An event class (`event { … }` block).
struct EventClass: Sendable {
    var id: UInt64
    var name: String
    var logLevel: Int64?
    var emfURI: String?
    var context: FieldLayout?
    var payload: FieldLayout?
}

/// A stream class (`stream { … }` block), i.e. an LTTng channel.
struct StreamClass: Sendable {
    var id: UInt64
    var packetContext: FieldLayout?
    var eventHeader: FieldLayout?
    var eventContext: FieldLayout?
    var eventClasses: [UInt64: EventClass]
    /// Index in `TraceClass.clocks` of the clock that timestamps this stream's events.
    var defaultClock: Int?
}

/// Everything the metadata of one trace says, resolved and ready to decode stream files.
struct TraceClass: Sendable {
    var byteOrder: ByteOrder
    var uuid: [UInt8]?
    var packetHeader: FieldLayout?
    var environment: [(key: String, value: EnvironmentValue)]
    var clocks: [ClockClass]
    var streamClasses: [UInt64: StreamClass]
    /// Number of integer fields, i.e. the size of a decoder's slot table.
    var slotCount: Int

    /// The value of an `env` entry.
    func environmentValue(_ key: String) -> EnvironmentValue? {
        environment.last { $0.key == key }?.value
    }

    /// Stream classes plus event classes: how babeltrace2 picks the most complete metadata among
    /// traces that share a UUID.
    var classCount: Int {
        streamClasses.count + streamClasses.values.reduce(0) { $0 + $1.eventClasses.count }
    }

    /// Parses and resolves a whole TSDL text.
    static func parse(tsdl text: [UInt8]) throws(MetadataError) -> TraceClass {
        let spec = try TSDLParser.parse(text)
        var builder = TraceClassBuilder(spec: spec)
        return try builder.build()
    }
}
