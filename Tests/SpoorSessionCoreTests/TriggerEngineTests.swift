import SpoorModel
import SpoorSessionCore
import Testing

@Suite("The trigger engine returns what to do and does nothing itself")
struct TriggerEngineTests {
    func trigger(
        _ name: String, owner: UInt32 = 1000, condition: TriggerCondition = .sessionRotationOngoing(session: "s"),
        _ actions: [TriggerAction]
    ) -> Trigger {
        Trigger(name: name, ownerUID: owner, condition: condition, actions: actions)
    }

    @Test("a notify action becomes a notification to publish; a session action becomes a run")
    func effects() {
        var engine = TriggerEngine()
        let t = trigger("t", [TriggerAction(.notify), TriggerAction(.stopSession("s"))])
        let effects = engine.fire(t, .sessionRotationOngoing(chunkID: 3), at: 42)
        #expect(effects.count == 2)
        guard case .publish(let notification) = effects[0], case .runAction(let run) = effects[1] else {
            Issue.record("unexpected effects \(effects)")
            return
        }
        #expect(notification.trigger == "t" && notification.time == 42)
        #expect(run == TriggerActionRun(trigger: TriggerKey(t), actionIndex: 1, action: .stopSession("s")))
        #expect(run.ownerUID == 1000)
    }

    @Test("a rotate action fired by a rotation is returned, not run: no action runs inside another")
    func noReentrancy() {
        var engine = TriggerEngine()
        let t = trigger("again", [TriggerAction(.rotateSession("s"))])
        let effects = engine.rotationBegan(session: "s", sessionOwner: 1000, chunkID: 0, triggers: [t], at: 1)
        let run = TriggerActionRun(trigger: TriggerKey(t), actionIndex: 0, action: .rotateSession("s"))
        #expect(effects == [.runAction(run)])
        // Nothing else happened: only the request was counted.
        #expect(engine.states[TriggerKey(t)]?.actionRequests == [1])
    }

    @Test("rate policies: every N-th request and once after N")
    func ratePolicies() {
        var engine = TriggerEngine()
        let t = trigger(
            "rate",
            [TriggerAction(.notify, ratePolicy: .every(2)), TriggerAction(.notify, ratePolicy: .onceAfter(3))])
        let counts = (1...4).map { _ in engine.fire(t, .sessionRotationOngoing(chunkID: 0), at: 0).count }
        #expect(counts == [0, 1, 1, 1])
    }

    @Test("rotation conditions fire for root's and the owner's triggers only, on the named session")
    func rotationOwnership() {
        var engine = TriggerEngine()
        let mine = trigger("mine", owner: 1000, [TriggerAction(.notify)])
        let roots = trigger("root", owner: 0, [TriggerAction(.notify)])
        let other = trigger("other", owner: 1001, [TriggerAction(.notify)])
        let elsewhere = trigger(
            "elsewhere", owner: 1000, condition: .sessionRotationOngoing(session: "t"), [TriggerAction(.notify)])
        let effects = engine.rotationBegan(
            session: "s", sessionOwner: 1000, chunkID: 1, triggers: [mine, roots, other, elsewhere], at: 0)
        let names = effects.compactMap { effect -> String? in
            if case .publish(let notification) = effect { return notification.trigger }
            return nil
        }
        #expect(names == ["mine", "root"])
    }

    @Test("a completed rotation carries its archive path")
    func rotationCompleted() {
        var engine = TriggerEngine()
        let t = trigger(
            "done", condition: .sessionRotationCompleted(session: "s"), [TriggerAction(.notify)])
        let effects = engine.rotationCompleted(
            session: "s", sessionOwner: 1000, chunkID: 2, archivePath: "/a", triggers: [t], at: 0)
        guard case .publish(let notification)? = effects.first else {
            Issue.record("no notification")
            return
        }
        #expect(notification.evaluation == .sessionRotationCompleted(chunkID: 2, archivePath: "/a"))
    }

    @Test("a crash fires the triggers whose pattern and uid match, owned by root or the crashed user")
    func processCrashed() {
        var engine = TriggerEngine()
        let report = CrashReport(
            pid: 7, uid: 1000, gid: 1000, signal: 6, time: 0, processName: "worker", executablePath: "/bin/worker")
        let matching = trigger(
            "w", condition: .processCrashed(namePattern: "work*", uid: nil), [TriggerAction(.notify)])
        let wrongName = trigger(
            "x", condition: .processCrashed(namePattern: "other", uid: nil), [TriggerAction(.notify)])
        let otherUser = trigger(
            "y", owner: 1001, condition: .processCrashed(namePattern: nil, uid: nil), [TriggerAction(.notify)])
        let wrongUID = trigger(
            "z", owner: 0, condition: .processCrashed(namePattern: nil, uid: 5), [TriggerAction(.notify)])
        let effects = engine.processCrashed(report, triggers: [matching, wrongName, otherUser, wrongUID], at: 0)
        #expect(effects.count == 1)
    }

    @Test("a level condition fires when it becomes true, not while it stays true")
    func levelConditions() {
        var engine = TriggerEngine()
        let t = trigger(
            "size", condition: .sessionConsumedSize(session: "s", thresholdBytes: 10), [TriggerAction(.notify)])
        let held = ConditionEvaluation.sessionConsumedSize(bytes: 20)
        #expect(engine.evaluated(t, held, at: 0).count == 1)
        #expect(engine.evaluated(t, held, at: 0).isEmpty)
        #expect(engine.evaluated(t, nil, at: 0).isEmpty)
        #expect(engine.evaluated(t, held, at: 0).count == 1)
    }

    @Test("failures and discarded messages are counted for list-triggers, and forgotten with the trigger")
    func counters() {
        var engine = TriggerEngine()
        let t = trigger("t", [TriggerAction(.notify), TriggerAction(.startSession("s"))])
        let effects = engine.fire(t, .sessionRotationOngoing(chunkID: 0), at: 0)
        guard case .runAction(let run)? = effects.last else {
            Issue.record("no run")
            return
        }
        engine.actionFailed(run)
        engine.countDiscarded(4, of: t)
        #expect(
            engine.errorCounts(of: t)
                == TriggerErrorCounts(discardedTracerMessages: 4, actionExecutionFailures: [0, 1]))
        engine.forget(t)
        #expect(engine.errorCounts(of: t) == TriggerErrorCounts(actionExecutionFailures: [0, 0]))
    }
}
