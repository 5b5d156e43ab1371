#!/usr/bin/env python3
"""The measuring half of bench/reader.sh: times the readers on each recorded trace, checks that
`spoor view` and babeltrace2 print the same bytes, prints a table and writes the JSON results.

    reader_measure.py MANIFEST SPOOR_BINARY WORK_DIR RESULTS_JSON

MANIFEST has one line per trace: shape, events, trace directory, runs. Each run of each tool is
one process whose standard output goes to a file (text) or /dev/null (counter); its wall time
and its CPU time (user + system, from wait4) are recorded. The tools take turns run by run, so
that a change in the machine's load touches all of them alike. Figures are medians; the spread
(max - min) / median of the wall times says how noisy the runs were.
"""
import json
import os
import statistics
import subprocess
import sys
import time

manifest, spoor, work, results_path = sys.argv[1:5]
environment = dict(os.environ, TZ="UTC")


def run(arguments, output_path):
    """Runs one process; returns (wall seconds, CPU seconds)."""
    with open(output_path, "wb") as output:
        start = time.monotonic()
        process = subprocess.Popen(arguments, stdout=output, stderr=subprocess.DEVNULL, env=environment)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{arguments[0]} failed on {arguments}")
    return wall, usage.ru_utime + usage.ru_stime


def summary(samples):
    walls = [wall for wall, _ in samples]
    cpus = [cpu for _, cpu in samples]
    median_wall = statistics.median(walls)
    return {
        "runs": len(samples),
        "wall_s": round(median_wall, 4),
        "cpu_s": round(statistics.median(cpus), 4),
        "wall_spread": round((max(walls) - min(walls)) / median_wall, 3) if median_wall > 0 else 0,
        "wall_samples": [round(wall, 4) for wall in walls],
        "cpu_samples": [round(cpu, 4) for cpu in cpus],
    }


rows = []
for line in open(manifest):
    shape, events, trace, runs = line.rstrip("\n").split("\t")
    events, runs = int(events), int(runs)
    spoor_text = os.path.join(work, "spoor.txt")
    babeltrace_text = os.path.join(work, "babeltrace2.txt")
    tools = {
        "spoor_view": ([spoor, "view", "-t", trace], spoor_text),
        "babeltrace2_text": (["babeltrace2", trace], babeltrace_text),
        "babeltrace2_counter": (["babeltrace2", trace, "-c", "sink.utils.counter", "-p", "step=+0"], os.devnull),
    }
    samples = {name: [] for name in tools}
    identical = True
    for index in range(runs):
        for name, (arguments, output) in tools.items():
            samples[name].append(run(arguments, output))
        if index == 0:
            identical = subprocess.run(["cmp", "-s", spoor_text, babeltrace_text]).returncode == 0
    size = sum(os.path.getsize(os.path.join(directory, name))
               for directory, _, names in os.walk(trace) for name in names)
    text_bytes = os.path.getsize(spoor_text)
    for path in (spoor_text, babeltrace_text):
        os.remove(path)
    row = {"shape": shape, "events": events, "trace_bytes": size, "text_bytes": text_bytes,
           "identical_output": identical}
    row.update({name: summary(values) for name, values in samples.items()})
    for key in ("wall_s", "cpu_s"):
        row[f"ratio_text_{key}"] = round(row["spoor_view"][key] / row["babeltrace2_text"][key], 3)
        row[f"ratio_counter_{key}"] = round(row["spoor_view"][key] / row["babeltrace2_counter"][key], 3)
    rows.append(row)
    print(f"[reader] {shape} {events}: spoor view {row['spoor_view']['wall_s']} s, "
          f"babeltrace2 {row['babeltrace2_text']['wall_s']} s, identical={identical}", file=sys.stderr)

header = ("| trace | events | spoor view wall / CPU (s) | babeltrace2 text wall / CPU (s) | "
          "babeltrace2 counter wall / CPU (s) | ratio vs text, wall / CPU | ratio vs counter, wall / CPU | "
          "same bytes | wall spread (spoor, bt2) |")
print(header)
print("|---|---|---|---|---|---|---|---|---|")
for row in rows:
    spoor_row, text, counter = row["spoor_view"], row["babeltrace2_text"], row["babeltrace2_counter"]
    print(f"| {row['shape']} | {row['events']:,} | {spoor_row['wall_s']:.2f} / {spoor_row['cpu_s']:.2f} | "
          f"{text['wall_s']:.2f} / {text['cpu_s']:.2f} | {counter['wall_s']:.2f} / {counter['cpu_s']:.2f} | "
          f"**{row['ratio_text_wall_s']:.2f}** / {row['ratio_text_cpu_s']:.2f} | "
          f"{row['ratio_counter_wall_s']:.2f} / {row['ratio_counter_cpu_s']:.2f} | "
          f"{'yes' if row['identical_output'] else '**NO**'} | "
          f"{spoor_row['wall_spread']:.0%}, {text['wall_spread']:.0%} |")

load = os.getloadavg()
document = {
    "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    "cpus": os.cpu_count(),
    "load_average_at_end": [round(value, 2) for value in load],
    "note": "medians; ratio = spoor view / babeltrace2 (below 1, spoor is faster); wall_spread = "
            "(max - min) / median of the wall times",
    "traces": rows,
}
with open(results_path, "w") as results:
    json.dump(document, results, indent=2)
    results.write("\n")
print(f"[reader] results in {results_path}; load average at the end {load[0]:.1f}", file=sys.stderr)
if not all(row["identical_output"] for row in rows):
    sys.exit(1)
