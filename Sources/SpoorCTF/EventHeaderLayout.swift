/// The `event_header_large` that starts every event record of a UST stream (spec/ctf-lttng.md §4.3).
///
/// Little-endian, packed:
/// ```
/// compact  (6 bytes):  | u16 id (0…65534) | u32 timestamp, low 32 bits |
/// extended (14 bytes): | u16 0xFFFF | u32 id | u64 timestamp |
/// ```
/// A reader rebuilds a compact timestamp from the previous full one, assuming at most one 2^32 wrap,
/// so a writer must use the extended form for the first record of a packet, for ids of 65535 and
/// above, and whenever the time since the previous record may reach 2^32 ns (LTTng switches at 2^27).
public enum EventHeaderLayout {
    /// The size in bytes of the compact form.
    public static let compactSize = 6
    /// The size in bytes of the extended form.
    public static let extendedSize = 14
    /// The 16-bit id that announces the extended form.
    public static let extendedID: UInt16 = 0xFFFF

    /// Writes an event header at `pointer` (no alignment needed) and returns the bytes written: 6 or 14.
    ///
    /// - Precondition: `extended` is true when `id` does not fit the compact form (`id >= 0xFFFF`).
    @inlinable
    public static func write(id: UInt32, timestamp: UInt64, extended: Bool, to pointer: UnsafeMutableRawPointer)
        -> Int
    {
        if extended {
            pointer.storeBytes(of: extendedID.littleEndian, toByteOffset: 0, as: UInt16.self)
            pointer.storeBytes(of: id.littleEndian, toByteOffset: 2, as: UInt32.self)
            pointer.storeBytes(of: timestamp.littleEndian, toByteOffset: 6, as: UInt64.self)
            return extendedSize
        }
        precondition(id < UInt32(extendedID), "event ids from 65535 need the extended header")
        pointer.storeBytes(of: UInt16(truncatingIfNeeded: id).littleEndian, toByteOffset: 0, as: UInt16.self)
        pointer.storeBytes(
            of: UInt32(truncatingIfNeeded: timestamp).littleEndian, toByteOffset: 2, as: UInt32.self)
        return compactSize
    }
}
