import SpoorModel
import SpoorSessionCore

extension DaemonState {
    /// How many crash reports the daemon keeps for `spoor crash-handler status`.
    static let keptCrashReports = 32

    /// A process dumped core: Spoor's crash handler, which the kernel runs as root, says so.
    /// Nobody else may: a report from another user is refused.
    mutating func reportCrash(_ report: CrashReport, from uid: UInt32) throws(SpoorError) {
        guard Credentials(uid: uid) == .root else {
            throw SpoorError(.permissionDenied, "only the crash handler, which runs as root, reports crashes")
        }
        crashReports.append(report)
        if crashReports.count > Self.keptCrashReports { crashReports.removeFirst() }
        logger.notice(
            "process \(report.processName) (pid \(report.pid), uid \(report.uid)) dumped core on signal \(report.signal)")
        processCrashed(report)
    }

    /// The crashes reported lately, of the processes of `uid` (all of them for root).
    func crashReports(for uid: UInt32) -> [CrashReport] {
        crashReports.filter { Credentials(uid: uid).mayAccess(ownedBy: $0.uid) }
    }
}
