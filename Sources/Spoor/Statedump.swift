import Atomics
import SpoorModel
import SpoorPosix

/// The state dump: events that describe the process to trace readers, LTTng-UST's
/// `lttng_ust_statedump` tracepoints with their fields. Every app declares them; a session
/// whose rules enable them gets a state dump when it starts, when the app registers while it
/// is active, and on `regenerate statedump`.
///
/// `bin_info`, `build_id` and `debug_link` give each loaded object's load address, which
/// readers such as babeltrace2's debug-info filter need to resolve `ip` contexts to symbols.
/// `SPOOR_WITHOUT_BADDR_STATEDUMP` leaves them out, `SPOOR_WITHOUT_PROCNAME_STATEDUMP` leaves
/// out `procname`.
enum Statedump {
    static let provider = "lttng_ust_statedump"

    static let start = Tracepoint(provider: provider, name: "start")
    static let binInfo = Tracepoint(
        provider: provider, name: "bin_info", .uint64("baddr", base: .hexadecimal), .uint64("memsz"),
        .string("path"), .uint8("is_pic"), .uint8("has_build_id"), .uint8("has_debug_link"))
    static let buildID = Tracepoint(
        provider: provider, name: "build_id", .uint64("baddr", base: .hexadecimal), .bytes("build_id"))
    static let debugLink = Tracepoint(
        provider: provider, name: "debug_link", .uint64("baddr", base: .hexadecimal), .uint32("crc"),
        .string("filename"))
    static let procname = Tracepoint(provider: provider, name: "procname", .processName("procname"))
    static let end = Tracepoint(provider: provider, name: "end")

    /// Declares the state dump's tracepoints, before the app registers.
    static func declare() {
        _ = (start.descriptor, binInfo.descriptor, buildID.descriptor)
        _ = (debugLink.descriptor, procname.descriptor, end.descriptor)
    }

    /// Records the state dump into the channels `channelKeys` of the session that asked for it,
    /// where its rules enable the events; nothing at all when they enable none.
    static func dump(into channelKeys: Set<UInt64>) {
        let runtime = TracerRuntime.shared
        let tables = [
            start.targets, binInfo.targets, buildID.targets, debugLink.targets, procname.targets, end.targets,
        ].map { runtime.table(of: $0, channelKeys: channelKeys) }
        defer { for table in tables { table?.deallocate() } }
        guard tables.contains(where: { $0 != nil }) else { return }
        let environment = ProcessEnvironment.current

        emit(start, into: tables[0])
        if environment["SPOOR_WITHOUT_PROCNAME_STATEDUMP"] == nil {
            emit(procname, into: tables[4], processNameBytes())
        }
        if environment["SPOOR_WITHOUT_BADDR_STATEDUMP"] == nil, tables[1] != nil || tables[2] != nil || tables[3] != nil {
            for object in LoadedObject.all() {
                let address = object.baseAddress
                emit(
                    binInfo, into: tables[1], address, object.memorySize, object.path, object.isPIC ? 1 : 0,
                    object.buildID.isEmpty ? 0 : 1, object.debugLink == nil ? 0 : 1)
                if !object.buildID.isEmpty { emit(buildID, into: tables[2], address, object.buildID) }
                if let link = object.debugLink { emit(debugLink, into: tables[3], address, link.crc, link.filename) }
            }
        }
        emit(end, into: tables[5])
    }

    /// Records `values` into the targets of `table` only.
    private static func emit<each Value>(
        _ tracepoint: Tracepoint<repeat each Value>, into table: UnsafeMutableRawPointer?, _ values: repeat each Value
    ) {
        guard let table else { return }
        var recorded = (repeat each values)
        withUnsafePointer(to: &recorded) { record(UnsafeRawPointer(table), tracepoint.plan, UnsafeRawPointer($0)) }
    }

    /// The process name as LTTng-UST records it: 17 bytes, NUL-padded.
    private static func processNameBytes() -> [Int8] {
        var bytes = AppConnection.processName().utf8.prefix(16).map { Int8(bitPattern: $0) }
        bytes += Array(repeating: 0, count: 17 - bytes.count)
        return bytes
    }
}

/// One executable or shared library mapped in the process.
struct LoadedObject {
    var baseAddress: UInt64
    var memorySize: UInt64
    var path: String
    var isPIC: Bool
    var buildID: [UInt8]
    var debugLink: (filename: String, crc: UInt32)?

    /// The objects loaded now, in the dynamic linker's order.
    static func all() -> [LoadedObject] {
        MappedObject.all().map { object in
            LoadedObject(
                baseAddress: object.baseAddress, memorySize: object.memorySize, path: object.path,
                isPIC: object.isPIC, buildID: object.buildID,
                debugLink: object.debugLink.map { ($0, object.debugLinkCRC) })
        }
    }
}

extension Field where Value == [Int8] {
    /// A process name as LTTng records it: a fixed array of 17 UTF-8 code units.
    static func processName(_ name: String) -> Field {
        Field(name, .array(IntegerType(bitWidth: 8, isSigned: true, isText: true), count: 17), fixedCount: 17) {
            value, element in
            guard let element, element < 17 else { return .missing }
            let bytes = value.assumingMemoryBound(to: [Int8].self).pointee
            return element < bytes.count ? .signed(Int64(bytes[element])) : .signed(0)
        }
    }
}
