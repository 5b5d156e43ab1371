/// Where a trace goes, as an lttng URL names it (`lttng-create(1)`, "URL format", and
/// `lttng-relayd(8)`): a local directory, or a relay daemon.
///
/// The forms:
/// - `file://PATH` and a bare `PATH`, both absolute;
/// - `net://HOST[:CTRL_PORT[:DATA_PORT]][/TRACE_PATH]` and `net6://…`: one URL for both relay
///   connections (the ports default to 5342 and 5343);
/// - `tcp://HOST[:PORT][/TRACE_PATH]` and `tcp6://…`: one connection, the control one or the
///   data one (`--ctrl-url`, `--data-url`), whose default port depends on which it is.
///
/// `HOST` is a name, an IPv4 address, or an IPv6 address in brackets (`[::1]`).
public enum TraceURL: Sendable, Hashable {
    /// A local directory: `isBare` tells a plain path from a `file://` URL, which some
    /// commands accept and others do not.
    case local(path: String, isBare: Bool)
    /// A relay daemon.
    case relay(RelayURL)

    /// The relay daemon's default control port (`DEFAULT_NETWORK_CONTROL_PORT`).
    public static let defaultControlPort: UInt16 = 5342
    /// The relay daemon's default data port (`DEFAULT_NETWORK_DATA_PORT`).
    public static let defaultDataPort: UInt16 = 5343

    /// An lttng URL scheme.
    public enum Scheme: String, Sendable, Hashable, CaseIterable {
        case file, net, net6, tcp, tcp6

        /// Whether the scheme names a relay daemon rather than a local directory.
        public var isNetwork: Bool { self != .file }
        /// Whether one URL of this scheme names both relay connections (`net`, `net6`).
        public var isCombined: Bool { self == .net || self == .net6 }
        /// Whether the host is an IPv6 one.
        public var isIPv6: Bool { self == .net6 || self == .tcp6 }
    }

    /// The local directory, when the URL names one.
    public var localPath: String? {
        if case .local(let path, _) = self { return path }
        return nil
    }

    /// Reads `text`, or throws why it is not an lttng URL.
    public static func parse(_ text: String) throws(TraceURLError) -> TraceURL {
        guard !text.isEmpty else { throw TraceURLError(text, scheme: nil, .empty) }
        guard let colon = text.firstIndex(of: ":"), text[colon...].hasPrefix("://") else {
            guard text.hasPrefix("/") else { throw TraceURLError(text, scheme: nil, .unknownScheme) }
            return .local(path: text, isBare: true)
        }
        guard let scheme = Scheme(rawValue: String(text[..<colon])) else {
            throw TraceURLError(text, scheme: nil, .unknownScheme)
        }
        let rest = text[colon...].dropFirst(3)
        func failure(_ problem: TraceURLError.Problem) -> TraceURLError { TraceURLError(text, scheme: scheme, problem) }
        guard scheme.isNetwork else {
            guard rest.hasPrefix("/") else { throw failure(.relativePath) }
            return .local(path: String(rest), isBare: false)
        }
        // HOST[:PORT[:PORT]][/TRACE_PATH]
        let authority = rest.firstIndex(of: "/").map { rest[..<$0] } ?? rest
        let tracePath = authority.endIndex < rest.endIndex ? String(rest[authority.endIndex...]) : nil
        let host: Substring
        let portsText: Substring
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw failure(.unterminatedIPv6Address) }
            host = authority[authority.index(after: authority.startIndex)..<close]
            portsText = authority[authority.index(after: close)...]
            guard portsText.isEmpty || portsText.hasPrefix(":") else { throw failure(.invalidHost) }
        } else {
            let colon = authority.firstIndex(of: ":") ?? authority.endIndex
            host = authority[..<colon]
            portsText = authority[colon...]
        }
        guard !host.isEmpty else { throw failure(.missingHost) }
        let ports = portsText.isEmpty
            ? [] : portsText.dropFirst().split(separator: ":", omittingEmptySubsequences: false)
        guard ports.count <= (scheme.isCombined ? 2 : 1) else { throw failure(.tooManyPorts) }
        var numbers: [UInt16] = []
        for port in ports {
            guard port.allSatisfy({ $0.isASCII && $0.isNumber }), let number = UInt16(port), number > 0 else {
                throw failure(.invalidPort(String(port)))
            }
            numbers.append(number)
        }
        return .relay(
            RelayURL(
                scheme: scheme, host: String(host), firstPort: numbers.first, secondPort: numbers.dropFirst().first,
                tracePath: tracePath))
    }

    /// Whether `text` is a relay URL, well-formed or not: what the commands that refuse
    /// network outputs refuse.
    public static func namesRelay(_ text: String) -> Bool {
        do {
            if case .relay = try parse(text) { return true }
            return false
        } catch {
            return error.scheme?.isNetwork == true
        }
    }
}

/// A relay daemon's address, from a `net[6]://` or `tcp[6]://` URL.
public struct RelayURL: Sendable, Hashable {
    /// `net`, `net6`, `tcp` or `tcp6`.
    public var scheme: TraceURL.Scheme
    /// A host name or address, without the brackets of an IPv6 address.
    public var host: String
    /// The first port given: the control port of a `net` URL, the only port of a `tcp` one.
    public var firstPort: UInt16?
    /// A `net` URL's data port.
    public var secondPort: UInt16?
    /// `/TRACE_PATH`, the directory under the relay daemon's output.
    public var tracePath: String?

    /// A relay address.
    public init(
        scheme: TraceURL.Scheme, host: String, firstPort: UInt16? = nil, secondPort: UInt16? = nil,
        tracePath: String? = nil
    ) {
        self.scheme = scheme
        self.host = host
        self.firstPort = firstPort
        self.secondPort = secondPort
        self.tracePath = tracePath
    }

    /// The control connection's port: the first port, or the default.
    public var controlPort: UInt16 { firstPort ?? TraceURL.defaultControlPort }

    /// The data connection's port: a `net` URL's second port, a `tcp` URL's only one, or the
    /// default.
    public var dataPort: UInt16 { (scheme.isCombined ? secondPort : firstPort) ?? TraceURL.defaultDataPort }
}

/// Why a text is not an lttng URL.
public struct TraceURLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public enum Problem: Sendable, Hashable {
        case empty
        /// No `SCHEME://`, or one lttng does not know, and not an absolute path either.
        case unknownScheme
        /// A `file://` URL whose path is not absolute.
        case relativePath
        /// A network URL without a host.
        case missingHost
        /// `[` without `]`.
        case unterminatedIPv6Address
        /// Something other than `:PORT` after a bracketed host.
        case invalidHost
        /// Not a number from 1 to 65535.
        case invalidPort(String)
        /// More ports than the scheme has connections.
        case tooManyPorts
    }

    /// The text that was read.
    public var text: String
    /// The scheme, when the text has a known one.
    public var scheme: TraceURL.Scheme?
    /// What is wrong.
    public var problem: Problem

    /// An error about `text`.
    public init(_ text: String, scheme: TraceURL.Scheme?, _ problem: Problem) {
        self.text = text
        self.scheme = scheme
        self.problem = problem
    }

    public var description: String {
        switch problem {
        case .empty: "empty URL"
        case .unknownScheme: "unknown URL scheme: \(text)"
        case .relativePath: "the path of \(text) is not absolute"
        case .missingHost: "no host in \(text)"
        case .unterminatedIPv6Address: "unterminated IPv6 address in \(text)"
        case .invalidHost: "invalid host in \(text)"
        case .invalidPort(let port): "invalid port `\(port)` in \(text)"
        case .tooManyPorts: "too many ports in \(text)"
        }
    }
}
