import Foundation
import SpoorModel
import SpoorWire
import Testing

@testable import SpoorSessionDaemon

#if canImport(Glibc)
import Glibc
#endif

/// A command that fails on a system call says which one and its errno, beside its text, so that
/// a client (and tomorrow the MI output) gets more than a sentence.
@Suite("Failed commands keep their cause")
struct ErrorCauseTests {
    @Test("a snapshot that cannot create its directory keeps the failed call and its errno")
    func snapshotFailureKeepsCause() throws {
        let daemon = try InProcessDaemon()
        daemon.send(.createSnapshotSession(name: "s", outputPath: daemon.output("out"), hasOutput: true))
        #expect(daemon.send(.enableChannel(session: "s", attributes: ChannelAttributes(name: "c"))) == .ok)
        #expect(daemon.send(.startSession(name: "s")) == .ok)
        // A regular file where a directory of the snapshot's path should be.
        #expect(FileManager.default.createFile(atPath: daemon.output("file"), contents: Data()))
        let output = SnapshotOutput(path: daemon.output("file") + "/snapshots")
        guard case .error(let error) = daemon.send(.recordSnapshot(session: "s", output: output)) else {
            Issue.record("the snapshot succeeded under a regular file")
            return
        }
        #expect(error.code == .snapshotFailed)
        #expect(error.detail.hasPrefix("Snapshot record failed: cannot create"))
        let cause = try #require(error.cause)
        #expect(cause.errno == ENOTDIR)
        #expect(cause.operation.contains(daemon.output("file")))
    }
}
