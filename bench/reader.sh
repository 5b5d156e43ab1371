#!/usr/bin/env bash
# `spoor view` vs babeltrace2: records traces of several shapes with the real spoor-sessiond and
# spoor-example, then times `spoor view -t TRACE` (release build), `babeltrace2 TRACE` (the same
# text) and `babeltrace2 TRACE -c sink.utils.counter` (babeltrace2 decoding without formatting),
# checks that the two texts are identical (cmp), and writes bench/reader-results.json.
# See bench/README.md, "Reading a trace".
#
#   bench/reader.sh                          # 1 M-event traces, 5 runs each (about 10 minutes)
#   READER_SIZES="1000000 10000000" bench/reader.sh   # also 10 M events (babeltrace2 alone
#                                            # takes about a minute per 10 M-event run here)
#   READER_SIZES=100000 REPETITIONS=3 bench/reader.sh # a smoke run
#
# Environment: READER_SIZES (events per trace, default 1000000), REPETITIONS (timed runs per
# tool and trace, default 5; traces of 5 M events or more get READER_LARGE_REPETITIONS, default
# 1), READER_SHAPES (default "one_stream two_streams_contexts per_pid"), READER_WORK (where the
# traces go, default a fresh /tmp directory, removed at the end unless BENCH_KEEP=1),
# BENCH_RESULTS (default bench/reader-results.json), READER_BIN_DIR (a directory holding release
# builds of spoor, spoor-sessiond and spoor-example to use instead of building them).
#
# Needs babeltrace2, taskset and python3. Runs without root: spoor-sessiond runs in a private
# SPOOR_HOME.
set -euo pipefail

bench=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench/.." && pwd)
sizes=${READER_SIZES:-1000000}
repetitions=${REPETITIONS:-5}
large_repetitions=${READER_LARGE_REPETITIONS:-1}
shapes=${READER_SHAPES:-one_stream two_streams_contexts per_pid}
results=${BENCH_RESULTS:-$bench/reader-results.json}

log() { echo "[reader] $*" >&2; }

for tool in babeltrace2 taskset python3 cmp; do
    command -v "$tool" >/dev/null || { echo "bench/reader.sh needs $tool" >&2; exit 1; }
done

# --- Build ---------------------------------------------------------------------------------
if [ -n "${READER_BIN_DIR:-}" ]; then
    bin=$READER_BIN_DIR
else
    scratch=$root/.build-reader-bench
    swift_build() { swift build -c release --package-path "$root" --scratch-path "$scratch" "$@"; }
    log "building spoor, spoor-sessiond and spoor-example (release)"
    for product in spoor spoor-sessiond spoor-example; do swift_build --product "$product" >&2; done
    bin=$(swift_build --show-bin-path)
fi

# --- Record --------------------------------------------------------------------------------
work=${READER_WORK:-$(mktemp -d /tmp/spoor-reader-bench.XXXXXX)}
mkdir -p "$work"
export SPOOR_HOME=$work/spoor-home SPOOR_SESSIOND_PATH=$bin/spoor-sessiond
mkdir -p "$SPOOR_HOME"
"$bin/spoor-sessiond" --daemonize
daemon_pid=$(cat "$SPOOR_HOME/.spoor/spoor-sessiond.pid")
cleanup() {
    kill "$daemon_pid" 2>/dev/null || true
    if [ "${BENCH_KEEP:-0}" != 1 ] && [ -z "${READER_WORK:-}" ]; then rm -rf "$work"; fi
}
trap cleanup EXIT
spoor() { "$bin/spoor" "$@"; }

# record SHAPE EVENTS TRACE_DIR: one session recording spoor-example's all-types events.
#   one_stream            one process pinned to one CPU: one stream, per-UID buffers
#   two_streams_contexts  two processes on two CPUs, with vpid, vtid and procname contexts:
#                         two streams the reader merges by time
#   per_pid               two processes, per-PID buffers: two traces merged by time
record() {
    local shape=$1 events=$2 trace=$3 session=reader-$RANDOM processes=1 buffers=--buffers-uid contexts=()
    case $shape in
        one_stream) ;;
        two_streams_contexts) processes=2 contexts=(vpid vtid procname) ;;
        per_pid) processes=2 buffers=--buffers-pid ;;
        *) echo "unknown shape $shape" >&2; exit 1 ;;
    esac
    spoor create "$session" --output="$trace" >/dev/null
    # Blocking channel: the trace holds every event, whatever the machine's speed.
    spoor enable-channel -u -s "$session" $buffers --subbuf-size=4M --num-subbuf=4 --blocking-timeout=inf ch >/dev/null
    spoor enable-event -u -s "$session" -c ch 'spoor_example:*' >/dev/null
    for context in "${contexts[@]}"; do spoor add-context -u -s "$session" -c ch -t "$context" >/dev/null; done
    spoor start "$session" >/dev/null
    local pids=() cpus
    cpus=$(nproc)
    for index in $(seq 0 $((processes - 1))); do
        taskset -c $((index % cpus)) "$bin/spoor-example" $((events / processes)) >/dev/null &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid"; done
    spoor stop "$session" >/dev/null
    spoor destroy "$session" >/dev/null
}

manifest=$work/manifest.tsv
: >"$manifest"
for events in $sizes; do
    for shape in $shapes; do
        trace=$work/traces/$shape-$events
        log "recording $shape, $events events"
        record "$shape" "$events" "$trace"
        runs=$repetitions
        [ "$events" -ge 5000000 ] && runs=$large_repetitions
        printf '%s\t%s\t%s\t%s\n' "$shape" "$events" "$trace" "$runs" >>"$manifest"
    done
done

# --- Measure and report --------------------------------------------------------------------
python3 "$bench/lib/reader_measure.py" "$manifest" "$bin/spoor" "$work" "$results"
