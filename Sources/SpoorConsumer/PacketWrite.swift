import SpoorCTF
import SpoorPosix

#if canImport(Glibc)
import Glibc
#endif

/// Writes a framed packet with one `writev`: header, records and padding go to the file in one
/// system call, the records straight from where they lie (the ring buffer's shared memory when
/// the source allows it), so a packet costs one kernel copy into the page cache and nothing more.
enum PacketWrite {
    /// Zeros the padding is written from; never written to. Packets are padded to the page size,
    /// so padding is shorter than this except with huge pages, where the block is repeated.
    nonisolated(unsafe) private static let zeros: UnsafeRawBufferPointer = {
        let count = 1 << 16
        guard let memory = calloc(count, 1) else { fatalError("cannot allocate the padding block") }
        return UnsafeRawBufferPointer(start: memory, count: count)
    }()

    /// The most pieces one `writev` takes here: header, records, and padding blocks.
    private static let maximumPieces = 16

    /// Appends `packet` to `fd` (`path` for messages), retrying after signals and short writes.
    static func write(_ packet: FramedPacket, to fd: Int32, path: String) throws(SystemError) {
        try withUnsafeTemporaryAllocation(of: iovec.self, capacity: maximumPieces) { (pieces) throws(SystemError) in
            var count = 0
            func add(_ base: UnsafeRawPointer?, _ length: Int) {
                guard length > 0 else { return }
                pieces[count] = iovec(iov_base: UnsafeMutableRawPointer(mutating: base), iov_len: length)
                count += 1
            }
            add(packet.header.baseAddress, packet.header.count)
            add(packet.records.baseAddress, packet.records.count)
            var padding = packet.paddingCount
            while padding > 0 {
                let piece = min(padding, zeros.count)
                if count == maximumPieces {
                    // Only with padding far above any page size: write what is gathered so far.
                    try writeAll(pieces, count: count, to: fd, path: path)
                    count = 0
                }
                add(zeros.baseAddress, piece)
                padding -= piece
            }
            try writeAll(pieces, count: count, to: fd, path: path)
        }
    }

    /// Up to three buffers written back to back.
    struct Pieces {
        var first: UnsafeRawBufferPointer
        var second = UnsafeRawBufferPointer(start: nil, count: 0)
        var third = UnsafeRawBufferPointer(start: nil, count: 0)
    }

    /// Appends `pieces` to `fd` in one `writev` (more after a short write).
    static func write(_ pieces: Pieces, to fd: Int32, path: String) throws(SystemError) {
        try withUnsafeTemporaryAllocation(of: iovec.self, capacity: 3) { (vector) throws(SystemError) in
            var count = 0
            func add(_ piece: UnsafeRawBufferPointer) {
                guard !piece.isEmpty else { return }
                vector[count] = iovec(
                    iov_base: UnsafeMutableRawPointer(mutating: piece.baseAddress), iov_len: piece.count)
                count += 1
            }
            add(pieces.first)
            add(pieces.second)
            add(pieces.third)
            try writeAll(vector, count: count, to: fd, path: path)
        }
    }

    /// Writes the first `count` pieces whole, going on after a short write.
    private static func writeAll(
        _ pieces: UnsafeMutableBufferPointer<iovec>, count: Int, to fd: Int32, path: String
    ) throws(SystemError) {
        guard let base = pieces.baseAddress else { return }
        var first = 0
        while first < count {
            let written = writev(fd, base + first, Int32(count - first))
            if written < 0 {
                if errno == EINTR { continue }
                throw SystemError("write \(path)")
            }
            var left = written
            while first < count && left >= pieces[first].iov_len {
                left -= pieces[first].iov_len
                first += 1
            }
            if left > 0 {
                pieces[first].iov_base = pieces[first].iov_base.map { $0 + left }
                pieces[first].iov_len -= left
            }
        }
    }

    /// Appends the index entry of a packet written at `offset` to `fd`, from a stack buffer.
    static func writeIndexEntry(for context: PacketContext, offset: UInt64, to fd: Int32, path: String)
        throws(SystemError)
    {
        try withUnsafeTemporaryAllocation(byteCount: IndexEntry.size, alignment: 8) { (bytes) throws(SystemError) in
            guard let base = bytes.baseAddress else { return }
            IndexFile.entry(for: context, offset: offset).write(to: base)
            try FileSystem.writeAll(fd, UnsafeRawBufferPointer(bytes), path: path)
        }
    }
}
