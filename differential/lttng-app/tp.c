/* The tracepoint provider package: the probes of every provider of the differential app. */
#define LTTNG_UST_TRACEPOINT_CREATE_PROBES
#include "tp_diff_a.h"
#include "tp_diff_ab.h"
#include "tp_diff_b.h"
#include "tp_diff_bx.h"
#include "tp_diff_c.h"
