/*
 * A malloc interposer, preloaded (LD_PRELOAD) into both benchmark programs, that counts the
 * heap allocations each thread makes. The programs read their recording threads' counts
 * before and after each timed loop through bench_thread_allocation_count(), found with
 * dlsym(RTLD_DEFAULT, ...), so the figure covers exactly the tracepoint calls of the loop.
 *
 * Every entry point that can hand out heap memory is counted (malloc, calloc, realloc,
 * reallocarray, memalign, posix_memalign, aligned_alloc, valloc, pvalloc) and forwarded to
 * glibc's own implementation (__libc_*), which avoids the dlsym(RTLD_NEXT) bootstrap problem
 * (dlsym itself allocates). free is not interposed: freeing is not what we count.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdint.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);

/* initial-exec: the counter lives in static TLS, so touching it never calls malloc. */
static __thread uint64_t thread_allocations __attribute__((tls_model("initial-exec")));

/* The calling thread's allocation count since it started. */
uint64_t bench_thread_allocation_count(void) { return thread_allocations; }

void *malloc(size_t size) {
    thread_allocations++;
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
    thread_allocations++;
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
    thread_allocations++;
    return __libc_realloc(pointer, size);
}

void *reallocarray(void *pointer, size_t count, size_t size) {
    size_t total;
    if (__builtin_mul_overflow(count, size, &total)) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(pointer, total);
}

void *memalign(size_t alignment, size_t size) {
    thread_allocations++;
    return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) { return memalign(alignment, size); }

int posix_memalign(void **result, size_t alignment, size_t size) {
    if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0) return EINVAL;
    void *pointer = memalign(alignment, size);
    if (pointer == NULL) return ENOMEM;
    *result = pointer;
    return 0;
}

void *valloc(size_t size) { return memalign(4096, size); }

void *pvalloc(size_t size) { return memalign(4096, (size + 4095) & ~(size_t)4095); }
