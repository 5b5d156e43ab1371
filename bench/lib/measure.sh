#!/usr/bin/env bash
# The measuring half of bench/run.sh, which runs it inside a private mount namespace
# (`unshare -m`): a real lttng-sessiond and a spoor-sessiond both run here, each on private
# paths, so neither collides with any other LTTng or Spoor on the machine.
#
#   measure.sh WORK_DIR SWIFT_BIN_DIR C_BIN_DIR SPOOR_CONTROL REPETITIONS PAUSE_MS SCALE [BASELINE_SESSIOND]
#
# With BASELINE_SESSIOND (another build's spoor-sessiond), the lossless workloads also run
# against that daemon, as tracer "spoor-baseline", in the same run: a before/after of the
# consumer with the same app and CLI.
#
# For every workload of ../workloads.tsv it records LTTng-UST's program, then Spoor's, in the
# same kind of session, and leaves raw outputs in WORK_DIR/raw/{lttng,spoor}/WORKLOAD/:
# bench.out (the program's per-run lines), stop.out (the stop command's output, with its
# discard warning) and count.out (babeltrace2's count of the events in the trace).
set -euo pipefail

work=$1 swift_bin=$2 c_bin=$3 spoor_control=$4 repetitions=$5 pause_ms=$6 scale=$7 baseline_sessiond=${8:-}
bench_dir=$(cd "$(dirname "$0")/.." && pwd)
alloc_count=$c_bin/alloc-count.so
# Single-threaded workloads run pinned to the last CPU, so that they do not migrate between
# per-CPU buffers mid-run and the consumer daemons have the other CPUs.
pinned_cpu=$(($(nproc) - 1))

log() { echo "[measure] $*" >&2; }

# --- Private paths for LTTng -------------------------------------------------------------
# Root's lttng-sessiond and LTTng-UST apps meet in /var/run/lttng (= /run/lttng) and use
# /dev/shm; fresh tmpfs mounts there are visible only in this namespace.
if [ -d /run/lttng ]; then mount -t tmpfs none /run/lttng; else mount -t tmpfs none /run; fi
mount -t tmpfs none /dev/shm
export LTTNG_HOME=$work/lttng-home HOME=$work/lttng-home
mkdir -p "$LTTNG_HOME"
# Spoor uses memfd, not /dev/shm; its sockets live in SPOOR_HOME.
export SPOOR_HOME=$work/spoor-home SPOOR_SESSIOND_PATH=$swift_bin/spoor-sessiond
mkdir -p "$SPOOR_HOME"

lttng_pid= spoor_pid= baseline_pid=
stop_daemon() {  # PID NAME
    [ -n "$1" ] || return 0
    kill "$1" 2>/dev/null || return 0
    for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
    log "$2 (pid $1) did not exit on SIGTERM; killing it"
    kill -9 "$1" 2>/dev/null || true
}
cleanup() {
    stop_daemon "$lttng_pid" lttng-sessiond
    stop_daemon "$spoor_pid" spoor-sessiond
    stop_daemon "$baseline_pid" "baseline spoor-sessiond"
}
trap cleanup EXIT

lttng-sessiond --daemonize --no-kernel --pidfile="$work/lttng-sessiond.pid" >"$work/lttng-sessiond.log" 2>&1
lttng_pid=$(cat "$work/lttng-sessiond.pid")
"$swift_bin/spoor-sessiond" --daemonize
spoor_pid=$(cat "$SPOOR_HOME/.spoor/spoor-sessiond.pid")
log "lttng-sessiond pid $lttng_pid, spoor-sessiond pid $spoor_pid"
# The baseline daemon has its own SPOOR_HOME: its apps and commands never meet the other one.
baseline_home=$work/spoor-baseline-home
if [ -n "$baseline_sessiond" ]; then
    mkdir -p "$baseline_home"
    SPOOR_HOME=$baseline_home SPOOR_SESSIOND_PATH=$baseline_sessiond "$baseline_sessiond" --daemonize
    baseline_pid=$(cat "$baseline_home/.spoor/spoor-sessiond.pid")
    log "baseline spoor-sessiond ($baseline_sessiond) pid $baseline_pid"
fi

# --- One workload, one tracer --------------------------------------------------------------
# run_workload TRACER ID PROGRAM_WORKLOAD CHANNEL EVENTS_PER_THREAD
run_workload() {
    local tracer=$1 id=$2 program_workload=$3 channel=$4 events=$5
    local raw=$work/raw/$tracer/$id trace=$work/traces/$tracer-$id session=bench-$id
    local control program
    # Lossless channels block instead of discarding, which each tracer lets an app do only when
    # it asks for it in its environment.
    local environment=() allow_blocking=LTTNG_UST_ALLOW_BLOCKING=1
    mkdir -p "$raw"
    if [ "$tracer" = lttng ]; then
        control=lttng program=$c_bin/lttng-bench
    else
        control=$spoor_control program=$swift_bin/spoor-bench allow_blocking=SPOOR_ALLOW_BLOCKING=1
    fi
    if [ "$tracer" = spoor-baseline ]; then
        environment=("SPOOR_HOME=$baseline_home" "SPOOR_SESSIOND_PATH=$baseline_sessiond")
        control=(env "${environment[@]}" "$control")
    fi
    case $channel in lossless*) environment+=("$allow_blocking") ;; esac

    if [ "$channel" != none ]; then
        local subbuf_size=8388608
        case $channel in default | lossless_default) subbuf_size=524288 ;; esac
        # "filtered": a filter that every event of the int_string workload fails (v counts up from 0).
        local filter=() blocking=()
        [ "$channel" = filtered ] && filter=(--filter 'v < 0')
        case $channel in lossless*) blocking=(--blocking-timeout=inf) ;; esac
        {
            timeout 60 "${control[@]}" create "$session" --output="$trace"
            timeout 60 "${control[@]}" enable-channel -u -s "$session" --subbuf-size=$subbuf_size --num-subbuf=4 \
                "${blocking[@]}" bench
            timeout 60 "${control[@]}" enable-event -u -s "$session" -c bench "${filter[@]}" 'bench:*'
            timeout 60 "${control[@]}" start "$session"
        } >"$raw/setup.out" 2>&1 || { log "$tracer $id: session setup failed:"; cat "$raw/setup.out" >&2; exit 1; }
    fi

    local pin=(taskset -c "$pinned_cpu")
    case $program_workload in two_threads*) pin=() ;; esac
    # The session is recording before the program starts: both tracers register (and learn
    # what is enabled) before main() / Spoor.start returns, so the first timed event records.
    if ! env "${environment[@]}" LD_PRELOAD="$alloc_count" timeout 600 "${pin[@]}" \
        "$program" "$program_workload" "$events" "$repetitions" "$pause_ms" >"$raw/bench.out" 2>"$raw/bench.err"; then
        log "$tracer $id: $program failed:"
        cat "$raw/bench.err" >&2
        exit 1
    fi

    if [ "$channel" != none ]; then
        timeout 300 "${control[@]}" stop "$session" >"$raw/stop.out" 2>&1 \
            || { log "$tracer $id: stop failed:"; cat "$raw/stop.out" >&2; exit 1; }
        timeout 60 "${control[@]}" destroy "$session" >>"$raw/setup.out" 2>&1 \
            || { log "$tracer $id: destroy failed:"; cat "$raw/setup.out" >&2; exit 1; }
        # The counter sink counts event messages without formatting them: the fastest exact
        # count babeltrace2 offers. A failure is kept for the report, not fatal.
        babeltrace2 "$trace" -c sink.utils.counter -p step=+0 >"$raw/count.out" 2>"$raw/count.err" \
            || log "$tracer $id: babeltrace2 failed reading the trace (see $raw/count.err)"
        rm -rf "$trace"
        # Whatever a tracer left in the page cache is written back now, not while the next
        # tracer is measured (a consumer writing through the page cache leaves hundreds of MB).
        sync
    fi
}

while IFS=$'\t' read -r id program_workload channel events _description; do
    case $id in '#'* | '') continue ;; esac
    # BENCH_WORKLOADS (ids separated by spaces) runs only those workloads.
    if [ -n "${BENCH_WORKLOADS:-}" ] && [[ " $BENCH_WORKLOADS " != *" $id "* ]]; then continue; fi
    events=$(awk -v n="$events" -v s="$scale" 'BEGIN { printf "%d", n * s }')
    tracers=(lttng spoor)
    # The baseline runs the lossless workloads; with BENCH_BASELINE_ALL=1, every recorded one.
    if [ -n "$baseline_sessiond" ] && [ "$channel" != none ]; then
        case $channel in
            lossless*) tracers+=(spoor-baseline) ;;
            *) [ "${BENCH_BASELINE_ALL:-0}" = 1 ] && tracers+=(spoor-baseline) ;;
        esac
    fi
    for tracer in "${tracers[@]}"; do
        log "$id: $tracer, $((repetitions)) x $events events per thread"
        run_workload "$tracer" "$id" "$program_workload" "$channel" "$events"
    done
done <"$bench_dir/workloads.tsv"
