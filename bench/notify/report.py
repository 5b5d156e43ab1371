#!/usr/bin/env python3
"""Turns the subscribers' outputs into bench/notify.sh's table and notify-results.json.

    report.py WORK_DIR RESULTS_JSON SENT INTERVAL_US SYSTEM...

For every SYSTEM it reads WORK_DIR/SYSTEM.out (lines `seq=S sent_ns=T received_ns=R
latency_ns=L`, then `received=N dropped_reports=D`), or WORK_DIR/SYSTEM.skip (the reason it
was not measured). WORK_DIR/SYSTEM.raw, when there (the JSON lines of `spoor notifications`,
each after its receipt time and a tab), is checked: every line must be a JSON object with
the fields `trigger`, `condition`, `captures` (with `sent_ns` and `seq`) and `time_ns`; the
table marks a system whose lines are not with `!`. The median is statistics.median; the 99th
percentile is the nearest-rank one (the smallest latency at or above 99 % of the received notifications).
"""
import datetime
import json
import math
import os
import platform
import statistics
import subprocess
import sys


def read(path):
    try:
        with open(path) as file:
            return file.read()
    except FileNotFoundError:
        return None


def command_output(*command):
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None


def figures(text, sent):
    latencies, seqs, summary = [], set(), {}
    for line in text.splitlines():
        fields = dict(item.split("=", 1) for item in line.split() if "=" in item)
        if "latency_ns" in fields:
            latencies.append(int(fields["latency_ns"]))
            seqs.add(int(fields["seq"]))
        elif "received" in fields:
            summary = fields
    if not latencies:
        return {"sent": sent, "received": 0, "median_us": None, "p99_us": None}
    ordered = sorted(latencies)
    p99 = ordered[math.ceil(0.99 * len(ordered)) - 1]
    return {
        "sent": sent,
        "received": len(latencies),
        "distinct_seq": len(seqs),
        "dropped_reports": int(summary.get("dropped_reports", 0)),
        "median_us": round(statistics.median(ordered) / 1000, 1),
        "p99_us": round(p99 / 1000, 1),
        "min_us": round(ordered[0] / 1000, 1),
        "max_us": round(ordered[-1] / 1000, 1),
        "mean_us": round(statistics.fmean(ordered) / 1000, 1),
    }


def check_json_lines(text):
    """The problems of `spoor notifications`' lines (at most 5), or an empty list."""
    problems = []
    for number, raw_line in enumerate(text.splitlines(), 1):
        line = raw_line.split("\t", 1)[-1]
        try:
            notification = json.loads(line)
            missing = [key for key in ("trigger", "condition", "captures", "time_ns") if key not in notification]
            missing += [f"captures.{key}" for key in ("sent_ns", "seq") if key not in notification.get("captures", {})]
            if missing:
                problems.append(f"line {number}: no {', '.join(missing)}")
        except (ValueError, AttributeError) as error:
            problems.append(f"line {number}: not a JSON object ({error})")
        if len(problems) == 5:
            break
    return problems


def machine():
    cpu_model = None
    for line in (read("/proc/cpuinfo") or "").splitlines():
        if line.startswith("model name"):
            cpu_model = line.split(":", 1)[1].strip()
            break
    return {
        "nproc": os.cpu_count(),
        "cpu_model": cpu_model,
        "kernel": platform.release(),
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "lttng_tools": command_output("lttng", "--version"),
        "lttng_ust": command_output("dpkg-query", "-W", "-f=${Version}", "liblttng-ust1"),
        "clocksource": (read("/sys/devices/system/clocksource/clocksource0/current_clocksource") or "").strip(),
    }


def main():
    work, results_path, sent, interval_us = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    systems, rows = {}, []
    for system in sys.argv[5:]:
        output = read(os.path.join(work, system + ".out"))
        if output is None:
            reason = (read(os.path.join(work, system + ".skip")) or "no output").strip()
            systems[system] = {"measured": False, "reason": reason}
            rows.append(f"{system}  not measured: {reason}")
            continue
        result = figures(output, sent)
        raw = read(os.path.join(work, system + ".raw"))
        problems = [] if raw is None else check_json_lines(raw)
        if problems:
            result["json_problems"] = problems
            print(f"{system}: unexpected notification lines: {'; '.join(problems)}", file=sys.stderr)
        systems[system] = {"measured": True, **result}
        number = lambda value: "-" if value is None else f"{value:.1f}"
        mark = " !" if problems else ""
        rows.append((system + mark, f"{result['received']}/{sent}", number(result["median_us"]),
                     number(result["p99_us"])))

    header = ("system", "received/sent", "median_us", "p99_us")
    table = [header] + [row for row in rows if isinstance(row, tuple)]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    def line(cells):
        return "  ".join(cell.ljust(width) if i == 0 else cell.rjust(width)
                         for i, (cell, width) in enumerate(zip(cells, widths)))

    print(line(header))
    for row in rows:
        print(line(row) if isinstance(row, tuple) else row)

    document = {
        "machine": machine(),
        "events_sent": sent,
        "interval_us": interval_us,
        "note": "latency = subscriber's CLOCK_MONOTONIC on receipt - app's CLOCK_MONOTONIC right before the "
                "tracepoint call; median and nearest-rank p99 over the received notifications.",
        "systems": systems,
    }
    with open(results_path, "w") as file:
        json.dump(document, file, indent=2)
        file.write("\n")
    print(f"Results: {results_path}")


if __name__ == "__main__":
    main()
