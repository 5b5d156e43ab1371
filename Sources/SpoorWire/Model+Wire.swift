import SpoorModel

extension IntegerType: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        let bitWidth: UInt8 = try reader.read()
        guard [8, 16, 32, 64].contains(bitWidth) else { throw .invalidValue("integer width \(bitWidth)") }
        let isSigned: Bool = try reader.read()
        let baseRaw: UInt8 = try reader.read()
        guard let base = DisplayBase(rawValue: baseRaw) else { throw .invalidValue("display base \(baseRaw)") }
        let isText: Bool = try reader.read()
        self.init(bitWidth: bitWidth, isSigned: isSigned, base: base, isText: isText)
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(bitWidth)
        writer.write(isSigned)
        writer.write(base.rawValue)
        writer.write(isText)
    }
}

extension EnumerationMapping: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        let label: String = try reader.read()
        let lower: Int64 = try reader.read()
        let upper: Int64 = try reader.read()
        guard lower <= upper else { throw .invalidValue("enumeration range \(lower)...\(upper)") }
        self.init(label: label, range: lower...upper)
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(label)
        writer.write(range.lowerBound)
        writer.write(range.upperBound)
    }
}

extension FieldType: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        let tag: UInt8 = try reader.read()
        switch tag {
        case 0: self = .integer(try reader.read())
        case 1: self = .float
        case 2: self = .double
        case 3: self = .string
        case 4: self = .enumeration(try reader.read(), try reader.read([EnumerationMapping].self))
        case 5:
            let element: IntegerType = try reader.read()
            let count: UInt32 = try reader.read()
            guard count <= 1 << 20 else { throw .tooLarge("array length \(count)") }
            self = .array(element, count: Int(count))
        case 6: self = .sequence(try reader.read())
        default: throw .invalidValue("field type \(tag)")
        }
    }

    public func encode(to writer: inout WireWriter) {
        switch self {
        case .integer(let type):
            writer.write(UInt8(0))
            writer.write(type)
        case .float: writer.write(UInt8(1))
        case .double: writer.write(UInt8(2))
        case .string: writer.write(UInt8(3))
        case .enumeration(let container, let mappings):
            writer.write(UInt8(4))
            writer.write(container)
            writer.write(mappings)
        case .array(let element, let count):
            writer.write(UInt8(5))
            writer.write(element)
            writer.write(UInt32(count))
        case .sequence(let element):
            writer.write(UInt8(6))
            writer.write(element)
        }
    }
}

extension FieldDescriptor: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        self.init(name: try reader.read(), type: try reader.read())
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(name)
        writer.write(type)
    }
}

extension LogLevel {
    static func decode(_ raw: Int32) throws(WireError) -> LogLevel {
        guard let level = LogLevel(rawValue: raw) else { throw .invalidValue("log level \(raw)") }
        return level
    }
}

extension EventDescriptor: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        let provider: String = try reader.read()
        let event: String = try reader.read()
        let level = try LogLevel.decode(try reader.read())
        self.init(provider: provider, event: event, logLevel: level, fields: try reader.read([FieldDescriptor].self))
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(provider)
        writer.write(event)
        writer.write(logLevel.rawValue)
        writer.write(fields)
    }
}

extension ChannelAttributes: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        let name: String = try reader.read()
        let lossRaw: UInt8 = try reader.read()
        guard let lossMode = EventLossMode(rawValue: lossRaw) else { throw .invalidValue("loss mode \(lossRaw)") }
        let subbufferSize: UInt64 = try reader.read()
        let subbufferCount: UInt64 = try reader.read()
        let switchTimer: UInt64 = try reader.read()
        let readTimer: UInt64 = try reader.read()
        let monitorTimer: UInt64 = try reader.read()
        let blocking: UInt64? = try reader.read()
        let tracefileSize: UInt64 = try reader.read()
        let tracefileCount: UInt64 = try reader.read()
        let bufferingRaw: UInt8 = try reader.read()
        guard let buffering = BufferingScheme(rawValue: bufferingRaw) else {
            throw .invalidValue("buffering scheme \(bufferingRaw)")
        }
        self.init(
            name: name, lossMode: lossMode, subbufferSize: subbufferSize, subbufferCount: subbufferCount,
            switchTimerPeriod: switchTimer, readTimerPeriod: readTimer, monitorTimerPeriod: monitorTimer,
            blockingTimeout: blocking, tracefileSize: tracefileSize, tracefileCount: tracefileCount,
            buffering: buffering)
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(name)
        writer.write(lossMode.rawValue)
        writer.write(subbufferSize)
        writer.write(subbufferCount)
        writer.write(switchTimerPeriod)
        writer.write(readTimerPeriod)
        writer.write(monitorTimerPeriod)
        writer.write(blockingTimeout)
        writer.write(tracefileSize)
        writer.write(tracefileCount)
        writer.write(buffering.rawValue)
    }
}

extension LogLevelCondition: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        let tag: UInt8 = try reader.read()
        switch tag {
        case 0: self = .any
        case 1: self = .atLeastAsSevereAs(try LogLevel.decode(try reader.read()))
        case 2: self = .exactly(try LogLevel.decode(try reader.read()))
        default: throw .invalidValue("log-level condition \(tag)")
        }
    }

    public func encode(to writer: inout WireWriter) {
        switch self {
        case .any: writer.write(UInt8(0))
        case .atLeastAsSevereAs(let level):
            writer.write(UInt8(1))
            writer.write(level.rawValue)
        case .exactly(let level):
            writer.write(UInt8(2))
            writer.write(level.rawValue)
        }
    }
}

extension EventRule: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        self.init(
            pattern: try reader.read(), logLevel: try reader.read(), exclusions: try reader.readStrings(),
            filter: try reader.read(String?.self), isEnabled: try reader.read())
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(pattern)
        writer.write(logLevel)
        writer.writeStrings(exclusions)
        writer.write(filter)
        writer.write(isEnabled)
    }
}

extension TrackerPolicy: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        let tag: UInt8 = try reader.read()
        switch tag {
        case 0: self = .all
        case 1:
            let count = try reader.readCount("tracker values")
            guard count * 8 <= reader.remaining else { throw .truncated }
            var values = Set<Int64>()
            for _ in 0..<count { values.insert(try reader.read(Int64.self)) }
            self = .only(values)
        default: throw .invalidValue("tracker policy \(tag)")
        }
    }

    public func encode(to writer: inout WireWriter) {
        switch self {
        case .all: writer.write(UInt8(0))
        case .only(let values):
            writer.write(UInt8(1))
            writer.write(UInt32(values.count))
            for value in values.sorted() { writer.write(value) }
        }
    }
}

extension ProcessAttributeTrackers: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        self.init()
        virtualProcessIDs = try reader.read()
        virtualUserIDs = try reader.read()
        virtualGroupIDs = try reader.read()
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(virtualProcessIDs)
        writer.write(virtualUserIDs)
        writer.write(virtualGroupIDs)
    }
}

extension ProcessAttribute {
    static func decode(_ raw: UInt8) throws(WireError) -> ProcessAttribute {
        guard let attribute = ProcessAttribute(rawValue: raw) else { throw .invalidValue("process attribute \(raw)") }
        return attribute
    }
}

extension SessionSummary: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        self.init(
            name: try reader.read(), outputPath: try reader.read(), isActive: try reader.read(),
            creationTime: try reader.read(), isSnapshot: try reader.read())
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(name)
        writer.write(outputPath)
        writer.write(isActive)
        writer.write(creationTime)
        writer.write(isSnapshot)
    }
}

extension ChannelInfo: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        self.init(
            attributes: try reader.read(), isEnabled: try reader.read(), rules: try reader.read([EventRule].self),
            discardedEventCount: try reader.read(), lostPacketCount: try reader.read())
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(attributes)
        writer.write(isEnabled)
        writer.write(rules)
        writer.write(discardedEventCount)
        writer.write(lostPacketCount)
    }
}

extension SessionDetail: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        self.init(summary: try reader.read(), channels: try reader.read([ChannelInfo].self), trackers: try reader.read())
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(summary)
        writer.write(channels)
        writer.write(trackers)
    }
}

extension AppTracepoints: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        self.init(
            pid: try reader.read(), processName: try reader.read(), events: try reader.read([EventDescriptor].self))
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(pid)
        writer.write(processName)
        writer.write(events)
    }
}

/// ```
/// SpoorError: code u32 (bit 31: a cause follows) · detail (string)
///             [· operation (string) · errno i32]
/// ```
///
/// An error without a cause encodes as it always has, and bytes from before the cause
/// decode unchanged: no code has bit 31 set.
extension SpoorError: WireCodable {
    static let causeFlag: UInt32 = 1 << 31

    public init(from reader: inout WireReader) throws(WireError) {
        let word: UInt32 = try reader.read()
        let detail: String = try reader.read()
        var cause: Cause?
        if word & Self.causeFlag != 0 {
            cause = Cause(operation: try reader.read(), errno: try reader.read())
        }
        self.init(ErrorCode(rawValue: word & ~Self.causeFlag) ?? .unknown, detail, cause: cause)
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(cause == nil ? code.rawValue : code.rawValue | Self.causeFlag)
        writer.write(detail)
        if let cause {
            writer.write(cause.operation)
            writer.write(cause.errno)
        }
    }
}

/// ```
/// SnapshotOutput: id u32 · name (string) · maxSize u64 · path (string)
/// ```
extension SnapshotOutput: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        self.init(id: try reader.read(), name: try reader.read(), maxSize: try reader.read(), path: try reader.read())
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(id)
        writer.write(name)
        writer.write(maxSize)
        writer.write(path)
    }
}
