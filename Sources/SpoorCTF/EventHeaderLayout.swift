import CSpoorABI

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
///
/// `spoor_event_header_compact`/`_extended` in `CSpoorABI.h` define the layout and
/// `spoor_event_header_write` is its one encoder, which the tracer calls on its record path;
/// this type names them for trace readers and tests.
public enum EventHeaderLayout {
    /// The size in bytes of the compact form.
    public static let compactSize = SPOOR_EVENT_HEADER_COMPACT_SIZE
    /// The size in bytes of the extended form.
    public static let extendedSize = SPOOR_EVENT_HEADER_EXTENDED_SIZE
    /// The 16-bit id that announces the extended form.
    public static let extendedID = UInt16(SPOOR_EVENT_ID_EXTENDED)

    /// Writes an event header at `pointer` (no alignment needed) and returns the bytes written: 6 or 14.
    ///
    /// - Precondition: `extended` is true when `id` does not fit the compact form (`id >= 0xFFFF`).
    @inlinable
    public static func write(id: UInt32, timestamp: UInt64, extended: Bool, to pointer: UnsafeMutableRawPointer)
        -> Int
    {
        precondition(
            extended || spoor_event_id_needs_extended(id) == 0, "event ids from 65535 need the extended header")
        return spoor_event_header_write(pointer, id, timestamp, extended ? 1 : 0)
    }
}
