import SpoorModel

/// ```
/// RotationSchedules: periodMicroseconds (u64?) · sizeThresholdBytes (u64?)
/// ```
extension RotationSchedules: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        self.init(periodMicroseconds: try reader.read(UInt64?.self), sizeThresholdBytes: try reader.read(UInt64?.self))
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(periodMicroseconds)
        writer.write(sizeThresholdBytes)
    }
}

/// ```
/// RotationSchedule: kind (u8: 0 periodic, 1 size threshold) · value (u64: µs or bytes)
/// ```
extension RotationSchedule: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        let kind = try RotationScheduleKind(from: &reader)
        let value: UInt64 = try reader.read()
        switch kind {
        case .periodic: self = .periodic(microseconds: value)
        case .sizeThreshold: self = .sizeThreshold(bytes: value)
        }
    }

    public func encode(to writer: inout WireWriter) {
        switch self {
        case .periodic(let microseconds):
            writer.write(RotationScheduleKind.periodic.rawValue)
            writer.write(microseconds)
        case .sizeThreshold(let bytes):
            writer.write(RotationScheduleKind.sizeThreshold.rawValue)
            writer.write(bytes)
        }
    }
}

/// `RotationScheduleKind`: one byte, 0 periodic, 1 size threshold.
extension RotationScheduleKind: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        let raw: UInt8 = try reader.read()
        guard let kind = RotationScheduleKind(rawValue: raw) else { throw .invalidValue("rotation schedule \(raw)") }
        self = kind
    }

    public func encode(to writer: inout WireWriter) { writer.write(rawValue) }
}

/// ```
/// RotationInfo: session (string) · chunkID (u64) · state (u8) · archivePath (string)
/// ```
extension RotationInfo: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        let session: String = try reader.read()
        let chunkID: UInt64 = try reader.read()
        let raw: UInt8 = try reader.read()
        guard let state = RotationState(rawValue: raw) else { throw .invalidValue("rotation state \(raw)") }
        self.init(session: session, chunkID: chunkID, state: state, archivePath: try reader.read())
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(session)
        writer.write(chunkID)
        writer.write(state.rawValue)
        writer.write(archivePath)
    }
}
