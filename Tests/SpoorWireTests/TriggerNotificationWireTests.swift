import SpoorModel
import SpoorWire
import Testing

@Suite("Trigger notifications on the wire")
struct TriggerNotificationWireTests {
    static let notifications: [TriggerNotification] = [
        TriggerNotification(
            trigger: "t", ownerUID: 0, condition: .sessionRotationOngoing(session: "s"),
            evaluation: .sessionRotationOngoing(chunkID: 3), time: 1),
        TriggerNotification(
            trigger: "capture", ownerUID: 1000,
            condition: .eventRuleMatches(EventRule(pattern: "a:*"), captures: [.payloadField("x")]),
            evaluation: .eventRuleMatched(captures: [
                CapturedField(descriptor: "x", value: .signed(-5)),
                CapturedField(descriptor: "y", value: .array([.unsigned(1), .floatingPoint(0.5), .string("é")])),
                CapturedField(descriptor: "$ctx.nope", value: .unavailable),
            ]), time: .max, droppedBefore: 7),
        TriggerNotification(
            trigger: "full", ownerUID: 5, condition: .bufferUsageHigh(session: "s", channel: "c", threshold: .ratio(0.5)),
            evaluation: .bufferUsage(bytes: 10, capacity: 20), time: 2),
        TriggerNotification(
            trigger: "big", ownerUID: 5, condition: .sessionConsumedSize(session: "s", thresholdBytes: 1),
            evaluation: .sessionConsumedSize(bytes: 2), time: 3),
        TriggerNotification(
            trigger: "done", ownerUID: 5, condition: .sessionRotationCompleted(session: "s"),
            evaluation: .sessionRotationCompleted(chunkID: 1, archivePath: "/a"), time: 4),
        TriggerNotification(
            trigger: "crash", ownerUID: 0, condition: .processCrashed(namePattern: "a*", uid: nil),
            evaluation: .processCrashed(
                CrashReport(pid: 1, uid: 2, gid: 3, signal: 11, time: 4, processName: "a", executablePath: "/a")),
            time: 5),
    ]

    @Test("notifications round-trip, and decode when fed one byte at a time", arguments: notifications)
    func roundTrips(notification: TriggerNotification) {
        expectRoundTrip(notification)
        expectDecodingByteAtATime(notification)
        expectRoundTrip(ControlReply.notification(notification))
    }

    @Test("captured values and the subscription have pinned bytes")
    func goldenBytes() throws {
        #expect(CapturedValue.signed(-2).wireBytes == [0x00, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(CapturedValue.unsigned(3).wireBytes == [0x01, 0x03, 0, 0, 0, 0, 0, 0, 0])
        #expect(CapturedValue.floatingPoint(1).wireBytes == [0x02, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F])
        #expect(CapturedValue.string("a").wireBytes == [0x03, 0x01, 0, 0, 0, 0x61])
        #expect(CapturedValue.array([.unavailable]).wireBytes == [0x04, 0x01, 0, 0, 0, 0x05])
        let subscription = ControlRequest.subscribeNotifications(NotificationSubscription(triggerNames: ["t"]))
        #expect(subscription.wireBytes == [34, 0x01, 0, 0, 0, 0x01, 0, 0, 0, 0x74])
        #expect(try ControlRequest.decode([34, 0, 0, 0, 0]) == .subscribeNotifications(NotificationSubscription()))
    }

    @Test("hostile captured values are refused: unknown tags, absurd counts, deep nesting")
    func hostileValues() {
        #expect(decodingError(CapturedValue.self, [0x06])?.isInvalidValue == true)
        #expect(decodingError(CapturedValue.self, [0x04, 0xFF, 0xFF, 0xFF, 0x00]) == .truncated)
        let deep: [UInt8] = Array(repeating: [0x04, 0x01, 0, 0, 0], count: 6).flatMap { $0 } + [0x05]
        #expect(decodingError(CapturedValue.self, deep)?.isInvalidValue == true)
        #expect(decodingError(ConditionEvaluation.self, [0x06])?.isInvalidValue == true)
    }
}
