import Foundation
import SpoorModel
import SpoorPosix
import SpoorSessionCore
import SpoorWire
import Testing

@testable import SpoorSessionDaemon

/// Traces are made outside the registry lock (`DaemonState+TraceCreation.swift`): an app that
/// registers meanwhile must still end up mapping them, and registration never waits for a
/// session's worker.
@Suite("Traces made outside the registry lock")
struct TraceCreationTests {
    /// An app of `uid` registered with the daemon over a socket pair; `peer` is the app's side.
    struct FakeApp {
        let record: AppRecord
        let peer: UnixSocket

        init(pid: Int32, uid: UInt32) throws {
            var fds: [Int32] = [0, 0]
            guard socketpair(AF_UNIX, Int32(SOCK_SEQPACKET.rawValue), 0, &fds) == 0 else {
                throw SystemError("socketpair")
            }
            let registration = AppRegistration(
                pid: pid, uid: uid, gid: uid, processName: "fake", bitWidth: 64, events: [])
            record = AppRecord(
                registration: registration, pid: pid, uid: uid, gid: uid,
                socket: UnixSocket(adopting: fds[0], kind: .sequencedPacket))
            peer = UnixSocket(adopting: fds[1], kind: .sequencedPacket)
            peer.setReceiveTimeout(milliseconds: 200)
        }

        /// The messages the daemon has sent so far, in order; closes the descriptors they carry.
        func received() -> [DaemonMessage] {
            var messages: [DaemonMessage] = []
            while let packet = try? peer.receivePacket() {
                for fd in packet.fds { Descriptor.close(fd) }
                if let message = try? DaemonMessage.decode(packet.bytes) { messages.append(message) }
            }
            return messages
        }
    }

    static func daemonWithSession(_ test: InProcessDaemon) {
        test.send(.createSession(name: "s", outputPath: test.output("s")))
        var channel = ChannelAttributes(name: "c")
        channel.subbufferSize = 4096
        channel.subbufferCount = 2
        test.send(.enableChannel(session: "s", attributes: channel))
    }

    @Test("an app that registers while start makes its trace waits, then maps it, then is told it is registered")
    func registrationDuringStart() throws {
        let test = try InProcessDaemon()
        let daemon = test.daemon
        Self.daemonWithSession(test)
        let first = try FakeApp(pid: 900_001, uid: 1000)
        daemon.register(first.record)
        // `start`, up to the point where the trace of user 1000 is claimed but not made.
        let plans = try daemon.state.withLock { (state) throws(SpoorError) in
            let chunk = try state.beginStart("s", uid: 0)
            return try state.claimStartTraces("s", uid: 0, chunk, prepared: nil)
        }
        #expect(plans.map(\.owner) == [.user(1000)])
        let second = try FakeApp(pid: 900_002, uid: 1000)
        daemon.register(second.record)
        // The second app neither made the claimed trace nor was told it is registered.
        #expect(daemon.state.withLock { $0.sessions["s"]?.traces.isEmpty } == true)
        #expect(second.record.mappedChannels.isEmpty)
        #expect(!second.received().contains(.registrationDone))
        let created = TraceFactory.make(plans)
        try daemon.state.withLock { (state) throws(SpoorError) in
            try state.finishStart("s", uid: 0, created: created)
        }
        daemon.flushApps()
        #expect(daemon.state.withLock { $0.sessions["s"]?.traces.count } == 1)
        #expect(first.record.mappedChannels.count == 1)
        #expect(second.record.mappedChannels.count == 1)
        let messages = second.received()
        let addStream = messages.firstIndex { if case .addStream = $0 { true } else { false } }
        let done = messages.firstIndex(of: .registrationDone)
        #expect(addStream != nil && done != nil && addStream! < done!)
        #expect(daemon.state.withLock { $0.traceClaims.isEmpty && $0.registrationsPending.isEmpty })
    }

    @Test("an app registering while a session's worker is busy makes its trace and is mapped at once")
    func registrationWhileWorkerBusy() throws {
        let test = try InProcessDaemon()
        let daemon = test.daemon
        Self.daemonWithSession(test)
        #expect(test.send(.startSession(name: "s")) == .ok)
        let release = Flag()
        SessionWorkerTests.hold("s", of: daemon, until: release)
        defer { release.raise() }
        let app = try FakeApp(pid: 900_003, uid: 1001)
        let registered = Flag()
        let thread = Thread {
            daemon.register(app.record)
            registered.raise()
        }
        thread.start()
        // Would fail (after 10 s) if registration waited for the busy worker.
        registered.wait()
        #expect(app.record.mappedChannels.count == 1)
        #expect(daemon.state.withLock { $0.sessions["s"]?.traces[.user(1001)] != nil })
        #expect(app.received().contains(.registrationDone))
    }

    @Test("a trace made for a chunk the session has left is not published, and the app is mapped anew")
    func staleTrace() throws {
        let test = try InProcessDaemon()
        let daemon = test.daemon
        Self.daemonWithSession(test)
        #expect(test.send(.startSession(name: "s")) == .ok)
        let app = try FakeApp(pid: 900_004, uid: 1002)
        let (work, worker) = daemon.state.withLock { state in
            (state.register(app.record), state.sessions["s"]?.worker)
        }
        #expect(work.count == 1)
        guard let worker, let item = work.first else { return }
        // The session rotates while the trace is made.
        guard case .rotation = test.send(.rotateSession(name: "s")) else {
            Issue.record("rotate did not answer")
            return
        }
        let created = TraceFactory.make(item.plans)
        daemon.state.withLock { state in
            let (waiting, failure) = state.publish(created, of: "s", servedBy: worker)
            #expect(failure == nil)
            state.mapWaiting(waiting, in: "s", servedBy: worker)
        }
        let trace = daemon.state.withLock { $0.sessions["s"]?.traces[.user(1002)]?.directory }
        let chunk = daemon.state.withLock { $0.sessions["s"]?.currentChunkDirectory }
        #expect(trace != nil && chunk != nil && trace!.hasPrefix(chunk! + "/"))
        #expect(app.record.mappedChannels.count == 1)
    }
}

@Suite("regenerate metadata writes outside the registry lock")
struct RegenerateMetadataTests {
    @Test("a declaration made while the new file is written is in it once it replaces the old one")
    func declarationMeanwhile() throws {
        let test = try InProcessDaemon()
        let daemon = test.daemon
        TraceCreationTests.daemonWithSession(test)
        #expect(test.send(.startSession(name: "s")) == .ok)
        let app = try TraceCreationTests.FakeApp(pid: 900_005, uid: 0)
        daemon.register(app.record)
        let rewrites = try daemon.state.withLock { (state) throws(SpoorError) in
            try state.beginRegenerateMetadata("s", uid: 0)
        }
        #expect(rewrites.count == 1)
        guard let rewrite = rewrites.first else { return }
        let written = rewrites.map { $0.write() }
        // Meanwhile an app declares an event: its class goes to the old file and the metadata.
        let event = EventDescriptor(provider: "p", event: "late", fields: [])
        try daemon.state.withLock { (state) throws(SystemError) in
            _ = try state.sessions["s"]?.traces[.user(0)]?.eventID(for: event, channelIndex: 0)
        }
        try daemon.state.withLock { (state) throws(SpoorError) in
            try state.finishRegenerateMetadata("s", uid: 0, written)
        }
        let tail = daemon.state.withLock {
            $0.sessions["s"]?.traces[.user(0)]?.metadata.packets(ofDeclarationsFrom: rewrite.declarationCount)
        }
        #expect(tail?.isEmpty == false)
        let bytes = FileManager.default.contents(atPath: rewrite.path).map { [UInt8]($0) }
        #expect(bytes == rewrite.packets + (tail ?? []))
        #expect(!test.exists(rewrite.path + ".regenerated"))
        // The session appends to the new file from now on.
        #expect(daemon.state.withLock { $0.sessions["s"]?.traces[.user(0)]?.metadataFile.size }
            == bytes.map { UInt64($0.count) })
    }
}

@Suite("A rotation's next chunk is prepared outside the registry lock")
struct ChunkPreparationTests {
    @Test("a declaration made while the next chunk is prepared is in that chunk's metadata")
    func declarationMeanwhile() throws {
        let test = try InProcessDaemon()
        let daemon = test.daemon
        TraceCreationTests.daemonWithSession(test)
        #expect(test.send(.startSession(name: "s")) == .ok)
        let app = try TraceCreationTests.FakeApp(pid: 900_006, uid: 0)
        daemon.register(app.record)
        let step = try daemon.state.withLock { (state) throws(SpoorError) in try state.beginRotate("s", uid: 0) }
        let plan = try #require(step.chunk?.traces.first)
        let prepared = step.chunk?.prepare()
        let event = EventDescriptor(provider: "p", event: "late", fields: [])
        try daemon.state.withLock { (state) throws(SystemError) in
            _ = try state.sessions["s"]?.traces[.user(0)]?.eventID(for: event, channelIndex: 0)
        }
        _ = try daemon.state.withLock { (state) throws(SpoorError) in
            try state.finishRotate("s", uid: 0, step, prepared: prepared)
        }
        let (directory, tail) = daemon.state.withLock { state in
            let trace = state.sessions["s"]?.traces[.user(0)]
            return (trace?.directory, trace?.metadata.packets(ofDeclarationsFrom: plan.declarationCount))
        }
        #expect(directory == plan.directory)
        #expect(tail?.isEmpty == false)
        let bytes = FileManager.default.contents(atPath: plan.directory + "/metadata").map { [UInt8]($0) }
        #expect(bytes == plan.packets + (tail ?? []))
    }
}

@Suite("A rotation's archive rename is done outside the registry lock")
struct ArchiveRenameTests {
    @Test("a finished old chunk waits under the lock for the worker to rename it, then the rotation ends")
    func renamedByWorker() throws {
        let test = try InProcessDaemon()
        let daemon = test.daemon
        TraceCreationTests.daemonWithSession(test)
        #expect(test.send(.startSession(name: "s")) == .ok)
        // No app: no stream, so the old chunk is finished at once.
        let step = try daemon.state.withLock { (state) throws(SpoorError) in try state.beginRotate("s", uid: 0) }
        let prepared = step.chunk?.prepare()
        let info = try daemon.state.withLock { (state) throws(SpoorError) in
            try state.finishRotate("s", uid: 0, step, prepared: prepared)
        }
        #expect(info.state == .ongoing)
        #expect(!test.exists(info.archivePath))
        let worker = try #require(daemon.state.withLock { $0.sessions["s"]?.worker })
        #expect(daemon.archiveIfDue("s", worker: worker))
        #expect(test.exists(info.archivePath))
        let last = daemon.state.withLock { $0.sessions["s"]?.chunks.last }
        #expect(last?.state == .completed && last?.chunkID == info.chunkID)
        #expect(daemon.state.withLock { $0.sessions["s"]?.chunks.pending == nil })
        #expect(!daemon.archiveIfDue("s", worker: worker))
    }
}
