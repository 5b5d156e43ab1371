import SpoorModel
import SpoorSessionCore
import SpoorWire
import SpoorTestSupport
import Testing

@testable import SpoorSessionDaemon

/// Trigger actions run after the command that fired them, as commands of their own, never
/// inside it.
@Suite("Trigger actions, in process")
struct TriggerActionTests {
    @Test("a stop-session action fired by a completed rotation runs after the rotate answered")
    func actionAfterRotation() throws {
        let daemon = try InProcessDaemon()
        daemon.startRecording("s")
        let added = daemon.send(
            .addTrigger(
                name: "stopper", ownerUID: nil, condition: .sessionRotationCompleted(session: "s"),
                actions: [TriggerAction(.stopSession("s"))]))
        #expect(added == .triggerAdded(name: "stopper"))
        guard case .rotation = daemon.send(.rotateSession(name: "s")) else {
            Issue.record("rotate failed")
            return
        }
        // The action waits in the queue: the rotate command did not run it.
        #expect(daemon.isActive("s") == true)
        daemon.daemon.runTriggerActionsIfAny()
        #expect(waitUntil { daemon.isActive("s") == false })
    }

    @Test("an action that fails is counted for list-triggers")
    func failureCounted() throws {
        let daemon = try InProcessDaemon()
        daemon.startRecording("s")
        daemon.send(
            .addTrigger(
                name: "t", ownerUID: nil, condition: .sessionRotationOngoing(session: "s"),
                actions: [TriggerAction(.notify), TriggerAction(.startSession("missing"))]))
        daemon.send(.rotateSession(name: "s"))
        daemon.daemon.runTriggerActionsIfAny()
        #expect(
            waitUntil {
                guard case .triggers(let listings) = daemon.send(.listTriggers) else { return false }
                return listings.first?.errors.actionExecutionFailures == [0, 1]
            })
    }

    @Test("a rotate-session action on a rotation of its own session fires once per rotation, never recursively")
    func noRecursion() throws {
        let daemon = try InProcessDaemon()
        daemon.startRecording("s")
        // Once after the first request only, so that the chain ends.
        daemon.send(
            .addTrigger(
                name: "again", ownerUID: nil, condition: .sessionRotationCompleted(session: "s"),
                actions: [TriggerAction(.rotateSession("s"), ratePolicy: .onceAfter(1))]))
        daemon.send(.rotateSession(name: "s"))
        daemon.daemon.runTriggerActionsIfAny()
        #expect(
            waitUntil {
                guard case .rotationStatus(let info, _) = daemon.send(.rotationStatus(session: "s", chunkID: nil))
                else { return false }
                return info?.chunkID == 1 && info?.state == .completed
            })
    }

    @Test("a slow action on one session does not hold back an action on another")
    func sessionsDoNotWaitForEachOther() throws {
        let test = try InProcessDaemon()
        for name in ["a", "b"] {
            test.send(.createSession(name: name, outputPath: test.output(name)))
            test.send(.enableChannel(session: name, attributes: ChannelAttributes(name: "c")))
            test.send(.startSession(name: name))
        }
        let release = Flag()
        SessionWorkerTests.hold("a", of: test.daemon, until: release)
        defer { release.raise() }
        let trigger = Trigger(name: "t", ownerUID: 0, condition: .sessionRotationOngoing(session: "a"), actions: [])
        let key = TriggerKey(trigger)
        test.daemon.state.withLock { state in
            state.triggerActions.append(TriggerActionRun(trigger: key, actionIndex: 0, action: .stopSession("a")))
            state.triggerActions.append(TriggerActionRun(trigger: key, actionIndex: 1, action: .stopSession("b")))
        }
        test.daemon.runTriggerActionsIfAny()
        // Session a's worker is held, so its stop waits; b's, fired after it, does not.
        #expect(waitUntil { test.isActive("b") == false })
        #expect(test.isActive("a") == true)
        release.raise()
        #expect(waitUntil { test.isActive("a") == false })
    }
}
