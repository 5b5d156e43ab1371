import SpoorPosix

#if canImport(Glibc)
import Glibc
#endif

/// A stream's trace file, written a whole packet at a time, by default with direct I/O
/// (`O_DIRECT`): the disk reads the records straight from the ring buffer's shared memory, so
/// the consumer's CPU never copies them, not even into the page cache. On a machine whose CPUs
/// are busy (the apps being traced run there), that copy is what limits how fast a stream
/// drains; the disk is then faster than the copy.
///
/// Direct I/O needs every piece aligned: packets start and end on page boundaries (they are
/// padded to the page size), and the records' pages in shared memory are page-aligned. Only the
/// first page (the header the consumer writes, then the first records) and the last one (the
/// last records, then zeros) are copied, to a private buffer: a packet of 8 MiB copies 8 KiB.
/// Where the filesystem refuses direct I/O, or a packet is not laid out that way, the file falls
/// back to ordinary buffered writes, with the same bytes.
final class PacketFile {
    /// `O_DIRECT`, which Glibc's module leaves out (it needs `_GNU_SOURCE`); its value depends
    /// on the architecture. Zero where unknown: the file is then simply buffered.
    #if arch(x86_64) || arch(i386) || arch(s390x)
    static let directFlag: Int32 = 0o40000
    #elseif arch(arm64) || arch(arm)
    static let directFlag: Int32 = 0o200000
    #elseif arch(powerpc64) || arch(powerpc64le)
    static let directFlag: Int32 = 0o400000
    #else
    static let directFlag: Int32 = 0
    #endif

    /// How a trace file is written.
    enum Mode: Sendable {
        /// Direct I/O where the filesystem allows it, else buffered.
        case direct
        /// Through the page cache.
        case buffered

        /// What `SPOOR_CONSUMER_IO` asks for (`direct` or `buffered`), nil when it asks nothing.
        static let configured: Mode? = {
            guard let value = getenv("SPOOR_CONSUMER_IO") else { return nil }
            switch String(cString: value) {
            case "buffered": return .buffered
            case "direct": return .direct
            default: return nil
            }
        }()

        /// The packet size from which direct I/O pays: below it, a write's wait for the disk
        /// costs more than the copy it saves, and small sub-buffers come back to producers
        /// sooner through the page cache (measured with 512 KiB and 8 MiB sub-buffers).
        static let directThreshold = 1 << 20

        /// `SPOOR_CONSUMER_IO`'s choice, else direct I/O for packets of at least `directThreshold`.
        static func forPackets(ofSize size: Int) -> Mode {
            configured ?? (size >= directThreshold ? .direct : .buffered)
        }
    }

    let path: String
    private(set) var fd: Int32
    /// Whether writes still go around the page cache.
    private(set) var isDirect: Bool
    /// Bytes written: where the next packet starts.
    private(set) var size: UInt64 = 0
    /// The unit every direct write's offset, length and memory address is aligned to.
    static let unit = 4096
    /// A packet's first and last pages.
    private let bounce: UnsafeMutableRawBufferPointer

    /// Creates (or truncates) `path`.
    init(creating path: String, mode: Mode) throws(SystemError) {
        self.path = path
        let flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC
        var fd: Int32 = -1
        if mode == .direct && Self.directFlag != 0 { fd = open(path, flags | Self.directFlag, 0o660) }
        isDirect = fd >= 0
        // EINVAL: the filesystem has no direct I/O. Any other error shows again below.
        if fd < 0 { fd = open(path, flags, 0o660) }
        guard fd >= 0 else { throw SystemError("open \(path)") }
        self.fd = fd
        bounce = UnsafeMutableRawBufferPointer.allocate(byteCount: isDirect ? 2 * Self.unit : 0, alignment: Self.unit)
    }

    deinit {
        close()
        bounce.deallocate()
    }

    /// Closes the file.
    func close() {
        if fd >= 0 {
            Glibc.close(fd)
            fd = -1
        }
    }

    /// Appends `packet`.
    func write(_ packet: FramedPacket) throws(SystemError) {
        if isDirect {
            let written = try writeDirect(packet)
            if written { return }
            fallBackToBuffered()
        }
        try PacketWrite.write(packet, to: fd, path: path)
        size += UInt64(packet.size)
    }

    /// Writes `packet` with direct I/O; false, with nothing written, when it cannot be.
    private func writeDirect(_ packet: FramedPacket) throws(SystemError) -> Bool {
        guard let pieces = directPieces(of: packet) else { return false }
        do throws(SystemError) {
            try PacketWrite.write(pieces, to: fd, path: path)
        } catch where error.errno == EINVAL {
            // The filesystem took the open but refuses the write: whatever part of the packet
            // went in is written again, at the same place, by the buffered write.
            guard lseek(fd, off_t(size), SEEK_SET) >= 0 else { throw SystemError("lseek \(path)") }
            return false
        }
        size += UInt64(packet.size)
        return true
    }

    /// Writes from now on through the page cache.
    private func fallBackToBuffered() {
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~Self.directFlag) }
        isDirect = false
    }

    /// The packet as aligned pieces: its first page copied to the bounce buffer, the pages of
    /// records in place, its last page copied; nil when it cannot be cut that way.
    private func directPieces(of packet: FramedPacket) -> PacketWrite.Pieces? {
        let unit = Self.unit
        let size = packet.size
        guard size % unit == 0, size >= unit, let bounceBase = bounce.baseAddress,
            let header = packet.header.baseAddress
        else { return nil }
        let headerCount = packet.header.count
        let records = packet.records
        // The records that share the first page with the header.
        let firstRecords = min(records.count, unit - headerCount)
        // Whole pages of records, in place, right after the first page.
        var middleCount = 0
        if let base = records.baseAddress, records.count > firstRecords {
            let start = base + firstRecords
            if Int(bitPattern: start) % unit == 0 { middleCount = (records.count - firstRecords) / unit * unit }
        }
        let tailRecords = records.count - firstRecords - middleCount
        let tailSize = size - unit - middleCount
        guard tailSize >= 0, tailSize <= unit, tailRecords <= tailSize else { return nil }
        // First page: header, records, and zeros when the packet ends there.
        bounceBase.copyMemory(from: header, byteCount: headerCount)
        if firstRecords > 0, let base = records.baseAddress {
            (bounceBase + headerCount).copyMemory(from: base, byteCount: firstRecords)
        }
        let firstUsed = headerCount + firstRecords
        (bounceBase + firstUsed).initializeMemory(as: UInt8.self, repeating: 0, count: unit - firstUsed)
        var pieces = PacketWrite.Pieces(first: UnsafeRawBufferPointer(start: bounceBase, count: unit))
        if middleCount > 0, let base = records.baseAddress {
            pieces.second = UnsafeRawBufferPointer(start: base + firstRecords, count: middleCount)
        }
        if tailSize > 0 {
            let tail = bounceBase + unit
            if tailRecords > 0, let base = records.baseAddress {
                tail.copyMemory(from: base + firstRecords + middleCount, byteCount: tailRecords)
            }
            (tail + tailRecords).initializeMemory(as: UInt8.self, repeating: 0, count: tailSize - tailRecords)
            pieces.third = UnsafeRawBufferPointer(start: tail, count: tailSize)
        }
        return pieces
    }
}
