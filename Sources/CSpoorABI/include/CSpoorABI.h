#ifndef CSPOOR_ABI_H
#define CSPOOR_ABI_H

// The single definition of everything Spoor shares through memory or writes into a trace:
// the per-stream ring buffer (its control header and per-sub-buffer slots), the flags word,
// LTTng's `event_header_large`, and the 84-byte CTF packet header and context.
//
// The session daemon creates the buffers, the tracer (the Swift `Spoor` module today, an
// LTTng-UST-compatible C library later) writes records into them, and the consumer reads them,
// each in its own process and at its own address: the layout holds offsets, never pointers.
// Every offset is pinned below with `_Static_assert`, so a change that moves a byte fails to
// compile instead of corrupting a peer built from an older header.
//
// Shared-memory integers are in the host's byte order; what goes into the trace (event and
// packet headers) is little-endian, as the trace metadata declares.

#include <stddef.h>
#include <stdint.h>
#include <string.h>

// MARK: Ring buffer

/// "SPRN": the first word of every ring buffer.
#define SPOOR_RB_MAGIC 0x5350524Eu
/// Bumped on any change to the structures below.
#define SPOOR_RB_VERSION 1u
/// Bytes of one hot counter's own cache line.
#define SPOOR_RB_CACHE_LINE 64

/// Bit of `flags`: the channel's session records; producers check it before reserving.
#define SPOOR_RB_FLAG_RECORDING 1u
/// Bit of `flags`, fixed at creation: overwrite mode (the oldest sub-buffer is reused when
/// none is free) instead of discard mode.
#define SPOOR_RB_FLAG_OVERWRITE 2u
/// Bit of `flags`, fixed at creation: the consumer reads on a timer, so producers do not wake
/// it when a sub-buffer completes.
#define SPOOR_RB_FLAG_TIMER_WAKEUP 4u

/// `blocking_timeout_us` value that blocks a producer until space frees up, however long.
#define SPOOR_RB_BLOCK_FOREVER UINT64_MAX

/// The control header at the start of a ring buffer. The four hot counters each have a cache
/// line of their own, so producers on several CPUs and the consumer do not share lines they
/// write. The slots follow it directly; the header plus slots is rounded up to a page, and the
/// sub-buffers follow that.
struct spoor_rb_header {
    /// `SPOOR_RB_MAGIC`.
    uint32_t magic;
    /// `SPOOR_RB_VERSION`.
    uint32_t version;
    /// Bytes of the header plus slots, page-rounded: where sub-buffer 0 starts.
    uint32_t header_size;
    /// Number of sub-buffers (a power of two, at most 2^16).
    uint32_t subbuffer_count;
    /// Bytes of one sub-buffer (a power of two, 4096 to 2^32).
    uint64_t subbuffer_size;
    /// The CPU whose records this buffer holds.
    uint32_t cpu;
    /// `SPOOR_RB_FLAG_*` bits; atomic.
    uint32_t flags;
    /// `--blocking-timeout` in microseconds: 0 never blocks, `SPOOR_RB_BLOCK_FOREVER` forever.
    uint64_t blocking_timeout_us;
    uint8_t reserved_fixed[SPOOR_RB_CACHE_LINE - 40];
    /// Bytes reserved so far; only grows. Atomic.
    uint64_t write_position;
    uint8_t reserved_write[SPOOR_RB_CACHE_LINE - 8];
    /// Bytes handed back by the consumer (or pushed by overwriting producers). Atomic.
    uint64_t consumed_position;
    uint8_t reserved_consumed[SPOOR_RB_CACHE_LINE - 8];
    /// A lower bound of the last reservation's timestamp (decides compact event headers).
    uint64_t last_timestamp;
    uint8_t reserved_timestamp[SPOOR_RB_CACHE_LINE - 8];
    /// Records dropped because no sub-buffer was free or the record could never fit. Atomic.
    uint64_t discarded_records;
    uint8_t reserved_discarded[SPOOR_RB_CACHE_LINE - 8];
};

/// What a ring buffer knows of the packet in one sub-buffer. Written by the producer that
/// closes the packet and published by its commit.
struct spoor_rb_slot {
    /// Bytes committed in this sub-buffer, cumulative over laps: complete at (lap + 1) × size.
    /// Atomic.
    uint64_t commit_count;
    /// Timestamp of the packet's first record (or of its opening).
    uint64_t timestamp_begin;
    /// Timestamp at which the packet closed.
    uint64_t timestamp_end;
    /// Bytes used, the packet header included.
    uint64_t data_size;
    /// The stream's cumulative discarded-record count when the packet closed.
    uint64_t discarded_at_close;
    uint8_t reserved[SPOOR_RB_CACHE_LINE - 40];
};

// Offsets as integer constants, for code that addresses fields from a base pointer.
enum {
    SPOOR_RB_MAGIC_OFFSET = offsetof(struct spoor_rb_header, magic),
    SPOOR_RB_VERSION_OFFSET = offsetof(struct spoor_rb_header, version),
    SPOOR_RB_HEADER_SIZE_OFFSET = offsetof(struct spoor_rb_header, header_size),
    SPOOR_RB_SUBBUFFER_COUNT_OFFSET = offsetof(struct spoor_rb_header, subbuffer_count),
    SPOOR_RB_SUBBUFFER_SIZE_OFFSET = offsetof(struct spoor_rb_header, subbuffer_size),
    SPOOR_RB_CPU_OFFSET = offsetof(struct spoor_rb_header, cpu),
    SPOOR_RB_FLAGS_OFFSET = offsetof(struct spoor_rb_header, flags),
    SPOOR_RB_BLOCKING_TIMEOUT_OFFSET = offsetof(struct spoor_rb_header, blocking_timeout_us),
    SPOOR_RB_WRITE_POSITION_OFFSET = offsetof(struct spoor_rb_header, write_position),
    SPOOR_RB_CONSUMED_POSITION_OFFSET = offsetof(struct spoor_rb_header, consumed_position),
    SPOOR_RB_LAST_TIMESTAMP_OFFSET = offsetof(struct spoor_rb_header, last_timestamp),
    SPOOR_RB_DISCARDED_RECORDS_OFFSET = offsetof(struct spoor_rb_header, discarded_records),
    /// Slot 0 starts right after the header.
    SPOOR_RB_SLOTS_OFFSET = sizeof(struct spoor_rb_header),
    SPOOR_RB_SLOT_SIZE = sizeof(struct spoor_rb_slot),
    SPOOR_RB_SLOT_COMMIT_COUNT_OFFSET = offsetof(struct spoor_rb_slot, commit_count),
    SPOOR_RB_SLOT_TIMESTAMP_BEGIN_OFFSET = offsetof(struct spoor_rb_slot, timestamp_begin),
    SPOOR_RB_SLOT_TIMESTAMP_END_OFFSET = offsetof(struct spoor_rb_slot, timestamp_end),
    SPOOR_RB_SLOT_DATA_SIZE_OFFSET = offsetof(struct spoor_rb_slot, data_size),
    SPOOR_RB_SLOT_DISCARDED_OFFSET = offsetof(struct spoor_rb_slot, discarded_at_close),
};

_Static_assert(offsetof(struct spoor_rb_header, magic) == 0, "magic");
_Static_assert(offsetof(struct spoor_rb_header, version) == 4, "version");
_Static_assert(offsetof(struct spoor_rb_header, header_size) == 8, "header_size");
_Static_assert(offsetof(struct spoor_rb_header, subbuffer_count) == 12, "subbuffer_count");
_Static_assert(offsetof(struct spoor_rb_header, subbuffer_size) == 16, "subbuffer_size");
_Static_assert(offsetof(struct spoor_rb_header, cpu) == 24, "cpu");
_Static_assert(offsetof(struct spoor_rb_header, flags) == 28, "flags");
_Static_assert(offsetof(struct spoor_rb_header, blocking_timeout_us) == 32, "blocking_timeout_us");
_Static_assert(offsetof(struct spoor_rb_header, write_position) == 64, "write_position");
_Static_assert(offsetof(struct spoor_rb_header, consumed_position) == 128, "consumed_position");
_Static_assert(offsetof(struct spoor_rb_header, last_timestamp) == 192, "last_timestamp");
_Static_assert(offsetof(struct spoor_rb_header, discarded_records) == 256, "discarded_records");
_Static_assert(sizeof(struct spoor_rb_header) == 320, "the slots start at 320");
_Static_assert(offsetof(struct spoor_rb_slot, commit_count) == 0, "commit_count");
_Static_assert(offsetof(struct spoor_rb_slot, timestamp_begin) == 8, "timestamp_begin");
_Static_assert(offsetof(struct spoor_rb_slot, timestamp_end) == 16, "timestamp_end");
_Static_assert(offsetof(struct spoor_rb_slot, data_size) == 24, "data_size");
_Static_assert(offsetof(struct spoor_rb_slot, discarded_at_close) == 32, "discarded_at_close");
_Static_assert(sizeof(struct spoor_rb_slot) == 64, "a slot is one cache line");

#include "CSpoorABITrace.h"

#endif
