#ifndef CSPOOR_HOT_PATH_H
#define CSPOOR_HOT_PATH_H

// What the tracer's record path calls: the clock, the current CPU, the nesting guard, the
// process context area, the caller's address and the consumer's wake-up. Cheap and free of
// sockets or files, unlike the system-call shims of CSpoorShims, which only SpoorPosix imports.

#include <stdint.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

/// CLOCK_MONOTONIC in nanoseconds, through the vDSO: no system call on the hot path.
static inline uint64_t cspoor_monotonic_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/// CLOCK_REALTIME in nanoseconds.
static inline int64_t cspoor_realtime_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000000ll + (int64_t)ts.tv_nsec;
}

#if defined(__has_include)
#if __has_include(<sys/rseq.h>)
#include <sys/rseq.h>
#define CSPOOR_HAS_RSEQ 1
#endif
#endif

/// The CPU the calling thread runs on, or 0 on failure (out of line: sched_getcpu).
int cspoor_current_cpu_slow(void);

/// The CPU the calling thread runs on. Reads the kernel-maintained `cpu_id` of the thread's
/// rseq area that glibc registers (one load), falling back to sched_getcpu.
static inline int cspoor_current_cpu(void) {
#if defined(CSPOOR_HAS_RSEQ) && (defined(__x86_64__) || defined(__aarch64__))
    if (__rseq_size > 0) {
        char *thread_pointer;
#if defined(__x86_64__)
        __asm__("mov %%fs:0, %0" : "=r"(thread_pointer));
#else
        __asm__("mrs %0, tpidr_el0" : "=r"(thread_pointer));
#endif
        const struct rseq *area = (const struct rseq *)(thread_pointer + __rseq_offset);
        int cpu = (int)__atomic_load_n(&area->cpu_id, __ATOMIC_RELAXED);
        if (cpu >= 0) return cpu;
    }
#endif
    return cspoor_current_cpu_slow();
}

/// The calling thread's tracepoint nesting depth, for the re-entrance guard.
extern __thread int cspoor_nesting;

static inline int cspoor_enter(void) { return cspoor_nesting++ == 0; }
static inline void cspoor_leave(void) { cspoor_nesting--; }

/// The process-wide values of context fields, filled once by the tracer (`ProcessContext`):
/// the vpid, the process name (17 bytes, NUL-padded), the eight namespace inode numbers, and
/// the real, effective and saved user and group ids.
struct cspoor_process_context {
    int32_t vpid;
    char procname[17];
    uint64_t namespaces[8];
    uint32_t ids[6];
};
extern struct cspoor_process_context cspoor_context;

/// Where the process context lives (filled at start, then only read).
static inline struct cspoor_process_context *_Nonnull cspoor_context_area(void) { return &cspoor_context; }

/// The process name of the context area, NUL-terminated (what `$ctx.procname` reads in place).
static inline const char *_Nonnull cspoor_procname(void) { return cspoor_context.procname; }

/// The calling thread's kernel thread id, cached per thread.
int32_t cspoor_thread_id(void);

/// `pthread_self()` as an integer.
uint64_t cspoor_pthread_id(void);

/// The return address of the function that calls this one: called straight from the tracer's
/// record function (never inlined, and built with a frame pointer, as Swift builds every
/// function on Linux), it is the address in the app just after the tracepoint, LTTng's `ip`.
uint64_t cspoor_caller_return_address(void);

/// Adds one to an eventfd without blocking; errors are ignored (the consumer also polls).
void cspoor_wake(int fd);

#endif
