import SpoorPosix

/// The current recording session, kept in `$SPOOR_HOME/.spoorrc` as `lttng` keeps it in
/// `$LTTNG_HOME/.lttngrc`: one `session=NAME` line (lttng-tools `src/bin/lttng/conf.c`).
struct CurrentSessionFile: Sendable, Hashable {
    /// What reading the file found.
    enum Content: Sendable, Hashable {
        case session(String)
        /// There is no file: no session was created or set, or the current one was destroyed.
        case noFile
        /// The file exists but names no session.
        case noSessionEntry
    }

    var path: String

    init(path: String) {
        self.path = path
    }

    init(paths: SpoorPaths) {
        self.init(path: paths.configFile)
    }

    func read() -> Content {
        guard let text = try? FileSystem.readText(path) else { return .noFile }
        return Self.sessionName(in: text).map(Content.session) ?? .noSessionEntry
    }

    /// Makes `name` the current session, replacing whatever the file held (lttng's `config_init`).
    func write(_ name: String) throws(SystemError) {
        try FileSystem.write(Array(Self.contents(session: name).utf8), to: path, mode: 0o666)
    }

    /// Forgets the current session (lttng's `config_destroy_default`, run by `destroy`).
    func remove() {
        FileSystem.remove(path)
    }

    /// The value of the first `session=` line.
    static func sessionName(in text: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) {
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingBlanks()
            let value = line[line.index(after: equals)...].trimmingBlanks()
            if key == "session", !value.isEmpty { return String(value) }
        }
        return nil
    }

    /// The whole file for `name`.
    static func contents(session name: String) -> String { "session=\(name)\n" }
}

extension Substring {
    fileprivate func trimmingBlanks() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" || last == "\r" { result = result.dropLast() }
        return result
    }
}
