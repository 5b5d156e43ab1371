import SpoorModel
import SpoorSessionCore
import Testing

@Suite("The access rule: root or owner")
struct AccessTests {
    @Test("root reaches what every user owns")
    func rootReachesEverything() {
        #expect(Credentials.root.mayAccess(ownedBy: 0))
        #expect(Credentials.root.mayAccess(ownedBy: 1000))
    }

    @Test("a user reaches only what it owns")
    func userReachesItsOwn() {
        let user = Credentials(uid: 1000)
        #expect(user.mayAccess(ownedBy: 1000))
        #expect(!user.mayAccess(ownedBy: 1001))
        #expect(!user.mayAccess(ownedBy: 0))
    }
}

@Suite("The daemon's timeouts and clock")
struct TimeoutTests {
    @Test("the defaults are the waits the daemon always had")
    func defaults() {
        let timeouts = DaemonTimeouts.standard
        #expect(timeouts.stopDrain.wholeMilliseconds == 2000)
        #expect(timeouts.unregisterDrain.wholeMilliseconds == 200)
        #expect(timeouts.clearDrain.wholeMilliseconds == 2000)
        #expect(timeouts.snapshotCopy.wholeMilliseconds == 200)
        #expect(timeouts.rotationAbandon.wholeNanoseconds == 2_000_000_000)
        #expect(timeouts.pendingRotation.wholeNanoseconds == 5_000_000_000)
        #expect(timeouts.appSend.wholeMilliseconds == 1000)
        #expect(timeouts.acknowledgement.wholeNanoseconds == 1_000_000_000)
        #expect(timeouts.subscriberSend.wholeMilliseconds == 5000)
    }

    @Test("a negative duration counts as no time at all")
    func negativeDuration() {
        #expect(Duration.milliseconds(-5).wholeNanoseconds == 0)
    }

    @Test("a manual clock moves only when told")
    func manualClock() {
        let clock = ManualClock(monotonicNanoseconds: 10, unixSeconds: 100)
        #expect(clock.monotonicNanoseconds == 10)
        clock.advance(by: .seconds(3))
        #expect(clock.monotonicNanoseconds == 3_000_000_010)
        #expect(clock.unixSeconds == 103)
        #expect(clock.realtimeNanoseconds == 103_000_000_000)
    }
}
