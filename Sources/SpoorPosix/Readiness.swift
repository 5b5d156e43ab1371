#if canImport(Glibc)
import Glibc
#endif

/// Waiting on several descriptors at once, and sending without waiting.
public enum Readiness {
    /// Blocks until at least one of `fds` is readable, hung up or in error (`poll(2)`,
    /// retried when a signal interrupts it); returns, per descriptor, whether it is. Nil when
    /// `poll` fails.
    public static func waitForInput(_ fds: [Int32]) -> [Bool]? {
        var descriptors = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        while true {
            for index in descriptors.indices { descriptors[index].revents = 0 }
            let ready = poll(&descriptors, nfds_t(descriptors.count), -1)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { return nil }
            return descriptors.map { $0.revents != 0 }
        }
    }

    /// Sends what the socket `fd` takes at once (`MSG_DONTWAIT`, no `SIGPIPE`); returns how
    /// many bytes, 0 or less when none.
    public static func sendWithoutWaiting(_ bytes: [UInt8], to fd: Int32) -> Int {
        bytes.withUnsafeBytes {
            Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT) | Int32(MSG_NOSIGNAL))
        }
    }
}
