import CSpoorShims

/// One executable or shared library mapped in the process, as `dl_iterate_phdr` and the
/// object's own notes and file describe it.
public struct MappedObject: Sendable, Hashable {
    /// Where the object is loaded.
    public var baseAddress: UInt64
    /// Bytes from the lowest to the highest address of its loadable segments.
    public var memorySize: UInt64
    /// Its path (`[name]` for the vDSO).
    public var path: String
    /// Whether it is position independent.
    public var isPIC: Bool
    /// Its GNU build id, empty when it has none.
    public var buildID: [UInt8]
    /// The file name its `.gnu_debuglink` names, nil when it has none.
    public var debugLink: String?
    /// The CRC its `.gnu_debuglink` carries.
    public var debugLinkCRC: UInt32

    /// The objects loaded now, in the dynamic linker's order.
    public static func all() -> [MappedObject] {
        var objects: [MappedObject] = []
        withUnsafeMutablePointer(to: &objects) { list in
            cspoor_loaded_objects(
                { object, context in
                    guard let context else { return }
                    let object = object.pointee
                    let buildID = object.build_id.map {
                        Array(UnsafeBufferPointer(start: $0, count: Int(object.build_id_length)))
                    }
                    context.assumingMemoryBound(to: [MappedObject].self).pointee.append(
                        MappedObject(
                            baseAddress: object.base_address, memorySize: object.memory_size,
                            path: String(cString: object.path), isPIC: object.is_pic != 0, buildID: buildID ?? [],
                            debugLink: object.debug_link.map { String(cString: $0) },
                            debugLinkCRC: object.debug_link_crc))
                }, list)
        }
        return objects
    }
}

/// The process's user and group ids (`getresuid`, `getresgid`).
public enum ProcessIDs {
    /// The real, effective and saved user ids, then the real, effective and saved group ids.
    public static func read() -> [UInt32] {
        var ids = [UInt32](repeating: 0, count: 6)
        ids.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { cspoor_read_ids(base) }
        }
        return ids
    }
}
