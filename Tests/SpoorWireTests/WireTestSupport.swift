import SpoorWire
import Testing

/// The error decoding `bytes` as a whole `T` reports, or `nil` when they decode.
func decodingError<T: WireCodable>(_: T.Type, _ bytes: [UInt8]) -> WireError? {
    do {
        _ = try T.decode(bytes)
        return nil
    } catch {
        return error
    }
}

extension WireError {
    var isInvalidValue: Bool {
        if case .invalidValue = self { true } else { false }
    }

    var isTooLarge: Bool {
        if case .tooLarge = self { true } else { false }
    }
}

/// `value.wireBytes` decodes back to `value`, and nothing is left over.
func expectRoundTrip<T: WireCodable & Equatable>(
    _ value: T, sourceLocation: SourceLocation = #_sourceLocation
) {
    expectDecoding(value.wireBytes, as: value, sourceLocation: sourceLocation)
}

/// `bytes` decode, as a whole, to `value`.
func expectDecoding<T: WireCodable & Equatable>(
    _ bytes: [UInt8], as value: T, sourceLocation: SourceLocation = #_sourceLocation
) {
    do {
        let decoded = try T.decode(bytes)
        #expect(decoded == value, sourceLocation: sourceLocation)
    } catch {
        Issue.record("\(bytes) did not decode: \(error)", sourceLocation: sourceLocation)
    }
}

/// Feeds the encoding of `value` to a decoder one byte at a time, as a stream socket may deliver it:
/// every strict prefix is `.truncated`, and the whole encoding decodes to `value`.
func expectDecodingByteAtATime<T: WireCodable & Equatable>(
    _ value: T, sourceLocation: SourceLocation = #_sourceLocation
) {
    let bytes = value.wireBytes
    var received: [UInt8] = []
    for byte in bytes {
        #expect(
            decodingError(T.self, received) == .truncated,
            "prefix of \(received.count) of \(bytes.count) bytes", sourceLocation: sourceLocation)
        received.append(byte)
    }
    expectDecoding(received, as: value, sourceLocation: sourceLocation)
}

/// A valid encoding followed by `extra` stray bytes is refused with `.trailingBytes(extra)`.
func expectTrailingBytesRefused<T: WireCodable & Equatable>(
    _ value: T, extra: Int, sourceLocation: SourceLocation = #_sourceLocation
) {
    let bytes = value.wireBytes + Array(repeating: 0, count: extra)
    #expect(decodingError(T.self, bytes) == .trailingBytes(extra), sourceLocation: sourceLocation)
}

/// `u32` in little-endian byte order, for building hostile inputs (golden bytes are written out by hand).
func littleEndian(_ value: UInt32) -> [UInt8] {
    [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
}
