/*
 * The LTTng-UST tracepoint provider of the benchmark: one event per payload workload, with
 * the same provider, names and field types as the Spoor benchmark's tracepoints
 * (bench/spoor-bench/Sources/spoor-bench/BenchTracepoints.swift), so both tracers record
 * the same events.
 *
 * This is the classic LTTng-UST provider header: it is included once with
 * LTTNG_UST_TRACEPOINT_CREATE_PROBES defined (bench-tp.c) to generate the probes, and
 * normally everywhere else to get the lttng_ust_tracepoint() call sites.
 */
#undef LTTNG_UST_TRACEPOINT_PROVIDER
#define LTTNG_UST_TRACEPOINT_PROVIDER bench

#undef LTTNG_UST_TRACEPOINT_INCLUDE
#define LTTNG_UST_TRACEPOINT_INCLUDE "./bench-tp.h"

#if !defined(BENCH_TP_H) || defined(LTTNG_UST_TRACEPOINT_HEADER_MULTI_READ)
#define BENCH_TP_H

#include <lttng/tracepoint.h>
#include <stdint.h>

LTTNG_UST_TRACEPOINT_EVENT(bench, empty,
    LTTNG_UST_TP_ARGS(),
    LTTNG_UST_TP_FIELDS()
)

LTTNG_UST_TRACEPOINT_EVENT(bench, int32,
    LTTNG_UST_TP_ARGS(int32_t, v),
    LTTNG_UST_TP_FIELDS(
        lttng_ust_field_integer(int32_t, v, v)
    )
)

LTTNG_UST_TRACEPOINT_EVENT(bench, int_string,
    LTTNG_UST_TP_ARGS(int32_t, v, const char *, s),
    LTTNG_UST_TP_FIELDS(
        lttng_ust_field_integer(int32_t, v, v)
        lttng_ust_field_string(s, s)
    )
)

LTTNG_UST_TRACEPOINT_EVENT(bench, ten_int64,
    LTTNG_UST_TP_ARGS(int64_t, a0, int64_t, a1, int64_t, a2, int64_t, a3, int64_t, a4,
                      int64_t, a5, int64_t, a6, int64_t, a7, int64_t, a8, int64_t, a9),
    LTTNG_UST_TP_FIELDS(
        lttng_ust_field_integer(int64_t, a0, a0)
        lttng_ust_field_integer(int64_t, a1, a1)
        lttng_ust_field_integer(int64_t, a2, a2)
        lttng_ust_field_integer(int64_t, a3, a3)
        lttng_ust_field_integer(int64_t, a4, a4)
        lttng_ust_field_integer(int64_t, a5, a5)
        lttng_ust_field_integer(int64_t, a6, a6)
        lttng_ust_field_integer(int64_t, a7, a7)
        lttng_ust_field_integer(int64_t, a8, a8)
        lttng_ust_field_integer(int64_t, a9, a9)
    )
)

LTTNG_UST_TRACEPOINT_EVENT(bench, string128,
    LTTNG_UST_TP_ARGS(const char *, s),
    LTTNG_UST_TP_FIELDS(
        lttng_ust_field_string(s, s)
    )
)

#endif /* BENCH_TP_H */

#include <lttng/tracepoint-event.h>
