/*
 * lttng-notify-app: the LTTng-UST app of the notification-latency benchmark (bench/notify.sh).
 * The Swift app (bench/spoor-bench/Sources/spoor-notify-bench) takes the same arguments and
 * follows the same handshake: keep the two in step.
 *
 *   lttng-notify-app COUNT INTERVAL_US SYNC_DIR
 *
 * It waits for SYNC_DIR/ready (the subscriber has registered its trigger and subscribed),
 * then emits priming events (seq 0) every 10 x INTERVAL_US until SYNC_DIR/primed exists (the
 * subscriber has received one: the whole path app -> session daemon -> subscriber works), then
 * COUNT measured events, seq 1...COUNT, one every INTERVAL_US on an absolute schedule, so that
 * notifications never queue behind each other. Each event carries sent_ns, CLOCK_MONOTONIC
 * read right before the tracepoint call; the subscriber's latency is its own CLOCK_MONOTONIC
 * on receipt minus sent_ns. Prints `sent=COUNT` at the end.
 *
 * LTTng-UST registers with the session daemon in its constructor, before main(), and gets
 * the event notifiers of the registered triggers then.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "notify-tp.h"

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Sleeps until the CLOCK_MONOTONIC instant `deadline` (ns): the schedule never drifts. */
static void sleep_until(uint64_t deadline) {
    struct timespec ts = {.tv_sec = deadline / 1000000000ull, .tv_nsec = deadline % 1000000000ull};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR) {}
}

/*
 * Polls every millisecond for `path`, for at most `timeout_s` seconds (a bounded wait);
 * with `prime_interval_ns` non-zero, emits a priming event (seq 0) that often meanwhile.
 */
static int wait_for_file(const char *path, uint64_t timeout_s, uint64_t prime_interval_ns) {
    uint64_t deadline = now_ns() + timeout_s * 1000000000ull, next = now_ns();
    while (access(path, F_OK) != 0) {
        uint64_t now = now_ns();
        if (now > deadline) return -1;
        if (prime_interval_ns && now >= next) {
            lttng_ust_tracepoint(notify_bench, ping, now_ns(), 0);
            next = now + prime_interval_ns;
        }
        usleep(1000);
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 4 || atol(argv[1]) <= 0 || atol(argv[2]) <= 0) {
        fprintf(stderr, "usage: lttng-notify-app COUNT INTERVAL_US SYNC_DIR\n");
        return 2;
    }
    uint32_t count = (uint32_t)atol(argv[1]);
    uint64_t interval = (uint64_t)atol(argv[2]) * 1000;
    char ready[4096], primed[4096];
    snprintf(ready, sizeof ready, "%s/ready", argv[3]);
    snprintf(primed, sizeof primed, "%s/primed", argv[3]);

    if (wait_for_file(ready, 30, 0) != 0) {
        fprintf(stderr, "lttng-notify-app: %s did not appear within 30 s\n", ready);
        return 1;
    }
    if (wait_for_file(primed, 30, 10 * interval) != 0) {
        fprintf(stderr, "lttng-notify-app: no priming notification reached the subscriber within 30 s\n");
        return 1;
    }

    uint64_t deadline = now_ns() + interval;
    for (uint32_t seq = 1; seq <= count; seq++) {
        sleep_until(deadline);
        /* The clock read is the last thing before the tracepoint call: latency starts here. */
        lttng_ust_tracepoint(notify_bench, ping, now_ns(), seq);
        deadline += interval;
    }
    printf("sent=%u\n", count);
    return 0;
}
