/// The version of Spoor, which `spoor version` and `spoor --version` print.
public enum SpoorVersion {
    /// The release number.
    public static let string = "0.1.0"
    /// The release name, as each LTTng release has one.
    public static let codename = "First Tracks"
    /// What the release is, in a few sentences.
    public static let description = """
        The first tracks of Spoor, a tracer written in Swift: recording sessions, channels of \
        per-CPU ring buffers and recording event rules for user space tracepoints, driven by \
        the commands of LTTng 2.13 and recorded as CTF 1.8 traces that babeltrace2 and Trace \
        Compass read.
        """
    /// Where to learn more.
    public static let webSite = "docs/architecture.md in the Spoor source tree"
}
