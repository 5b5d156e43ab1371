#ifndef CSPOOR_ABI_TRACE_H
#define CSPOOR_ABI_TRACE_H

// What every UST stream packet carries in the trace (spec/ctf-lttng.md §4.1, §4.3): the packet
// header and context the consumer writes, and the event header each record starts with.
// Little-endian and byte-packed, as the trace metadata declares them.

#include <stddef.h>
#include <stdint.h>
#include <string.h>

// MARK: Little-endian stores

static inline void spoor_store_le16(void *destination, uint16_t value) {
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    value = __builtin_bswap16(value);
#endif
    memcpy(destination, &value, sizeof value);
}

static inline void spoor_store_le32(void *destination, uint32_t value) {
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    value = __builtin_bswap32(value);
#endif
    memcpy(destination, &value, sizeof value);
}

static inline void spoor_store_le64(void *destination, uint64_t value) {
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    value = __builtin_bswap64(value);
#endif
    memcpy(destination, &value, sizeof value);
}

// MARK: Event header

/// The 16-bit id that announces the extended form of `event_header_large`.
#define SPOOR_EVENT_ID_EXTENDED 0xFFFFu

/// `event_header_large`, compact form: ids 0…65534 and the timestamp's low 32 bits, for a
/// record less than 2^32 ns after the one before it in the same packet.
struct __attribute__((packed)) spoor_event_header_compact {
    uint16_t id;
    uint32_t timestamp;
};

/// `event_header_large`, extended form: `SPOOR_EVENT_ID_EXTENDED`, then the full id and the
/// full timestamp. Required for a packet's first record, for ids from 65535, and after a gap a
/// reader could not rebuild from 32 bits.
struct __attribute__((packed)) spoor_event_header_extended {
    uint16_t escape;
    uint32_t id;
    uint64_t timestamp;
};

_Static_assert(offsetof(struct spoor_event_header_compact, id) == 0, "compact id");
_Static_assert(offsetof(struct spoor_event_header_compact, timestamp) == 2, "compact timestamp");
_Static_assert(sizeof(struct spoor_event_header_compact) == 6, "compact header");
_Static_assert(offsetof(struct spoor_event_header_extended, escape) == 0, "extended escape");
_Static_assert(offsetof(struct spoor_event_header_extended, id) == 2, "extended id");
_Static_assert(offsetof(struct spoor_event_header_extended, timestamp) == 6, "extended timestamp");
_Static_assert(sizeof(struct spoor_event_header_extended) == 14, "extended header");

enum {
    SPOOR_EVENT_HEADER_COMPACT_SIZE = sizeof(struct spoor_event_header_compact),
    SPOOR_EVENT_HEADER_EXTENDED_SIZE = sizeof(struct spoor_event_header_extended),
};

/// Whether an event with id `id` needs the extended header whatever its timestamp.
static inline int spoor_event_id_needs_extended(uint32_t id) { return id >= SPOOR_EVENT_ID_EXTENDED; }

/// Writes an event header at `destination` (no alignment needed) and returns its size: the
/// extended form when `extended` is nonzero, else the compact one. The one encoder of the event
/// header, for the Swift tracer and for C alike; the caller guarantees that `extended` is set
/// when `spoor_event_id_needs_extended(id)`.
static inline size_t spoor_event_header_write(void *destination, uint32_t id, uint64_t timestamp, int extended) {
    unsigned char *bytes = (unsigned char *)destination;
    if (extended) {
        spoor_store_le16(bytes + offsetof(struct spoor_event_header_extended, escape), SPOOR_EVENT_ID_EXTENDED);
        spoor_store_le32(bytes + offsetof(struct spoor_event_header_extended, id), id);
        spoor_store_le64(bytes + offsetof(struct spoor_event_header_extended, timestamp), timestamp);
        return SPOOR_EVENT_HEADER_EXTENDED_SIZE;
    }
    spoor_store_le16(bytes + offsetof(struct spoor_event_header_compact, id), (uint16_t)id);
    spoor_store_le32(bytes + offsetof(struct spoor_event_header_compact, timestamp), (uint32_t)timestamp);
    return SPOOR_EVENT_HEADER_COMPACT_SIZE;
}

// MARK: Packet header and context

/// The CTF packet magic number.
#define SPOOR_PACKET_MAGIC 0xC1FC1FC1u

/// `trace.packet.header` followed by LTTng-UST's `struct packet_context`, as the consumer
/// writes them at the start of every packet; sizes are in bits. The ring buffer reserves
/// these bytes at the start of each packet (`SPOOR_PACKET_HEADER_SIZE`).
struct __attribute__((packed)) spoor_packet_header {
    uint32_t magic;
    uint8_t uuid[16];
    uint32_t stream_id;
    uint64_t stream_instance_id;
    uint64_t timestamp_begin;
    uint64_t timestamp_end;
    uint64_t content_size;
    uint64_t packet_size;
    uint64_t packet_seq_num;
    /// Cumulative for the stream; an `unsigned long` (the 64-bit ABI's layout).
    uint64_t events_discarded;
    uint32_t cpu_id;
};

enum {
    SPOOR_PACKET_HEADER_SIZE = sizeof(struct spoor_packet_header),
    SPOOR_PACKET_MAGIC_OFFSET = offsetof(struct spoor_packet_header, magic),
    SPOOR_PACKET_UUID_OFFSET = offsetof(struct spoor_packet_header, uuid),
    SPOOR_PACKET_STREAM_ID_OFFSET = offsetof(struct spoor_packet_header, stream_id),
    SPOOR_PACKET_STREAM_INSTANCE_ID_OFFSET = offsetof(struct spoor_packet_header, stream_instance_id),
    SPOOR_PACKET_TIMESTAMP_BEGIN_OFFSET = offsetof(struct spoor_packet_header, timestamp_begin),
    SPOOR_PACKET_TIMESTAMP_END_OFFSET = offsetof(struct spoor_packet_header, timestamp_end),
    SPOOR_PACKET_CONTENT_SIZE_OFFSET = offsetof(struct spoor_packet_header, content_size),
    SPOOR_PACKET_PACKET_SIZE_OFFSET = offsetof(struct spoor_packet_header, packet_size),
    SPOOR_PACKET_SEQ_NUM_OFFSET = offsetof(struct spoor_packet_header, packet_seq_num),
    SPOOR_PACKET_EVENTS_DISCARDED_OFFSET = offsetof(struct spoor_packet_header, events_discarded),
    SPOOR_PACKET_CPU_ID_OFFSET = offsetof(struct spoor_packet_header, cpu_id),
};

_Static_assert(offsetof(struct spoor_packet_header, magic) == 0, "magic");
_Static_assert(offsetof(struct spoor_packet_header, uuid) == 4, "uuid");
_Static_assert(offsetof(struct spoor_packet_header, stream_id) == 20, "stream_id");
_Static_assert(offsetof(struct spoor_packet_header, stream_instance_id) == 24, "stream_instance_id");
_Static_assert(offsetof(struct spoor_packet_header, timestamp_begin) == 32, "timestamp_begin");
_Static_assert(offsetof(struct spoor_packet_header, timestamp_end) == 40, "timestamp_end");
_Static_assert(offsetof(struct spoor_packet_header, content_size) == 48, "content_size");
_Static_assert(offsetof(struct spoor_packet_header, packet_size) == 56, "packet_size");
_Static_assert(offsetof(struct spoor_packet_header, packet_seq_num) == 64, "packet_seq_num");
_Static_assert(offsetof(struct spoor_packet_header, events_discarded) == 72, "events_discarded");
_Static_assert(offsetof(struct spoor_packet_header, cpu_id) == 80, "cpu_id");
_Static_assert(sizeof(struct spoor_packet_header) == 84, "84 bytes");

#endif
