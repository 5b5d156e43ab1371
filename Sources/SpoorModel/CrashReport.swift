/// A process that dumped core, as Spoor's crash handler reports it to session daemons.
public struct CrashReport: Sendable, Hashable {
    /// The process id in the initial pid namespace (`%P`).
    public var pid: Int32
    public var uid: UInt32
    public var gid: UInt32
    /// The signal that made it dump core.
    public var signal: Int32
    /// When it dumped core, in seconds since the Epoch (`%t`).
    public var time: UInt64
    /// Its name as the kernel keeps it (`%e`, `/proc/PID/comm`), at most 15 bytes.
    public var processName: String
    /// Its executable (`/proc/PID/exe`); empty when the kernel would not say.
    public var executablePath: String

    public init(
        pid: Int32, uid: UInt32, gid: UInt32, signal: Int32, time: UInt64, processName: String,
        executablePath: String
    ) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
        self.signal = signal
        self.time = time
        self.processName = processName
        self.executablePath = executablePath
    }
}

/// A value of `/proc/sys/kernel/core_pattern` (core(5)): a file name template, or with a
/// leading `|` a program the kernel runs with the core on its standard input.
public struct CorePattern: Sendable, Hashable {
    public var text: String

    public init(_ text: String) {
        // The file ends with a newline; the kernel ignores it.
        var text = Substring(text)
        while text.last == "\n" { text = text.dropLast() }
        self.text = String(text)
    }

    /// Whether the kernel pipes the core to a program.
    public var isPipe: Bool { text.hasPrefix("|") }

    /// The specifiers Spoor's crash handler can fill in when it passes the core on: those the
    /// kernel gives it, and `%E`, which it reads from `/proc/PID/exe`.
    public static let knownSpecifiers: Set<Character> = ["%", "p", "P", "i", "I", "u", "g", "d", "s", "t", "c", "h", "e", "E"]

    /// The specifiers of the pattern that Spoor's crash handler could not fill in, such as
    /// `%f` or `%F`: installing the handler would change what they mean.
    public var unknownSpecifiers: [Character] {
        var unknown: [Character] = []
        var characters = text.makeIterator()
        while let character = characters.next() {
            guard character == "%" else { continue }
            guard let specifier = characters.next() else { break }
            if !Self.knownSpecifiers.contains(specifier) && !unknown.contains(specifier) { unknown.append(specifier) }
        }
        return unknown
    }

    /// The program and its arguments (for a pipe), or the file name (else), each with the
    /// specifiers replaced as the kernel replaces them. The kernel splits a pipe's command on
    /// spaces first, so a value with a space stays one argument.
    public func expanded(_ values: CoreValues) -> [String] {
        if isPipe {
            return text.dropFirst().split(separator: " ", omittingEmptySubsequences: true).map {
                Self.expand(Substring($0), values)
            }
        }
        return [Self.expand(Substring(text), values)]
    }

    /// The file the kernel itself would write for this pattern (not a pipe): the expanded name,
    /// with `.PID` added when `core_uses_pid` is set and the pattern has no `%p`; `core` for
    /// an empty pattern.
    public func fileName(_ values: CoreValues, usesPID: Bool) -> String {
        var name = text.isEmpty ? "core" : Self.expand(Substring(text), values)
        if usesPID && !text.contains("%p") { name += ".\(values.pid)" }
        return name
    }

    private static func expand(_ template: Substring, _ values: CoreValues) -> String {
        var result = ""
        var characters = template.makeIterator()
        while let character = characters.next() {
            guard character == "%" else {
                result.append(character)
                continue
            }
            guard let specifier = characters.next() else { break }  // A lone % at the end is dropped.
            switch specifier {
            case "%": result += "%"
            case "p": result += String(values.pid)
            case "P": result += String(values.globalPID)
            case "i": result += String(values.tid)
            case "I": result += String(values.globalTID)
            case "u": result += String(values.uid)
            case "g": result += String(values.gid)
            case "d": result += String(values.dumpMode)
            case "s": result += String(values.signal)
            case "t": result += String(values.time)
            case "c": result += values.coreSizeLimit
            case "h": result += values.hostName
            case "e": result += values.processName
            // The kernel writes the path with `!` for each `/`, so that it stays one file name.
            case "E": result += values.executablePath.replacingSlashes()
            default: break  // The kernel drops what it does not know.
            }
        }
        return result
    }
}

/// What the kernel tells a core handler about the process that dumped core: the values of
/// the core_pattern specifiers.
public struct CoreValues: Sendable, Hashable {
    public var pid: Int32
    public var globalPID: Int32
    public var tid: Int32
    public var globalTID: Int32
    public var uid: UInt32
    public var gid: UInt32
    public var dumpMode: Int32
    public var signal: Int32
    public var time: UInt64
    /// `%c`: the soft core file size limit, in bytes, or `18446744073709551615` when unlimited.
    public var coreSizeLimit: String
    public var hostName: String
    public var processName: String
    public var executablePath: String

    public init(
        pid: Int32, globalPID: Int32, tid: Int32, globalTID: Int32, uid: UInt32, gid: UInt32, dumpMode: Int32,
        signal: Int32, time: UInt64, coreSizeLimit: String, hostName: String, processName: String,
        executablePath: String
    ) {
        self.pid = pid
        self.globalPID = globalPID
        self.tid = tid
        self.globalTID = globalTID
        self.uid = uid
        self.gid = gid
        self.dumpMode = dumpMode
        self.signal = signal
        self.time = time
        self.coreSizeLimit = coreSizeLimit
        self.hostName = hostName
        self.processName = processName
        self.executablePath = executablePath
    }

    /// The soft core size limit as a number of bytes; nil when unlimited or unreadable.
    public var coreSizeLimitBytes: UInt64? {
        guard let limit = UInt64(coreSizeLimit), limit != UInt64.max else { return nil }
        return limit
    }
}

extension String {
    fileprivate func replacingSlashes() -> String {
        String(map { $0 == "/" ? "!" : $0 })
    }
}
