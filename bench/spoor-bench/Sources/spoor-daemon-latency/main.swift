// spoor-daemon-latency: how long spoor-sessiond makes other clients and apps wait while one
// session does slow work (bench/daemon-latency.sh).
//
//   spoor-daemon-latency measure SLOW ROUNDS FILL_MIB     # SLOW: stop or snapshot
//   spoor-daemon-latency register                          # one registration probe (a child)
//
// `measure` registers as an app, then, in each of ROUNDS rounds, creates a session whose one
// channel holds FILL_MIB MiB per CPU, fills the current CPU's buffer with 128-byte-string
// events and runs the slow operation on it — `stop` of a session whose channel is read only
// on a (10-minute) read timer, so the whole buffer is drained by `stop`; or `snapshot record`
// of a snapshot session, which copies the whole buffer — while three probes run beside it,
// each its own client:
//
//   list      `listSessions` round trips, one every millisecond;
//   create    `createSession` then `destroySession` of a session of its own;
//   register  a new process that registers with the daemon: from its spawn to the end of its
//             `Spoor.start` (the C half: to its `main`, after LTTng-UST's constructor).
//
// Before the rounds it runs the same probes for one second with nothing slow going on. It
// prints one line per sample, `PHASE PROBE LATENCY_NS`, where PHASE is `idle` or `slow` (a
// probe that began while the slow operation ran), and `slowop SLOW DURATION_NS` per round.

import Foundation
import Spoor
import SpoorControl
import SpoorModel
import SpoorWire
import Synchronization

enum LatencyTracepoints {
    /// The event of bench/lttng/bench-tp.h that the C half fills its buffers with.
    static let fill = Tracepoint(provider: "bench", name: "string128", logLevel: .info, .string("s"))
}

func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("spoor-daemon-latency: \(message)\n".utf8))
    exit(1)
}

@discardableResult
func control(_ request: ControlRequest) -> ControlReply {
    do {
        return try ControlClient().request(request, autoStart: false)
    } catch {
        fail("\(request): \(error)")
    }
}

/// One timed call: when it began and how long it took.
struct Sample: Sendable {
    var probe: String
    var begin: UInt64
    var latency: UInt64
}

/// The probes run until `done` is set; each appends its samples.
final class Probes: Sendable {
    let samples = Mutex<[Sample]>([])
    let done = Atomic<Bool>(false)
    let group = DispatchGroup()
    let executable: String

    init(executable: String) { self.executable = executable }

    func start() {
        done.store(false, ordering: .relaxed)
        run("list") { _ in control(.listSessions) }
        run("create") { serial in
            let name = "probe-\(getpid())-\(serial)"
            control(.createSession(name: name, outputPath: nil))
            control(.destroySession(name: name))
        }
        run("register", pauseMicroseconds: 20_000, timedInside: { self.registrationNanoseconds() })
    }

    /// Stops the probes and hands over what they measured.
    func stop() -> [Sample] {
        done.store(true, ordering: .relaxed)
        group.wait()
        return samples.withLock { samples in
            defer { samples = [] }
            return samples
        }
    }

    private func run(
        _ probe: String, pauseMicroseconds: UInt32 = 1000, _ call: @escaping @Sendable (Int) -> Void = { _ in },
        timedInside: (@Sendable () -> UInt64)? = nil
    ) {
        group.enter()
        // A thread of its own: Dispatch's pool would run only as many blocking probes as there
        // are CPUs, and the others only once the first ones end.
        Thread { [self] in
            var serial = 0
            while !done.load(ordering: .relaxed) {
                let begin = monotonicNanoseconds()
                let latency: UInt64
                if let timedInside {
                    latency = timedInside()
                } else {
                    call(serial)
                    latency = monotonicNanoseconds() - begin
                }
                samples.withLock { $0.append(Sample(probe: probe, begin: begin, latency: latency)) }
                serial += 1
                usleep(pauseMicroseconds)
            }
            group.leave()
        }.start()
    }

    /// Spawns `spoor-daemon-latency register` and returns the time from the spawn to the end of
    /// its registration (the child prints the monotonic clock once `Spoor.start` returns).
    private func registrationNanoseconds() -> UInt64 {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { fail("pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup(executable), strdup("register"), nil]
        defer { for argument in argv { free(argument) } }
        let begin = monotonicNanoseconds()
        guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else {
            fail("cannot run \(executable)")
        }
        posix_spawn_file_actions_destroy(&actions)
        close(fds[1])
        var text = [UInt8](repeating: 0, count: 64)
        let length = read(fds[0], &text, text.count - 1)
        close(fds[0])
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        let line = String(decoding: text[0..<max(length, 0)], as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard status == 0, let registered = UInt64(line) else { fail("the registration probe failed: \(line)") }
        return registered - begin
    }
}

func printSamples(_ samples: [Sample], phase: (Sample) -> String?) {
    for sample in samples {
        guard let phase = phase(sample) else { continue }
        print("\(phase) \(sample.probe) \(sample.latency)")
    }
}

/// Fills the calling thread's CPU buffer: `bytes` of 128-byte-string events (about 150 bytes
/// recorded each).
func fill(bytes: Int) {
    let text = String(repeating: "x", count: 128)
    for _ in 0..<(bytes / 150) {
        LatencyTracepoints.fill { text }
    }
}

let arguments = CommandLine.arguments
if arguments.count == 2 && arguments[1] == "register" {
    Spoor.start(declaring: LatencyTracepoints.fill)
    print(monotonicNanoseconds())
    exit(0)
}
guard arguments.count == 5, arguments[1] == "measure", ["stop", "snapshot"].contains(arguments[2]),
    let rounds = Int(arguments[3]), let fillMiB = Int(arguments[4])
else {
    fail("usage: spoor-daemon-latency measure stop|snapshot ROUNDS FILL_MIB | register")
}
let slow = arguments[2]
let probes = Probes(executable: arguments[0].hasPrefix("/") ? arguments[0] : FileManager.default.currentDirectoryPath + "/" + arguments[0])
Spoor.start(declaring: LatencyTracepoints.fill)

probes.start()
usleep(1_000_000)
printSamples(probes.stop()) { _ in "idle" }

let subbufferCount: UInt64 = 8
let subbufferSize = UInt64(fillMiB) << 20 / subbufferCount
for round in 0..<rounds {
    let name = "slow-\(round)"
    var attributes = ChannelAttributes(name: "big", subbufferSize: subbufferSize, subbufferCount: subbufferCount)
    if slow == "stop" {
        control(.createSession(name: name, outputPath: nil))
        attributes.readTimerPeriod = 600_000_000  // drained by `stop` alone
    } else {
        control(.createSnapshotSession(name: name, outputPath: nil, hasOutput: true))
        attributes.lossMode = .overwrite
    }
    control(.enableChannel(session: name, attributes: attributes))
    control(.enableEvent(session: name, channel: "big", rules: [EventRule(pattern: "bench:string128")]))
    control(.startSession(name: name))
    fill(bytes: fillMiB << 20)

    probes.start()
    usleep(50_000)
    let begin = monotonicNanoseconds()
    if slow == "stop" {
        control(.stopSession(name: name))
    } else {
        control(.recordSnapshot(session: name, output: SnapshotOutput()))
    }
    let end = monotonicNanoseconds()
    let samples = probes.stop()
    print("slowop \(slow) \(end - begin)")
    printSamples(samples) { $0.begin >= begin && $0.begin < end ? "slow" : nil }
    if slow == "snapshot" { control(.stopSession(name: name)) }
    control(.destroySession(name: name))
}
