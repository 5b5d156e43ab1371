import CSpoorShims

#if canImport(Glibc)
import Glibc
#endif

/// A connected or listening Unix-domain socket. Blocking; each one is used by one thread at a time.
public final class UnixSocket: @unchecked Sendable {
    public enum Kind: Sendable {
        /// Byte stream with length-prefixed frames: the control socket.
        case stream
        /// Message boundaries and descriptor passing: the app socket.
        case sequencedPacket

        var rawValue: Int32 {
            switch self {
            case .stream: Int32(SOCK_STREAM.rawValue)
            case .sequencedPacket: Int32(SOCK_SEQPACKET.rawValue)
            }
        }
    }

    /// Frames larger than this are refused: a peer cannot make us allocate without bound.
    public static let maximumFrameSize = 16 << 20

    public private(set) var fd: Int32
    public let kind: Kind

    public init(adopting fd: Int32, kind: Kind) {
        self.fd = fd
        self.kind = kind
    }

    public static func connect(to path: String, kind: Kind) throws(SystemError) -> UnixSocket {
        let fd = cspoor_connect_unix(path, kind.rawValue)
        guard fd >= 0 else { throw SystemError("connect \(path)") }
        return UnixSocket(adopting: fd, kind: kind)
    }

    public static func listen(at path: String, kind: Kind, mode: mode_t) throws(SystemError) -> UnixSocket {
        let fd = cspoor_listen_unix(path, kind.rawValue, 64)
        guard fd >= 0 else { throw SystemError("listen \(path)") }
        chmod(path, mode)
        return UnixSocket(adopting: fd, kind: kind)
    }

    public func accept() throws(SystemError) -> UnixSocket {
        while true {
            let client = cspoor_accept(fd)
            if client >= 0 { return UnixSocket(adopting: client, kind: kind) }
            if errno == EINTR || errno == ECONNABORTED { continue }
            throw SystemError("accept")
        }
    }

    /// The pid, uid and gid of the connected peer, as the kernel vouches for them.
    public func peerCredentials() throws(SystemError) -> (pid: Int32, uid: UInt32, gid: UInt32) {
        var pid: Int32 = 0
        var uid: UInt32 = 0
        var gid: UInt32 = 0
        guard cspoor_peer_credentials(fd, &pid, &uid, &gid) == 0 else { throw SystemError("SO_PEERCRED") }
        return (pid, uid, gid)
    }

    /// Limits how long a receive waits; 0 waits forever.
    public func setReceiveTimeout(milliseconds: Int) {
        var value = timeval(tv_sec: milliseconds / 1000, tv_usec: (milliseconds % 1000) * 1000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Limits how long a send waits; 0 waits forever.
    public func setSendTimeout(milliseconds: Int) {
        var value = timeval(tv_sec: milliseconds / 1000, tv_usec: (milliseconds % 1000) * 1000)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    // MARK: Stream frames

    /// Sends a 4-byte little-endian length and the payload.
    public func sendFrame(_ payload: [UInt8]) throws(SystemError) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(payload.count + 4)
        withUnsafeBytes(of: UInt32(payload.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: payload)
        try FileSystem.writeAll(fd, bytes, path: "socket")
    }

    /// Receives one frame, or `nil` at a clean end of stream.
    public func receiveFrame() throws(SystemError) -> [UInt8]? {
        guard let header = try receiveExactly(4) else { return nil }
        let length = Int(UInt32(header[0]) | UInt32(header[1]) << 8 | UInt32(header[2]) << 16 | UInt32(header[3]) << 24)
        guard length <= Self.maximumFrameSize else { throw SystemError("frame of \(length) bytes", errno: EMSGSIZE) }
        guard let payload = try receiveExactly(length) else { throw SystemError("frame cut short", errno: EPIPE) }
        return payload
    }

    private func receiveExactly(_ count: Int) throws(SystemError) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let received = bytes.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + offset, count - offset, 0) }
            if received < 0 {
                if errno == EINTR { continue }
                throw SystemError("recv")
            }
            if received == 0 {
                if offset == 0 { return nil }
                throw SystemError("connection closed mid-frame", errno: EPIPE)
            }
            offset += received
        }
        return bytes
    }

    // MARK: Packets with descriptors

    public func sendPacket(_ payload: [UInt8], fds: [Int32] = []) throws(SystemError) {
        let sent = payload.withUnsafeBytes { bytes in
            fds.withUnsafeBufferPointer { cspoor_send_with_fds(fd, bytes.baseAddress, bytes.count, $0.baseAddress, Int32(fds.count)) }
        }
        guard sent == payload.count else { throw SystemError("sendmsg") }
    }

    /// Receives one packet and the descriptors that came with it, or `nil` at end of stream.
    public func receivePacket(capacity: Int = 1 << 20) throws(SystemError) -> (bytes: [UInt8], fds: [Int32])? {
        var bytes = [UInt8](repeating: 0, count: capacity)
        var fds = [Int32](repeating: -1, count: 8)
        var fdCount: Int32 = 0
        let received = bytes.withUnsafeMutableBytes { buffer in
            fds.withUnsafeMutableBufferPointer {
                cspoor_receive_with_fds(fd, buffer.baseAddress, buffer.count, $0.baseAddress, 8, &fdCount)
            }
        }
        if received < 0 { throw SystemError("recvmsg") }
        if received == 0 && fdCount == 0 { return nil }
        return (Array(bytes[0..<received]), Array(fds[0..<Int(fdCount)]))
    }

    /// Receives one packet into `buffer`, which is reused from one packet to the next (a packet
    /// longer than it is cut short); returns the bytes received and the descriptors that came
    /// with them, or `nil` at end of stream. Saves `receivePacket`'s allocation and zeroing of
    /// its buffer, which costs tens of microseconds for small packets.
    public func receivePacket(into buffer: inout [UInt8]) throws(SystemError) -> (count: Int, fds: [Int32])? {
        var fds: (Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32) = (-1, -1, -1, -1, -1, -1, -1, -1)
        var fdCount: Int32 = 0
        let received = buffer.withUnsafeMutableBytes { bytes in
            withUnsafeMutableBytes(of: &fds) {
                cspoor_receive_with_fds(
                    fd, bytes.baseAddress, bytes.count, $0.baseAddress?.assumingMemoryBound(to: Int32.self), 8,
                    &fdCount)
            }
        }
        if received < 0 { throw SystemError("recvmsg") }
        if received == 0 && fdCount == 0 { return nil }
        let descriptors = withUnsafeBytes(of: fds) { Array($0.bindMemory(to: Int32.self).prefix(Int(fdCount))) }
        return (received, descriptors)
    }

    /// Stops both directions, waking a thread blocked on this socket.
    public func shutdown() { Glibc.shutdown(fd, Int32(SHUT_RDWR)) }

    public func close() {
        if fd >= 0 {
            Glibc.close(fd)
            fd = -1
        }
    }

    deinit { close() }
}

extension UnixSocket {
    /// Sends `bytes` as one message on descriptor `fd` without ever blocking or raising SIGPIPE
    /// (`MSG_DONTWAIT | MSG_NOSIGNAL`), for threads that must not wait: whether all of it went.
    public static func sendWithoutBlocking(_ bytes: UnsafeRawBufferPointer, on fd: Int32) -> Bool {
        let sent = Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_DONTWAIT) | Int32(MSG_NOSIGNAL))
        return sent == bytes.count
    }
}
