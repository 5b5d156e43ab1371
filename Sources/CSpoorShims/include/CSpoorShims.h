#ifndef CSPOOR_SHIMS_H
#define CSPOOR_SHIMS_H

#include <stdint.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

// The shims the record path needs (clock, CPU, nesting, context, wake-up) live in CSpoorHotPath;
// they stay reachable through this module for the code that imported them from here.
#include <CSpoorHotPath.h>

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

/// Sets `SOCK_SEQPACKET`-aware close-on-exec connect on a path. Returns the fd or -1.
int cspoor_connect_unix(const char *path, int type);

/// Binds and listens on a Unix socket path (removing a stale file first). Returns fd or -1.
int cspoor_listen_unix(const char *path, int type, int backlog);

/// accept4 with close-on-exec. Returns the fd or -1.
int cspoor_accept(int socket);

/// Fills `ids` with the real, effective and saved user ids, then the same group ids.
void cspoor_read_ids(uint32_t ids[6]);

/// Opens a counter of `perf_event_attr` type `type` and config `config` for the calling thread
/// (user-space events only); returns the descriptor, or -errno.
int cspoor_perf_open(uint32_t type, uint64_t config);

/// The calling thread's count of the counter (`type`, `config`): opened on the thread's first
/// read and closed when the thread exits; 0 if the kernel refuses to open it.
uint64_t cspoor_perf_read(uint32_t type, uint64_t config);

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
