// swift-tools-version:6.1
import PackageDescription

// Layers (DESIGN.md): dependencies point down only.
//   0 pure:   SpoorModel, SpoorWire, SpoorCTF, SpoorFilter, SpoorRingBuffer,
//             CSpoorABI (the shared-memory ABI header), CSpoorHotPath (clock, CPU, nesting, wake-up)
//   1 OS:     SpoorPosix, over CSpoorShims (system calls; nothing else imports it)
//   2 tracer: Spoor (its C entry is declared in CSpoorTracer)
//   3 logic:  SpoorControl, SpoorConsumer, SpoorSessionCore (pure), SpoorSessionDaemon, SpoorTraceReader,
//             SpoorSessionXML, SpoorCLI
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
        // The single definition of the shared-memory and trace-header ABI (C, header only).
        .target(name: "CSpoorABI"),
        // The C declarations of what the tracer exports for C callers (defined in `Spoor`).
        .target(name: "CSpoorTracer"),
        // What the record path calls: clock, CPU (rseq), nesting guard, process context, wake-up.
        .target(name: "CSpoorHotPath"),
        .target(name: "SpoorModel"),
        .target(name: "SpoorWire", dependencies: ["SpoorModel"]),
        .target(name: "SpoorCTF", dependencies: ["SpoorModel", "CSpoorABI"]),
        .target(name: "SpoorFilter", dependencies: ["SpoorModel"]),
        .target(
            name: "SpoorRingBuffer",
            dependencies: ["CSpoorABI", .product(name: "Atomics", package: "swift-atomics")]
        ),
        // Layer 1
        // System calls (sockets, memfd, eventfd, perf_event_open, dl_iterate_phdr): SpoorPosix only.
        .target(name: "CSpoorShims", dependencies: ["CSpoorHotPath"]),
        .target(name: "SpoorPosix", dependencies: ["CSpoorShims"]),
        // Layer 2
        .target(
            name: "Spoor",
            dependencies: [
                "SpoorModel", "SpoorWire", "SpoorFilter", "SpoorRingBuffer", "SpoorPosix", "CSpoorHotPath", "CSpoorABI",
                .product(name: "Atomics", package: "swift-atomics"),
            ]
        ),
        // Layer 3
        .target(name: "SpoorControl", dependencies: ["SpoorModel", "SpoorWire", "SpoorPosix"]),
        .target(name: "SpoorTraceReader"),
        // Session configuration files (`save`, `load`), with Foundation's XMLParser.
        .target(name: "SpoorSessionXML", dependencies: ["SpoorModel"]),
        .target(
            name: "SpoorConsumer",
            dependencies: [
                "SpoorCTF", "SpoorRingBuffer", "SpoorPosix", .product(name: "Logging", package: "swift-log"),
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
                "SpoorPosix", .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
        // Helpers shared by the test targets (like NIO's NIOTestUtils): temporary directories,
        // required tools such as babeltrace2, bounded waits and an in-process session daemon.
        .target(
            name: "SpoorTestSupport",
            dependencies: [
                "SpoorPosix", "SpoorSessionCore", "SpoorSessionDaemon", .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/SpoorTestSupport"
        ),
        .testTarget(name: "SpoorTestSupportTests", dependencies: ["SpoorTestSupport"]),
        .testTarget(name: "SpoorModelTests", dependencies: ["SpoorModel"]),
        .testTarget(
            name: "SpoorTests",
            dependencies: [
                "Spoor", "SpoorModel", "SpoorPosix", "SpoorFilter", "SpoorWire", "SpoorRingBuffer", "CSpoorABI",
                "CSpoorTracer", "SpoorTestSupport", .product(name: "Atomics", package: "swift-atomics"),
            ]
        ),
        .testTarget(name: "SpoorFilterTests", dependencies: ["SpoorFilter", "SpoorModel", "SpoorTestSupport"]),
        .testTarget(name: "SpoorWireTests", dependencies: ["SpoorWire", "SpoorModel", "SpoorTestSupport"]),
        .testTarget(
            name: "SpoorSessionCoreTests",
            dependencies: ["SpoorSessionCore", "SpoorModel", "SpoorCTF", "SpoorTestSupport"]),
        .testTarget(
            name: "SpoorCTFTests", dependencies: ["SpoorCTF", "SpoorModel", "SpoorTraceReader", "SpoorTestSupport"]),
        .testTarget(
            name: "SpoorRingBufferTests",
            dependencies: ["SpoorRingBuffer", "CSpoorABI", "SpoorCTF", "SpoorTestSupport"]),
        .testTarget(
            name: "SpoorSessionDaemonTests",
            dependencies: [
                "SpoorSessionDaemon", "SpoorSessionCore", "SpoorModel", "SpoorWire", "SpoorPosix", "SpoorControl",
                "SpoorTestSupport", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SpoorConsumerTests",
            dependencies: ["SpoorConsumer", "SpoorRingBuffer", "SpoorCTF", "SpoorPosix", "SpoorTestSupport"]
        ),
        .testTarget(
            name: "SpoorTraceReaderTests",
            dependencies: ["SpoorTraceReader", "SpoorCTF", "SpoorModel", "SpoorTestSupport"]
        ),
        .testTarget(
            name: "SpoorCLITests",
            dependencies: [
                "SpoorCLI", "SpoorControl", "SpoorModel", "SpoorWire", "SpoorSessionXML", "SpoorPosix",
                "SpoorTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "SpoorSessionXMLTests", dependencies: ["SpoorSessionXML", "SpoorModel", "SpoorTestSupport"],
            exclude: ["Golden"]),
        // The executables are dependencies so that `swift test` builds them: the integration
        // tests run the real `spoor`, `spoor-sessiond` and `spoor-example`.
        .testTarget(
            name: "SpoorIntegrationTests",
            dependencies: ["spoor", "spoor-sessiond", "spoor-example", "spoor-crash-handler", "SpoorTestSupport"]
        ),
    ]
)
