// spoor-bench-control: the few `spoor` session commands run.sh needs, sent straight through
// SpoorControl. run.sh uses it only when the `spoor` CLI cannot run them, so that the benchmark
// does not depend on the CLI's progress. It takes the same arguments as `spoor` (sizes in
// bytes only) and prints the same discard warning on `stop`:
//
//   spoor-bench-control create NAME --output=DIR
//   spoor-bench-control enable-channel -u -s NAME --subbuf-size=BYTES --num-subbuf=COUNT
//                       [--blocking-timeout=inf|MICROSECONDS] CHANNEL
//   spoor-bench-control enable-event -u -s NAME -c CHANNEL PATTERN
//   spoor-bench-control start|stop|destroy NAME

import SpoorControl
import SpoorModel
import SpoorWire

#if canImport(Glibc)
import Glibc
#endif

func fail(_ message: String) -> Never {
    let line = Array("spoor-bench-control: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(1)
}

/// The value of `--name=VALUE` or `-n VALUE` in `arguments`, removing it.
func takeOption(_ long: String, short: String? = nil, from arguments: inout [String]) -> String? {
    if let index = arguments.firstIndex(where: { $0.hasPrefix("--\(long)=") }) {
        return String(arguments.remove(at: index).dropFirst(long.count + 3))
    }
    if let short, let index = arguments.firstIndex(of: "-\(short)"), index + 1 < arguments.count {
        let value = arguments[index + 1]
        arguments.removeSubrange(index...index + 1)
        return value
    }
    return nil
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard !arguments.isEmpty else { fail("usage: spoor-bench-control COMMAND ARGUMENTS") }
let command = arguments.removeFirst()
arguments.removeAll { $0 == "-u" }

let request: ControlRequest
switch command {
case "create":
    let output = takeOption("output", from: &arguments)
    guard arguments.count == 1 else { fail("create NAME --output=DIR") }
    request = .createSession(name: arguments[0], outputPath: output)
case "enable-channel":
    guard let session = takeOption("session", short: "s", from: &arguments),
        let subbufferSize = takeOption("subbuf-size", from: &arguments).flatMap(UInt64.init),
        let subbufferCount = takeOption("num-subbuf", from: &arguments).flatMap(UInt64.init)
    else { fail("enable-channel -u -s NAME --subbuf-size=BYTES --num-subbuf=COUNT CHANNEL") }
    // `inf` blocks forever (nil), a number blocks that many microseconds; the default never blocks.
    var blockingTimeout: UInt64? = 0
    if let blocking = takeOption("blocking-timeout", from: &arguments) {
        guard blocking == "inf" || UInt64(blocking) != nil else { fail("--blocking-timeout=inf|MICROSECONDS") }
        blockingTimeout = UInt64(blocking)
    }
    guard arguments.count == 1 else { fail("enable-channel -u -s NAME --subbuf-size=BYTES --num-subbuf=COUNT CHANNEL") }
    var attributes = ChannelAttributes(name: arguments[0], subbufferSize: subbufferSize, subbufferCount: subbufferCount)
    attributes.blockingTimeout = blockingTimeout
    request = .enableChannel(session: session, attributes: attributes)
case "enable-event":
    guard let session = takeOption("session", short: "s", from: &arguments), arguments.count >= 1 else {
        fail("enable-event -u -s NAME [-c CHANNEL] PATTERN")
    }
    let channel = takeOption("channel", short: "c", from: &arguments)
    request = .enableEvent(session: session, channel: channel, rules: arguments.map { EventRule(pattern: $0) })
case "start", "stop", "destroy":
    guard arguments.count == 1 else { fail("\(command) NAME") }
    request =
        command == "start"
        ? .startSession(name: arguments[0])
        : command == "stop" ? .stopSession(name: arguments[0]) : .destroySession(name: arguments[0])
default:
    fail("unknown command \(command)")
}

do {
    let reply = try ControlClient().request(request)
    if case .stopped(let channels) = reply {
        // The same figure and wording as `spoor stop` and `lttng stop`.
        let discarded = channels.reduce(UInt64(0)) { $0 &+ $1.discardedEventCount }
        if discarded > 0 {
            print(
                "Warning: \(discarded) events were discarded, "
                    + "please refer to the documentation on channel configuration.")
        }
    }
    print("\(command): ok")
} catch {
    fail("\(command): \(error)")
}
