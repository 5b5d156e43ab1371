/* Provider diff_bx: gamma (ERR) and gamma2 (CRIT). */
#undef LTTNG_UST_TRACEPOINT_PROVIDER
#define LTTNG_UST_TRACEPOINT_PROVIDER diff_bx

#undef LTTNG_UST_TRACEPOINT_INCLUDE
#define LTTNG_UST_TRACEPOINT_INCLUDE "./tp_diff_bx.h"

#if !defined(TP_DIFF_BX_H) || defined(LTTNG_UST_TRACEPOINT_HEADER_MULTI_READ)
#define TP_DIFF_BX_H

#include <lttng/tracepoint.h>

LTTNG_UST_TRACEPOINT_EVENT(diff_bx, gamma,
	LTTNG_UST_TP_ARGS(uint32_t, n, const char *, x, int32_t, i32),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, n, n)
		lttng_ust_field_string(x, x)
		lttng_ust_field_integer(int32_t, i32, i32)
	)
)
LTTNG_UST_TRACEPOINT_LOGLEVEL(diff_bx, gamma, LTTNG_UST_TRACEPOINT_LOGLEVEL_ERR)

LTTNG_UST_TRACEPOINT_EVENT(diff_bx, gamma2,
	LTTNG_UST_TP_ARGS(uint32_t, n, const char *, s),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, n, n)
		lttng_ust_field_string(s, s)
	)
)
LTTNG_UST_TRACEPOINT_LOGLEVEL(diff_bx, gamma2, LTTNG_UST_TRACEPOINT_LOGLEVEL_CRIT)

#endif

#include <lttng/tracepoint-event.h>
