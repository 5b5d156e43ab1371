#if canImport(Glibc)
import Glibc

/// The calling thread's heap allocation count, when the process runs with the benchmark's
/// malloc interposer preloaded (`LD_PRELOAD=…/alloc-count.so swift test`, see
/// bench/alloc-count/alloc-count.c); `nil` otherwise.
///
/// (Hooking the Swift runtime's `_swift_allocObject` instead is not safe: objects allocated
/// through the hook later crash the runtime's reflection when printing an `Optional`.)
public func threadAllocationCount() -> UInt64? {
    allocationCounter.map { $0() }
}

/// Resolved once: `dlsym` itself allocates.
private let allocationCounter: (@convention(c) () -> UInt64)? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "bench_thread_allocation_count") else {
        return nil
    }
    return unsafeBitCast(symbol, to: (@convention(c) () -> UInt64).self)
}()

/// Bytes the allocator has handed out and not taken back: glibc's `mallinfo2().uordblks`.
///
/// Swift's Glibc module does not export `<malloc.h>`, so the function is looked up by name. It
/// returns a 10-word struct, which the x86-64 System V ABI returns through a pointer the caller
/// passes as the first argument; elsewhere this returns `nil`.
public func heapBytesInUse() -> Int? {
    #if arch(x86_64)
    typealias MallInfo2 = @convention(c) (UnsafeMutableRawPointer) -> UnsafeMutableRawPointer?
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallinfo2") else { return nil }
    let mallinfo2 = unsafeBitCast(symbol, to: MallInfo2.self)
    var fields = [Int](repeating: 0, count: 10)
    fields.withUnsafeMutableBytes { bytes in
        if let base = bytes.baseAddress { _ = mallinfo2(base) }
    }
    return fields[7]  // arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, ...
    #else
    return nil
    #endif
}
#endif
