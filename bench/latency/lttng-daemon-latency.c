/*
 * lttng-daemon-latency: the LTTng 2.13 half of bench/daemon-latency.sh, the same measurement
 * as spoor-bench/Sources/spoor-daemon-latency through liblttng-ctl and LTTng-UST.
 *
 *   lttng-daemon-latency measure stop|snapshot ROUNDS FILL_MIB
 *   lttng-daemon-latency register        (a registration probe: prints CLOCK_MONOTONIC in ns
 *                                         at the start of main, after LTTng-UST's constructor
 *                                         has registered with the session daemon)
 *
 * Output: one line per sample, `PHASE PROBE LATENCY_NS`, and `slowop SLOW DURATION_NS` per
 * round, exactly as the Spoor program prints them.
 */
#define _GNU_SOURCE
#include <lttng/lttng.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench-tp.h"

extern char **environ;

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void check(int ret, const char *what)
{
    if (ret < 0) {
        fprintf(stderr, "lttng-daemon-latency: %s: %s\n", what, lttng_strerror(ret));
        exit(1);
    }
}

/* liblttng-ctl is not thread-safe (one global connection to the session daemon), so each probe
 * is a process of its own: it records its samples until the parent sets *done, then writes
 * them to its pipe as `PROBE BEGIN_NS LATENCY_NS` lines. */
static atomic_bool *done;
static const char *self_path;
/* Where sessions write, as `lttng create` chooses it: $LTTNG_HOME/lttng-traces. */
static char output[2048];

struct probe {
    const char *name;
    uint64_t (*call)(int serial); /* returns the latency */
    useconds_t pause;
    pid_t pid;
    FILE *samples;
};

static uint64_t list_sessions(int serial)
{
    (void)serial;
    struct lttng_session *sessions = NULL;
    uint64_t begin = now_ns();
    check(lttng_list_sessions(&sessions), "list sessions");
    uint64_t latency = now_ns() - begin;
    free(sessions);
    return latency;
}

static uint64_t create_and_destroy(int serial)
{
    char name[64];
    snprintf(name, sizeof(name), "probe-%d-%d", (int)getpid(), serial);
    char url[4096];
    snprintf(url, sizeof(url), "file://%s/%s", output, name);
    uint64_t begin = now_ns();
    check(lttng_create_session(name, url), "create session");
    check(lttng_destroy_session(name), "destroy session");
    return now_ns() - begin;
}

/* Spawns `self register` and returns the time from the spawn to the child's main. */
static uint64_t registration_ns(void)
{
    int fds[2];
    if (pipe(fds) != 0) abort();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    char *argv[] = { (char *)self_path, "register", NULL };
    pid_t pid;
    uint64_t begin = now_ns();
    if (posix_spawn(&pid, self_path, &actions, NULL, argv, environ) != 0) abort();
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    char text[64] = { 0 };
    ssize_t length = read(fds[0], text, sizeof(text) - 1);
    close(fds[0]);
    int status;
    waitpid(pid, &status, 0);
    if (length <= 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "lttng-daemon-latency: the registration probe failed\n");
        exit(1);
    }
    return strtoull(text, NULL, 10) - begin;
}

static uint64_t register_app(int serial)
{
    (void)serial;
    return registration_ns();
}

static struct probe probes[] = {
    { "list", list_sessions, 1000, 0, NULL },
    { "create", create_and_destroy, 1000, 0, NULL },
    { "register", register_app, 20000, 0, NULL },
};
#define PROBE_COUNT (sizeof(probes) / sizeof(probes[0]))

static void run_probe(const struct probe *probe, FILE *out)
{
    size_t count = 0, capacity = 4096;
    uint64_t *values = malloc(2 * capacity * sizeof(uint64_t));
    for (int serial = 0; !atomic_load(done); serial++) {
        uint64_t begin = now_ns();
        uint64_t latency = probe->call(serial);
        if (count == capacity) {
            capacity *= 2;
            values = realloc(values, 2 * capacity * sizeof(uint64_t));
        }
        if (!values) abort();
        values[2 * count] = begin;
        values[2 * count + 1] = latency;
        count++;
        usleep(probe->pause);
    }
    for (size_t i = 0; i < count; i++)
        fprintf(out, "%s %llu %llu\n", probe->name, (unsigned long long)values[2 * i],
                (unsigned long long)values[2 * i + 1]);
    fclose(out);
    _exit(0);
}

static void start_probes(void)
{
    atomic_store(done, false);
    fflush(stdout);
    for (size_t i = 0; i < PROBE_COUNT; i++) {
        int fds[2];
        if (pipe(fds) != 0) abort();
        pid_t pid = fork();
        if (pid < 0) abort();
        if (pid == 0) {
            close(fds[0]);
            run_probe(&probes[i], fdopen(fds[1], "w"));
        }
        close(fds[1]);
        probes[i].pid = pid;
        probes[i].samples = fdopen(fds[0], "r");
    }
}

/* Stops the probes and prints their samples: `idle` for all, or `slow` for those that began
 * within [begin, end). */
static void stop_probes(int idle, uint64_t begin, uint64_t end)
{
    atomic_store(done, true);
    for (size_t i = 0; i < PROBE_COUNT; i++) {
        char name[32];
        unsigned long long start, latency;
        while (fscanf(probes[i].samples, "%31s %llu %llu", name, &start, &latency) == 3) {
            if (idle)
                printf("idle %s %llu\n", name, latency);
            else if (start >= begin && start < end)
                printf("slow %s %llu\n", name, latency);
        }
        fclose(probes[i].samples);
        int status;
        waitpid(probes[i].pid, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "lttng-daemon-latency: probe %s failed\n", probes[i].name);
            exit(1);
        }
    }
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "register") == 0) {
        printf("%llu\n", (unsigned long long)now_ns());
        return 0;
    }
    if (argc != 5 || strcmp(argv[1], "measure") != 0
        || (strcmp(argv[2], "stop") != 0 && strcmp(argv[2], "snapshot") != 0)) {
        fprintf(stderr, "usage: lttng-daemon-latency measure stop|snapshot ROUNDS FILL_MIB | register\n");
        return 2;
    }
    int is_stop = strcmp(argv[2], "stop") == 0;
    const char *home = getenv("LTTNG_HOME") ? getenv("LTTNG_HOME") : getenv("HOME");
    snprintf(output, sizeof(output), "%s/lttng-traces", home ? home : "/tmp");
    int rounds = atoi(argv[3]);
    long fill_mib = atol(argv[4]);
    self_path = argv[0];
    done = mmap(NULL, sizeof(*done), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (done == MAP_FAILED) abort();

    start_probes();
    usleep(1000000);
    stop_probes(1, 0, 0);

    char text[129];
    memset(text, 'x', 128);
    text[128] = '\0';
    for (int round = 0; round < rounds; round++) {
        char name[64];
        snprintf(name, sizeof(name), "slow-%d", round);
        /* With no URL, liblttng-ctl creates a session without output: give the path that
         * `lttng create` gives. */
        char url[4096];
        snprintf(url, sizeof(url), "file://%s/%s", output, name);
        if (is_stop)
            check(lttng_create_session(name, url), "create");
        else
            check(lttng_create_session_snapshot(name, url), "create snapshot session");
        struct lttng_domain domain = { .type = LTTNG_DOMAIN_UST, .buf_type = LTTNG_BUFFER_PER_UID };
        struct lttng_handle *handle = lttng_create_handle(name, &domain);
        struct lttng_channel *channel = lttng_channel_create(&domain);
        strcpy(channel->name, "big");
        channel->attr.num_subbuf = 8;
        channel->attr.subbuf_size = (uint64_t)(fill_mib << 20) / 8;
        channel->attr.overwrite = is_stop ? 0 : 1;
        /* Read on a timer, so that the buffer is still full when `stop` comes. lttng-consumerd
         * drains such a channel only when its timer fires, and `stop` waits for that: the
         * 10-minute period of the Spoor half would make it wait 10 minutes, so 1 s here. */
        if (is_stop) channel->attr.read_timer_interval = 1000000;
        check(lttng_enable_channel(handle, channel), "enable channel");
        lttng_channel_destroy(channel);
        struct lttng_event event;
        memset(&event, 0, sizeof(event));
        strcpy(event.name, "bench:string128");
        event.type = LTTNG_EVENT_TRACEPOINT;
        event.loglevel_type = LTTNG_EVENT_LOGLEVEL_ALL;
        check(lttng_enable_event(handle, &event, "big"), "enable event");
        check(lttng_start_tracing(name), "start");
        for (long i = 0; i < (fill_mib << 20) / 150; i++) lttng_ust_tracepoint(bench, string128, text);

        start_probes();
        usleep(50000);
        uint64_t begin = now_ns();
        if (is_stop)
            check(lttng_stop_tracing(name), "stop"); /* waits until the data is on disk */
        else
            check(lttng_snapshot_record(name, NULL, 1), "snapshot record");
        uint64_t end = now_ns();
        printf("slowop %s %llu\n", argv[2], (unsigned long long)(end - begin));
        stop_probes(0, begin, end);
        if (!is_stop) check(lttng_stop_tracing(name), "stop");
        check(lttng_destroy_session(name), "destroy");
        lttng_destroy_handle(handle);
    }
    return 0;
}
