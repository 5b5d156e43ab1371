import Foundation

/// babeltrace2 run on a trace directory, with a time limit.
enum Babeltrace {
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/babeltrace2" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }()
    /// When CI is set, a missing babeltrace2 fails the tests that need it instead of skipping them.
    static let isRequired = ProcessInfo.processInfo.environment["CI"] != nil

    /// What a finished babeltrace2 left.
    struct Outcome {
        var status: Int32
        var output: String
        var error: String
        var timedOut: Bool
    }

    /// Runs `babeltrace2 arguments…`, killing it after `timeoutSeconds`.
    static func run(_ executable: String, _ arguments: [String], timeoutSeconds: Int = 60) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        process.environment = environment
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        // Both pipes are read on their own threads to the end, so a full pipe cannot block the child.
        let outputData = PipeReader(output.fileHandleForReading)
        let errorData = PipeReader(error.fileHandleForReading)
        let timedOut = exited.wait(timeout: .now() + .seconds(timeoutSeconds)) == .timedOut
        if timedOut {
            process.terminate()
            exited.wait()
        }
        return Outcome(
            status: process.terminationStatus, output: String(decoding: outputData.wait(), as: UTF8.self),
            error: String(decoding: errorData.wait(), as: UTF8.self), timedOut: timedOut)
    }
}

/// Reads a file handle to its end on a thread of its own.
final class PipeReader: @unchecked Sendable {
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
