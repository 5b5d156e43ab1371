// Output of the real LTTng 2.13.9 `lttng` command, recorded in a private mount namespace
// (/tmp/lttng-transcript*.txt and later runs of the same kind), copied verbatim except that
// `lttng list <session_name>` hints read `spoor list`. Re-record on purpose, never edit by hand.

/// What the real `lttng list` printed of sessions with several channels, filtered and with losses.
extension LTTngTranscripts {
    /// `lttng list s1` with five channels, odd sizes, disabled rules.
    static let detailFiveChannels = #"""
        Recording session s1: [inactive]
            Trace output: /tmp/cliref-home/out

        === Domain: User space ===

        Buffering scheme: per-user

        Tracked process attributes
          Virtual process IDs:  all
          Virtual user IDs:     all
          Virtual group IDs:    all

        Channels:
        -------------
        - ch2: [enabled]

            Attributes:
              Event-loss mode:  discard
              Sub-buffer size:  8192 bytes
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
              None

        - ch3: [enabled]

            Attributes:
              Event-loss mode:  discard
              Sub-buffer size:  16777216 bytes
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
              None

        - nochan3: [enabled]

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
              * (type: tracepoint) [enabled]

        - nochan2: [enabled]

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
              a:a (type: tracepoint) [enabled]

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
              d:d (type: tracepoint) [enabled]
              b:b (type: tracepoint) [enabled]
              a:a (type: tracepoint) [disabled]
              z* (type: tracepoint) [enabled]
              c:c (type: tracepoint) [disabled]


        """#

    /// `lttng list s1 -c channel0`.
    static let detailChannelFilter = #"""
        Recording session s1: [inactive]
            Trace output: /tmp/cliref-home/out

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
              d:d (type: tracepoint) [enabled]
              b:b (type: tracepoint) [enabled]
              a:a (type: tracepoint) [disabled]
              z* (type: tracepoint) [enabled]
              c:c (type: tracepoint) [disabled]


        """#

    /// `lttng list s1 -u`: no domain or buffering lines.
    static let detailUserspaceOnly = #"""
        Recording session s1: [inactive]
            Trace output: /tmp/cliref-home/out

        Tracked process attributes
          Virtual process IDs:  all
          Virtual user IDs:     all
          Virtual group IDs:    all

        Channels:
        -------------
        - nochan3: [enabled]

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
              * (type: tracepoint) [enabled]

        - nochan2: [enabled]

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
              a:a (type: tracepoint) [enabled]

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
              d:d (type: tracepoint) [enabled]
              b:b (type: tracepoint) [enabled]
              a:a (type: tracepoint) [disabled]
              z* (type: tracepoint) [enabled]
              c:c (type: tracepoint) [disabled]


        """#

    /// `lttng list s1` after a small channel discarded events.
    static let detailDiscardedEvents = #"""
        Recording session s1: [inactive]
            Trace output: /tmp/cliref-home/out

        === Domain: User space ===

        Buffering scheme: per-user

        Tracked process attributes
          Virtual process IDs:  all
          Virtual user IDs:     all
          Virtual group IDs:    all

        Channels:
        -------------
        - small: [enabled]

            Attributes:
              Event-loss mode:  discard
              Sub-buffer size:  4096 bytes
              Sub-buffer count: 2
              Switch timer:     inactive
              Read timer:       inactive
              Monitor timer:    1000000 us
              Blocking timeout: 0 us
              Trace file count: 1 per stream
              Trace file size:  unlimited
              Output mode:      mmap

            Statistics:
              Discarded events: 350163

            Recording event rules:
              specapp:* (type: tracepoint) [enabled]


        """#
}
