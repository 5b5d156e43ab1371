import Foundation
import SpoorModel
import SpoorPosix
import SpoorTestSupport
import SpoorWire
import Testing

@testable import SpoorSessionDaemon

@Suite("The notification hub")
struct NotificationHubTests {
    /// A connected pair: the daemon's side and the subscriber's.
    static func socketPair() throws -> (daemon: UnixSocket, client: UnixSocket) {
        var fds: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0 else {
            throw SystemError("socketpair")
        }
        return (UnixSocket(adopting: fds[0], kind: .stream), UnixSocket(adopting: fds[1], kind: .stream))
    }

    static func notification(_ number: UInt64) -> TriggerNotification {
        TriggerNotification(
            trigger: "t", ownerUID: 1000, condition: .sessionRotationOngoing(session: "s"),
            evaluation: .sessionRotationOngoing(chunkID: number), time: number)
    }

    @Test("a subscriber that does not read never holds the publisher; what it missed is counted")
    func slowSubscriber() throws {
        let hub = NotificationHub()
        let (daemon, client) = try Self.socketPair()
        defer { client.close() }
        DetachedThread.start {
            hub.serve(daemon, uid: 1000, subscription: NotificationSubscription())
            daemon.close()
        }
        #expect(waitUntil { hub.hasSubscriber(for: "t", ownerUID: 1000) })
        // Far more than the queue and the socket hold, published while nobody reads.
        let total: UInt64 = 20_000
        let start = Date()
        for number in 0..<total { hub.publish(Self.notification(number)) }
        #expect(Date().timeIntervalSince(start) < 5, "publishing waited for the subscriber")
        // Reading now: every notification arrived or is counted as dropped, in order.
        var delivered: UInt64 = 0
        var dropped: UInt64 = 0
        var last: Int64 = -1
        while delivered + dropped < total {
            guard let frame = try client.receiveFrame(), case .notification(let received) = try ControlReply.decode(frame)
            else {
                Issue.record("the stream ended after \(delivered) notifications and \(dropped) dropped")
                return
            }
            #expect(Int64(received.time) > last)
            last = Int64(received.time)
            delivered += 1
            dropped += received.droppedBefore
        }
        #expect(delivered + dropped == total)
        #expect(dropped > 0)
        #expect(delivered >= UInt64(NotificationHub.queueCapacity))
    }

    @Test("a subscriber sees its own user's triggers and those it names; one that hangs up is forgotten")
    func subscriptionsAndHangUps() throws {
        let hub = NotificationHub()
        let (daemon, client) = try Self.socketPair()
        DetachedThread.start {
            hub.serve(daemon, uid: 1000, subscription: NotificationSubscription(triggerNames: ["t"]))
            daemon.close()
        }
        #expect(waitUntil { hub.hasSubscriber(for: "t", ownerUID: 1000) })
        #expect(!hub.hasSubscriber(for: "other", ownerUID: 1000))
        #expect(!hub.hasSubscriber(for: "t", ownerUID: 0))
        hub.publish(TriggerNotification(
            trigger: "t", ownerUID: 0, condition: .sessionRotationOngoing(session: "s"),
            evaluation: .sessionRotationOngoing(chunkID: 0), time: 1))
        hub.publish(Self.notification(2))
        let frame = try #require(try client.receiveFrame())
        #expect(try ControlReply.decode(frame) == .notification(Self.notification(2)))
        client.close()
        #expect(waitUntil { !hub.hasSubscriber(for: "t", ownerUID: 1000) })
    }
}
