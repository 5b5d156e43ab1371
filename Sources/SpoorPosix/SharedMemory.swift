import CSpoorShims

#if canImport(Glibc)
import Glibc
#endif

/// A shared mapping of a memory file (memfd) that the daemon and apps both map.
///
/// The owner unmaps it with `unmap()`; a mapping must never be used after that.
public final class SharedMemory: @unchecked Sendable {
    public let fd: Int32
    public let size: Int
    public let base: UnsafeMutableRawPointer

    /// Creates a zero-filled memory file of `size` bytes and maps it.
    public convenience init(creatingNamed name: String, size: Int) throws(SystemError) {
        let fd = cspoor_memfd(name, UInt64(size))
        guard fd >= 0 else { throw SystemError("memfd_create \(name)") }
        try self.init(mapping: fd, size: size)
    }

    /// Maps an existing memory file received from a peer; takes ownership of `fd`.
    /// Fails if the file is smaller than `size`, so a hostile peer cannot make us fault.
    public init(mapping fd: Int32, size: Int) throws(SystemError) {
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let error = SystemError("fstat")
            Glibc.close(fd)
            throw error
        }
        guard Int(info.st_size) >= size, size > 0 else {
            Glibc.close(fd)
            throw SystemError("shared memory smaller than announced", errno: EINVAL)
        }
        let address = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)
        guard let address, address != MAP_FAILED else {
            let error = SystemError("mmap")
            Glibc.close(fd)
            throw error
        }
        self.fd = fd
        self.size = size
        self.base = address
    }

    /// The size of a memory file received from a peer.
    public static func size(of fd: Int32) -> Int? {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    /// Replaces the shared pages with private zero pages at the same address, so that a writer
    /// still holding the address stays safe while the shared memory is released.
    public func retire() {
        _ = mmap(base, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
        Glibc.close(fd)
    }

    /// Unmaps and closes; only for mappings no other thread can still be using.
    public func unmap() {
        munmap(base, size)
        Glibc.close(fd)
    }
}

/// A non-blocking eventfd: the wake-up line between a tracer and the consumer.
public enum EventFD {
    public static func make() throws(SystemError) -> Int32 {
        let fd = cspoor_eventfd()
        guard fd >= 0 else { throw SystemError("eventfd") }
        return fd
    }

    /// Adds one; never blocks (a full counter just stays full).
    @inlinable
    public static func signal(_ fd: Int32) {
        var one: UInt64 = 1
        _ = withUnsafeBytes(of: &one) { write(fd, $0.baseAddress, 8) }
    }

    /// Resets the counter; returns whether it was signalled.
    @discardableResult
    public static func drain(_ fd: Int32) -> Bool {
        var value: UInt64 = 0
        return withUnsafeMutableBytes(of: &value) { read(fd, $0.baseAddress, 8) } == 8
    }
}

extension EventFD {
    public static func close(_ fd: Int32) { _ = Glibc.close(fd) }
}
