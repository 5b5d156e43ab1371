/*
 * lttng-bench: the LTTng-UST side of the benchmark. Runs one workload's tight loop of
 * lttng_ust_tracepoint() calls, once to warm up, then REPETITIONS timed times, and prints one
 * line per run:
 *
 *   kind=warmup|rep index=I events=N wall_ns=T thread_ns=T1[,T2] allocations=A
 *
 * events counts the tracepoint calls of the run (all threads), wall_ns the time from the
 * first thread's start to the last one's end, thread_ns each thread's own loop time, and
 * allocations the heap allocations the recording threads made inside their loops (-1 when
 * the alloc-count interposer is not preloaded).
 *
 *   lttng-bench WORKLOAD EVENTS_PER_THREAD REPETITIONS PAUSE_MS
 *
 * The Swift program (bench/spoor-bench) speaks the same arguments and output: keep the two
 * in step. LTTng-UST registers with the session daemon in its constructor, before main(),
 * and waits for it (LTTNG_UST_REGISTER_TIMEOUT), so a session started before this program
 * records from the first timed event.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench-tp.h"

/* 12 bytes, as in the Swift program. */
static const char short_text[] = "hello, world";
/* 128 bytes. */
static const char long_text[] =
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* The interposer's per-thread counter, or NULL when it is not preloaded. */
static uint64_t (*thread_allocation_count)(void);

static uint64_t allocations(void) { return thread_allocation_count ? thread_allocation_count() : 0; }

/*
 * One loop per workload, never inlined into the driver, so that each is a plain tight loop
 * around the tracepoint as an application would write it.
 */
__attribute__((noinline)) static void loop_empty(long n) {
    for (long i = 0; i < n; i++) lttng_ust_tracepoint(bench, empty);
}

__attribute__((noinline)) static void loop_int32(long n) {
    for (long i = 0; i < n; i++) lttng_ust_tracepoint(bench, int32, (int32_t)i);
}

__attribute__((noinline)) static void loop_int_string(long n) {
    for (long i = 0; i < n; i++) lttng_ust_tracepoint(bench, int_string, (int32_t)i, short_text);
}

__attribute__((noinline)) static void loop_ten_int64(long n) {
    for (long i = 0; i < n; i++)
        lttng_ust_tracepoint(bench, ten_int64, i, i + 1, i + 2, i + 3, i + 4, i + 5, i + 6, i + 7, i + 8, i + 9);
}

__attribute__((noinline)) static void loop_string128(long n) {
    for (long i = 0; i < n; i++) lttng_ust_tracepoint(bench, string128, long_text);
}

struct workload {
    const char *name;
    void (*loop)(long);
    int threads;
};

/* "disabled" runs the int32 loop with no session enabling it. */
static const struct workload workloads[] = {
    {"empty", loop_empty, 1},         {"int32", loop_int32, 1},         {"int_string", loop_int_string, 1},
    {"ten_int64", loop_ten_int64, 1}, {"string128", loop_string128, 1}, {"disabled", loop_int32, 1},
    {"two_threads", loop_int_string, 2}, {"two_threads_string128", loop_string128, 2},
};

struct thread_run {
    const struct workload *workload;
    long events;
    pthread_barrier_t *barrier;
    uint64_t start, end, allocations;
};

static void *run_thread(void *argument) {
    struct thread_run *run = argument;
    pthread_barrier_wait(run->barrier);
    uint64_t allocations_before = allocations();
    run->start = now_ns();
    run->workload->loop(run->events);
    run->end = now_ns();
    run->allocations = allocations() - allocations_before;
    return NULL;
}

static void run_once(const struct workload *workload, long events, const char *kind, int index) {
    enum { max_threads = 2 };
    struct thread_run runs[max_threads];
    pthread_t threads[max_threads];
    pthread_barrier_t barrier;
    pthread_barrier_init(&barrier, NULL, (unsigned)workload->threads);
    for (int t = 0; t < workload->threads; t++) {
        runs[t] = (struct thread_run){.workload = workload, .events = events, .barrier = &barrier};
    }
    if (workload->threads == 1) {
        run_thread(&runs[0]);  /* on the main thread, like a plain single-threaded app */
    } else {
        for (int t = 0; t < workload->threads; t++) pthread_create(&threads[t], NULL, run_thread, &runs[t]);
        for (int t = 0; t < workload->threads; t++) pthread_join(threads[t], NULL);
    }
    pthread_barrier_destroy(&barrier);

    uint64_t first_start = runs[0].start, last_end = runs[0].end, total_allocations = 0;
    for (int t = 0; t < workload->threads; t++) {
        if (runs[t].start < first_start) first_start = runs[t].start;
        if (runs[t].end > last_end) last_end = runs[t].end;
        total_allocations += runs[t].allocations;
    }
    printf("kind=%s index=%d events=%ld wall_ns=%llu thread_ns=", kind, index, events * workload->threads,
           (unsigned long long)(last_end - first_start));
    for (int t = 0; t < workload->threads; t++)
        printf("%s%llu", t ? "," : "", (unsigned long long)(runs[t].end - runs[t].start));
    if (thread_allocation_count)
        printf(" allocations=%llu\n", (unsigned long long)total_allocations);
    else
        printf(" allocations=-1\n");
    fflush(stdout);
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: %s WORKLOAD EVENTS_PER_THREAD REPETITIONS PAUSE_MS\n", argv[0]);
        return 2;
    }
    const struct workload *workload = NULL;
    for (size_t i = 0; i < sizeof workloads / sizeof workloads[0]; i++)
        if (strcmp(workloads[i].name, argv[1]) == 0) workload = &workloads[i];
    long events = atol(argv[2]);
    int repetitions = atoi(argv[3]);
    int pause_ms = atoi(argv[4]);
    if (workload == NULL || events <= 0 || repetitions <= 0 || pause_ms < 0) {
        fprintf(stderr, "%s: bad arguments\n", argv[0]);
        return 2;
    }
    thread_allocation_count = (uint64_t(*)(void))dlsym(RTLD_DEFAULT, "bench_thread_allocation_count");

    /* The warm-up run faults in the ring buffer pages and LTTng-UST's per-thread state. */
    run_once(workload, events, "warmup", 0);
    for (int r = 0; r < repetitions; r++) {
        /* The pause lets the consumer drain the buffers, so every run starts from the same state. */
        usleep((useconds_t)pause_ms * 1000);
        run_once(workload, events, "rep", r);
    }
    return 0;
}
