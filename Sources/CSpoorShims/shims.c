#define _GNU_SOURCE
#include "CSpoorShims.h"

#include <errno.h>
#include <linux/perf_event.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <pthread.h>
#include <unistd.h>

int cspoor_possible_cpu_count(void) {
    long count = sysconf(_SC_NPROCESSORS_CONF);
    return count < 1 ? 1 : (int)count;
}

int cspoor_memfd(const char *name, uint64_t size) {
    int fd = memfd_create(name, MFD_CLOEXEC);
    if (fd < 0) return -1;
    if (ftruncate(fd, (off_t)size) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

int cspoor_eventfd(void) { return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }

ssize_t cspoor_send_with_fds(int socket, const void *bytes, size_t length, const int *fds, int fd_count) {
    if (fd_count < 0 || fd_count > 8) { errno = EINVAL; return -1; }
    struct iovec iov = { .iov_base = (void *)bytes, .iov_len = length };
    union { char buf[CMSG_SPACE(sizeof(int) * 8)]; struct cmsghdr align; } control;
    memset(&control, 0, sizeof control);
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
    if (fd_count > 0) {
        msg.msg_control = control.buf;
        msg.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)fd_count);
        struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
        cmsg->cmsg_level = SOL_SOCKET;
        cmsg->cmsg_type = SCM_RIGHTS;
        cmsg->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)fd_count);
        memcpy(CMSG_DATA(cmsg), fds, sizeof(int) * (size_t)fd_count);
    }
    ssize_t sent;
    do { sent = sendmsg(socket, &msg, MSG_NOSIGNAL); } while (sent < 0 && errno == EINTR);
    return sent;
}

ssize_t cspoor_receive_with_fds(int socket, void *bytes, size_t capacity, int *fds, int max_fds, int *fd_count) {
    *fd_count = 0;
    struct iovec iov = { .iov_base = bytes, .iov_len = capacity };
    union { char buf[CMSG_SPACE(sizeof(int) * 8)]; struct cmsghdr align; } control;
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buf,
                          .msg_controllen = sizeof control.buf };
    ssize_t received;
    do { received = recvmsg(socket, &msg, MSG_CMSG_CLOEXEC); } while (received < 0 && errno == EINTR);
    if (received < 0) return -1;
    for (struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg); cmsg; cmsg = CMSG_NXTHDR(&msg, cmsg)) {
        if (cmsg->cmsg_level != SOL_SOCKET || cmsg->cmsg_type != SCM_RIGHTS) continue;
        int n = (int)((cmsg->cmsg_len - CMSG_LEN(0)) / sizeof(int));
        int *incoming = (int *)CMSG_DATA(cmsg);
        for (int i = 0; i < n; i++) {
            if (*fd_count < max_fds) {
                fds[(*fd_count)++] = incoming[i];
            } else {
                close(incoming[i]);  // More than the caller can take: never leak them.
            }
        }
    }
    if (msg.msg_flags & MSG_TRUNC) { errno = EMSGSIZE; return -1; }
    return received;
}

int cspoor_peer_credentials(int socket, int32_t *pid, uint32_t *uid, uint32_t *gid) {
    struct ucred cred;
    socklen_t length = sizeof cred;
    if (getsockopt(socket, SOL_SOCKET, SO_PEERCRED, &cred, &length) != 0) return -1;
    *pid = cred.pid;
    *uid = cred.uid;
    *gid = cred.gid;
    return 0;
}

static int fill_address(struct sockaddr_un *address, const char *path) {
    memset(address, 0, sizeof *address);
    address->sun_family = AF_UNIX;
    if (strlen(path) >= sizeof address->sun_path) { errno = ENAMETOOLONG; return -1; }
    strcpy(address->sun_path, path);
    return 0;
}

int cspoor_connect_unix(const char *path, int type) {
    struct sockaddr_un address;
    if (fill_address(&address, path) != 0) return -1;
    int fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    int rc;
    do { rc = connect(fd, (struct sockaddr *)&address, sizeof address); } while (rc != 0 && errno == EINTR);
    if (rc != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

int cspoor_listen_unix(const char *path, int type, int backlog) {
    struct sockaddr_un address;
    if (fill_address(&address, path) != 0) return -1;
    int fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    unlink(path);
    if (bind(fd, (struct sockaddr *)&address, sizeof address) != 0 || listen(fd, backlog) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

int cspoor_accept(int socket) { return accept4(socket, NULL, NULL, SOCK_CLOEXEC); }

void cspoor_read_ids(uint32_t ids[6]) {
    uid_t ruid = 0, euid = 0, suid = 0;
    gid_t rgid = 0, egid = 0, sgid = 0;
    getresuid(&ruid, &euid, &suid);
    getresgid(&rgid, &egid, &sgid);
    ids[0] = ruid; ids[1] = euid; ids[2] = suid;
    ids[3] = rgid; ids[4] = egid; ids[5] = sgid;
}

// --- Per-thread performance counters ----------------------------------------------------------

int cspoor_perf_open(uint32_t type, uint64_t config) {
    struct perf_event_attr attributes;
    memset(&attributes, 0, sizeof attributes);
    attributes.size = sizeof attributes;
    attributes.type = type;
    attributes.config = config;
    attributes.exclude_kernel = 1;
    attributes.exclude_hv = 1;
    long fd = syscall(SYS_perf_event_open, &attributes, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
    return fd < 0 ? -errno : (int)fd;
}

enum { perf_slots = 16 };

/// This thread's open counters; `fd` -1 marks one the kernel refused (not retried).
struct perf_slot {
    uint32_t type;
    uint64_t config;
    int fd;
    int used;
};
static __thread struct perf_slot thread_counters[perf_slots];
static pthread_key_t counters_key;
static pthread_once_t counters_key_once = PTHREAD_ONCE_INIT;

static void close_thread_counters(void *unused) {
    (void)unused;
    for (int index = 0; index < perf_slots; index++) {
        if (thread_counters[index].used && thread_counters[index].fd >= 0) close(thread_counters[index].fd);
        thread_counters[index].used = 0;
    }
}

static void make_counters_key(void) { pthread_key_create(&counters_key, close_thread_counters); }

uint64_t cspoor_perf_read(uint32_t type, uint64_t config) {
    struct perf_slot *slot = NULL;
    for (int index = 0; index < perf_slots; index++) {
        struct perf_slot *candidate = &thread_counters[index];
        if (!candidate->used) {
            pthread_once(&counters_key_once, make_counters_key);
            pthread_setspecific(counters_key, (void *)1);  // any non-NULL value runs the destructor
            int fd = cspoor_perf_open(type, config);
            *candidate = (struct perf_slot){.type = type, .config = config, .fd = fd < 0 ? -1 : fd, .used = 1};
            slot = candidate;
            break;
        }
        if (candidate->type == type && candidate->config == config) {
            slot = candidate;
            break;
        }
    }
    uint64_t count = 0;
    if (slot == NULL || slot->fd < 0 || read(slot->fd, &count, sizeof count) != sizeof count) return 0;
    return count;
}
