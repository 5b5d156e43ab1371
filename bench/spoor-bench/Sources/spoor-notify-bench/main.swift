// spoor-notify-bench: the Spoor app of the notification-latency benchmark (bench/notify.sh),
// the counterpart of bench/notify/lttng-notify-app.c: same arguments, events and handshake.
//
//   spoor-notify-bench COUNT INTERVAL_US SYNC_DIR
//
// It waits for SYNC_DIR/ready (the subscriber is listening), then emits priming events
// (seq 0) every INTERVAL_US until SYNC_DIR/primed exists (the subscriber has received one, so
// the whole path app -> daemon -> subscriber works), then COUNT measured events, seq 1...COUNT,
// one every INTERVAL_US on an absolute schedule. Each event carries sent_ns, CLOCK_MONOTONIC
// read right before the tracepoint call; the subscriber's latency is its own CLOCK_MONOTONIC
// on receipt minus sent_ns. Prints `sent=COUNT` at the end.

#if canImport(Glibc)
import Glibc
#endif
import Spoor

/// `notify_bench:ping`, as declared in bench/notify/notify-tp.h.
let ping = Tracepoint(provider: "notify_bench", name: "ping", logLevel: .info, .uint64("sent_ns"), .uint32("seq"))

func monotonicNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// Sleeps until the CLOCK_MONOTONIC instant `deadline` (ns), so that the schedule never drifts.
func sleep(until deadline: UInt64) {
    var time = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
    while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &time, nil) == EINTR {}
}

/// Polls every millisecond for `path`, for at most `timeoutSeconds`: a bounded wait, not a sleep.
func waitForFile(_ path: String, timeoutSeconds: UInt64, emittingEvery interval: UInt64? = nil) -> Bool {
    let deadline = monotonicNanoseconds() + timeoutSeconds * 1_000_000_000
    var next = monotonicNanoseconds()
    while access(path, F_OK) != 0 {
        let now = monotonicNanoseconds()
        if now > deadline { return false }
        if let interval, now >= next {
            ping.emit(monotonicNanoseconds(), 0)
            next = now + interval
        }
        usleep(1000)
    }
    return true
}

/// Writes `message` to standard error and exits with status 1.
func fail(_ message: String) -> Never {
    let line = "spoor-notify-bench: \(message)\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
    exit(1)
}

let arguments = CommandLine.arguments
guard arguments.count == 4, let count = UInt32(arguments[1]), count > 0,
    let intervalMicroseconds = UInt64(arguments[2]), intervalMicroseconds > 0
else {
    print("usage: spoor-notify-bench COUNT INTERVAL_US SYNC_DIR")
    exit(2)
}
let syncDirectory = arguments[3]
let interval = intervalMicroseconds * 1000

Spoor.start(declaring: ping)

guard waitForFile(syncDirectory + "/ready", timeoutSeconds: 30) else {
    fail("\(syncDirectory)/ready did not appear within 30 s")
}
guard waitForFile(syncDirectory + "/primed", timeoutSeconds: 30, emittingEvery: 10 * interval) else {
    fail("no priming notification reached the subscriber within 30 s")
}

var deadline = monotonicNanoseconds() + interval
for seq in 1...count {
    sleep(until: deadline)
    // The clock read is the last thing before the tracepoint call: latency starts here.
    ping.emit(monotonicNanoseconds(), seq)
    deadline += interval
}
print("sent=\(count)")
