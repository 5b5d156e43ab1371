import Foundation
import SpoorTestSupport
import Testing

@Suite("The package")
struct PackageHygieneTests {
    /// The package's root: this file is `Tests/SpoorTestSupportTests/PackageHygieneTests.swift`.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("every target declares the modules of this package and the products it imports")
    func importsAreDeclared() throws {
        let python = RequiredTool(name: "python3", package: "python3")
        let script = Self.root.appendingPathComponent("scripts/check-imports.py").path
        let result = try python.run([script, Self.root.path])
        #expect(result.status == 0, "\(result.standardError)")
    }
}
