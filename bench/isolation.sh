#!/usr/bin/env bash
# Session isolation (issue 16): how long `spoor list`, `spoor create` of another session and
# an app's registration take while nothing else happens, and while another session's slow
# work runs (a `snapshot record` copying large buffers, in a loop). Prints one line per
# figure: the median and the maximum, in milliseconds.
#
#   bench/isolation.sh [BUILD_DIR]     # BUILD_DIR holds spoor, spoor-sessiond, spoor-example
#
# Environment: ISOLATION_SAMPLES (per figure, default 20), ISOLATION_EVENTS (events that fill
# the busy session's buffers, default 400000), ISOLATION_SUBBUF (sub-buffer size, default 4M),
# ISOLATION_NUM_SUBBUF (default 32), BENCH_KEEP=1 (keep the work directory).
set -euo pipefail

build=$(cd "${1:-$(dirname "$0")/../.build/debug}" && pwd)
samples=${ISOLATION_SAMPLES:-20}
events=${ISOLATION_EVENTS:-400000}
subbuf=${ISOLATION_SUBBUF:-4M}
num_subbuf=${ISOLATION_NUM_SUBBUF:-32}

work=$(mktemp -d /tmp/spoor-isolation.XXXXXX)
export SPOOR_HOME=$work
unset SPOOR_RUNDIR
busy_pid=

cleanup() {
    [ -n "$busy_pid" ] && kill "$busy_pid" 2>/dev/null && wait "$busy_pid" 2>/dev/null || true
    if [ -f "$work/.spoor/spoor-sessiond.pid" ]; then
        kill "$(cat "$work/.spoor/spoor-sessiond.pid")" 2>/dev/null || true
    fi
    [ "${BENCH_KEEP:-}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT

spoor() { "$build/spoor" "$@" >/dev/null; }
now_ns() { date +%s%N; }

# Runs COMMAND... ISOLATION_SAMPLES times; prints "median max" in milliseconds.
measure() {
    local times=()
    for _ in $(seq "$samples"); do
        local start end
        start=$(now_ns)
        "$@"
        end=$(now_ns)
        times+=($(((end - start) / 1000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END {
        printf "%.1f %.1f", v[int((NR + 1) / 2)] / 1000, v[NR] / 1000 }'
}

create_other() {
    spoor create other --output="$work/other"
    spoor destroy other
}
register_app() { "$build/spoor-example" 0 >/dev/null; }

# The busy session: large overwrite buffers, filled once.
spoor create busy --snapshot --output="$work/snapshots"
spoor enable-channel -u --subbuf-size="$subbuf" --num-subbuf="$num_subbuf" c
spoor enable-event -u -c c 'spoor_example:*'
spoor start busy
"$build/spoor-example" "$events" >/dev/null

report() {  # PHASE
    echo "$1 list $(measure spoor list)"
    echo "$1 create-other $(measure create_other)"
    echo "$1 register-app $(measure register_app)"
}

echo "# phase figure median_ms max_ms"
report idle
# One snapshot, alone, for scale.
start=$(now_ns)
spoor snapshot record -s busy
echo "snapshot-record-alone $((($(now_ns) - start) / 1000000)) ms"
(while true; do
    "$build/spoor" snapshot record -s busy >/dev/null 2>&1 || true
    rm -rf "$work/snapshots"/*  # the copies are not what is measured
done) &
busy_pid=$!
sleep 0.5
report busy
