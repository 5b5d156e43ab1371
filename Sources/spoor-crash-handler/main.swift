// spoor-crash-handler: the program the kernel runs, through /proc/sys/kernel/core_pattern,
// when a process dumps core, once `spoor crash-handler install` has put it there.
//
//   spoor-crash-handler %P %p %I %i %u %g %s %t %c %d %h %e      (the core on standard input)
//
// It tells the session daemons concerned which process crashed, first and quickly, so that
// their triggers can snapshot the events recorded up to the crash; then it passes the core on
// as the core_pattern it replaced would have: to the same file, or piped to the same program.

import SpoorModel
import SpoorPosix
import SpoorWire

#if canImport(Glibc)
import Glibc
#endif

func fail(_ message: String) -> Never {
    // The kernel discards this; someone running the handler by hand reads it.
    var bytes = Array("spoor-crash-handler: \(message)\n".utf8)
    _ = write(2, &bytes, bytes.count)
    exit(1)
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 12,
    let globalPID = Int32(arguments[0]), let pid = Int32(arguments[1]), let globalTID = Int32(arguments[2]),
    let tid = Int32(arguments[3]), let uid = UInt32(arguments[4]), let gid = UInt32(arguments[5]),
    let signal = Int32(arguments[6]), let time = UInt64(arguments[7]), let dumpMode = Int32(arguments[9])
else {
    fail("usage: spoor-crash-handler \(CrashHandlerFiles.specifiers) (run by the kernel, with the core on stdin)")
}

// What only /proc tells, read while the process still exists (it does until its core is read).
let executablePath = FileSystem.readLink("/proc/\(globalPID)/exe") ?? ""
let workingDirectory = open("/proc/\(globalPID)/cwd", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
let values = CoreValues(
    pid: pid, globalPID: globalPID, tid: tid, globalTID: globalTID, uid: uid, gid: gid, dumpMode: dumpMode,
    signal: signal, time: time, coreSizeLimit: arguments[8], hostName: arguments[10],
    processName: arguments[11...].joined(separator: " "), executablePath: executablePath)
let report = CrashReport(
    pid: globalPID, uid: uid, gid: gid, signal: signal, time: time, processName: values.processName,
    executablePath: executablePath)

// 1. The daemons: root's hear of every crash, a user's of that user's processes only.
for listener in CrashHandlerFiles.listeners() where listener.uid == 0 || listener.uid == uid {
    guard let socket = try? UnixSocket.connect(to: listener.socketPath, kind: .stream) else {
        FileSystem.remove(listener.entry)  // That daemon is gone.
        continue
    }
    defer { socket.close() }
    // The entry's owner must be the one listening: an entry cannot divert reports elsewhere.
    guard let peer = try? socket.peerCredentials(), peer.uid == listener.uid else { continue }
    socket.setSendTimeout(milliseconds: 1000)
    socket.setReceiveTimeout(milliseconds: 1000)
    guard (try? socket.sendFrame(ControlRequest.reportCrash(report).wireBytes)) != nil else { continue }
    _ = try? socket.receiveFrame()
}

// 2. The core, where the previous core_pattern sent it.
var previous = CorePattern((try? FileSystem.readText(CrashHandlerFiles.previousPatternFile)) ?? "core")
if CrashHandlerFiles.runsHandler(previous.text) { previous = CorePattern("core") }  // Never run ourselves again.

if previous.isPipe {
    let command = previous.expanded(values)
    guard let program = command.first else { exit(0) }
    // The previous handler reads the core from the same standard input, as root, as before.
    var argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
    execv(program, &argv)
    fail("cannot run the previous core handler \(program): \(String(cString: strerror(errno)))")
}

// A file, written as the kernel writes it: only within the process's core size limit, as its
// user (as root for a set-user-id process dumped with suid_dumpable 2, and then only to an
// absolute path), never through a symbolic link, never over another user's file.
if values.coreSizeLimitBytes == 0 { exit(0) }
let usesPID = (try? FileSystem.readText(CrashHandlerFiles.coreUsesPIDFile))?.hasPrefix("1") ?? false
let name = previous.fileName(values, usesPID: usesPID)
if dumpMode == 2 && !name.hasPrefix("/") { exit(0) }
if dumpMode != 2 {
    guard setgroups(0, nil) == 0, setgid(gid) == 0, setuid(uid) == 0 else { fail("cannot take the ids of uid \(uid)") }
}
let directory = name.hasPrefix("/") ? AT_FDCWD : workingDirectory
guard directory != -1 else { exit(0) }
let core = openat(directory, name, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
guard core >= 0 else { fail("cannot create \(name): \(String(cString: strerror(errno)))") }
var status = stat()
guard fstat(core, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_nlink == 1,
    status.st_uid == (dumpMode == 2 ? 0 : uid)
else {
    fail("\(name) is not a core file this process may replace")
}
ftruncate(core, 0)
var remaining = values.coreSizeLimitBytes ?? UInt64.max
let bufferSize = 1 << 20
let buffer = UnsafeMutableRawPointer.allocate(byteCount: bufferSize, alignment: 16)
while remaining > 0 {
    let count = read(0, buffer, Int(min(UInt64(bufferSize), remaining)))
    if count < 0 && errno == EINTR { continue }
    guard count > 0 else { break }
    do {
        try FileSystem.writeAll(core, UnsafeRawBufferPointer(start: buffer, count: count), path: name)
    } catch {
        fail("cannot write \(name): \(error)")
    }
    remaining -= UInt64(count)
}
close(core)
