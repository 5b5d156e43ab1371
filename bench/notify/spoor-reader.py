#!/usr/bin/env python3
"""The Spoor subscriber of the notification-latency benchmark (bench/notify.sh).

    spoor notifications --trigger notify-bench | spoor-reader.py COUNT SYNC_DIR IDLE_S

Reads the JSON lines `spoor notifications` prints, one object per notification:

    {"trigger": "notify-bench", "condition": "event-rule-matches",
     "captures": {"sent_ns": 123, "seq": 1}, "time_ns": 456}

and stamps each with its own CLOCK_MONOTONIC (time.monotonic_ns()) as soon as the line is
read, so that, as with lttng-notify-subscriber, latency is measured at the subscriber:
received_ns - sent_ns. time_ns (the daemon's time, whatever its clock) is kept as daemon_ns,
for information only. Creates SYNC_DIR/ready when started and SYNC_DIR/primed on the first
priming notification (seq 0), stops after COUNT measured notifications or IDLE_S seconds
without one, and prints what lttng-notify-subscriber prints:

    seq=S sent_ns=T received_ns=R latency_ns=L [daemon_ns=D]
    received=N dropped_reports=0

Its own cost (a pipe read, a line split and a JSON parse in Python, some tens of
microseconds) is inside the measured latency: see bench/README.md.
"""
import json
import os
import select
import sys
import time


def touch(path):
    with open(path, "a"):
        pass


def main():
    count, sync_dir, idle_s = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    records, primed, pending = [], False, b""
    touch(os.path.join(sync_dir, "ready"))
    timeout = idle_s + 30  # the app may take up to 30 s to prime
    fd = sys.stdin.fileno()
    while len(records) < count:
        readable, _, _ = select.select([fd], [], [], timeout)
        if not readable:
            break
        chunk = os.read(fd, 65536)
        # The measurement: the first thing done once bytes are in hand.
        received_ns = time.monotonic_ns()
        if not chunk:
            break
        pending += chunk
        *lines, pending = pending.split(b"\n")
        for line in lines:
            if not line.strip():
                continue
            try:
                notification = json.loads(line)
                captures = notification["captures"]
                seq, sent_ns = int(captures["seq"]), int(captures["sent_ns"])
            except (ValueError, KeyError, TypeError) as error:
                sys.exit(f"spoor-reader: unexpected line {line[:200]!r}: {error}")
            if seq == 0:
                if not primed:
                    touch(os.path.join(sync_dir, "primed"))
                primed = True
                continue
            records.append((seq, sent_ns, received_ns, notification.get("time_ns")))
            timeout = idle_s
    for seq, sent_ns, received_ns, daemon_ns in records[:count]:
        daemon = "" if daemon_ns is None else f" daemon_ns={daemon_ns}"
        print(f"seq={seq} sent_ns={sent_ns} received_ns={received_ns} latency_ns={received_ns - sent_ns}{daemon}")
    print(f"received={min(len(records), count)} dropped_reports=0")


if __name__ == "__main__":
    main()
