/// How lttng shows a wait it had to make: one dot per 200 ms poll
/// (`DEFAULT_DATA_AVAILABILITY_WAIT_TIME`).
enum WaitIndicator {
    static let pollMilliseconds: UInt64 = 200

    static func dots(afterMilliseconds elapsed: UInt64) -> String {
        String(repeating: ".", count: Int(min(elapsed / pollMilliseconds, 1_000)))
    }
}
