/*
 * The LTTng-UST tracepoint provider of the notification-latency benchmark: one event,
 * notify_bench:ping, declared the same way as the Spoor app's tracepoint
 * (bench/spoor-bench/Sources/spoor-notify-bench/main.swift).
 *
 *   sent_ns  CLOCK_MONOTONIC (ns) read right before the tracepoint call
 *   seq      0 for priming events, 1...COUNT for measured ones
 */
#undef LTTNG_UST_TRACEPOINT_PROVIDER
#define LTTNG_UST_TRACEPOINT_PROVIDER notify_bench

#undef LTTNG_UST_TRACEPOINT_INCLUDE
#define LTTNG_UST_TRACEPOINT_INCLUDE "./notify-tp.h"

#if !defined(NOTIFY_TP_H) || defined(LTTNG_UST_TRACEPOINT_HEADER_MULTI_READ)
#define NOTIFY_TP_H

#include <lttng/tracepoint.h>
#include <stdint.h>

LTTNG_UST_TRACEPOINT_EVENT(notify_bench, ping,
    LTTNG_UST_TP_ARGS(uint64_t, sent_ns, uint32_t, seq),
    LTTNG_UST_TP_FIELDS(
        lttng_ust_field_integer(uint64_t, sent_ns, sent_ns)
        lttng_ust_field_integer(uint32_t, seq, seq)
    )
)

#endif /* NOTIFY_TP_H */

#include <lttng/tracepoint-event.h>
