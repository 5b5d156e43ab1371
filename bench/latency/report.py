"""The report of bench/daemon-latency.sh: reads WORK/{spoor,lttng}-{stop,snapshot}.out (lines
`PHASE PROBE LATENCY_NS` and `slowop SLOW DURATION_NS`), prints a table and adds this run to the
JSON results file under its label (a run with the same label is replaced)."""
import json
import os
import statistics
import sys

work, results, label, fill_mib = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
PROBES = ("list", "create", "register")


def summary(values):
    if not values:
        return None
    values = sorted(values)
    p99 = values[min(len(values) - 1, int(round(0.99 * (len(values) - 1))))]
    return {"count": len(values), "median_ms": statistics.median(values) / 1e6,
            "p99_ms": p99 / 1e6, "max_ms": values[-1] / 1e6}


def read(system, slow):
    path = f"{work}/{system}-{slow}.out"
    if not os.path.exists(path):
        return None
    samples, durations = {}, []
    for line in open(path):
        phase, name, value = line.split()
        if phase == "slowop":
            durations.append(int(value))
        else:
            samples.setdefault(f"{name}_{phase}", []).append(int(value))
    return {"operation": summary(durations), "probes": {k: summary(v) for k, v in sorted(samples.items())}}


run = {"label": label, "fill_mib": fill_mib, "systems": {}}
for system in ("spoor", "lttng"):
    measured = {slow: read(system, slow) for slow in ("stop", "snapshot")}
    if any(measured.values()):
        run["systems"][system] = measured


def cell(system, slow, key):
    entry = run["systems"].get(system, {}).get(slow)
    if not entry:
        return None
    return entry["operation"] if key == "operation" else entry["probes"].get(key)


print(f"{fill_mib} MiB drained or copied; milliseconds (median / p99 / max); ratio = Spoor / LTTng medians")
print(f"{'while':<9} {'what':<9} {'Spoor':>26} {'LTTng':>26} {'ratio':>6}")
for slow in ("stop", "snapshot"):
    rows = [("operation", f"{slow}")] + [(f"{p}_{phase}", p) for phase in ("idle", "slow") for p in PROBES]
    for key, what in rows:
        texts, medians = [], []
        for system in ("spoor", "lttng"):
            s = cell(system, slow, key)
            texts.append(f"{s['median_ms']:.2f} / {s['p99_ms']:.2f} / {s['max_ms']:.2f}" if s else "-")
            medians.append(s["median_ms"] if s else None)
        ratio = f"{medians[0] / medians[1]:.2f}" if all(medians) else "-"
        phase = "idle" if key.endswith("_idle") else slow
        print(f"{phase:<9} {what:<9} {texts[0]:>26} {texts[1]:>26} {ratio:>6}")

try:
    with open(results) as f:
        existing = json.load(f)
except (OSError, ValueError):
    existing = {"runs": []}
existing["runs"] = [r for r in existing.get("runs", []) if r.get("label") != label] + [run]
with open(results, "w") as f:
    json.dump(existing, f, indent=2)
print(f"written to {results}")
