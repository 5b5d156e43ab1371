#!/usr/bin/env bash
# Spoor vs LTTng-UST: builds everything in release mode, runs the same workloads through a C
# program instrumented with LTTng-UST (recorded by a real lttng-sessiond) and a Swift program
# instrumented with Spoor (recorded by spoor-sessiond), then prints a table of ns/event and
# writes bench/results.json. See bench/README.md.
#
#   bench/run.sh                         # the full benchmark (a few minutes)
#   REPETITIONS=3 BENCH_SCALE=0.2 BENCH_RESULTS=/tmp/smoke.json bench/run.sh   # a smoke run
#
# Environment: REPETITIONS (timed runs per workload, default 7), BENCH_SCALE (multiplies the
# event counts of workloads.tsv, default 1), PAUSE_MS (pause between runs, default 100),
# SPOOR_BENCH_CONTROL=cli|api (how to drive spoor-sessiond; default: the `spoor` CLI when it
# has the session commands, else SpoorControl directly), BENCH_KEEP=1 (keep the work dir),
# BENCH_RESULTS (where the JSON goes, default bench/results.json), BENCH_WORKLOADS (ids of
# workloads.tsv separated by spaces: run only those), BENCH_SPOOR_BASELINE (another build's
# spoor-sessiond: the lossless workloads also run against it, a before/after in the same run).
#
# Needs root (for the private mount namespace of the LTTng daemon), gcc, liblttng-ust-dev,
# lttng-tools and babeltrace2.
set -euo pipefail

bench=$(cd "$(dirname "$0")" && pwd)
repetitions=${REPETITIONS:-7}
scale=${BENCH_SCALE:-1}
pause_ms=${PAUSE_MS:-100}
results=${BENCH_RESULTS:-$bench/results.json}

log() { echo "[run] $*" >&2; }

[ "$(id -u)" -eq 0 ] || { echo "bench/run.sh must run as root: lttng-sessiond runs in a private mount namespace" >&2; exit 1; }
for tool in gcc lttng lttng-sessiond babeltrace2 unshare taskset python3; do
    command -v "$tool" >/dev/null || { echo "bench/run.sh needs $tool" >&2; exit 1; }
done

# --- Build ---------------------------------------------------------------------------------
# One scratch path for the Swift side: the bench package (which depends on the main package by
# path) builds its own programs and the main package's daemon and CLI, so Spoor is compiled
# once. Release mode, as an application links it.
swift_package=$bench/spoor-bench
scratch=$swift_package/.build-bench
c_bin=$bench/.build-bench  # the C programs, and build logs
mkdir -p "$c_bin"
swift_build() { swift build -c release --package-path "$swift_package" --scratch-path "$scratch" "$@"; }
log "building the Swift programs (release)"
swift_build --product spoor-bench >&2
swift_build --product spoor-bench-control >&2
swift_build --product spoor-sessiond >&2
swift_bin=$(swift_build --show-bin-path)
cli_built=no
if swift_build --product spoor >"$c_bin/spoor-cli-build.log" 2>&1; then cli_built=yes; fi

log "building the C programs (gcc -O2)"
gcc -O2 -Wall -Wextra -I"$bench/lttng" -o "$c_bin/lttng-bench" \
    "$bench/lttng/lttng-bench.c" "$bench/lttng/bench-tp.c" -llttng-ust -ldl -lpthread
gcc -O2 -Wall -Wextra -fPIC -shared -o "$c_bin/alloc-count.so" "$bench/alloc-count/alloc-count.c"

# --- How to drive spoor-sessiond -----------------------------------------------------------
# The benchmark needs create, enable-channel, enable-event, start, stop (with its discard
# warning) and destroy. Use the CLI when it has them all; spoor-bench-control sends the same
# requests through SpoorControl otherwise.
control_mode=${SPOOR_BENCH_CONTROL:-}
if [ -z "$control_mode" ]; then
    control_mode=api
    if [ $cli_built = yes ]; then
        control_mode=cli
        for command in create enable-channel enable-event start stop destroy; do
            "$swift_bin/spoor" "$command" --help >/dev/null 2>&1 || control_mode=api
        done
    fi
fi
if [ "$control_mode" = cli ]; then
    spoor_control=$swift_bin/spoor
else
    spoor_control=$swift_bin/spoor-bench-control
    if [ -n "${SPOOR_BENCH_CONTROL:-}" ]; then
        log "SPOOR_BENCH_CONTROL=$control_mode: using spoor-bench-control"
    elif [ $cli_built = yes ]; then
        log "the spoor CLI lacks a session command; using spoor-bench-control"
    else
        log "the spoor CLI does not build (see $c_bin/spoor-cli-build.log); using spoor-bench-control"
    fi
fi

# --- Measure -------------------------------------------------------------------------------
work=$(mktemp -d /tmp/spoor-bench.XXXXXX)
log "measuring: $repetitions runs per workload and tracer, work dir $work"
baseline=${BENCH_SPOOR_BASELINE:-}
if [ -n "$baseline" ]; then
    [ -x "$baseline" ] || { echo "BENCH_SPOOR_BASELINE=$baseline is not an executable" >&2; exit 1; }
    log "lossless workloads also run against the baseline daemon $baseline"
fi
if ! unshare --mount --propagation private bash "$bench/lib/measure.sh" \
    "$work" "$swift_bin" "$c_bin" "$spoor_control" "$repetitions" "$pause_ms" "$scale" "$baseline"; then
    log "measurement failed; raw outputs kept in $work"
    exit 1
fi

# --- Report --------------------------------------------------------------------------------
python3 "$bench/lib/report.py" "$work" "$results" "$repetitions" "$control_mode"
if [ "${BENCH_KEEP:-0}" = 1 ]; then log "raw outputs kept in $work"; else rm -rf "$work"; fi
