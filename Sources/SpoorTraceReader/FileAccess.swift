#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few POSIX file operations the reader needs; errors name the file and the system's reason.
enum FileAccess {
    /// What a directory entry is.
    enum Kind {
        case regular
        case directory
        case other
    }

    static func systemError(_ path: String, _ action: String) -> TraceReadError {
        let code = errno
        let message = strerror(code).map { String(cString: $0) } ?? "error \(code)"
        return TraceReadError(path: path, reason: "cannot \(action): \(message)")
    }

    /// The kind and size of `path`, following symbolic links; nil when it does not exist.
    static func status(_ path: String) -> (kind: Kind, size: Int)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let type = info.st_mode & S_IFMT
        let kind: Kind = type == S_IFREG ? .regular : type == S_IFDIR ? .directory : .other
        return (kind, Int(info.st_size))
    }

    /// The device and inode of `path` (following symbolic links), to notice directories seen twice.
    static func identity(_ path: String) -> [UInt64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }

    /// Names in a directory, sorted, without `.` and `..`.
    static func entries(of path: String) throws(TraceReadError) -> [String] {
        guard let directory = opendir(path) else { throw systemError(path, "open directory") }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: pointer.pointee)) {
                    String(cString: $0)
                }
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Up to `count` bytes of `path` from `offset` (fewer only at the end of the file).
    static func read(_ path: String, offset: Int, count: Int) throws(TraceReadError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw systemError(path, "open") }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let result = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress.map { $0 + filled }, count - filled, off_t(offset + filled))
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw systemError(path, "read")
            }
            if result == 0 { break }
            filled += result
        }
        if filled < count { bytes.removeSubrange(filled...) }
        return bytes
    }

    /// The whole content of `path`.
    static func readAll(_ path: String) throws(TraceReadError) -> [UInt8] {
        guard let status = status(path) else { throw systemError(path, "open") }
        var bytes = try read(path, offset: 0, count: status.size)
        // The file may have grown since `stat` (an active session); take what is there now.
        while true {
            let more = try read(path, offset: bytes.count, count: 65536)
            if more.isEmpty { break }
            bytes += more
        }
        return bytes
    }
}
