// Output of the real LTTng 2.13.9 `lttng` command, recorded in a private mount namespace
// (/tmp/lttng-transcript*.txt and later runs of the same kind), copied verbatim except that
// `lttng list <session_name>` hints read `spoor list`. Re-record on purpose, never edit by hand.

/// What the real `lttng` printed.
enum LTTngTranscripts {
    /// `lttng list` with one session (lttng-transcript.txt).
    static let sessionListOneSession = #"""
        Available recording sessions:
          1) s1 [inactive]
            Trace output: /tmp/lthome/lttng-traces/s1-20261123-161446


        Use spoor list <session_name> for more details

        """#

    /// `lttng list` with two sessions (lttng-transcript.txt).
    static let sessionListTwoSessions = #"""
        Available recording sessions:
          1) auto-20261123-161447 [inactive]
            Trace output: /tmp/lthome/lttng-traces/auto-20261123-161447

          2) s1 [inactive]
            Trace output: /tmp/lthome/lttng-traces/s1-20261123-161446


        Use spoor list <session_name> for more details

        """#

    /// `lttng list s1` with one channel and one rule (lttng-transcript.txt).
    static let detailOneChannel = #"""
        Recording session s1: [inactive]
            Trace output: /tmp/lthome/lttng-traces/s1-20261123-161446

        === Domain: User space ===

        Buffering scheme: per-user

        Tracked process attributes
          Virtual process IDs:  all
          Virtual user IDs:     all
          Virtual group IDs:    all

        Channels:
        -------------
        - ch1: [enabled]

            Attributes:
              Event-loss mode:  discard
              Sub-buffer size:  524288 bytes
              Sub-buffer count: 4
              Switch timer:     inactive
              Read timer:       inactive
              Monitor timer:    1000000 us
              Blocking timeout: 0 us
              Trace file count: 1 per stream
              Trace file size:  unlimited
              Output mode:      mmap

            Statistics:
              Discarded events: 0

            Recording event rules:
              bar:baz (type: tracepoint) [enabled]


        """#

    /// `lttng status` of the same session (lttng-transcript.txt).
    static let statusOneChannel = #"""
        Recording session s1: [inactive]
            Trace output: /tmp/lthome/lttng-traces/s1-20261123-161446

        === Domain: User space ===

        Buffering scheme: per-user

        Tracked process attributes
          Virtual process IDs:  all
          Virtual user IDs:     all
          Virtual group IDs:    all

        Channels:
        -------------
        - ch1: [enabled]

            Attributes:
              Event-loss mode:  discard
              Sub-buffer size:  524288 bytes
              Sub-buffer count: 4
              Switch timer:     inactive
              Read timer:       inactive
              Monitor timer:    1000000 us
              Blocking timeout: 0 us
              Trace file count: 1 per stream
              Trace file size:  unlimited
              Output mode:      mmap

            Statistics:
              Discarded events: 0

            Recording event rules:
              bar:baz (type: tracepoint) [enabled]


        """#

    /// `lttng status` of an active session with channel0 (lttng-transcript2.txt).
    static let detailActiveDefaultChannel = #"""
        Recording session s2: [active]
            Trace output: /tmp/lthome2/out

        === Domain: User space ===

        Buffering scheme: per-user

        Tracked process attributes
          Virtual process IDs:  all
          Virtual user IDs:     all
          Virtual group IDs:    all

        Channels:
        -------------
        - channel0: [enabled]

            Attributes:
              Event-loss mode:  discard
              Sub-buffer size:  524288 bytes
              Sub-buffer count: 4
              Switch timer:     inactive
              Read timer:       inactive
              Monitor timer:    1000000 us
              Blocking timeout: 0 us
              Trace file count: 1 per stream
              Trace file size:  unlimited
              Output mode:      mmap

            Statistics:
              Discarded events: 0

            Recording event rules:
              specapp:ev_small (type: tracepoint) [enabled]
              specapp:* (type: tracepoint) [enabled]


        """#

    /// `lttng list s2` once stopped (lttng-transcript2.txt).
    static let detailInactiveDefaultChannel = #"""
        Recording session s2: [inactive]
            Trace output: /tmp/lthome2/out

        === Domain: User space ===

        Buffering scheme: per-user

        Tracked process attributes
          Virtual process IDs:  all
          Virtual user IDs:     all
          Virtual group IDs:    all

        Channels:
        -------------
        - channel0: [enabled]

            Attributes:
              Event-loss mode:  discard
              Sub-buffer size:  524288 bytes
              Sub-buffer count: 4
              Switch timer:     inactive
              Read timer:       inactive
              Monitor timer:    1000000 us
              Blocking timeout: 0 us
              Trace file count: 1 per stream
              Trace file size:  unlimited
              Output mode:      mmap

            Statistics:
              Discarded events: 0

            Recording event rules:
              specapp:ev_small (type: tracepoint) [enabled]
              specapp:* (type: tracepoint) [enabled]


        """#

    /// `lttng list s1` of a session with no channel.
    static let detailNoChannel = #"""
        Recording session s1: [inactive]
            Trace output: /tmp/cliref-home/s1


        """#

    /// `lttng list -d s1` of a session with no channel.
    static let domainsNone = #"""
        Recording session s1: [inactive]
            Trace output: /tmp/cliref-home/s1

        Domains:
        -------------
          None

        """#

    /// `lttng list -d s1` of a session with a user space channel.
    static let domainsUserspace = #"""
        Recording session s1: [inactive]
            Trace output: /tmp/cliref-home/s1

        Domains:
        -------------
          - UST global

        """#

    /// `lttng list -u` with no instrumented application (lttng-transcript.txt).
    static let emptyTracepointList = #"""
        UST events:
        -------------
        None


        """#
    /// `lttng stop` after a small channel discarded events.
    static let stopWithDiscardedEvents = #"""
        Waiting for data availability
        Warning: 350163 events were discarded, please refer to the documentation on channel configuration.
        Tracing stopped for session s1

        """#
}
