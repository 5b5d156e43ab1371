// swift-tools-version:6.1
import PackageDescription

// The Swift side of the benchmark, kept out of the main package so that its `swift build` and
// `swift test` never build it. It depends on the main package by path: run.sh builds it in
// release mode, exactly as an application that links Spoor would be built.
let package = Package(
    name: "spoor-bench",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "spoor", path: "../..")
    ],
    targets: [
        // The instrumented program: same workloads, arguments and output as lttng/lttng-bench.c.
        .executableTarget(
            name: "spoor-bench",
            dependencies: [.product(name: "Spoor", package: "spoor")]
        ),
        // The app of the notification-latency benchmark (bench/notify.sh): same arguments and
        // events as bench/notify/lttng-notify-app.c.
        .executableTarget(
            name: "spoor-notify-bench",
            dependencies: [.product(name: "Spoor", package: "spoor")]
        ),
        // The subscriber of the notification-latency benchmark that uses the SpoorControl API,
        // as bench/notify/lttng-notify-subscriber.c uses liblttng-ctl.
        .executableTarget(
            name: "spoor-notify-subscriber",
            dependencies: [.product(name: "SpoorControl", package: "spoor")]
        ),
        // How long the daemon keeps clients and apps waiting while a session drains or snapshots
        // a large buffer (bench/daemon-latency.sh).
        .executableTarget(
            name: "spoor-daemon-latency",
            dependencies: [
                .product(name: "Spoor", package: "spoor"), .product(name: "SpoorControl", package: "spoor"),
            ]
        ),
        // A stand-in for the `spoor` CLI's session commands, used only while the CLI cannot run
        // them; it sends the same control requests.
        .executableTarget(
            name: "spoor-bench-control",
            dependencies: [.product(name: "SpoorControl", package: "spoor")]
        ),
    ]
)
