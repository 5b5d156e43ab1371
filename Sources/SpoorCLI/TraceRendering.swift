import SpoorTraceReader

#if canImport(Glibc)
import Glibc
#endif

/// Prints the events of a trace, one text line each (`spoor view` without `--viewer`).
protocol TraceRendering {
    /// Renders the trace at `path`; on failure returns the reader's explanation.
    func render(path: String, line: (String) -> Void) -> String?

    /// Renders the trace at `path` as text chunks of whole lines, each line ending in a newline.
    func render(path: String, text: (String) -> Void) -> String?
}

extension TraceRendering {
    func render(path: String, text: (String) -> Void) -> String? {
        render(path: path, line: { line in text(line + "\n") })
    }
}

/// Spoor's own trace reader, `SpoorTraceReader.TraceViewer`, which prints events the way
/// `babeltrace2` does.
struct SpoorTraceRenderer: TraceRendering {
    func render(path: String, line: (String) -> Void) -> String? {
        do throws(TraceReadError) {
            let viewer = try TraceViewer(paths: [path])
            try viewer.render { text in line(text) }
            return nil
        } catch {
            return error.description
        }
    }

    func render(path: String, text: (String) -> Void) -> String? {
        do throws(TraceReadError) {
            let viewer = try TraceViewer(paths: [path])
            try viewer.renderText { chunk in text(String(decoding: chunk, as: UTF8.self)) }
            return nil
        } catch {
            return error.description
        }
    }
}

/// Starts an external trace viewer in place of this process (`spoor view --viewer`).
protocol ExternalViewerLauncher {
    /// Replaces this process with `arguments[0]` run with `arguments`; returns only on
    /// failure, with the `errno` of `execvp(3)`.
    func exec(_ arguments: [String]) -> Int32
}

/// `execvp(3)`, as `lttng view` does.
struct ExecViewerLauncher: ExternalViewerLauncher {
    func exec(_ arguments: [String]) -> Int32 {
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        execvp(arguments[0], argv)
        return errno
    }
}
