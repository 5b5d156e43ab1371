/* Generates the probes of notify-tp.h (see lttng-ust(3), "Tracepoint provider"). */
#define LTTNG_UST_TRACEPOINT_CREATE_PROBES
#define LTTNG_UST_TRACEPOINT_DEFINE
#include "notify-tp.h"
