import CSpoorHotPath
import SpoorFilter
import SpoorModel
import SpoorPosix

#if canImport(Glibc)
import Glibc
#endif

/// The values of the context fields that do not change from one event to the next, read once
/// into the C shim's `cspoor_context`, where the hot path copies them from.
///
/// Like LTTng-UST, the ids are read when the tracer starts: a process that changes its user
/// or group ids afterwards keeps recording the old ones.
enum ProcessContext {
    static func capture() {
        let area = cspoor_context_area()
        area.pointee.vpid = getpid()
        let name = Array(AppConnection.processName().utf8.prefix(16))
        withUnsafeMutableBytes(of: &area.pointee.procname) { bytes in
            bytes.initializeMemory(as: UInt8.self, repeating: 0)
            bytes.copyBytes(from: name)
        }
        let namespaces = ["cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts"].map { name -> UInt64 in
            var info = stat()
            return stat("/proc/self/ns/\(name)", &info) == 0 ? UInt64(info.st_ino) : 0
        }
        withUnsafeMutableBytes(of: &area.pointee.namespaces) { bytes in
            for (index, inode) in namespaces.enumerated() {
                bytes.storeBytes(of: inode, toByteOffset: index * 8, as: UInt64.self)
            }
        }
        withUnsafeMutableBytes(of: &area.pointee.ids) { bytes in
            for (index, id) in ProcessIDs.read().enumerated() {
                bytes.storeBytes(of: id, toByteOffset: index * 4, as: UInt32.self)
            }
        }
    }

    /// Writes the context field `code` at `address`; returns the bytes written.
    @inline(__always)
    static func write(_ code: UInt8, to address: UnsafeMutableRawPointer, cpu: Int, callerAddress: UInt64) -> Int {
        switch code {
        case ContextCode.ip: address.storeBytes(of: callerAddress, as: UInt64.self); return 8
        case ContextCode.vpid:
            address.storeBytes(of: cspoor_context_area().pointee.vpid, as: Int32.self)
            return 4
        case ContextCode.vtid: address.storeBytes(of: cspoor_thread_id(), as: Int32.self); return 4
        case ContextCode.procname:
            withUnsafeBytes(of: cspoor_context_area().pointee.procname) {
                address.copyMemory(from: $0.baseAddress!, byteCount: 17)
            }
            return 17
        case ContextCode.pthreadID: address.storeBytes(of: cspoor_pthread_id(), as: UInt64.self); return 8
        case ContextCode.cpuID: address.storeBytes(of: Int32(truncatingIfNeeded: cpu), as: Int32.self); return 4
        case ContextCode.firstNamespace...ContextCode.lastNamespace:
            let inode = withUnsafeBytes(of: cspoor_context_area().pointee.namespaces) {
                $0.load(fromByteOffset: Int(code - ContextCode.firstNamespace) * 8, as: UInt64.self)
            }
            address.storeBytes(of: inode, as: UInt64.self)
            return 8
        default:
            let id = withUnsafeBytes(of: cspoor_context_area().pointee.ids) {
                $0.load(fromByteOffset: Int(code - ContextCode.firstID) * 4, as: UInt32.self)
            }
            address.storeBytes(of: id, as: UInt32.self)
            return 4
        }
    }
}

extension ProcessContext {
    /// The context fields a filter can read as `$ctx.NAME` whether or not the channel records
    /// them, as with LTTng-UST: every `ContextType` but `ip`, in code order. (LTTng-UST's filters
    /// read the session's contexts, which never include `ip`: `$ctx.ip` is always missing.)
    static let filterContexts: [FieldDescriptor] = ContextType.allCases.filter { $0 != .ip }.map(\.field)

    /// `filterContexts.count`, as a literal the hot path reads without lazy initialization
    /// (a test pins it).
    static let filterContextCount = 19

    /// Context field `code` (an index of `filterContexts`) as a filter sees it.
    @inline(__always)
    static func filterValue(_ code: Int, element: Int?, cpu: Int) -> FilterValue {
        let area = cspoor_context_area()
        if code == Int(ContextCode.procname) {
            // The name lives in static storage for the life of the process, NUL-terminated.
            let name = UnsafeRawPointer(cspoor_procname())
            guard let element else { return .string(UnsafeRawBufferPointer(start: name, count: strlen(cspoor_procname()))) }
            return element < 17 ? .signed(Int64(name.load(fromByteOffset: element, as: Int8.self))) : .missing
        }
        guard element == nil else { return .missing }
        switch code {
        case Int(ContextCode.vpid): return .signed(Int64(area.pointee.vpid))
        case Int(ContextCode.vtid): return .signed(Int64(cspoor_thread_id()))
        case Int(ContextCode.pthreadID): return .unsigned(cspoor_pthread_id())
        case Int(ContextCode.cpuID): return .signed(Int64(cpu))
        case Int(ContextCode.firstNamespace)...Int(ContextCode.lastNamespace):
            return .unsigned(
                withUnsafeBytes(of: area.pointee.namespaces) {
                    $0.load(fromByteOffset: (code - Int(ContextCode.firstNamespace)) * 8, as: UInt64.self)
                })
        case Int(ContextCode.firstID)..<Int(ContextCode.firstID) + 6:
            return .unsigned(
                UInt64(
                    withUnsafeBytes(of: area.pointee.ids) {
                        $0.load(fromByteOffset: (code - Int(ContextCode.firstID)) * 4, as: UInt32.self)
                    }))
        default: return .missing
        }
    }
}

/// `ContextType.code` values as literals, so that the hot path's switch needs no lazy
/// initialization (a test pins them to `ContextType`).
enum ContextCode {
    static let vpid: UInt8 = 0
    static let vtid: UInt8 = 1
    static let procname: UInt8 = 2
    static let pthreadID: UInt8 = 3
    static let cpuID: UInt8 = 4
    /// cgroup, ipc, mnt, net, pid, time, user, uts.
    static let firstNamespace: UInt8 = 5
    static let lastNamespace: UInt8 = 12
    /// vuid, veuid, vsuid, vgid, vegid, vsgid.
    static let firstID: UInt8 = 13
    static let ip: UInt8 = 19
}
