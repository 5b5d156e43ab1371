import SpoorModel
import SpoorPosix
import SpoorSessionXML

#if canImport(Glibc)
import Glibc
#endif

/// Where `save` writes and `load` looks for session configuration files, as LTTng's
/// `$LTTNG_HOME/.lttng/sessions` and `/etc/lttng/sessions` (`lttng-save(1)`, `lttng-load(1)`).
struct SessionFileLocations: Sendable, Hashable {
    /// `$SPOOR_HOME/.spoor/sessions`: `save` writes here by default; `load` looks here first.
    var userDirectory: String
    /// `/etc/spoor/sessions`: `load` looks here next.
    var systemDirectory: String

    init(userDirectory: String, systemDirectory: String) {
        self.userDirectory = userDirectory
        self.systemDirectory = systemDirectory
    }

    init(paths: SpoorPaths) {
        self.init(userDirectory: paths.sessionsDirectory, systemDirectory: SpoorPaths.systemSessionsDirectory)
    }
}

/// The file name LTTng gives a saved session.
enum SessionFileName {
    static let suffix = ".lttng"

    static func name(of session: String) -> String { session + suffix }
}

/// Why a session file could not be used, with the file it is about.
struct SessionFileProblem: Error {
    var path: String
    /// The session the problem is in, once the file is known to be valid.
    var session: String?
    var error: SessionFileError
    /// Set when the file could not be read at all.
    var systemError: SystemError?
    /// Whether `path` is the `--input-path` that does not exist.
    var isInputPath = false

    /// Prints the problem as `lttng load` does: the detail first, then LTTng's summary lines.
    func report(to console: Console) {
        if let systemError, isInputPath {
            console.error("Invalid input path \(path): \(String(cString: strerror(systemError.errno)))")
            return
        }
        if let systemError {
            console.error("\(path): \(String(cString: strerror(systemError.errno)))")
            console.error("IO error while reading a session configuration")
            return
        }
        console.error(error.line.map { "\(path):\($0): \(error.message)" } ?? "\(path): \(error.message)")
        switch (error.kind, session) {
        case (.malformed, _):
            console.error("IO error while reading a session configuration")
        case (.invalid, nil), (.unsupported, nil):
            console.error("Session configuration file validation failed")
            console.error("Invalid session configuration")
        case (.invalid, let session?):
            console.error("Failed to load session \(session): Invalid session configuration")
            console.error("Invalid session configuration")
        case (.unsupported, let session?):
            console.error("Failed to load session \(session): Operation not supported")
            console.error("Operation not supported")
        }
    }
}

/// Reads the sessions of the files `load` is pointed at.
enum SessionFileReader {
    /// The session files of one input path: a directory's `*.lttng` regular files in name
    /// order, or the file itself whatever its name. Throws the `stat` error of a missing path.
    static func files(at path: String) throws(SystemError) -> [String] {
        guard case .directory = try FileSystem.kind(of: path) else { return [path] }
        var files: [String] = []
        for name in try FileSystem.contents(of: path) where name.hasSuffix(SessionFileName.suffix) {
            let file = path == "/" ? "/" + name : path + "/" + name
            if case .regular? = try? FileSystem.kind(of: file) { files.append(file) }
        }
        return files
    }

    /// The sessions a file defines, checked against the schema.
    static func sessions(inFile path: String) throws(SessionFileProblem) -> [SavedSession] {
        let bytes: [UInt8]
        do {
            guard case .regular(let size) = try FileSystem.kind(of: path) else {
                throw SessionFileProblem(
                    path: path, error: SessionFileError(.malformed, "not a regular file"))
            }
            guard size <= SessionXML.maximumFileSize else {
                throw SessionFileProblem(
                    path: path,
                    error: SessionFileError(.malformed, "the file is larger than \(SessionXML.maximumFileSize) bytes"))
            }
            bytes = try FileSystem.readBytes(path)
        } catch let problem as SessionFileProblem {
            throw problem
        } catch let error as SystemError {
            throw SessionFileProblem(path: path, error: SessionFileError(.malformed, "\(error)"), systemError: error)
        } catch {
            throw SessionFileProblem(path: path, error: SessionFileError(.malformed, "\(error)"))
        }
        do {
            return try SessionXML.sessions(in: bytes)
        } catch {
            throw SessionFileProblem(path: path, error: error)
        }
    }
}
