import SpoorModel
import Testing

@Suite("Trace URLs")
struct TraceURLTests {
    @Test(
        "a file URL and an absolute path name a local directory",
        arguments: [
            ("file:///tmp/a", TraceURL.local(path: "/tmp/a", isBare: false)),
            ("/tmp/a", .local(path: "/tmp/a", isBare: true)),
            ("file:///", .local(path: "/", isBare: false)),
        ])
    func local(text: String, expected: TraceURL) throws {
        #expect(try TraceURL.parse(text) == expected)
        #expect(try TraceURL.parse(text).localPath == expected.localPath)
    }

    @Test(
        "every network form names a relay daemon",
        arguments: [
            ("net://host", RelayURL(scheme: .net, host: "host")),
            ("net://host:1", RelayURL(scheme: .net, host: "host", firstPort: 1)),
            ("net://host:1:2", RelayURL(scheme: .net, host: "host", firstPort: 1, secondPort: 2)),
            ("net://10.0.0.1:5342:5343/a/b", RelayURL(
                scheme: .net, host: "10.0.0.1", firstPort: 5342, secondPort: 5343, tracePath: "/a/b")),
            ("net6://[::1]", RelayURL(scheme: .net6, host: "::1")),
            ("net6://[fe80::1]:7:8", RelayURL(scheme: .net6, host: "fe80::1", firstPort: 7, secondPort: 8)),
            ("tcp://localhost:65535", RelayURL(scheme: .tcp, host: "localhost", firstPort: 65535)),
            ("tcp://h/trace", RelayURL(scheme: .tcp, host: "h", tracePath: "/trace")),
            ("tcp6://[::1]:9", RelayURL(scheme: .tcp6, host: "::1", firstPort: 9)),
        ])
    func relay(text: String, expected: RelayURL) throws {
        #expect(try TraceURL.parse(text) == .relay(expected))
        #expect(TraceURL.namesRelay(text))
    }

    @Test("a net URL defaults to ports 5342 and 5343")
    func netDefaults() {
        let url = RelayURL(scheme: .net, host: "h")
        #expect(url.controlPort == 5342)
        #expect(url.dataPort == 5343)
        #expect(RelayURL(scheme: .net6, host: "h", firstPort: 1).dataPort == 5343)
        #expect(RelayURL(scheme: .net, host: "h", firstPort: 1, secondPort: 2).dataPort == 2)
    }

    @Test("a tcp URL's one port is either connection's, by default 5342 or 5343")
    func tcpPorts() {
        #expect(RelayURL(scheme: .tcp, host: "h").controlPort == 5342)
        #expect(RelayURL(scheme: .tcp, host: "h").dataPort == 5343)
        #expect(RelayURL(scheme: .tcp6, host: "h", firstPort: 9).controlPort == 9)
        #expect(RelayURL(scheme: .tcp6, host: "h", firstPort: 9).dataPort == 9)
    }

    @Test(
        "malformed URLs say what is wrong",
        arguments: [
            ("", nil, TraceURLError.Problem.empty),
            ("relative/path", nil, .unknownScheme),
            ("http://h", nil, .unknownScheme),
            ("file:relative", nil, .unknownScheme),
            ("file://relative", .file, .relativePath),
            ("net://", .net, .missingHost),
            ("tcp://:5342", .tcp, .missingHost),
            ("net6://[::1", .net6, .unterminatedIPv6Address),
            ("net6://[::1]x", .net6, .invalidHost),
            ("net://h:0", .net, .invalidPort("0")),
            ("net://h:65536", .net, .invalidPort("65536")),
            ("net://h:x", .net, .invalidPort("x")),
            ("net://h:", .net, .invalidPort("")),
            ("net://h:-1", .net, .invalidPort("-1")),
            ("net://h:1:2:3", .net, .tooManyPorts),
            ("tcp://h:1:2", .tcp, .tooManyPorts),
        ] as [(String, TraceURL.Scheme?, TraceURLError.Problem)])
    func malformed(text: String, scheme: TraceURL.Scheme?, problem: TraceURLError.Problem) {
        #expect(throws: TraceURLError(text, scheme: scheme, problem)) { try TraceURL.parse(text) }
    }

    @Test("a malformed network URL still names a relay daemon; a local one does not")
    func namesRelay() {
        #expect(TraceURL.namesRelay("net://"))
        #expect(TraceURL.namesRelay("tcp6://[::1"))
        #expect(!TraceURL.namesRelay("file://relative"))
        #expect(!TraceURL.namesRelay("/tmp"))
        #expect(!TraceURL.namesRelay("nets://h"))
    }

    @Test("the schemes know which are networked, combined and IPv6")
    func schemes() {
        #expect(TraceURL.Scheme.allCases.filter(\.isNetwork) == [.net, .net6, .tcp, .tcp6])
        #expect(TraceURL.Scheme.allCases.filter(\.isCombined) == [.net, .net6])
        #expect(TraceURL.Scheme.allCases.filter(\.isIPv6) == [.net6, .tcp6])
    }

    @Test("the snapshot action's URL checks go through the parser")
    func snapshotActionURLs() {
        #expect(SnapshotActionDestination.isURL("file:///y"))
        #expect(SnapshotActionDestination.isURL("net6://[::1]:1:2"))
        #expect(!SnapshotActionDestination.isURL("/y"))
        #expect(!SnapshotActionDestination.isURL("tcp://h"))
        #expect(!SnapshotActionDestination.isURL("net://h:99999"))
        #expect(SnapshotActionDestination.isConnectionURL("tcp://h:1"))
        #expect(!SnapshotActionDestination.isConnectionURL("net://h"))
        #expect(!SnapshotActionDestination.isConnectionURL("tcp://"))
    }
}
