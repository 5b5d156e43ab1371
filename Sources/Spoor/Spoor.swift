import SpoorModel
import SpoorPosix
import SpoorWire

#if canImport(Glibc)
import Glibc
#endif

/// The tracer's entry point: the one start-up call an instrumented app makes.
public enum Spoor {
    /// Connects the tracer to the session daemon of this user (`SPOOR_RUNDIR`, `SPOOR_HOME`),
    /// declaring `tracepoints` first so that they record from their very first event.
    ///
    /// When a daemon runs, waits until it has sent the state of every recording session, at
    /// most `SPOOR_REGISTER_TIMEOUT` milliseconds (default 3000, as LTTng-UST). With no daemon
    /// it returns at once; the tracer keeps trying in the background and registers whenever a
    /// daemon appears or restarts. Calling it again does nothing.
    public static func start(declaring tracepoints: any TracepointDeclaration...) {
        // Reading each descriptor makes sure lazily initialized tracepoints are declared.
        for tracepoint in tracepoints { _ = tracepoint.descriptor }
        Statedump.declare()
        AppConnection.startOnce()
    }
}

/// Anything that can be declared to the session daemon at start-up (`Spoor.start(declaring:)`).
public protocol TracepointDeclaration {
    /// The declaration the session daemon receives.
    var descriptor: EventDescriptor { get }
}

extension Tracepoint: TracepointDeclaration {}
