import SpoorFilter
import SpoorModel
import SpoorPosix

/// The value of an application context for one record (see `Spoor.provideContext`).
public enum ApplicationContextValue: Sendable {
    /// No value: the record says so.
    case none
    /// Recorded as a signed 64-bit integer.
    case signed(Int64)
    /// Recorded as an unsigned 64-bit integer.
    case unsigned(UInt64)
    /// Recorded as a double.
    case double(Double)
    /// Recorded as a NUL-terminated UTF-8 string (up to its first NUL).
    case string(String)
}

extension Spoor {
    /// Provides the application context `$app.PROVIDER:TYPE`: once a channel records it
    /// (`spoor add-context -u -t '$app.PROVIDER:TYPE'`), `value` runs for every event recorded
    /// there, on the recording thread, and its result is written with the event. Filters can
    /// read it too (`--filter '$app.PROVIDER:TYPE == 3'`).
    ///
    /// `value` runs on the hot path: keep it cheap, and do not record events from it (such
    /// events are dropped). Providing the same context again replaces the previous provider.
    /// Without a provider, the context's value is ``ApplicationContextValue/none``.
    public static func provideContext(
        provider: String, type: String, _ value: @escaping @Sendable () -> ApplicationContextValue
    ) {
        TracerRuntime.shared.provideContext(named: "$app.\(provider):\(type)", ContextProvider(value))
    }
}

/// A registered provider; never freed once a target table points to it.
final class ContextProvider: Sendable {
    let value: @Sendable () -> ApplicationContextValue

    init(_ value: @escaping @Sendable () -> ApplicationContextValue) {
        self.value = value
    }
}

/// Where the value of a channel's named context comes from: an application context's provider
/// (nil when the app provides none), or a perf counter.
struct NamedContextSource {
    var provider: Unmanaged<ContextProvider>?
    var counter: (type: UInt32, config: UInt64)?

    /// The value for the record being written, on the recording thread.
    @inline(__always)
    func slot() -> NamedContextSlot {
        if let counter {
            return NamedContextSlot(counter: PerfCounters.read(type: counter.type, config: counter.config))
        }
        return NamedContextSlot(provider?.takeUnretainedValue().value() ?? .none)
    }
}

/// One named context value during a record (an application context's or a perf counter's), in
/// a form the writer and filters read in place.
struct NamedContextSlot {
    var kind: ApplicationContext.Kind
    var bits: UInt64
    var string: String
    /// A perf counter: a plain 64-bit integer, without the dynamic type's tag.
    var isCounter = false

    @inline(__always)
    init(counter: UInt64) {
        (kind, bits, string, isCounter) = (.uint64, counter, "", true)
    }

    @inline(__always)
    init(_ value: ApplicationContextValue) {
        switch value {
        case .none: (kind, bits, string) = (.none, 0, "")
        case .signed(let number): (kind, bits, string) = (.int64, UInt64(bitPattern: number), "")
        case .unsigned(let number): (kind, bits, string) = (.uint64, number, "")
        case .double(let number): (kind, bits, string) = (.double, number.bitPattern, "")
        case .string(let text): (kind, bits, string) = (.string, 0, text)
        }
    }

    /// Bytes in a record: the tag, then the value (a string's count is measured here once and
    /// kept in `bits`).
    @inline(__always)
    mutating func measure() -> Int {
        if isCounter { return 8 }
        switch kind {
        case .none: return 1
        case .string:
            bits = UInt64(string.recordedUTF8Count())
            return 2 + Int(bits)
        default: return 9
        }
    }

    /// Writes the tag and the value at `address`; returns the bytes written.
    @inline(__always)
    func write(to address: UnsafeMutableRawPointer) -> Int {
        if isCounter {
            address.storeBytes(of: bits, as: UInt64.self)
            return 8
        }
        address.storeBytes(of: kind.rawValue, as: UInt8.self)
        switch kind {
        case .none: return 1
        case .string: return 1 + string.encode(to: address + 1, recordedCount: Int(bits))
        default:
            (address + 1).storeBytes(of: bits, as: UInt64.self)
            return 9
        }
    }

    /// The value as a filter sees it; `slot` is where this slot lies (a string is read there).
    @inline(__always)
    static func filterValue(_ slot: UnsafePointer<NamedContextSlot>) -> FilterValue {
        switch slot.pointee.kind {
        case .int64: return .signed(Int64(bitPattern: slot.pointee.bits))
        case .uint64: return .unsigned(slot.pointee.bits)
        case .double: return .double(Double(bitPattern: slot.pointee.bits))
        case .string:
            let string = UnsafeRawPointer(slot) + MemoryLayout<NamedContextSlot>.offset(of: \.string)!
            return String.storedUTF8(of: string.assumingMemoryBound(to: String.self)).map { .string($0) } ?? .missing
        default: return .missing
        }
    }
}
