#ifndef CSPOOR_SHIMS_H
#define CSPOOR_SHIMS_H

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

/// The number of possible CPUs (the per-CPU buffer count), at least 1.
int cspoor_possible_cpu_count(void);

/// An anonymous shared-memory file of `size` bytes (memfd), or -1 with errno set.
int cspoor_memfd(const char *name, uint64_t size);

/// An eventfd in non-blocking, close-on-exec mode, or -1.
int cspoor_eventfd(void);

/// Sends `length` bytes and up to 8 file descriptors in one message. Returns bytes sent or -1.
ssize_t cspoor_send_with_fds(int socket, const void *bytes, size_t length, const int *fds, int fd_count);

/// Receives one message and up to `max_fds` descriptors (close-on-exec). Returns bytes
/// received (0 at end of stream) or -1; `*fd_count` receives the descriptor count.
ssize_t cspoor_receive_with_fds(int socket, void *bytes, size_t capacity, int *fds, int max_fds, int *fd_count);

/// The credentials of a connected Unix-socket peer (SO_PEERCRED). Returns 0 or -1.
int cspoor_peer_credentials(int socket, int32_t *pid, uint32_t *uid, uint32_t *gid);

/// The calling thread's tracepoint nesting depth, for the re-entrance guard.
extern __thread int cspoor_nesting;

static inline int cspoor_enter(void) { return cspoor_nesting++ == 0; }
static inline void cspoor_leave(void) { cspoor_nesting--; }

/// Sets `SOCK_SEQPACKET`-aware close-on-exec connect on a path. Returns the fd or -1.
int cspoor_connect_unix(const char *path, int type);

/// Binds and listens on a Unix socket path (removing a stale file first). Returns fd or -1.
int cspoor_listen_unix(const char *path, int type, int backlog);

/// accept4 with close-on-exec. Returns the fd or -1.
int cspoor_accept(int socket);

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

/// Fills `ids` with the real, effective and saved user ids, then the same group ids.
void cspoor_read_ids(uint32_t ids[6]);

/// The calling thread's kernel thread id, cached per thread.
int32_t cspoor_thread_id(void);

/// `pthread_self()` as an integer.
uint64_t cspoor_pthread_id(void);

/// The return address of the function that calls this one: called straight from the tracer's
/// record function (never inlined, and built with a frame pointer, as Swift builds every
/// function on Linux), it is the address in the app just after the tracepoint, LTTng's `ip`.
uint64_t cspoor_caller_return_address(void);

/// Opens a counter of `perf_event_attr` type `type` and config `config` for the calling thread
/// (user-space events only); returns the descriptor, or -errno.
int cspoor_perf_open(uint32_t type, uint64_t config);

/// The calling thread's count of the counter (`type`, `config`): opened on the thread's first
/// read and closed when the thread exits; 0 if the kernel refuses to open it.
uint64_t cspoor_perf_read(uint32_t type, uint64_t config);

/// Adds one to an eventfd without blocking; errors are ignored (the consumer also polls).
void cspoor_wake(int fd);

/// One object (executable or shared library) loaded in the process, as the state dump
/// (`lttng_ust_statedump:bin_info`, `build_id`, `debug_link`) describes it. The pointers are
/// valid only during the callback.
struct cspoor_loaded_object {
    uint64_t base_address;
    uint64_t memory_size;
    const char *_Nonnull path;
    uint8_t is_pic;
    uint8_t has_build_id;
    uint8_t has_debug_link;
    const uint8_t *_Nullable build_id;
    uint32_t build_id_length;
    const char *_Nullable debug_link;
    uint32_t debug_link_crc;
};

/// Calls `visit` for each object loaded in the process (`dl_iterate_phdr`): its load address
/// and extent, its path (`[name]` for the vDSO), whether it is position independent, its GNU
/// build id (from its notes in memory) and its `.gnu_debuglink` (read from its file).
void cspoor_loaded_objects(
    void (*_Nonnull visit)(const struct cspoor_loaded_object *_Nonnull object, void *_Nullable context),
    void *_Nullable context);

#endif
