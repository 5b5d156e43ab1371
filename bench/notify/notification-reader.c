/*
 * notification-reader: the Spoor subscriber end of the notification-latency benchmark
 * (bench/notify.sh). It reads what `spoor notifications --trigger notify-bench` prints, one
 * JSON object per line and per notification:
 *
 *   {"trigger": "notify-bench", "condition": "event-rule-matches",
 *    "captures": {"sent_ns": 123, "seq": 1}, "time_ns": 456}
 *
 * and reads CLOCK_MONOTONIC as soon as read() returns a notification's bytes, so that, as in
 * lttng-notify-subscriber, latency is measured at the subscriber: received_ns - sent_ns.
 * It is written in C, not in a scripting language, to keep its own cost (wake-up, one read())
 * as close as possible to lttng-notify-subscriber's: a Python reader added about 35 us.
 *
 *   spoor notifications --trigger notify-bench | notification-reader COUNT SYNC_DIR IDLE_S RAW_FILE
 *
 * It creates SYNC_DIR/ready when started, SYNC_DIR/primed on the first priming notification
 * (seq 0), stops after COUNT measured notifications (seq >= 1), at end of input, or after
 * IDLE_S seconds without input, and prints what lttng-notify-subscriber prints (daemon_ns is
 * the notification's time_ns, for information only):
 *
 *   seq=S sent_ns=T received_ns=R latency_ns=L daemon_ns=D
 *   received=N dropped_reports=0
 *
 * Only the numbers after the keys "sent_ns", "seq" and "time_ns" are read here, whatever the
 * spacing and the order of keys; every line also goes to RAW_FILE, stamped as
 * `received_ns<TAB>line`, where report.py checks that it is valid JSON with these fields.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct record {
    uint64_t seq, sent_ns, received_ns, daemon_ns;
};

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void create_file(const char *directory, const char *name) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", directory, name);
    int fd = open(path, O_CREAT | O_WRONLY, 0644);
    if (fd < 0) {
        perror(path);
        exit(1);
    }
    close(fd);
}

/* The unsigned number after the JSON key `"key"` (and a colon) in `line`; -1 when absent. */
static int number_after_key(const char *line, const char *key, uint64_t *value) {
    char quoted[64];
    snprintf(quoted, sizeof quoted, "\"%s\"", key);
    const char *p = strstr(line, quoted);
    if (!p) return -1;
    p += strlen(quoted);
    while (*p == ' ' || *p == '\t') p++;
    if (*p++ != ':') return -1;
    while (*p == ' ' || *p == '\t') p++;
    char *end;
    *value = strtoull(p, &end, 10);
    return end == p ? -1 : 0;
}

int main(int argc, char **argv) {
    if (argc != 5 || atol(argv[1]) <= 0 || atol(argv[3]) <= 0) {
        fprintf(stderr, "usage: notification-reader COUNT SYNC_DIR IDLE_S RAW_FILE\n");
        return 2;
    }
    long count = atol(argv[1]), received = 0;
    const char *sync_dir = argv[2];
    int idle_ms = (int)atol(argv[3]) * 1000;
    FILE *raw = fopen(argv[4], "w");
    struct record *records = calloc((size_t)count, sizeof *records);
    if (!raw || !records) {
        perror("notification-reader");
        return 1;
    }
    create_file(sync_dir, "ready");

    static char buffer[1 << 16];
    size_t used = 0;
    int primed = 0, timeout_ms = idle_ms + 30000; /* the app may take up to 30 s to prime */
    while (received < count) {
        struct pollfd input = {.fd = 0, .events = POLLIN};
        if (poll(&input, 1, timeout_ms) <= 0) break;
        ssize_t n = read(0, buffer + used, sizeof buffer - 1 - used);
        /* The measurement: the first thing done once the bytes are in hand. */
        uint64_t received_ns = now_ns();
        if (n <= 0) break;
        used += (size_t)n;
        buffer[used] = '\0';
        char *line = buffer, *newline;
        while ((newline = strchr(line, '\n')) != NULL) {
            *newline = '\0';
            if (*line) {
                fprintf(raw, "%llu\t%s\n", (unsigned long long)received_ns, line);
                struct record record = {.received_ns = received_ns};
                if (number_after_key(line, "seq", &record.seq) != 0 ||
                    number_after_key(line, "sent_ns", &record.sent_ns) != 0) {
                    fprintf(stderr, "notification-reader: no captured seq and sent_ns in: %.200s\n", line);
                    return 1;
                }
                number_after_key(line, "time_ns", &record.daemon_ns);
                if (record.seq == 0) {
                    if (!primed) create_file(sync_dir, "primed");
                    primed = 1;
                } else if (received < count) {
                    records[received++] = record;
                    timeout_ms = idle_ms;
                }
            }
            line = newline + 1;
        }
        used = strlen(line);
        memmove(buffer, line, used);
        if (used == sizeof buffer - 1) {
            fprintf(stderr, "notification-reader: a line longer than %zu bytes\n", sizeof buffer - 1);
            return 1;
        }
    }

    for (long i = 0; i < received; i++)
        printf("seq=%llu sent_ns=%llu received_ns=%llu latency_ns=%lld daemon_ns=%llu\n",
               (unsigned long long)records[i].seq, (unsigned long long)records[i].sent_ns,
               (unsigned long long)records[i].received_ns,
               (long long)(records[i].received_ns - records[i].sent_ns), (unsigned long long)records[i].daemon_ns);
    printf("received=%ld dropped_reports=0\n", received);
    fclose(raw);
    return 0;
}
