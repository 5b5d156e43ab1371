import SpoorModel

// The encodings of triggers (little-endian; strings are a u32 length then UTF-8):
//
//  Trigger            name:string · owner uid:u32 · condition · actions:u32 count, then each action
//  TriggerCondition   tag:u8, then
//                       0 event-rule-matches   EventRule · captures:u32 count, then each descriptor
//                       1 session-consumed     session:string · threshold bytes:u64
//                       2 buffer-usage-high    session:string · channel:string · threshold
//                       3 buffer-usage-low     session:string · channel:string · threshold
//                       4 rotation-ongoing     session:string
//                       5 rotation-completed   session:string
//                       6 process-crashed      name pattern:string? · uid:u32?
//  threshold          tag:u8 (0 ratio: IEEE 754 binary64 bits:u64, 0…1 │ 1 bytes: u64)
//  CaptureDescriptor  tag:u8 (0 field:string │ 1 $ctx:string │ 2 $app provider:string type:string
//                     │ 3 element: descriptor of tag 0–2 · index:u32)
//  TriggerAction      tag:u8 (0 notify │ 1 start │ 2 stop │ 3 rotate: session:string
//                     │ 4 snapshot: session:string · present:bool [· SnapshotActionOutput]) · RatePolicy
//  RatePolicy         tag:u8 (0 every │ 1 once-after) · count:u64, above 0
//  SnapshotActionOutput     tag:u8 (0 path:string │ 1 url:string │ 2 control:string data:string)
//                     · name:string? · maximum size:u64?
//  TriggerListing     Trigger · discarded tracer messages:u64 · action failures:u32 count, u64 each

extension CaptureDescriptor: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        let tag: UInt8 = try reader.read()
        if tag == 3 {
            let parent = try Self.decodeField(try reader.read(), from: &reader)
            self = .arrayElement(parent, index: try reader.read())
        } else {
            self = try Self.decodeField(tag, from: &reader)
        }
    }

    /// A descriptor that is not an array element: array elements of array elements do not exist.
    private static func decodeField(_ tag: UInt8, from reader: inout WireReader) throws(WireError) -> Self {
        switch tag {
        case 0: return .payloadField(try reader.read())
        case 1: return .contextField(try reader.read())
        case 2: return .applicationContextField(provider: try reader.read(), type: try reader.read())
        default: throw .invalidValue("capture descriptor \(tag)")
        }
    }

    public func encode(to writer: inout WireWriter) {
        switch self {
        case .payloadField(let name):
            writer.write(UInt8(0))
            writer.write(name)
        case .contextField(let name):
            writer.write(UInt8(1))
            writer.write(name)
        case .applicationContextField(let provider, let type):
            writer.write(UInt8(2))
            writer.write(provider)
            writer.write(type)
        case .arrayElement(let parent, let index):
            writer.write(UInt8(3))
            writer.write(parent)
            writer.write(index)
        }
    }
}

extension BufferUsageThreshold: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        let tag: UInt8 = try reader.read()
        switch tag {
        case 0:
            let ratio = Double(bitPattern: try reader.read(UInt64.self))
            // NaN fails this test too.
            guard (0...1).contains(ratio) else { throw .invalidValue("buffer usage ratio \(ratio)") }
            self = .ratio(ratio)
        case 1: self = .bytes(try reader.read())
        default: throw .invalidValue("buffer usage threshold \(tag)")
        }
    }

    public func encode(to writer: inout WireWriter) {
        switch self {
        case .ratio(let ratio):
            writer.write(UInt8(0))
            writer.write(ratio.bitPattern)
        case .bytes(let bytes):
            writer.write(UInt8(1))
            writer.write(bytes)
        }
    }
}

extension TriggerCondition: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        let tag: UInt8 = try reader.read()
        switch tag {
        case 0:
            self = .eventRuleMatches(try reader.read(), captures: try reader.read([CaptureDescriptor].self))
        case 1: self = .sessionConsumedSize(session: try reader.read(), thresholdBytes: try reader.read())
        case 2:
            self = .bufferUsageHigh(
                session: try reader.read(), channel: try reader.read(), threshold: try reader.read())
        case 3:
            self = .bufferUsageLow(session: try reader.read(), channel: try reader.read(), threshold: try reader.read())
        case 4: self = .sessionRotationOngoing(session: try reader.read())
        case 5: self = .sessionRotationCompleted(session: try reader.read())
        case 6: self = .processCrashed(namePattern: try reader.read(String?.self), uid: try reader.readOptionalUID())
        default: throw .invalidValue("trigger condition \(tag)")
        }
    }

    public func encode(to writer: inout WireWriter) {
        switch self {
        case .eventRuleMatches(let rule, let captures):
            writer.write(UInt8(0))
            writer.write(rule)
            writer.write(captures)
        case .sessionConsumedSize(let session, let threshold):
            writer.write(UInt8(1))
            writer.write(session)
            writer.write(threshold)
        case .bufferUsageHigh(let session, let channel, let threshold),
            .bufferUsageLow(let session, let channel, let threshold):
            if case .bufferUsageHigh = self { writer.write(UInt8(2)) } else { writer.write(UInt8(3)) }
            writer.write(session)
            writer.write(channel)
            writer.write(threshold)
        case .sessionRotationOngoing(let session):
            writer.write(UInt8(4))
            writer.write(session)
        case .sessionRotationCompleted(let session):
            writer.write(UInt8(5))
            writer.write(session)
        case .processCrashed(let pattern, let uid):
            writer.write(UInt8(6))
            writer.write(pattern)
            writer.writeOptionalUID(uid)
        }
    }
}

extension RatePolicy: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        let tag: UInt8 = try reader.read()
        let count: UInt64 = try reader.read()
        guard count > 0 else { throw .invalidValue("rate policy count 0") }
        switch tag {
        case 0: self = .every(count)
        case 1: self = .onceAfter(count)
        default: throw .invalidValue("rate policy \(tag)")
        }
    }

    public func encode(to writer: inout WireWriter) {
        switch self {
        case .every(let count):
            writer.write(UInt8(0))
            writer.write(count)
        case .onceAfter(let count):
            writer.write(UInt8(1))
            writer.write(count)
        }
    }
}

extension SnapshotActionOutput: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        let tag: UInt8 = try reader.read()
        let destination: SnapshotActionDestination
        switch tag {
        case 0: destination = .path(try reader.read())
        case 1: destination = .url(try reader.read())
        case 2: destination = .controlAndData(control: try reader.read(), data: try reader.read())
        default: throw .invalidValue("snapshot destination \(tag)")
        }
        self.init(
            destination: destination, name: try reader.read(String?.self), maximumSize: try reader.read(UInt64?.self))
    }

    public func encode(to writer: inout WireWriter) {
        switch destination {
        case .path(let path):
            writer.write(UInt8(0))
            writer.write(path)
        case .url(let url):
            writer.write(UInt8(1))
            writer.write(url)
        case .controlAndData(let control, let data):
            writer.write(UInt8(2))
            writer.write(control)
            writer.write(data)
        }
        writer.write(name)
        writer.write(maximumSize)
    }
}

extension TriggerAction: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        let tag: UInt8 = try reader.read()
        let kind: TriggerActionKind
        switch tag {
        case 0: kind = .notify
        case 1: kind = .startSession(try reader.read())
        case 2: kind = .stopSession(try reader.read())
        case 3: kind = .rotateSession(try reader.read())
        case 4: kind = .snapshotSession(try reader.read(), output: try reader.read(SnapshotActionOutput?.self))
        default: throw .invalidValue("trigger action \(tag)")
        }
        self.init(kind, ratePolicy: try reader.read())
    }

    public func encode(to writer: inout WireWriter) {
        switch kind {
        case .notify: writer.write(UInt8(0))
        case .startSession(let session):
            writer.write(UInt8(1))
            writer.write(session)
        case .stopSession(let session):
            writer.write(UInt8(2))
            writer.write(session)
        case .rotateSession(let session):
            writer.write(UInt8(3))
            writer.write(session)
        case .snapshotSession(let session, let output):
            writer.write(UInt8(4))
            writer.write(session)
            writer.write(output)
        }
        writer.write(ratePolicy)
    }
}

extension Trigger: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        self.init(
            name: try reader.read(), ownerUID: try reader.read(), condition: try reader.read(),
            actions: try reader.read([TriggerAction].self))
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(name)
        writer.write(ownerUID)
        writer.write(condition)
        writer.write(actions)
    }
}

extension TriggerListing: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        let trigger: Trigger = try reader.read()
        let discarded: UInt64 = try reader.read()
        let count = try reader.readCount("action failure counts")
        guard count * 8 <= reader.remaining else { throw .truncated }
        var failures: [UInt64] = []
        for _ in 0..<count { failures.append(try reader.read(UInt64.self)) }
        self.init(
            trigger: trigger,
            errors: TriggerErrorCounts(discardedTracerMessages: discarded, actionExecutionFailures: failures))
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(trigger)
        writer.write(errors.discardedTracerMessages)
        writer.write(UInt32(errors.actionExecutionFailures.count))
        for count in errors.actionExecutionFailures { writer.write(count) }
    }
}

extension WireWriter {
    /// A `--owner-uid`: presence:bool, then uid:u32.
    mutating func writeOptionalUID(_ uid: UInt32?) {
        write(uid != nil)
        if let uid { write(uid) }
    }
}

extension WireReader {
    mutating func readOptionalUID() throws(WireError) -> UInt32? {
        let isPresent: Bool = try read()
        return isPresent ? try read(UInt32.self) : nil
    }
}
