import SpoorModel
import SpoorWire
import Testing

@testable import SpoorCLI

@Suite("spoor notifications")
struct NotificationsCommandTests {
    @Test("each notification is one JSON line, with what satisfied the condition, until --count")
    func jsonLines() {
        let harness = SpoorHarness()
        harness.daemon.notifications = [
            TriggerNotification(
                trigger: "t\"1", ownerUID: 0,
                condition: .eventRuleMatches(EventRule(pattern: "a:*"), captures: []),
                evaluation: .eventRuleMatched(captures: [
                    CapturedField(descriptor: "n", value: .signed(-1)),
                    CapturedField(descriptor: "s[0]", value: .array([.string("x\n"), .floatingPoint(0.5)])),
                    CapturedField(descriptor: "$ctx.gone", value: .unavailable),
                ]), time: 9, droppedBefore: 2),
            TriggerNotification(
                trigger: "u", ownerUID: 1, condition: .bufferUsageLow(session: "s", channel: "c", threshold: .bytes(1)),
                evaluation: .bufferUsage(bytes: 0, capacity: 8), time: 10),
            TriggerNotification(
                trigger: "never printed", ownerUID: 1, condition: .sessionRotationOngoing(session: "s"),
                evaluation: .sessionRotationOngoing(chunkID: 0), time: 11),
        ]
        let run = harness.run("notifications", "--trigger", "t\"1", "--trigger", "u", "--count", "2")
        #expect(run.status == .success)
        #expect(
            run.standardOutput.split(separator: "\n") == [
                #"{"trigger":"t\"1","owner_uid":0,"condition":"event-rule-matches","time_ns":9,"dropped_before":2,"captures":{"n":-1,"s[0]":["x\n",0.5],"$ctx.gone":null}}"#,
                #"{"trigger":"u","owner_uid":1,"condition":"buffer-usage-low","time_ns":10,"dropped_before":0,"session":"s","channel":"c","buffer_bytes":0,"buffer_capacity":8}"#,
            ])
        #expect(run.standardError == "Waiting for notifications of trigger t\"1, u\n")
        #expect(harness.daemon.subscriptions == [NotificationSubscription(triggerNames: ["t\"1", "u"])])
    }

    @Test("a stream that ends before --count is an error; --count must be positive")
    func endsEarly() {
        let harness = SpoorHarness()
        let run = harness.run("notifications", "--count", "3")
        #expect(run.status == .commandError)
        #expect(run.standardError.hasSuffix("Error: The session daemon went away after 0 of 3 notifications\n"))
        #expect(harness.run("notifications", "--count", "0").standardError == "Error: --count must be a positive number, not 0\n")
    }
}
