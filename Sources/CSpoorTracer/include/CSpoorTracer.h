#ifndef CSPOOR_TRACER_H
#define CSPOOR_TRACER_H

// The functions the Spoor tracer (the `Spoor` module) exports with a C calling convention: the
// entry beneath an LTTng-UST-compatible C library's tracepoints. What they write into shared
// memory is defined in CSpoorABI.h.

/// Records one event: `table` is the tracepoint's target table, loaded with acquire ordering
/// from its enable word (skip the call when that is null), `plan` the tracepoint's record plan,
/// and `values` the field values laid out as the plan says. Never blocks unless the channel is
/// in blocking mode and the app allows it; never allocates.
void spoor_record(const void *_Nonnull table, const void *_Nonnull plan, const void *_Nonnull values);

#endif
