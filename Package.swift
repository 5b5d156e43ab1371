// swift-tools-version:6.1
import PackageDescription

// Layers (DESIGN.md): dependencies point down only.
//   0 pure:   SpoorModel, SpoorWire, SpoorCTF, SpoorFilter, SpoorRingBuffer, CSpoorShims
//   1 OS:     SpoorPosix
//   2 tracer: Spoor
//   3 logic:  SpoorControl, SpoorConsumer, SpoorSessionCore (pure), SpoorSessionDaemon, SpoorTraceReader, SpoorSessionXML, SpoorCLI
//   4 exec:   spoor, spoor-sessiond, spoor-example, spoor-differential-app
let package = Package(
    name: "spoor",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Spoor", targets: ["Spoor"]),
        .library(name: "SpoorControl", targets: ["SpoorControl"]),
        .executable(name: "spoor", targets: ["spoor"]),
        .executable(name: "spoor-sessiond", targets: ["spoor-sessiond"]),
        .executable(name: "spoor-example", targets: ["spoor-example"]),
        .executable(name: "spoor-differential-app", targets: ["spoor-differential-app"]),
        .executable(name: "spoor-crash-handler", targets: ["spoor-crash-handler"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-atomics", from: "1.2.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        // Layer 0
        .target(name: "CSpoorShims"),
        .target(name: "SpoorModel"),
        .target(name: "SpoorWire", dependencies: ["SpoorModel"]),
        .target(name: "SpoorCTF", dependencies: ["SpoorModel"]),
        .target(name: "SpoorFilter", dependencies: ["SpoorModel"]),
        .target(
            name: "SpoorRingBuffer",
            dependencies: [.product(name: "Atomics", package: "swift-atomics")]
        ),
        // Layer 1
        .target(name: "SpoorPosix", dependencies: ["CSpoorShims"]),
        // Layer 2
        .target(
            name: "Spoor",
            dependencies: ["SpoorModel", "SpoorWire", "SpoorFilter", "SpoorRingBuffer", "SpoorPosix", "CSpoorShims"]
        ),
        // Layer 3
        .target(name: "SpoorControl", dependencies: ["SpoorModel", "SpoorWire", "SpoorPosix"]),
        .target(name: "SpoorTraceReader", dependencies: ["SpoorCTF"]),
        // Session configuration files (`save`, `load`), with Foundation's XMLParser.
        .target(name: "SpoorSessionXML", dependencies: ["SpoorModel"]),
        .target(
            name: "SpoorConsumer",
            dependencies: [
                "SpoorModel", "SpoorCTF", "SpoorRingBuffer", "SpoorPosix",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The session daemon's decisions, without I/O: registries, lifecycles, triggers, metadata.
        .target(name: "SpoorSessionCore", dependencies: ["SpoorModel", "SpoorCTF"]),
        .target(
            name: "SpoorSessionDaemon",
            dependencies: [
                "SpoorModel", "SpoorWire", "SpoorCTF", "SpoorFilter", "SpoorRingBuffer", "SpoorPosix",
                "SpoorConsumer", "SpoorSessionCore", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "SpoorCLI",
            dependencies: [
                "SpoorModel", "SpoorWire", "SpoorControl", "SpoorTraceReader", "SpoorFilter", "SpoorSessionXML",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Layer 4
        .executableTarget(name: "spoor", dependencies: ["SpoorCLI"]),
        .executableTarget(
            name: "spoor-sessiond",
            dependencies: [
                "SpoorSessionDaemon", "SpoorPosix",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "spoor-example", dependencies: ["Spoor"]),
        // Run by the kernel when a process dumps core (`spoor crash-handler install`).
        .executableTarget(name: "spoor-crash-handler", dependencies: ["SpoorModel", "SpoorWire", "SpoorPosix"]),
        // The Spoor half of the differential test against LTTng (scripts/differential.sh).
        .executableTarget(name: "spoor-differential-app", dependencies: ["Spoor"]),
        // Tests
        .testTarget(name: "SpoorModelTests", dependencies: ["SpoorModel"]),
        .testTarget(name: "SpoorTests", dependencies: ["Spoor", "SpoorModel", "SpoorPosix"]),
        .testTarget(name: "SpoorFilterTests", dependencies: ["SpoorFilter", "SpoorModel"]),
        .testTarget(name: "SpoorWireTests", dependencies: ["SpoorWire", "SpoorModel"]),
        .testTarget(name: "SpoorCTFTests", dependencies: ["SpoorCTF", "SpoorModel", "SpoorTraceReader"]),
        .testTarget(name: "SpoorRingBufferTests", dependencies: ["SpoorRingBuffer"]),
        .testTarget(
            name: "SpoorSessionDaemonTests",
            dependencies: [
                "SpoorSessionDaemon", "SpoorSessionCore", "SpoorModel", "SpoorWire", "SpoorPosix",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(name: "SpoorSessionCoreTests", dependencies: ["SpoorSessionCore", "SpoorModel", "SpoorCTF"]),
        .testTarget(
            name: "SpoorConsumerTests", dependencies: ["SpoorConsumer", "SpoorRingBuffer", "SpoorCTF", "SpoorPosix"]),
        .testTarget(name: "SpoorTraceReaderTests", dependencies: ["SpoorTraceReader", "SpoorCTF", "SpoorModel"]),
        .testTarget(name: "SpoorCLITests", dependencies: ["SpoorCLI", "SpoorModel", "SpoorWire", "SpoorSessionXML"]),
        .testTarget(
            name: "SpoorSessionXMLTests", dependencies: ["SpoorSessionXML", "SpoorModel"],
            exclude: ["Golden"]),
        // The executables are dependencies so that `swift test` builds them: the integration
        // tests run the real `spoor`, `spoor-sessiond` and `spoor-example`.
        .testTarget(
            name: "SpoorIntegrationTests",
            dependencies: ["spoor", "spoor-sessiond", "spoor-example", "spoor-crash-handler"]
        ),
    ]
)
