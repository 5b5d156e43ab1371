/* Provider diff_b: alpha (EMERG) and delta (DEBUG). */
#undef LTTNG_UST_TRACEPOINT_PROVIDER
#define LTTNG_UST_TRACEPOINT_PROVIDER diff_b

#undef LTTNG_UST_TRACEPOINT_INCLUDE
#define LTTNG_UST_TRACEPOINT_INCLUDE "./tp_diff_b.h"

#if !defined(TP_DIFF_B_H) || defined(LTTNG_UST_TRACEPOINT_HEADER_MULTI_READ)
#define TP_DIFF_B_H

#include <lttng/tracepoint.h>

LTTNG_UST_TRACEPOINT_ENUM(diff_b, color,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("red", 0)
		lttng_ust_field_enum_value("green", 1)
		lttng_ust_field_enum_value("blue", 2)
	)
)

LTTNG_UST_TRACEPOINT_EVENT(diff_b, alpha,
	LTTNG_UST_TP_ARGS(uint32_t, n, const int64_t *, arr, const uint32_t *, sq, unsigned int, sq_len, float, x),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, n, n)
		lttng_ust_field_array(int64_t, arr, arr, 2)
		lttng_ust_field_sequence(uint32_t, sq, sq, unsigned int, sq_len)
		lttng_ust_field_float(float, x, x)
	)
)
LTTNG_UST_TRACEPOINT_LOGLEVEL(diff_b, alpha, LTTNG_UST_TRACEPOINT_LOGLEVEL_EMERG)

LTTNG_UST_TRACEPOINT_EVENT(diff_b, delta,
	LTTNG_UST_TP_ARGS(uint32_t, n, const char *, x, const char *, s, int32_t, e),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, n, n)
		lttng_ust_field_string(x, x)
		lttng_ust_field_string(s, s)
		lttng_ust_field_enum(diff_b, color, int32_t, e, e)
	)
)
LTTNG_UST_TRACEPOINT_LOGLEVEL(diff_b, delta, LTTNG_UST_TRACEPOINT_LOGLEVEL_DEBUG)

#endif

#include <lttng/tracepoint-event.h>
