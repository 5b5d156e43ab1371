/// Bytes from hexadecimal text; anything but hex digits (spaces, `|`, newlines) is ignored, so
/// dumps can be pasted as they are. Traps on an odd number of digits: a typo in the test.
public func hex(_ text: String) -> [UInt8] {
    let digits = text.unicodeScalars.compactMap { scalar -> UInt8? in
        guard scalar.properties.isASCIIHexDigit else { return nil }
        return UInt8(String(scalar), radix: 16)
    }
    precondition(digits.count % 2 == 0, "odd number of hex digits in \(text)")
    return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
}

/// Lower-case hexadecimal text of `bytes`, two digits a byte and no separators: the inverse of
/// `hex(_:)` on a string, for comparing byte layouts as readable text.
public func hex(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}
