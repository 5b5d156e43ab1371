// spoor-notify-subscriber: the Spoor subscriber of the notification-latency benchmark
// (bench/notify.sh) that uses the SpoorControl API, as lttng-notify-subscriber uses
// liblttng-ctl: no `spoor notifications` process and no pipe in between.
//
//   spoor-notify-subscriber COUNT SYNC_DIR TRIGGER
//
// It subscribes to TRIGGER's notifications, creates SYNC_DIR/ready once subscribed and
// SYNC_DIR/primed on the first priming notification (seq 0), reads CLOCK_MONOTONIC as soon as
// each notification is decoded, stops after COUNT measured ones (seq >= 1), and prints what
// lttng-notify-subscriber prints:
//
//   seq=S sent_ns=T received_ns=R latency_ns=L daemon_ns=D
//   received=N dropped_reports=D

import SpoorControl
import SpoorModel

#if canImport(Glibc)
import Glibc
#endif

func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

func fail(_ message: String) -> Never {
    var bytes = Array("spoor-notify-subscriber: \(message)\n".utf8)
    _ = write(2, &bytes, bytes.count)
    exit(1)
}

func createFile(_ path: String) {
    let fd = open(path, O_CREAT | O_WRONLY, 0o644)
    if fd >= 0 { close(fd) }
}

let arguments = CommandLine.arguments
guard arguments.count == 4, let count = Int(arguments[1]), count > 0 else {
    print("usage: spoor-notify-subscriber COUNT SYNC_DIR TRIGGER")
    exit(2)
}
let syncDirectory = arguments[2]

struct Record {
    var seq: UInt64
    var sent: UInt64
    var received: UInt64
    var daemon: UInt64
}
var records: [Record] = []
records.reserveCapacity(count)
var primed = false
var dropped: UInt64 = 0

do {
    try ControlClient().receiveNotifications(
        NotificationSubscription(triggerNames: [arguments[3]]),
        onSubscribed: { createFile(syncDirectory + "/ready") }
    ) { notification in
        let received = monotonicNanoseconds()
        dropped += notification.droppedBefore
        guard case .eventRuleMatched(let captures) = notification.evaluation else { return true }
        func value(_ name: String) -> UInt64? {
            guard case .unsigned(let number)? = captures.first(where: { $0.descriptor == name })?.value else {
                return nil
            }
            return number
        }
        guard let seq = value("seq"), let sent = value("sent_ns") else {
            fail("no captured seq and sent_ns")
        }
        if seq == 0 {
            if !primed { createFile(syncDirectory + "/primed") }
            primed = true
            return true
        }
        // The daemon's time is real time: kept for information, as the other subscribers do.
        records.append(Record(seq: seq, sent: sent, received: received, daemon: notification.time))
        return records.count < count
    }
} catch {
    fail("\(error)")
}
for record in records {
    print(
        "seq=\(record.seq) sent_ns=\(record.sent) received_ns=\(record.received) "
            + "latency_ns=\(Int64(bitPattern: record.received &- record.sent)) daemon_ns=\(record.daemon)")
}
print("received=\(records.count) dropped_reports=\(dropped)")
