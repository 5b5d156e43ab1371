/* Provider diff_ab: alpha (NOTICE), which diff_a* patterns match too. */
#undef LTTNG_UST_TRACEPOINT_PROVIDER
#define LTTNG_UST_TRACEPOINT_PROVIDER diff_ab

#undef LTTNG_UST_TRACEPOINT_INCLUDE
#define LTTNG_UST_TRACEPOINT_INCLUDE "./tp_diff_ab.h"

#if !defined(TP_DIFF_AB_H) || defined(LTTNG_UST_TRACEPOINT_HEADER_MULTI_READ)
#define TP_DIFF_AB_H

#include <lttng/tracepoint.h>

LTTNG_UST_TRACEPOINT_EVENT(diff_ab, alpha,
	LTTNG_UST_TP_ARGS(uint32_t, n, uint64_t, x, const char *, s),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, n, n)
		lttng_ust_field_integer(uint64_t, x, x)
		lttng_ust_field_string(s, s)
	)
)
LTTNG_UST_TRACEPOINT_LOGLEVEL(diff_ab, alpha, LTTNG_UST_TRACEPOINT_LOGLEVEL_NOTICE)

#endif

#include <lttng/tracepoint-event.h>
