#define _GNU_SOURCE
#include "CSpoorHotPath.h"

#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <unistd.h>

__thread int cspoor_nesting = 0;
struct cspoor_process_context cspoor_context;
static __thread int32_t cached_thread_id = 0;

int32_t cspoor_thread_id(void) {
    if (cached_thread_id == 0) cached_thread_id = (int32_t)gettid();
    return cached_thread_id;
}

uint64_t cspoor_pthread_id(void) { return (uint64_t)pthread_self(); }

__attribute__((noinline)) uint64_t cspoor_caller_return_address(void) {
    // Level 1 walks one frame-pointer link: this function sets one up because it asks for it.
    return (uint64_t)(uintptr_t)__builtin_return_address(1);
}

int cspoor_current_cpu_slow(void) {
    int cpu = sched_getcpu();
    return cpu < 0 ? 0 : cpu;
}

void cspoor_wake(int fd) {
    uint64_t one = 1;
    ssize_t ignored = write(fd, &one, sizeof one);
    (void)ignored;
}
