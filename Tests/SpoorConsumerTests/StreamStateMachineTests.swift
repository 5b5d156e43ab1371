import SpoorConsumer
import Testing

/// The stream's decisions, without files, buffers or clocks.
@Suite("Stream state machine")
struct StreamStateMachineTests {
    static func machine(
        tracefileSize: UInt64 = 0, tracefileCount: UInt64 = 0,
        periods: StreamStateMachine.Periods = .init(), now: UInt64 = 1_000
    ) -> StreamStateMachine {
        StreamStateMachine(
            streamName: "chan_0", directory: "/trace", tracefileSize: tracefileSize, tracefileCount: tracefileCount,
            periods: periods, now: now)
    }

    /// Asks for the packet's next action, carries out every `open` at once, returns the file it
    /// is written to and reports it written.
    static func write(
        _ sequenceNumber: UInt64, size: UInt64 = 4096, discarded: UInt64 = 0, to machine: inout StreamStateMachine
    ) -> [StreamStateMachine.WriteAction] {
        var actions: [StreamStateMachine.WriteAction] = []
        while true {
            let action = machine.nextWriteAction(sequenceNumber: sequenceNumber, size: size)
            actions.append(action)
            switch action {
            case .switchChunk: machine.chunkOpened()
            case .openFile: machine.fileOpened()
            case .write:
                machine.packetWritten(sequenceNumber: sequenceNumber, size: size, discardedEvents: discarded)
                return actions
            }
        }
    }

    @Test("a gap in the sequence numbers counts the missing packets as lost")
    func gapsAreLost() {
        var machine = Self.machine()
        for number: UInt64 in [0, 1, 4, 5, 7] { _ = Self.write(number, discarded: number * 10, to: &machine) }
        #expect(machine.accounting.lostPacketCount == 3)
        #expect(machine.accounting.nextSequenceNumber == 8)
        #expect(machine.accounting.lastDiscardedEvents == 70)
        #expect(machine.accounting.packetCount == 5)
        #expect(machine.accounting.bytesWritten == 5 * 4096)
    }

    @Test("a packet incomplete for a second at the same place is abandoned, and counted lost")
    func deadWriterAbandoned() {
        var machine = Self.machine()
        _ = Self.write(0, to: &machine)
        let verdicts = [5_000_000_000, 5_999_999_999, 6_000_000_000].map {
            machine.oldestPacketIsIncomplete(sequenceNumber: 1, now: $0)
        }
        #expect(verdicts == [false, false, true])
        machine.packetAbandoned(sequenceNumber: 1)
        #expect(machine.accounting.lostPacketCount == 1)
        #expect(machine.accounting.nextSequenceNumber == 2)
        // The next packet follows the abandoned one: no second loss.
        _ = Self.write(2, to: &machine)
        #expect(machine.accounting.lostPacketCount == 1)
    }

    @Test("the dead-writer clock restarts when the oldest packet completes or moves")
    func stuckClockRestarts() {
        var machine = Self.machine()
        let first = machine.oldestPacketIsIncomplete(sequenceNumber: 0, now: 1_000_000_000)
        machine.oldestPacketIsComplete()
        let verdicts = [(0, 2_500_000_000), (1, 3_400_000_000), (1, 4_000_000_000), (1, 4_400_000_000)].map {
            machine.oldestPacketIsIncomplete(sequenceNumber: $0.0, now: $0.1)
        }
        #expect(!first)
        #expect(verdicts == [false, false, false, true])
    }

    @Test("with --tracefile-size, a packet that does not fit opens the next trace file")
    func tracefileRotation() {
        var machine = Self.machine(tracefileSize: 8192, tracefileCount: 2)
        #expect(machine.currentFileName == "chan_0_0")
        #expect(Self.write(0, to: &machine) == [.write(fileNumber: 0)])
        #expect(Self.write(1, to: &machine) == [.write(fileNumber: 0)])
        #expect(
            Self.write(2, to: &machine) == [
                .openFile(number: 1, fileName: "chan_0_1", directory: "/trace"), .write(fileNumber: 1),
            ])
        _ = Self.write(3, to: &machine)
        // The count wraps: file 0 is reused.
        #expect(
            Self.write(4, to: &machine) == [
                .openFile(number: 0, fileName: "chan_0_0", directory: "/trace"), .write(fileNumber: 0),
            ])
    }

    @Test("a trace file that could not be opened is asked for again")
    func failedOpenRetried() {
        var machine = Self.machine(tracefileSize: 4096)
        _ = Self.write(0, to: &machine)
        let open = StreamStateMachine.WriteAction.openFile(number: 1, fileName: "chan_0_1", directory: "/trace")
        let step1 = machine.nextWriteAction(sequenceNumber: 1, size: 4096)
        #expect(step1 == open)
        // Not opened: the next packet asks for the same file, and is written there once it is.
        let step2 = machine.nextWriteAction(sequenceNumber: 2, size: 4096)
        #expect(step2 == open)
        machine.fileOpened()
        let step3 = machine.nextWriteAction(sequenceNumber: 2, size: 4096)
        #expect(step3 == .write(fileNumber: 1))
    }

    @Test("a rotation sends the packets from its boundary on to the new chunk, from trace file 0")
    func chunkSwitch() {
        var machine = Self.machine(tracefileSize: 4096)
        _ = Self.write(0, to: &machine)
        _ = Self.write(1, to: &machine)
        machine.rotationBegan(directory: "/chunk1", firstSequenceNumber: 3)
        #expect(machine.isRotating)
        #expect(machine.rotationProgress(consumedSequenceNumber: 2) == .waiting)
        #expect(
            Self.write(2, to: &machine) == [
                .openFile(number: 2, fileName: "chan_0_2", directory: "/trace"), .write(fileNumber: 2),
            ])
        #expect(
            Self.write(3, to: &machine) == [
                .switchChunk(directory: "/chunk1", fileName: "chan_0_0"), .write(fileNumber: 0),
            ])
        #expect(!machine.isRotating)
        #expect(machine.directory == "/chunk1")
        #expect(machine.accounting.chunkBytesWritten == 4096)
        #expect(machine.accounting.bytesWritten == 4 * 4096)
        #expect(machine.rotationProgress(consumedSequenceNumber: 4) == .done)
    }

    @Test("a rotation whose old packets are all consumed switches without waiting for a packet")
    func rotationCompletesWhenConsumed() {
        var machine = Self.machine()
        machine.rotationBegan(directory: "/chunk1", firstSequenceNumber: 2)
        #expect(machine.rotationProgress(consumedSequenceNumber: 1) == .waiting)
        #expect(
            machine.rotationProgress(consumedSequenceNumber: 2)
                == .switchChunk(directory: "/chunk1", fileName: "chan_0"))
        machine.chunkOpened()
        #expect(machine.rotationProgress(consumedSequenceNumber: 2) == .done)
        #expect(machine.directory == "/chunk1")
    }

    @Test("clear drops what was recorded before it and empties every trace file")
    func clear() throws {
        var machine = Self.machine(tracefileSize: 4096, tracefileCount: 3)
        for number: UInt64 in 0..<2 { _ = Self.write(number, to: &machine) }
        let requested = machine.clearRequested(boundary: 5)
        let plan = try #require(requested)
        #expect(plan.directory == "/trace")
        #expect(plan.removals == ["chan_0_0", "chan_0_1", "chan_0_2"])
        #expect(plan.firstFileName == "chan_0_0")
        #expect(machine.isDiscarded(sequenceNumber: 4))
        #expect(!machine.isDiscarded(sequenceNumber: 5))
        // The dropped packets are not losses.
        _ = Self.write(5, to: &machine)
        #expect(machine.accounting.lostPacketCount == 0)
        #expect(machine.accounting.packetCount == 1)
        #expect(machine.tracefiles.fileNumber == 0)
    }

    @Test("clear without --tracefile-size removes nothing and reopens the one stream file")
    func clearSingleFile() throws {
        var machine = Self.machine()
        let requested = machine.clearRequested(boundary: 0)
        let plan = try #require(requested)
        #expect(plan.removals.isEmpty)
        #expect(plan.firstFileName == "chan_0")
        _ = machine.close()
        let afterClose = machine.clearRequested(boundary: 1)
        #expect(afterClose == nil)
    }

    @Test("the switch timer is armed by its first run and due once per period")
    func switchTimer() {
        var machine = Self.machine(periods: .init(switchTimer: 100))
        let step4 = machine.switchTimer(now: 1_000)
        #expect(step4 == .init(isDue: false, next: 1_100))
        let step5 = machine.switchTimer(now: 1_099)
        #expect(step5 == .init(isDue: false, next: 1_100))
        let step6 = machine.switchTimer(now: 1_150)
        #expect(step6 == .init(isDue: true, next: 1_250))
        _ = machine.close()
        let step7 = machine.switchTimer(now: 2_000)
        #expect(step7 == .init(isDue: false, next: nil))
    }

    @Test("the read timer's first read is one period after the stream starts")
    func readTimer() {
        var machine = Self.machine(periods: .init(readTimer: 500), now: 1_000)
        let step8 = machine.readTimer(now: 1_200)
        #expect(step8 == .init(isDue: false, next: 1_500))
        let step9 = machine.readTimer(now: 1_500)
        #expect(step9 == .init(isDue: true, next: 2_000))
        var untimed = Self.machine()
        let step10 = untimed.readTimer(now: 1)
        #expect(step10 == .init(isDue: true, next: nil))
    }

    @Test("the monitor timer samples at once, then once per period")
    func monitorTimer() {
        var machine = Self.machine(periods: .init(monitorTimer: 1_000))
        let step11 = machine.monitorTimer(now: 5_000)
        #expect(step11 == .init(isDue: true, next: 6_000))
        machine.sampled(BufferUsage(bytes: 10, capacity: 100, time: 5_000))
        let step12 = machine.monitorTimer(now: 5_500)
        #expect(step12 == .init(isDue: false, next: 6_000))
        #expect(machine.usage == BufferUsage(bytes: 10, capacity: 100, time: 5_000))
        var untimed = Self.machine()
        let step13 = untimed.monitorTimer(now: 1)
        #expect(step13 == .init(isDue: false, next: nil))
    }
}
