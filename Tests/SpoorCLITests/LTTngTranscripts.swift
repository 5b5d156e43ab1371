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

    /// `lttng list -u` with the spec app running.
    static let tracepointList = #"""
        UST events:
        -------------

        PID: 6592 - Name: /tmp/cliref/specapp
              specapp:ev_small (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)
              specapp:ev_all (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)
              lttng_ust_lib:unload (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)
              lttng_ust_lib:debug_link (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)
              lttng_ust_lib:build_id (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)
              lttng_ust_lib:load (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)
              lttng_ust_tracef:event (loglevel: TRACE_DEBUG (14)) (type: tracepoint)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_DEBUG (loglevel: TRACE_DEBUG (14)) (type: tracepoint)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_DEBUG_LINE (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_DEBUG_FUNCTION (loglevel: TRACE_DEBUG_FUNCTION (12)) (type: tracepoint)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_DEBUG_UNIT (loglevel: TRACE_DEBUG_UNIT (11)) (type: tracepoint)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_DEBUG_MODULE (loglevel: TRACE_DEBUG_MODULE (10)) (type: tracepoint)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_DEBUG_PROCESS (loglevel: TRACE_DEBUG_PROCESS (9)) (type: tracepoint)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_DEBUG_PROGRAM (loglevel: TRACE_DEBUG_PROGRAM (8)) (type: tracepoint)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_DEBUG_SYSTEM (loglevel: TRACE_DEBUG_SYSTEM (7)) (type: tracepoint)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_INFO (loglevel: TRACE_INFO (6)) (type: tracepoint)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_NOTICE (loglevel: TRACE_NOTICE (5)) (type: tracepoint)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_WARNING (loglevel: TRACE_WARNING (4)) (type: tracepoint)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_ERR (loglevel: TRACE_ERR (3)) (type: tracepoint)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_CRIT (loglevel: TRACE_CRIT (2)) (type: tracepoint)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_ALERT (loglevel: TRACE_ALERT (1)) (type: tracepoint)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_EMERG (loglevel: TRACE_EMERG (0)) (type: tracepoint)
              lttng_ust_statedump:end (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)
              lttng_ust_statedump:procname (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)
              lttng_ust_statedump:debug_link (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)
              lttng_ust_statedump:build_id (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)
              lttng_ust_statedump:bin_info (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)
              lttng_ust_statedump:start (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)


        """#

    /// `lttng list -u -f` with the spec app running (LTTng lists fields in reverse, and repeats other events' fields).
    static let tracepointFields = #"""
        UST events:
        -------------

        PID: 8341 - Name: /tmp/cliref/specapp
              specapp:ev_small (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)
                field: v (integer)
              specapp:ev_all (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)
                field: my_enum (enum)
                field: my_float (float)
                field: my_double (float)
                field: my_seqtext (string)
                field: _my_seqtext_length (integer)
                field: my_text (string)
                field: my_seq (unknown)
                field: _my_seq_length (integer)
                field: my_array (unknown)
                field: my_string (string)
                field: my_u8 (integer)
                field: my_long_hex (integer)
                field: my_int (integer)
              lttng_ust_lib:unload (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)
                field: baddr (integer)
              lttng_ust_lib:debug_link (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)
                field: filename (string)
                field: crc (integer)
                field: baddr (integer)
              lttng_ust_lib:build_id (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)
                field: build_id (unknown)
                field: _build_id_length (integer)
                field: baddr (integer)
              lttng_ust_lib:load (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)
                field: has_debug_link (integer)
                field: has_build_id (integer)
                field: path (string)
                field: memsz (integer)
                field: baddr (integer)
              lttng_ust_tracef:event (loglevel: TRACE_DEBUG (14)) (type: tracepoint)
                field: msg (string)
                field: _msg_length (integer)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_DEBUG (loglevel: TRACE_DEBUG (14)) (type: tracepoint)
                field: msg (string)
                field: _msg_length (integer)
                field: func (string)
                field: file (string)
                field: line (integer)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_DEBUG_LINE (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)
                field: msg (string)
                field: _msg_length (integer)
                field: func (string)
                field: file (string)
                field: line (integer)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_DEBUG_FUNCTION (loglevel: TRACE_DEBUG_FUNCTION (12)) (type: tracepoint)
                field: msg (string)
                field: _msg_length (integer)
                field: func (string)
                field: file (string)
                field: line (integer)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_DEBUG_UNIT (loglevel: TRACE_DEBUG_UNIT (11)) (type: tracepoint)
                field: msg (string)
                field: _msg_length (integer)
                field: func (string)
                field: file (string)
                field: line (integer)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_DEBUG_MODULE (loglevel: TRACE_DEBUG_MODULE (10)) (type: tracepoint)
                field: msg (string)
                field: _msg_length (integer)
                field: func (string)
                field: file (string)
                field: line (integer)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_DEBUG_PROCESS (loglevel: TRACE_DEBUG_PROCESS (9)) (type: tracepoint)
                field: msg (string)
                field: _msg_length (integer)
                field: func (string)
                field: file (string)
                field: line (integer)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_DEBUG_PROGRAM (loglevel: TRACE_DEBUG_PROGRAM (8)) (type: tracepoint)
                field: msg (string)
                field: _msg_length (integer)
                field: func (string)
                field: file (string)
                field: line (integer)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_DEBUG_SYSTEM (loglevel: TRACE_DEBUG_SYSTEM (7)) (type: tracepoint)
                field: msg (string)
                field: _msg_length (integer)
                field: func (string)
                field: file (string)
                field: line (integer)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_INFO (loglevel: TRACE_INFO (6)) (type: tracepoint)
                field: msg (string)
                field: _msg_length (integer)
                field: func (string)
                field: file (string)
                field: line (integer)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_NOTICE (loglevel: TRACE_NOTICE (5)) (type: tracepoint)
                field: msg (string)
                field: _msg_length (integer)
                field: func (string)
                field: file (string)
                field: line (integer)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_WARNING (loglevel: TRACE_WARNING (4)) (type: tracepoint)
                field: msg (string)
                field: _msg_length (integer)
                field: func (string)
                field: file (string)
                field: line (integer)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_ERR (loglevel: TRACE_ERR (3)) (type: tracepoint)
                field: msg (string)
                field: _msg_length (integer)
                field: func (string)
                field: file (string)
                field: line (integer)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_CRIT (loglevel: TRACE_CRIT (2)) (type: tracepoint)
                field: msg (string)
                field: _msg_length (integer)
                field: func (string)
                field: file (string)
                field: line (integer)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_ALERT (loglevel: TRACE_ALERT (1)) (type: tracepoint)
                field: msg (string)
                field: _msg_length (integer)
                field: func (string)
                field: file (string)
                field: line (integer)
              lttng_ust_tracelog:LTTNG_UST_TRACEPOINT_LOGLEVEL_EMERG (loglevel: TRACE_EMERG (0)) (type: tracepoint)
                field: msg (string)
                field: _msg_length (integer)
                field: func (string)
                field: file (string)
                field: line (integer)
              lttng_ust_statedump:end (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)
              lttng_ust_statedump:procname (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)
                field: procname (string)
              lttng_ust_statedump:debug_link (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)
                field: filename (string)
                field: crc (integer)
                field: baddr (integer)
              lttng_ust_statedump:build_id (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)
                field: build_id (unknown)
                field: _build_id_length (integer)
                field: baddr (integer)
              lttng_ust_statedump:bin_info (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)
                field: has_debug_link (integer)
                field: has_build_id (integer)
                field: is_pic (integer)
                field: path (string)
                field: memsz (integer)
                field: baddr (integer)
              lttng_ust_statedump:start (loglevel: TRACE_DEBUG_LINE (13)) (type: tracepoint)


        """#

    /// `lttng stop` after a small channel discarded events.
    static let stopWithDiscardedEvents = #"""
        Waiting for data availability
        Warning: 350163 events were discarded, please refer to the documentation on channel configuration.
        Tracing stopped for session s1

        """#
}
