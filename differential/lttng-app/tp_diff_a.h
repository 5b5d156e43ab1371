/* Provider diff_a: alpha (INFO, every field type), alphabet (no log level), beta (WARNING). */
#undef LTTNG_UST_TRACEPOINT_PROVIDER
#define LTTNG_UST_TRACEPOINT_PROVIDER diff_a

#undef LTTNG_UST_TRACEPOINT_INCLUDE
#define LTTNG_UST_TRACEPOINT_INCLUDE "./tp_diff_a.h"

#if !defined(TP_DIFF_A_H) || defined(LTTNG_UST_TRACEPOINT_HEADER_MULTI_READ)
#define TP_DIFF_A_H

#include <lttng/tracepoint.h>
#include "rows.h"

LTTNG_UST_TRACEPOINT_ENUM(diff_a, color,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("red", 0)
		lttng_ust_field_enum_value("green", 1)
		lttng_ust_field_enum_value("blue", 2)
	)
)

LTTNG_UST_TRACEPOINT_EVENT(diff_a, alpha,
	LTTNG_UST_TP_ARGS(uint32_t, n, const struct alpha_row *, r),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, n, n)
		lttng_ust_field_integer(int8_t, i8, r->i8)
		lttng_ust_field_integer(int16_t, i16, r->i16)
		lttng_ust_field_integer(int32_t, i32, r->i32)
		lttng_ust_field_integer(int64_t, i64, r->i64)
		lttng_ust_field_integer(uint8_t, u8, r->u8)
		lttng_ust_field_integer(uint16_t, u16, r->u16)
		lttng_ust_field_integer(uint32_t, u32, r->u32)
		lttng_ust_field_integer(uint64_t, u64, r->u64)
		lttng_ust_field_integer_hex(uint64_t, h, r->h)
		lttng_ust_field_float(float, f, r->f)
		lttng_ust_field_float(double, d, r->d)
		lttng_ust_field_string(s, r->s)
		lttng_ust_field_string(t, r->t)
		lttng_ust_field_enum(diff_a, color, int32_t, color, r->color)
		lttng_ust_field_array(int32_t, arr, r->arr, 3)
		lttng_ust_field_sequence(int16_t, sq, r->sq, unsigned int, r->sq_len)
		lttng_ust_field_integer(int32_t, x, r->x)
	)
)
LTTNG_UST_TRACEPOINT_LOGLEVEL(diff_a, alpha, LTTNG_UST_TRACEPOINT_LOGLEVEL_INFO)

/* No LTTNG_UST_TRACEPOINT_LOGLEVEL: the default level, TRACE_DEBUG_LINE. */
LTTNG_UST_TRACEPOINT_EVENT(diff_a, alphabet,
	LTTNG_UST_TP_ARGS(uint32_t, n, const char *, s, int64_t, x),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, n, n)
		lttng_ust_field_string(s, s)
		lttng_ust_field_integer(int64_t, x, x)
	)
)

LTTNG_UST_TRACEPOINT_EVENT(diff_a, beta,
	LTTNG_UST_TP_ARGS(uint32_t, n, double, x, const char *, s, int64_t, i64),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, n, n)
		lttng_ust_field_float(double, x, x)
		lttng_ust_field_string(s, s)
		lttng_ust_field_integer(int64_t, i64, i64)
	)
)
LTTNG_UST_TRACEPOINT_LOGLEVEL(diff_a, beta, LTTNG_UST_TRACEPOINT_LOGLEVEL_WARNING)

#endif

#include <lttng/tracepoint-event.h>
