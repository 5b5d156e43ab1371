/* Provider diff_c: one event for each remaining log level. */
#undef LTTNG_UST_TRACEPOINT_PROVIDER
#define LTTNG_UST_TRACEPOINT_PROVIDER diff_c

#undef LTTNG_UST_TRACEPOINT_INCLUDE
#define LTTNG_UST_TRACEPOINT_INCLUDE "./tp_diff_c.h"

#if !defined(TP_DIFF_C_H) || defined(LTTNG_UST_TRACEPOINT_HEADER_MULTI_READ)
#define TP_DIFF_C_H

#include <lttng/tracepoint.h>

LTTNG_UST_TRACEPOINT_EVENT(diff_c, zeta,
	LTTNG_UST_TP_ARGS(uint32_t, n, uint8_t, u8, int8_t, x),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, n, n)
		lttng_ust_field_integer(uint8_t, u8, u8)
		lttng_ust_field_integer(int8_t, x, x)
	)
)
LTTNG_UST_TRACEPOINT_LOGLEVEL(diff_c, zeta, LTTNG_UST_TRACEPOINT_LOGLEVEL_ALERT)

LTTNG_UST_TRACEPOINT_EVENT(diff_c, eta,
	LTTNG_UST_TP_ARGS(uint32_t, n, double, d),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, n, n)
		lttng_ust_field_float(double, d, d)
	)
)
LTTNG_UST_TRACEPOINT_LOGLEVEL(diff_c, eta, LTTNG_UST_TRACEPOINT_LOGLEVEL_DEBUG_PROGRAM)

LTTNG_UST_TRACEPOINT_EVENT(diff_c, omega,
	LTTNG_UST_TP_ARGS(uint32_t, n),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, n, n)
	)
)
LTTNG_UST_TRACEPOINT_LOGLEVEL(diff_c, omega, LTTNG_UST_TRACEPOINT_LOGLEVEL_DEBUG_SYSTEM)

LTTNG_UST_TRACEPOINT_EVENT(diff_c, omega2,
	LTTNG_UST_TP_ARGS(uint32_t, n, uint32_t, h),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, n, n)
		lttng_ust_field_integer_hex(uint32_t, h, h)
	)
)
LTTNG_UST_TRACEPOINT_LOGLEVEL(diff_c, omega2, LTTNG_UST_TRACEPOINT_LOGLEVEL_DEBUG_FUNCTION)

LTTNG_UST_TRACEPOINT_EVENT(diff_c, kappa,
	LTTNG_UST_TP_ARGS(uint32_t, n, int16_t, x),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, n, n)
		lttng_ust_field_integer(int16_t, x, x)
	)
)
LTTNG_UST_TRACEPOINT_LOGLEVEL(diff_c, kappa, LTTNG_UST_TRACEPOINT_LOGLEVEL_DEBUG_PROCESS)

LTTNG_UST_TRACEPOINT_EVENT(diff_c, lambda,
	LTTNG_UST_TP_ARGS(uint32_t, n, uint16_t, x),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, n, n)
		lttng_ust_field_integer(uint16_t, x, x)
	)
)
LTTNG_UST_TRACEPOINT_LOGLEVEL(diff_c, lambda, LTTNG_UST_TRACEPOINT_LOGLEVEL_DEBUG_MODULE)

LTTNG_UST_TRACEPOINT_EVENT(diff_c, mu,
	LTTNG_UST_TP_ARGS(uint32_t, n, uint32_t, x),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, n, n)
		lttng_ust_field_integer(uint32_t, x, x)
	)
)
LTTNG_UST_TRACEPOINT_LOGLEVEL(diff_c, mu, LTTNG_UST_TRACEPOINT_LOGLEVEL_DEBUG_UNIT)

LTTNG_UST_TRACEPOINT_EVENT(diff_c, nu,
	LTTNG_UST_TP_ARGS(uint32_t, n, int32_t, x),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, n, n)
		lttng_ust_field_integer(int32_t, x, x)
	)
)
LTTNG_UST_TRACEPOINT_LOGLEVEL(diff_c, nu, LTTNG_UST_TRACEPOINT_LOGLEVEL_DEBUG_LINE)

#endif

#include <lttng/tracepoint-event.h>
