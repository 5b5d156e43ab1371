/// Trace UUIDs as LTTng writes them: 16 raw bytes in RFC 4122 order, shown as `8-4-4-4-12` lowercase hex.
///
/// The same bytes go into the TSDL `trace.uuid`, every metadata packet header and every data packet
/// header (spec/ctf-lttng.md §6.4).
public enum TraceUUID {
    /// The number of bytes in a UUID.
    public static let byteCount = 16

    /// Returns a new random (RFC 4122 version 4, variant 1) UUID.
    public static func random() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: byteCount)
        for index in stride(from: 0, to: byteCount, by: 8) {
            let word = generator.next() as UInt64
            for shift in 0..<8 {
                bytes[index + shift] = UInt8(truncatingIfNeeded: word >> (8 * UInt64(shift)))
            }
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40  // version 4
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // variant 10xx (RFC 4122)
        return bytes
    }

    /// Formats 16 bytes as `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in lowercase.
    ///
    /// - Precondition: `bytes` holds exactly 16 bytes.
    public static func string(_ bytes: [UInt8]) -> String {
        precondition(bytes.count == byteCount, "a UUID is 16 bytes")
        let digits: [Character] = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append("-") }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }

    /// Parses `8-4-4-4-12` hexadecimal text (either case) into 16 bytes, or returns `nil`.
    public static func parse(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count == 36 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(byteCount)
        var high: UInt8? = nil
        for (index, character) in utf8.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard character == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard let nibble = hexValue(character) else { return nil }
            if let first = high {
                bytes.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return bytes
    }

    private static func hexValue(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
