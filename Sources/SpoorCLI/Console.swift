import SpoorPosix

#if canImport(Glibc)
import Glibc
#endif

/// Where `spoor` writes, with lttng's three kinds of message: `MSG` (standard output),
/// `ERR` (`Error: …` on standard error) and `WARN` (`Warning: …` on standard error).
///
/// `--quiet` silences all three, as `lttng --quiet` does.
final class Console {
    enum Stream: Sendable, Hashable {
        case standardOutput
        case standardError
    }

    let isQuiet: Bool
    private let sink: (Stream, String) -> Void

    init(isQuiet: Bool = false, sink: @escaping (Stream, String) -> Void) {
        self.isQuiet = isQuiet
        self.sink = sink
    }

    /// A line on standard output (lttng's `MSG`).
    func message(_ line: String) { write(line + "\n", to: .standardOutput) }

    /// Text on standard output without a line break (lttng's `_MSG`).
    func messageWithoutNewline(_ text: String) { write(text, to: .standardOutput) }

    /// `Error: <text>` on standard error (lttng's `ERR`).
    func error(_ text: String) { write("Error: \(text)\n", to: .standardError) }

    /// `Warning: <text>` on standard error (lttng's `WARN`).
    func warning(_ text: String) { write("Warning: \(text)\n", to: .standardError) }

    /// Text on standard error as is.
    func diagnostic(_ text: String) { write(text, to: .standardError) }

    /// Lets what was written reach its file, before `exec` or a long wait.
    func flush() { sink(.standardOutput, "") }

    private func write(_ text: String, to stream: Stream) {
        guard !isQuiet else { return }
        sink(stream, text)
    }
}

extension Console {
    /// The process's standard output and error.
    ///
    /// Standard output is buffered and flushed before anything goes to standard error, so
    /// the two interleave in the order they were written.
    static func standard(isQuiet: Bool) -> Console {
        let output = StandardStreams()
        return Console(isQuiet: isQuiet) { stream, text in output.write(text, to: stream) }
    }
}

/// Buffered standard output, unbuffered standard error, with `write(2)`.
private final class StandardStreams {
    private var pending: [UInt8] = []

    func write(_ text: String, to stream: Console.Stream) {
        switch stream {
        case .standardOutput:
            if text.isEmpty {
                drain()
                return
            }
            pending.append(contentsOf: text.utf8)
            if pending.count >= 65_536 || text.hasSuffix("\n") && isTerminal(1) { drain() }
        case .standardError:
            drain()
            Self.writeAll(2, Array(text.utf8))
        }
    }

    private func drain() {
        guard !pending.isEmpty else { return }
        Self.writeAll(1, pending)
        pending.removeAll(keepingCapacity: true)
    }

    private func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        // A closed or full terminal is not worth a failure of the command: what cannot be
        // written is dropped, as lttng does.
        try? FileSystem.writeAll(fd, bytes, path: fd == 1 ? "standard output" : "standard error")
    }

    deinit { drain() }
}

/// Everything a `Console` wrote, for tests and for tools that embed `spoor`.
final class ConsoleTranscript {
    private(set) var standardOutput = ""
    private(set) var standardError = ""
    /// Both streams in the order they were written.
    private(set) var combined = ""

    init() {}

    func record(_ stream: Console.Stream, _ text: String) {
        switch stream {
        case .standardOutput: standardOutput += text
        case .standardError: standardError += text
        }
        combined += text
    }

    /// A console that writes into this transcript.
    func console(isQuiet: Bool = false) -> Console {
        Console(isQuiet: isQuiet) { [self] stream, text in record(stream, text) }
    }
}
