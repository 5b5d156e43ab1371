import Foundation

/// A program from the distribution that some tests need, such as babeltrace2.
///
/// The rule, the same in every test target: a test that needs a tool asks for it with
/// `require()` (or `run`, which asks first), and a missing tool FAILS the test with the
/// `apt-get install` line that fixes it. No test skips or returns early for a missing tool, so
/// the suite can never pass without having checked what it claims; `scripts/test.sh` installs
/// every tool before it runs the tests.
public struct RequiredTool: Sendable, CustomStringConvertible {
    /// The executable's name, looked up on `PATH`.
    public let name: String
    /// The Debian/Ubuntu package that installs it.
    public let package: String

    /// Names a tool and the package that installs it.
    public init(name: String, package: String) {
        self.name = name
        self.package = package
    }

    /// `babeltrace2`, the reference reader of CTF traces.
    public static let babeltrace2 = RequiredTool(name: "babeltrace2", package: "babeltrace2")
    /// `xmllint`, which validates saved sessions against LTTng's `session.xsd`.
    public static let xmllint = RequiredTool(name: "xmllint", package: "libxml2-utils")

    /// The executable's name.
    public var description: String { name }

    /// The tool's path on `PATH`, or nil when it is not installed.
    public var path: String? {
        let search = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return search.split(separator: ":").map { "\($0)/\(name)" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// The tool's path; throws `MissingTool`, failing the calling test, when it is not installed.
    @discardableResult
    public func require() throws(MissingTool) -> String {
        guard let path else { throw MissingTool(tool: self) }
        return path
    }

    /// Runs the tool with `arguments` and waits for it, killing it after `timeout`.
    ///
    /// The environment is `environment` (this process's when nil) with `TZ=UTC`, so that every
    /// time the tool prints is in UTC. Throws `MissingTool` when the tool is not installed.
    public func run(
        _ arguments: [String], environment: [String: String]? = nil, timeout: Duration = .seconds(120)
    ) throws -> ProcessOutput {
        try ProcessOutput.run(require(), arguments, environment: environment, timeout: timeout)
    }
}

/// A tool a test needs is not installed; the message says how to install it.
public struct MissingTool: Error, CustomStringConvertible {
    /// The missing tool.
    public let tool: RequiredTool

    /// What is missing and the command that installs it.
    public var description: String {
        "\(tool.name) is not installed, and this test needs it: apt-get install \(tool.package)"
            + " (scripts/test.sh installs every tool the tests use)"
    }
}
