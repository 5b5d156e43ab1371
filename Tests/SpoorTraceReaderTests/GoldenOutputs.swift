/// babeltrace2 2.0.4's output (`TZ=UTC babeltrace2 DIR`) for the hand-made traces, recorded
/// once from the real tool. Re-record on purpose: write the traces (see `HandMadeTraces`), run
/// babeltrace2 on each and update these values.
enum GoldenOutputs {
    /// Every line, for the small traces.
    static let lines: [String: [String]] = [
        "big-endian": [
            #"[00:00:00.001048336] (+?.?????????) bighost be:bits: { cpu_id = 3 }, { a = 5, b = -200, nib = 9, c = 10, d = -2, e = 16909060, f = 0.25, g = -2.5 }"#,
            #"[00:00:00.001048832] (+0.000000496) bighost be:bits: { cpu_id = 3 }, { a = 5, b = -199, nib = 9, c = 10, d = -2, e = 16909060, f = 1.25, g = -2.5 }"#,
            #"[00:00:00.001049088] (+0.000000256) bighost be:other: { cpu_id = 3 }, { x = 127 }"#,
        ],
        "clock-in-payload": [
            #"[00:00:00.000000100] (+?.?????????) with_clock: { x = 1 }"#,
            #"[00:00:04.294967496] (+4.294967396) plain: { x = 2 }"#,
            #"[00:00:04.294967596] (+0.000000100) plain: { x = 3 }"#,
        ],
        "clock-frequency": [
            #"[00:00:00.500008000] (+?.?????????) spec-host specapp:ev_small: { cpu_id = 0 }, { v = 0 }"#,
            #"[00:00:33.833345000] (+33.333337000) spec-host specapp:ev_small: { cpu_id = 0 }, { v = 1 }"#,
            #"[00:01:07.166682000] (+33.333337000) spec-host specapp:ev_small: { cpu_id = 0 }, { v = 2 }"#,
            #"[00:01:40.500019000] (+33.333337000) spec-host specapp:ev_small: { cpu_id = 0 }, { v = 3 }"#,
        ],
        "compact-header": [
            #"[00:00:00.134217488] (+?.?????????) spec-host compact:tick: { cpu_id = 0 }, { n = 1 }"#,
            #"[00:00:00.134217984] (+0.000000496) spec-host compact:tick: { cpu_id = 0 }, { n = 2 }"#,
            #"[00:00:00.134218240] (+0.000000256) spec-host compact:far: { cpu_id = 0 }, { n = 0xAB }"#,
            #"[00:00:00.285212416] (+0.150994176) spec-host compact:tick: { cpu_id = 0 }, { n = 4 }"#,
            #"[00:00:00.285212417] (+0.000000001) spec-host compact:tick: { cpu_id = 0 }, { n = 5 }"#,
        ],
        "field-zoo": [
            #"[00:00:00.000001000] (+?.?????????) zoo zoo:numbers: { note = 48879 }, { ctx_a = 0, ctx_s = "ctx" }, { bin8 = 0b10000101, oct16 = 0777775, uoct16 = 0177777, shex32 = 0xFFFFFFFE, shex64 = 0xFFFFFFFFFFFFFFFF, u64max = 18446744073709551615, s64min = -9223372036854775808, bit = 1, tri = -4, hep = 0x5A, thirteen = 0b1101010111100, be12 = 2748, be32 = 0xDEADBEEF, single_char = 65, f1 = 0.1, f2 = 3.40282e+38, d1 = 1e-300, d2 = 1.23457e+08, d3 = inf, d4 = -nan, d5 = 2.5e-05, dbe = 6.02214e+23, e1 = ( "LOW", "MID" : container = 2 ), e2 = ( "LOW", "MID" : container = 3 ), e3 = ( <unknown> : container = 7 ), e4 = ( "quo\"te" : container = 11 ), e5 = ( "NEG" : container = -3 ) }"#,
            #"[00:00:00.000001001] (+0.000000001) zoo zoo:numbers: { note = 48879 }, { ctx_a = 0, ctx_s = "ctx" }, { bin8 = 0b00000101, oct16 = 00, uoct16 = 010, shex32 = 0x7ABCDEF0, shex64 = 0x123456789ABCDEF0, u64max = 18446744073709551615, s64min = -9223372036854775808, bit = 1, tri = 3, hep = 0x5A, thirteen = 0b1101010111100, be12 = 2748, be32 = 0xDEADBEEF, single_char = 10, f1 = -inf, f2 = nan, d1 = -0, d2 = 0.000123457, d3 = 1e+16, d4 = 100000, d5 = 1e+06, dbe = -1.5, e1 = ( "NONE" : container = 0 ), e2 = ( "LOW" : container = 9 ), e3 = ( "_UNDER" : container = 10 ), e4 = ( <unknown> : container = 12 ), e5 = ( "ZERO" : container = 0 ) }"#,
            #"[00:00:00.000002000] (+0.000000999) zoo zoo:compound: { note = 48879 }, { ctx_a = 4660, ctx_s = "ctx" }, { ev_ctx = 0 }, { p = { x = -1, y = 42 }, empty = { }, nest = { a = 9, inner = { b = 0, c = "in0" } }, pair = [ [0] = -7, [1] = 8 ], grid = [ [0] = [ [0] = 1, [1] = 2, [2] = 3 ], [1] = [ [0] = 4, [1] = 5, [2] = 6 ] ], words = [ [0] = "alpha", [1] = "", [2] = "gamma" ], n = 1, items = [ [0] = { len = 3, txt = "xyz", v = 0 } ], none = [ ], kind = ( "NUM" : container = 0 ), value = { 77 }, label = "abc", wide = [ [0] = 65, [1] = 66 ] }"#,
            #"[00:00:00.000002010] (+0.000000010) zoo zoo:compound: { note = 48879 }, { ctx_a = 4660, ctx_s = "ctx" }, { ev_ctx = 1 }, { p = { x = 0, y = 42 }, empty = { }, nest = { a = 9, inner = { b = 1000, c = "in1" } }, pair = [ [0] = -7, [1] = 8 ], grid = [ [0] = [ [0] = 1, [1] = 2, [2] = 3 ], [1] = [ [0] = 4, [1] = 5, [2] = 6 ] ], words = [ [0] = "alpha", [1] = "", [2] = "gamma" ], n = 2, items = [ [0] = { len = 2, txt = "xy", v = 0 }, [1] = { len = 1, txt = "x", v = 1 } ], none = [ ], kind = ( "TEXT" : container = 1 ), value = { "variant text" }, label = "abc", wide = [ [0] = 65, [1] = 66 ] }"#,
            #"[00:00:00.000002020] (+0.000000010) zoo zoo:compound: { note = 48879 }, { ctx_a = 4660, ctx_s = "ctx" }, { ev_ctx = 2 }, { p = { x = 1, y = 42 }, empty = { }, nest = { a = 9, inner = { b = 2000, c = "in2" } }, pair = [ [0] = -7, [1] = 8 ], grid = [ [0] = [ [0] = 1, [1] = 2, [2] = 3 ], [1] = [ [0] = 4, [1] = 5, [2] = 6 ] ], words = [ [0] = "alpha", [1] = "", [2] = "gamma" ], n = 3, items = [ [0] = { len = 1, txt = "x", v = 0 }, [1] = { len = 0, txt = "", v = 1 }, [2] = { len = 0, txt = "", v = 2 } ], none = [ ], kind = ( "PT" : container = 2 ), value = { { x = -1, y = 1 } }, label = "abc", wide = [ [0] = 65, [1] = 66 ] }"#,
            #"[00:00:00.000002030] (+0.000000010) zoo zoo:compound: { note = 48879 }, { ctx_a = 4660, ctx_s = "ctx" }, { ev_ctx = 3 }, { p = { x = 2, y = 42 }, empty = { }, nest = { a = 9, inner = { b = 3000, c = "in3" } }, pair = [ [0] = -7, [1] = 8 ], grid = [ [0] = [ [0] = 1, [1] = 2, [2] = 3 ], [1] = [ [0] = 4, [1] = 5, [2] = 6 ] ], words = [ [0] = "alpha", [1] = "", [2] = "gamma" ], n = 1, items = [ [0] = { len = 0, txt = "", v = 0 } ], none = [ ], kind = ( "NOTHING" : container = 3 ), value = { { } }, label = "abc", wide = [ [0] = 65, [1] = 66 ] }"#,
            #"[00:00:00.000003000] (+0.000000970) zoo zoo:strings: { note = 48879 }, { ctx_a = 0, ctx_s = "ctx" }, { plain = "plain", escapes = "\\\'\"\?\a\b\t\n\v\f\r\e\x01\x1f\x7fA", utf8 = "héllo wörld ✓", ascii = "done" }"#,
            #"[00:00:00.000003100] (+0.000000100) zoo zoo:nothing: { note = 48879 }, { ctx_a = 0, ctx_s = "ctx" }"#,
            #"[00:00:00.000003200] (+0.000000100) zoo zoo:empty: { note = 48879 }, { ctx_a = 0, ctx_s = "ctx" }, { }"#,
        ],
        "lttng-per-pid": [
            #"[00:00:00.000002000] (+?.?????????) spec-host:specapp:(5831) specapp:ev_all: { cpu_id = 1 }, { my_int = 0, my_long_hex = 0x0, my_u8 = 0, my_string = "hello world", my_array = [ [0] = 1, [1] = 2, [2] = 3 ], _my_seq_length = 0, my_seq = [ ], my_text = "hell", _my_seqtext_length = 0, my_seqtext = "", my_double = 0, my_float = 0, my_enum = ( "RED" : container = 0 ) }"#,
            #"[00:00:00.000007000] (+0.000005000) spec-host:specapp:(5831) specapp:ev_small: { cpu_id = 1 }, { v = 0 }"#,
            #"[00:00:00.000012000] (+0.000005000) spec-host:specapp:(5831) specapp:ev_all: { cpu_id = 1 }, { my_int = 1, my_long_hex = 0x3, my_u8 = 1, my_string = "hello world", my_array = [ [0] = 1, [1] = 2, [2] = 3 ], _my_seq_length = 1, my_seq = [ [0] = 1 ], my_text = "hell", _my_seqtext_length = 1, my_seqtext = "h", my_double = 1.5, my_float = 1.5, my_enum = ( "GREEN" : container = 1 ) }"#,
            #"[00:00:00.000017000] (+0.000005000) spec-host:specapp:(5831) specapp:ev_small: { cpu_id = 1 }, { v = -1 }"#,
            #"[00:00:00.000022000] (+0.000005000) spec-host:specapp:(5831) specapp:ev_all: { cpu_id = 1 }, { my_int = 2, my_long_hex = 0x6, my_u8 = 2, my_string = "hello world", my_array = [ [0] = 1, [1] = 2, [2] = 3 ], _my_seq_length = 2, my_seq = [ [0] = 1, [1] = 2 ], my_text = "hell", _my_seqtext_length = 2, my_seqtext = "he", my_double = 3, my_float = 3, my_enum = ( "GREEN" : container = 2 ) }"#,
            #"[00:00:00.000027000] (+0.000005000) spec-host:specapp:(5831) specapp:ev_small: { cpu_id = 1 }, { v = -2 }"#,
            #"[00:00:00.000032000] (+0.000005000) spec-host:specapp:(5831) specapp:ev_all: { cpu_id = 1 }, { my_int = 3, my_long_hex = 0x9, my_u8 = 3, my_string = "tab\there \"quoted\" back\\slash", my_array = [ [0] = 1, [1] = 2, [2] = 3 ], _my_seq_length = 3, my_seq = [ [0] = 1, [1] = 2, [2] = 3 ], my_text = "tab\t", _my_seqtext_length = 3, my_seqtext = "tab", my_double = 4.5, my_float = 4.5, my_enum = ( "GREEN" : container = 3 ) }"#,
            #"[00:00:00.000037000] (+0.000005000) spec-host:specapp:(5831) specapp:ev_small: { cpu_id = 1 }, { v = -3 }"#,
            #"[00:00:00.000042000] (+0.000005000) spec-host:specapp:(5831) specapp:ev_all: { cpu_id = 1 }, { my_int = 4, my_long_hex = 0xC, my_u8 = 4, my_string = "hello world", my_array = [ [0] = 1, [1] = 2, [2] = 3 ], _my_seq_length = 0, my_seq = [ ], my_text = "hell", _my_seqtext_length = 0, my_seqtext = "", my_double = 6, my_float = 6, my_enum = ( "GREEN" : container = 4 ) }"#,
            #"[00:00:00.000047000] (+0.000005000) spec-host:specapp:(5831) specapp:ev_small: { cpu_id = 1 }, { v = -4 }"#,
            #"[00:00:00.000052000] (+0.000005000) spec-host:specapp:(5831) specapp:ev_all: { cpu_id = 1 }, { my_int = 5, my_long_hex = 0xF, my_u8 = 5, my_string = "hello world", my_array = [ [0] = 1, [1] = 2, [2] = 3 ], _my_seq_length = 1, my_seq = [ [0] = 1 ], my_text = "hell", _my_seqtext_length = 1, my_seqtext = "h", my_double = 7.5, my_float = 7.5, my_enum = ( "GREEN" : container = 5 ) }"#,
            #"[00:00:00.000057000] (+0.000005000) spec-host:specapp:(5831) specapp:ev_small: { cpu_id = 1 }, { v = -5 }"#,
        ],
        "no-clock": [
            #"bare: { v = 0 }"#,
            #"bare: { v = 1 }"#,
            #"bare: { v = 2 }"#,
            #"bare: { v = 3 }"#,
            #"other: { s = "s0" }"#,
            #"other: { s = "s1" }"#,
            #"other: { s = "s2" }"#,
            #"other: { s = "s3" }"#,
        ],
        "prefix-variants": [
            #"[00:00:00.000001000] (+?.?????????) specapp:ev_small: { cpu_id = 0 }, { v = 0 }"#,
            #"[00:00:00.000001001] (+0.000000001) pp specapp:ev_small: { cpu_id = 0 }, { v = 1 }"#,
            #"[00:00:00.000001002] (+0.000000001) (7) specapp:ev_small: { cpu_id = 0 }, { v = 2 }"#,
            #"[00:00:00.000001003] (+0.000000001) pp:(-8) specapp:ev_small: { cpu_id = 0 }, { v = 3 }"#,
            #"[00:00:00.000001004] (+0.000000001) h:(9) specapp:ev_small: { cpu_id = 0 }, { v = 4 }"#,
        ],
        "tracefile-pieces": [
            #"[00:00:00.004000100] (+?.?????????) spec-host specapp:ev_small: { cpu_id = 0 }, { v = 40 }"#,
            #"[00:00:00.004001100] (+0.000001000) spec-host specapp:ev_small: { cpu_id = 0 }, { v = 41 }"#,
            #"[00:00:00.004002100] (+0.000001000) spec-host specapp:ev_small: { cpu_id = 0 }, { v = 42 }"#,
            #"[00:00:00.005000100] (+0.000998000) spec-host specapp:ev_small: { cpu_id = 0 }, { v = 50 }"#,
            #"[00:00:00.005001100] (+0.000001000) spec-host specapp:ev_small: { cpu_id = 0 }, { v = 51 }"#,
            #"[00:00:00.005002100] (+0.000001000) spec-host specapp:ev_small: { cpu_id = 0 }, { v = 52 }"#,
            #"[00:00:00.006000100] (+0.000998000) spec-host specapp:ev_small: { cpu_id = 0 }, { v = 60 }"#,
            #"[00:00:00.006001100] (+0.000001000) spec-host specapp:ev_small: { cpu_id = 0 }, { v = 61 }"#,
            #"[00:00:00.006002100] (+0.000001000) spec-host specapp:ev_small: { cpu_id = 0 }, { v = 62 }"#,
            #"[00:00:00.007000100] (+0.000998000) spec-host specapp:ev_small: { cpu_id = 0 }, { v = 70 }"#,
            #"[00:00:00.007001100] (+0.000001000) spec-host specapp:ev_small: { cpu_id = 0 }, { v = 71 }"#,
            #"[00:00:00.007002100] (+0.000001000) spec-host specapp:ev_small: { cpu_id = 0 }, { v = 72 }"#,
            #"[00:00:00.008000100] (+0.000998000) spec-host specapp:ev_small: { cpu_id = 0 }, { v = 80 }"#,
            #"[00:00:00.008001100] (+0.000001000) spec-host specapp:ev_small: { cpu_id = 0 }, { v = 81 }"#,
            #"[00:00:00.008002100] (+0.000001000) spec-host specapp:ev_small: { cpu_id = 0 }, { v = 82 }"#,
            #"[00:00:00.009000100] (+0.000998000) spec-host specapp:ev_small: { cpu_id = 0 }, { v = 90 }"#,
            #"[00:00:00.009001100] (+0.000001000) spec-host specapp:ev_small: { cpu_id = 0 }, { v = 91 }"#,
            #"[00:00:00.009002100] (+0.000001000) spec-host specapp:ev_small: { cpu_id = 0 }, { v = 92 }"#,
        ],
    ]

    /// Line count, FNV-1a 64 of the lines (each followed by a newline) and a few sample lines (index
    /// → line), for the larger traces.
    static let digests: [String: (count: Int, fnv1a: UInt64, samples: [Int: String])] = [
        "discarded-and-gaps": (
            70, 0x8420_36BA_1E6F_0715,
            [
                0:
                    #"[00:00:00.000000010] (+?.?????????) spec-host specapp:ev_all: { cpu_id = 0 }, { my_int = 0, my_long_hex = 0x0, my_u8 = 0, my_string = "hello world", my_array = [ [0] = 1, [1] = 2, [2] = 3 ], _my_seq_length = 0, my_seq = [ ], my_text = "hell", _my_seqtext_length = 0, my_seqtext = "", my_double = 0, my_float = 0, my_enum = ( "RED" : container = 0 ) }"#,
                16:
                    #"[00:00:00.002000010] (+0.000919999) spec-host specapp:ev_all: { cpu_id = 0 }, { my_int = 8, my_long_hex = 0x18, my_u8 = 8, my_string = "hello world", my_array = [ [0] = 1, [1] = 2, [2] = 3 ], _my_seq_length = 0, my_seq = [ ], my_text = "hell", _my_seqtext_length = 0, my_seqtext = "hel", my_double = 12, my_float = 12, my_enum = ( "RED" : container = 0 ) }"#,
                23:
                    #"[00:00:00.002060011] (+0.000000001) spec-host specapp:ev_all: { cpu_id = 1 }, { my_int = 11, my_long_hex = 0x21, my_u8 = 11, my_string = "hello world", my_array = [ [0] = 1, [1] = 2, [2] = 3 ], _my_seq_length = 3, my_seq = [ [0] = 1, [1] = 2, [2] = 3 ], my_text = "hell", _my_seqtext_length = 3, my_seqtext = "hel", my_double = 16.5, my_float = 16.5, my_enum = ( "GREEN" : container = 3 ) }"#,
                35:
                    #"[00:00:00.003040011] (+0.000000001) spec-host specapp:ev_all: { cpu_id = 1 }, { my_int = 17, my_long_hex = 0x33, my_u8 = 17, my_string = "hello world", my_array = [ [0] = 1, [1] = 2, [2] = 3 ], _my_seq_length = 1, my_seq = [ [0] = 1 ], my_text = "hell", _my_seqtext_length = 1, my_seqtext = "h", my_double = 25.5, my_float = 25.5, my_enum = ( "GREEN" : container = 1 ) }"#,
                69:
                    #"[00:00:00.004200011] (+0.000000001) spec-host specapp:ev_all: { cpu_id = 1 }, { my_int = 34, my_long_hex = 0x66, my_u8 = 34, my_string = "hello world", my_array = [ [0] = 1, [1] = 2, [2] = 3 ], _my_seq_length = 2, my_seq = [ [0] = 1, [1] = 2 ], my_text = "hell", _my_seqtext_length = 2, my_seqtext = "he", my_double = 51, my_float = 51, my_enum = ( "GREEN" : container = 2 ) }"#,
            ]
        ),
        "lttng-per-uid": (
            102, 0x47AC_BF75_0E68_8A1C,
            [
                0:
                    #"[00:00:04.293918820] (+?.?????????) spec-host specapp:ev_all: { cpu_id = 0 }, { vpid = 4242, procname = "specapp" }, { my_int = 0, my_long_hex = 0x0, my_u8 = 0, my_string = "hello world", my_array = [ [0] = 1, [1] = 2, [2] = 3 ], _my_seq_length = 0, my_seq = [ ], my_text = "hell", _my_seqtext_length = 0, my_seqtext = "", my_double = 0, my_float = 0, my_enum = ( "RED" : container = 0 ) }"#,
                26:
                    #"[00:00:04.295918855] (+0.000100007) spec-host specapp:ev_all: { cpu_id = 1 }, { vpid = 4242, procname = "specapp" }, { my_int = 108, my_long_hex = 0x144, my_u8 = 108, my_string = "hello world", my_array = [ [0] = 1, [1] = 2, [2] = 3 ], _my_seq_length = 0, my_seq = [ ], my_text = "hell", _my_seqtext_length = 0, my_seqtext = "he", my_double = 162, my_float = 162, my_enum = ( "GREEN" : container = 4 ) }"#,
                34:
                    #"[00:00:04.298918820] (+0.002099938) spec-host specapp:ev_all: { cpu_id = 0 }, { vpid = 4242, procname = "specapp" }, { my_int = 5, my_long_hex = 0xF, my_u8 = 5, my_string = "hello world", my_array = [ [0] = 1, [1] = 2, [2] = 3 ], _my_seq_length = 1, my_seq = [ [0] = 1 ], my_text = "hell", _my_seqtext_length = 1, my_seqtext = "h", my_double = 7.5, my_float = 7.5, my_enum = ( "GREEN" : container = 5 ) }"#,
                51:
                    #"[00:00:04.299918833] (+0.000000007) spec-host specapp:ev_all: { cpu_id = 1 }, { vpid = 4242, procname = "specapp" }, { my_int = 116, my_long_hex = 0x15C, my_u8 = 116, my_string = "hello world", my_array = [ [0] = 1, [1] = 2, [2] = 3 ], _my_seq_length = 0, my_seq = [ ], my_text = "hell", _my_seqtext_length = 0, my_seqtext = "he", my_double = 174, my_float = 174, my_enum = ( "GREEN" : container = 4 ) }"#,
                101:
                    #"[00:00:04.306818882] (+0.000150000) spec-host specapp:ev_small: { cpu_id = 1 }, { vpid = 4242, procname = "specapp" }, { v = 135 }"#,
            ]
        ),
        "many-streams": (
            126, 0x467C_E009_EF2B_0941,
            [
                0:
                    #"[00:00:00.000001000] (+?.?????????) spec-host specapp:ev_all: { cpu_id = 0 }, { vpid = 100, procname = "cpu0" }, { my_int = 0, my_long_hex = 0x0, my_u8 = 0, my_string = "hello world", my_array = [ [0] = 1, [1] = 2, [2] = 3 ], _my_seq_length = 0, my_seq = [ ], my_text = "hell", _my_seqtext_length = 0, my_seqtext = "", my_double = 0, my_float = 0, my_enum = ( "RED" : container = 0 ) }"#,
                31:
                    #"[00:00:00.000054521] (+0.000002713) spec-host specapp:ev_all: { cpu_id = 1 }, { vpid = 101, procname = "cpu1" }, { my_int = 40, my_long_hex = 0x78, my_u8 = 40, my_string = "hello world", my_array = [ [0] = 1, [1] = 2, [2] = 3 ], _my_seq_length = 0, my_seq = [ ], my_text = "hell", _my_seqtext_length = 0, my_seqtext = "he", my_double = 60, my_float = 60, my_enum = ( "RED" : container = 0 ) }"#,
                42:
                    #"[00:00:00.000083340] (+0.000004117) spec-host specapp:ev_all: { cpu_id = 1 }, { vpid = 101, procname = "cpu1" }, { my_int = 61, my_long_hex = 0xB7, my_u8 = 61, my_string = "hello world", my_array = [ [0] = 1, [1] = 2, [2] = 3 ], _my_seq_length = 1, my_seq = [ [0] = 1 ], my_text = "hell", _my_seqtext_length = 1, my_seqtext = "h", my_double = 91.5, my_float = 91.5, my_enum = ( "GREEN" : container = 5 ) }"#,
                63:
                    #"[00:00:00.010001000] (+0.009809470) spec-host specapp:ev_all: { cpu_id = 0 }, { vpid = 100, procname = "cpu0" }, { my_int = 21, my_long_hex = 0x3F, my_u8 = 21, my_string = "hello world", my_array = [ [0] = 1, [1] = 2, [2] = 3 ], _my_seq_length = 1, my_seq = [ [0] = 1 ], my_text = "hell", _my_seqtext_length = 1, my_seqtext = "h", my_double = 31.5, my_float = 31.5, my_enum = ( "GREEN" : container = 5 ) }"#,
                125:
                    #"[00:00:00.010191530] (+0.000006351) spec-host specapp:ev_all: { cpu_id = 3 }, { vpid = 103, procname = "cpu3" }, { my_int = 186, my_long_hex = 0x22E, my_u8 = 186, my_string = "hello world", my_array = [ [0] = 1, [1] = 2, [2] = 3 ], _my_seq_length = 2, my_seq = [ [0] = 1, [1] = 2 ], my_text = "hell", _my_seqtext_length = 2, my_seqtext = "he", my_double = 279, my_float = 279, my_enum = ( "GREEN" : container = 2 ) }"#,
            ]
        ),
        "recycled-text": (
            120, 0x1150_2639_3690_35B3,
            [
                0:
                    #"[00:00:00.000001000] (+?.?????????) spec-host recycle:text: { cpu_id = 0 }, { n = 0, items = [ ], kind = ( "A" : container = 0 ), choice = { "a0" }, fixed_len = 4, top = "t0.." }"#,
                27:
                    #"[00:00:00.000134333] (+0.000003333) spec-host recycle:text: { cpu_id = 1 }, { n = 0, items = [ ], kind = ( "B" : container = 1 ), choice = { { len2 = 0, txt2 = "b12" } }, fixed_len = 4, top = "t13." }"#,
                40:
                    #"[00:00:00.000201000] (+0.000006667) spec-host recycle:text: { cpu_id = 0 }, { n = 2, items = [ [0] = { len = 0, txt = "1" }, [1] = { len = 1, txt = "2" } ], kind = ( "B" : container = 1 ), choice = { { len2 = 3, txt2 = "b20" } }, fixed_len = 0, top = "t1.." }"#,
                60:
                    #"[00:00:00.000301000] (+0.000006667) spec-host recycle:text: { cpu_id = 0 }, { n = 3, items = [ [0] = { len = 2, txt = "30" }, [1] = { len = 2, txt = "30" }, [2] = { len = 2, txt = "30" } ], kind = ( "A" : container = 0 ), choice = { "a30" }, fixed_len = 4, top = "t30." }"#,
                119:
                    #"[00:00:00.000594333] (+0.000003333) spec-host recycle:text: { cpu_id = 1 }, { n = 2, items = [ [0] = { len = 0, txt = "2" }, [1] = { len = 2, txt = "59" } ], kind = ( "B" : container = 1 ), choice = { { len2 = 3, txt2 = "b59" } }, fixed_len = 4, top = "t59." }"#,
            ]
        ),
        "session": (
            34, 0x6371_AB32_93D9_91AD,
            [
                0: #"[00:00:00.000000015] (+?.?????????) snaphost specapp:ev_small: { cpu_id = 0 }, { v = 0 }"#,
                11:
                    #"[00:00:00.000037000] (+0.000005000) spec-host:specapp:(5831) specapp:ev_small: { cpu_id = 1 }, { v = -3 }"#,
                17:
                    #"[00:00:00.000101050] (+0.000000050) spec-host specapp:ev_all: { cpu_id = 1 }, { my_int = 1, my_long_hex = 0x3, my_u8 = 1, my_string = "hello world", my_array = [ [0] = 1, [1] = 2, [2] = 3 ], _my_seq_length = 1, my_seq = [ [0] = 1 ], my_text = "hell", _my_seqtext_length = 1, my_seqtext = "h", my_double = 1.5, my_float = 1.5, my_enum = ( "GREEN" : container = 1 ) }"#,
                33:
                    #"[00:00:00.001301050] (+0.000000050) spec-host specapp:ev_all: { cpu_id = 1 }, { my_int = 13, my_long_hex = 0x27, my_u8 = 13, my_string = "hello world", my_array = [ [0] = 1, [1] = 2, [2] = 3 ], _my_seq_length = 1, my_seq = [ [0] = 1 ], my_text = "hell", _my_seqtext_length = 1, my_seqtext = "h", my_double = 19.5, my_float = 19.5, my_enum = ( "GREEN" : container = 5 ) }"#,
            ]
        ),
        "two-channels": (
            36, 0x26B5_983B_1DA7_50C9,
            [
                0: #"[00:00:00.000001000] (+?.?????????) spec-host chan0:first: { cpu_id = 0 }, { seq = 0 }"#,
                12: #"[00:00:00.000001500] (+0.000000000) spec-host chan1:second: { cpu_id = 0 }, { what = "s1c0k2" }"#,
                18: #"[00:00:00.000002000] (+0.000000000) spec-host chan0:first: { cpu_id = 1 }, { seq = 4 }"#,
                35: #"[00:00:00.000003000] (+0.000000000) spec-host chan1:second: { cpu_id = 1 }, { what = "s1c1k8" }"#,
            ]
        ),
    ]
}
