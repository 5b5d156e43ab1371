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

extension EventRule: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        self.init(pattern: try reader.read(), isEnabled: try reader.read())
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(pattern)
        writer.write(isEnabled)
    }
}

extension SessionSummary: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        self.init(
            name: try reader.read(), outputPath: try reader.read(), isActive: try reader.read(),
            creationTime: try reader.read())
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(name)
        writer.write(outputPath)
        writer.write(isActive)
        writer.write(creationTime)
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
        self.init(summary: try reader.read(), channels: try reader.read([ChannelInfo].self))
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(summary)
        writer.write(channels)
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

extension SpoorError: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        let raw: UInt32 = try reader.read()
        let detail: String = try reader.read()
        self.init(ErrorCode(rawValue: raw) ?? .unknown, detail)
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(code.rawValue)
        writer.write(detail)
    }
}
