import Foundation

/// What a finished child process left: its status and both outputs.
public struct ProcessOutput: Sendable {
    /// The exit status, or the signal number when it was killed.
    public var status: Int32
    /// Everything it wrote to standard output.
    public var standardOutput: String
    /// Everything it wrote to standard error.
    public var standardError: String
    /// Whether it was killed for running past its time limit.
    public var timedOut: Bool

    /// Standard output's lines, without the empty string after a final newline.
    public var lines: [String] {
        var lines = standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Runs `executable` with `arguments` and `environment` (this process's when nil) plus
    /// `TZ=UTC`, and waits for it, killing it after `timeout`.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]?, timeout: Duration
    ) throws -> ProcessOutput {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var variables = environment ?? ProcessInfo.processInfo.environment
        variables["TZ"] = "UTC"
        process.environment = variables
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        // Both pipes are read to the end on threads of their own, so a child that fills one
        // pipe can never block while we wait for it to exit.
        let outputData = PipeReader(output.fileHandleForReading)
        let errorData = PipeReader(error.fileHandleForReading)
        let (seconds, attoseconds) = timeout.components
        let limit = DispatchTime.now() + .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
        let timedOut = exited.wait(timeout: limit) == .timedOut
        if timedOut {
            // SIGKILL, not `terminate()`'s SIGTERM: a child inherits the blocked signals of the
            // thread that starts it, and a hung tool must go whatever it blocks.
            kill(process.processIdentifier, SIGKILL)
            exited.wait()
        }
        return ProcessOutput(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData.wait(), as: UTF8.self),
            standardError: String(decoding: errorData.wait(), as: UTF8.self), timedOut: timedOut)
    }
}

/// Reads a file handle to its end on a thread of its own.
private final class PipeReader: @unchecked Sendable {
    // Written once by the reading thread before `done` is signalled, read only after the wait:
    // the semaphore orders the two.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
