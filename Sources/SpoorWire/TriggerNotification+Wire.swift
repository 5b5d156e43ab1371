import SpoorModel

// The encodings of notifications (little-endian; strings are a u32 length then UTF-8):
//
//  CapturedValue          tag:u8 (0 signed:i64 │ 1 unsigned:u64 │ 2 double: binary64 bits:u64
//                         │ 3 string │ 4 array: u32 count, then each value │ 5 unavailable)
//  CapturedField          descriptor:string · CapturedValue
//  ConditionEvaluation    tag:u8 (0 event rule: u32 count, then each CapturedField │ 1 consumed: bytes:u64
//                         │ 2 buffer usage: bytes:u64 · capacity:u64 │ 3 rotation ongoing: chunk:u64
//                         │ 4 rotation completed: chunk:u64 · archive:string │ 5 crash: CrashReport)
//  TriggerNotification    trigger:string · owner uid:u32 · TriggerCondition · ConditionEvaluation
//                         · time:u64 · dropped before:u64
//  NotificationSubscription  trigger names: u32 count, then each string

extension CapturedValue: WireCodable {
    /// Arrays of arrays do not come from events; a hostile peer could nest them deeply.
    static let maximumDepth = 4

    public init(from reader: inout WireReader) throws(WireError) {
        self = try Self.decode(from: &reader, depth: 0)
    }

    private static func decode(from reader: inout WireReader, depth: Int) throws(WireError) -> CapturedValue {
        let tag: UInt8 = try reader.read()
        switch tag {
        case 0: return .signed(try reader.read())
        case 1: return .unsigned(try reader.read())
        case 2: return .floatingPoint(Double(bitPattern: try reader.read(UInt64.self)))
        case 3: return .string(try reader.read())
        case 4:
            guard depth < maximumDepth else { throw .invalidValue("captured arrays nested too deeply") }
            let count = try reader.readCount("captured array")
            guard count <= reader.remaining else { throw .truncated }
            var elements: [CapturedValue] = []
            for _ in 0..<count { elements.append(try decode(from: &reader, depth: depth + 1)) }
            return .array(elements)
        case 5: return .unavailable
        default: throw .invalidValue("captured value \(tag)")
        }
    }

    public func encode(to writer: inout WireWriter) {
        switch self {
        case .signed(let value):
            writer.write(UInt8(0))
            writer.write(value)
        case .unsigned(let value):
            writer.write(UInt8(1))
            writer.write(value)
        case .floatingPoint(let value):
            writer.write(UInt8(2))
            writer.write(value.bitPattern)
        case .string(let value):
            writer.write(UInt8(3))
            writer.write(value)
        case .array(let elements):
            writer.write(UInt8(4))
            writer.write(elements)
        case .unavailable: writer.write(UInt8(5))
        }
    }
}

extension CapturedField: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        self.init(descriptor: try reader.read(), value: try reader.read())
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(descriptor)
        writer.write(value)
    }
}

extension ConditionEvaluation: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        let tag: UInt8 = try reader.read()
        switch tag {
        case 0: self = .eventRuleMatched(captures: try reader.read([CapturedField].self))
        case 1: self = .sessionConsumedSize(bytes: try reader.read())
        case 2: self = .bufferUsage(bytes: try reader.read(), capacity: try reader.read())
        case 3: self = .sessionRotationOngoing(chunkID: try reader.read())
        case 4: self = .sessionRotationCompleted(chunkID: try reader.read(), archivePath: try reader.read())
        case 5: self = .processCrashed(try reader.read())
        default: throw .invalidValue("condition evaluation \(tag)")
        }
    }

    public func encode(to writer: inout WireWriter) {
        switch self {
        case .eventRuleMatched(let captures):
            writer.write(UInt8(0))
            writer.write(captures)
        case .sessionConsumedSize(let bytes):
            writer.write(UInt8(1))
            writer.write(bytes)
        case .bufferUsage(let bytes, let capacity):
            writer.write(UInt8(2))
            writer.write(bytes)
            writer.write(capacity)
        case .sessionRotationOngoing(let chunkID):
            writer.write(UInt8(3))
            writer.write(chunkID)
        case .sessionRotationCompleted(let chunkID, let archivePath):
            writer.write(UInt8(4))
            writer.write(chunkID)
            writer.write(archivePath)
        case .processCrashed(let report):
            writer.write(UInt8(5))
            writer.write(report)
        }
    }
}

extension TriggerNotification: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        self.init(
            trigger: try reader.read(), ownerUID: try reader.read(), condition: try reader.read(),
            evaluation: try reader.read(), time: try reader.read(), droppedBefore: try reader.read())
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(trigger)
        writer.write(ownerUID)
        writer.write(condition)
        writer.write(evaluation)
        writer.write(time)
        writer.write(droppedBefore)
    }
}

extension NotificationSubscription: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        self.init(triggerNames: try reader.readStrings())
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeStrings(triggerNames)
    }
}
