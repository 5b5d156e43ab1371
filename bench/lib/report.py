#!/usr/bin/env python3
"""Turns the raw outputs of measure.sh into bench/run.sh's table and results.json.

    report.py WORK_DIR RESULTS_JSON REPETITIONS SPOOR_CONTROL_MODE

Every figure is a median over the timed repetitions (the warm-up run is left out); ns/event
of a run is its time divided by its events. Events emitted, recorded and discarded cover every
run of the program, warm-up included, since they all go to the same session.
"""
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys

BENCH_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHANNELS = {"large": "8 MiB x 4", "default": "512 KiB x 4", "none": "no session",
            "filtered": "8 MiB x 4, filter rejects all", "lossless": "8 MiB x 4, blocking",
            "lossless_default": "512 KiB x 4, blocking"}


def workloads():
    with open(os.path.join(BENCH_DIR, "workloads.tsv")) as file:
        for line in file:
            if line.startswith("#") or not line.strip():
                continue
            workload_id, program, channel, events, description = line.rstrip("\n").split("\t")
            yield {"id": workload_id, "program": program, "channel": channel, "description": description}


def read(path):
    try:
        with open(path) as file:
            return file.read()
    except FileNotFoundError:
        return ""


def parse_runs(text):
    """The program's `kind=… index=… events=… wall_ns=… thread_ns=a,b allocations=…` lines."""
    runs = []
    for line in text.splitlines():
        fields = dict(item.split("=", 1) for item in line.split() if "=" in item)
        if "kind" not in fields:
            continue
        runs.append({
            "kind": fields["kind"],
            "events": int(fields["events"]),
            "wall_ns": int(fields["wall_ns"]),
            "thread_ns": [int(value) for value in fields["thread_ns"].split(",")],
            "allocations": int(fields["allocations"]),
        })
    return runs


def tracer_figures(raw_dir, recorded_session, all_rejected=False):
    runs = parse_runs(read(os.path.join(raw_dir, "bench.out")))
    timed = [run for run in runs if run["kind"] == "rep"]
    if not timed:
        return None
    threads = len(timed[0]["thread_ns"])
    per_thread_events = timed[0]["events"] // threads
    rates = [run["events"] * 1e9 / run["wall_ns"] for run in timed]
    figures = {
        "ns_per_event": statistics.median(run["wall_ns"] / run["events"] for run in timed),
        # Events per second over the wall time of a loop (all threads): the lossless figure.
        "events_per_second": statistics.median(rates),
        # How noisy the runs were: (slowest - fastest) / median, over the timed runs.
        "spread": (max(rates) - min(rates)) / statistics.median(rates),
        "runs_ns_per_event": [round(run["wall_ns"] / run["events"], 2) for run in timed],
        # Each thread's own loop time over its own events, pooled over threads and runs.
        "per_thread_ns_per_event": statistics.median(
            ns / per_thread_events for run in timed for ns in run["thread_ns"]),
        "events_per_thread": per_thread_events,
        "events_emitted": sum(run["events"] for run in runs),
        "allocations_per_event": None,
        "warmup_allocations": None,
    }
    if all(run["allocations"] >= 0 for run in runs):
        figures["allocations_per_event"] = sum(run["allocations"] for run in timed) / sum(
            run["events"] for run in timed)
        figures["warmup_allocations"] = sum(run["allocations"] for run in runs if run["kind"] == "warmup")
    if recorded_session:
        count = re.search(r"(\d+) Event messages", read(os.path.join(raw_dir, "count.out")))
        stop = read(os.path.join(raw_dir, "stop.out"))
        discarded = re.search(r"(\d+) events were discarded", stop)
        lost = re.search(r"(\d+) packets were lost", stop)
        figures["events_recorded"] = int(count.group(1)) if count else None
        figures["events_discarded"] = int(discarded.group(1)) if discarded else 0
        figures["packets_lost"] = int(lost.group(1)) if lost else 0
        # A filter that rejects every event leaves nothing to record or discard.
        expected = 0 if all_rejected else figures["events_emitted"]
        figures["all_events_accounted_for"] = (
            figures["events_recorded"] is not None
            and figures["events_recorded"] + figures["events_discarded"] == expected)
    return figures


def command_output(*command):
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None


def machine():
    cpu_model = None
    for line in read("/proc/cpuinfo").splitlines():
        if line.startswith("model name"):
            cpu_model = line.split(":", 1)[1].strip()
            break
    swift = command_output("swift", "--version")
    return {
        "nproc": os.cpu_count(),
        "cpu_model": cpu_model,
        "kernel": platform.release(),
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "swift": swift.splitlines()[0] if swift else None,
        "lttng_tools": command_output("lttng", "--version"),
        "lttng_ust": command_output("dpkg-query", "-W", "-f=${Version}", "liblttng-ust1"),
        "babeltrace2": (command_output("babeltrace2", "--version") or "").splitlines()[0:1],
        "clocksource": read("/sys/devices/system/clocksource/clocksource0/current_clocksource").strip(),
    }


def number(value, digits=1):
    return "-" if value is None else f"{value:.{digits}f}"


def counts(figures):
    if figures is None or "events_recorded" not in figures:
        return "-"
    recorded = "?" if figures["events_recorded"] is None else str(figures["events_recorded"])
    mark = "" if figures["all_events_accounted_for"] else " !"
    return f"{recorded} / {figures['events_discarded']}{mark}"


def millions(value):
    return "-" if value is None else f"{value / 1e6:.2f}"


def percent(value):
    return "-" if value is None else f"{100 * value:.0f}%"


def print_table(header, rows):
    widths = [max(len(str(line[i])) for line in [header] + rows) for i in range(len(header))]
    for line in [header] + rows:
        print("  ".join(str(cell).ljust(width) if i < 2 else str(cell).rjust(width)
                        for i, (cell, width) in enumerate(zip(line, widths))))


def lossless_entry(workload, spoor, lttng, baseline, rows):
    """A lossless workload: events per second with nothing discarded, higher is better."""
    def rate(figures):
        return figures and figures["events_per_second"]

    ratio = rate(spoor) / rate(lttng) if rate(spoor) and rate(lttng) else None
    speedup = rate(spoor) / rate(baseline) if rate(spoor) and rate(baseline) else None
    rows.append((workload["id"], CHANNELS[workload["channel"]], millions(rate(spoor)), millions(rate(lttng)),
                 number(ratio, 2), millions(rate(baseline)), number(speedup, 2),
                 f"{percent(spoor and spoor['spread'])} / {percent(lttng and lttng['spread'])}",
                 counts(spoor), counts(lttng)))
    return {
        "workload": workload["id"],
        "description": workload["description"],
        "channel": CHANNELS[workload["channel"]],
        "threads": 2 if workload["program"].startswith("two_threads") else 1,
        "events_per_thread": (spoor or lttng or {}).get("events_per_thread"),
        "spoor_events_per_second": rate(spoor),
        "lttng_events_per_second": rate(lttng),
        "throughput_ratio": ratio,
        "baseline_events_per_second": rate(baseline),
        "speedup_over_baseline": speedup,
        "spoor_lossless": bool(spoor and spoor.get("events_discarded") == 0 and spoor["all_events_accounted_for"]),
        "lttng_lossless": bool(lttng and lttng.get("events_discarded") == 0 and lttng["all_events_accounted_for"]),
        "spoor": spoor,
        "lttng": lttng,
        "baseline": baseline,
    }


def main():
    work, results_path, repetitions, control_mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    results = []
    lossless_results = []
    rows = []
    lossless_rows = []
    for workload in workloads():
        recorded = workload["channel"] != "none"
        rejected = workload["channel"] == "filtered"
        spoor = tracer_figures(os.path.join(work, "raw", "spoor", workload["id"]), recorded, rejected)
        lttng = tracer_figures(os.path.join(work, "raw", "lttng", workload["id"]), recorded, rejected)
        if spoor is None and lttng is None:
            continue  # Not run (BENCH_WORKLOADS).
        if workload["channel"].startswith("lossless"):
            baseline = tracer_figures(os.path.join(work, "raw", "spoor-baseline", workload["id"]), recorded)
            lossless_results.append(lossless_entry(workload, spoor, lttng, baseline, lossless_rows))
            continue
        threads = 2 if workload["program"].startswith("two_threads") else 1

        def row(label, key):
            spoor_ns = spoor and spoor[key]
            lttng_ns = lttng and lttng[key]
            ratio = spoor_ns / lttng_ns if spoor_ns and lttng_ns else None
            rows.append((label, CHANNELS[workload["channel"]], number(spoor_ns), number(lttng_ns),
                         number(ratio, 2), counts(spoor), counts(lttng),
                         number(spoor and spoor["allocations_per_event"], 3)))
            return spoor_ns, lttng_ns, ratio

        if threads == 1:
            spoor_ns, lttng_ns, ratio = row(workload["id"], "ns_per_event")
            entry = {}
        else:
            spoor_ns, lttng_ns, ratio = row(workload["id"] + " (per thread)", "per_thread_ns_per_event")
            aggregate = row(workload["id"] + " (aggregate)", "ns_per_event")
            entry = {"aggregate_spoor_ns_per_event": aggregate[0], "aggregate_lttng_ns_per_event": aggregate[1],
                     "aggregate_ratio": aggregate[2]}
        entry = {
            "workload": workload["id"],
            "description": workload["description"],
            "channel": CHANNELS[workload["channel"]],
            "threads": threads,
            "events_per_thread": (spoor or lttng or {}).get("events_per_thread"),
            "repetitions": repetitions,
            "spoor_ns_per_event": spoor_ns,
            "lttng_ns_per_event": lttng_ns,
            "ratio": ratio,
            **entry,
            "spoor_events_emitted": spoor and spoor["events_emitted"],
            "spoor_events_recorded": spoor and spoor.get("events_recorded"),
            "spoor_events_discarded": spoor and spoor.get("events_discarded"),
            "lttng_events_emitted": lttng and lttng["events_emitted"],
            "lttng_events_recorded": lttng and lttng.get("events_recorded"),
            "lttng_events_discarded": lttng and lttng.get("events_discarded"),
            "spoor_allocations_per_event": spoor and spoor["allocations_per_event"],
            "lttng_allocations_per_event": lttng and lttng["allocations_per_event"],
            "spoor": spoor,
            "lttng": lttng,
        }
        results.append(entry)

    document = {
        "machine": machine(),
        "repetitions": repetitions,
        "spoor_control": control_mode,
        "note": "ns_per_event: median over repetitions; ratio = Spoor / LTTng-UST (below 1: Spoor is faster). "
                "lossless: events_per_second with a blocking channel, median over repetitions; "
                "throughput_ratio = Spoor / LTTng-UST (above 1: Spoor is faster); spread = (max - min) / median.",
        "workloads": results,
        "lossless": lossless_results,
    }
    with open(results_path, "w") as file:
        json.dump(document, file, indent=2)
        file.write("\n")

    header = ("workload", "channel", "Spoor ns/ev", "LTTng ns/ev", "Spoor/LTTng",
              "Spoor recorded / discarded", "LTTng recorded / discarded", "Spoor allocs/ev")
    info = document["machine"]
    print(f"Spoor vs LTTng-UST {info['lttng_ust']}: {info['cpu_model']}, {info['nproc']} CPUs, "
          f"{info['date']}; median of {repetitions} runs; spoor-sessiond driven by "
          f"{'the spoor CLI' if control_mode == 'cli' else 'spoor-bench-control'}")
    if rows:
        print_table(header, rows)
    if lossless_rows:
        print()
        print("Lossless throughput (blocking channels: nothing may be discarded), millions of events per second:")
        print_table(("workload", "channel", "Spoor Mev/s", "LTTng Mev/s", "Spoor/LTTng", "baseline Mev/s",
                     "Spoor/baseline", "spread Spoor / LTTng", "Spoor recorded / discarded",
                     "LTTng recorded / discarded"), lossless_rows)
        print("  Spoor/LTTng above 1: Spoor is faster. baseline: BENCH_SPOOR_BASELINE's daemon, same app and run."
              " spread: (fastest - slowest run) / median.")
    spreads = [figures["spread"] for entry in results + lossless_results
               for figures in (entry["spoor"], entry["lttng"]) if figures]
    if spreads:
        print(f"Noise: run-to-run spread (fastest - slowest) / median, median over every row: "
              f"{percent(statistics.median(spreads))}, largest {percent(max(spreads))}.")
    print("recorded / discarded: events in the trace (babeltrace2) / the stop command's discard count,"
          " over all runs incl. warm-up; '!' = they do not add up to the events emitted.")
    for workload in workloads():
        print(f"  {workload['id']}: {workload['description']}")
    print(f"Results: {results_path}")


if __name__ == "__main__":
    main()
