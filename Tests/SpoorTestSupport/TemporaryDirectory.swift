import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A fresh directory under the system's temporary directory (`TMPDIR`, else `/tmp`), removed
/// with everything in it when the last reference goes, or earlier by `remove()`.
///
/// The one temporary directory of the test targets: a class, so that a suite can hold it as a
/// stored property and a test need not remember to clean up.
public final class TemporaryDirectory: Sendable {
    /// The directory's absolute path.
    public let path: String

    /// Makes the directory with `mkdtemp`, its name starting `spoor-<label>-`.
    ///
    /// It does not throw, so that suites can create one in a stored property's initialiser; a
    /// machine whose temporary directory refuses a new folder cannot run the tests at all, so
    /// that traps with the reason.
    public init(_ label: String = "test") {
        let base = NSTemporaryDirectory().hasSuffix("/") ? NSTemporaryDirectory() : NSTemporaryDirectory() + "/"
        // The label names the directory for whoever looks in /tmp; keep it one plain component.
        let name = String(label.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" })
        var template = Array("\(base)spoor-\(name)-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
        }
        guard let created else {
            preconditionFailure("mkdtemp in \(base) failed: \(String(cString: strerror(errno)))")
        }
        path = created
    }

    deinit { remove() }

    /// The directory as a file URL.
    public var url: URL { URL(fileURLWithPath: path, isDirectory: true) }

    /// The path of `name` inside the directory.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Writes `text` to `name` inside the directory, replacing what was there. Traps when it
    /// cannot, as `init` does: the directory is the test's own, so only a broken machine fails.
    public func write(_ text: String, to name: String) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: file(name)))
        } catch {
            preconditionFailure("cannot write \(file(name)): \(error)")
        }
    }

    /// The text of `name` inside the directory, or nil when it cannot be read.
    public func read(_ name: String) -> String? {
        guard let data = FileManager.default.contents(atPath: file(name)) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Whether `name` exists inside the directory.
    public func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name)) }

    /// Removes the directory and everything in it now; harmless when already gone.
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
