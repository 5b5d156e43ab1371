#!/usr/bin/env bash
# How long the session daemon keeps other clients and apps waiting while one session does slow
# work (bench/README.md, "Daemon latency"), for spoor-sessiond and for LTTng 2.13's
# lttng-sessiond in the same run: listing the sessions, creating and destroying a session, and
# an app's registration, measured with nothing slow going on, then while one session's `stop`
# drains a large buffer and while a `snapshot record` copies one. Prints a table of medians,
# 99th percentiles and maxima in milliseconds, with the Spoor / LTTng ratio of the medians, and
# writes bench/daemon-latency.json.
#
#   bench/daemon-latency.sh
#   LATENCY_ROUNDS=2 LATENCY_FILL_MIB=64 LATENCY_RESULTS=/tmp/l.json bench/daemon-latency.sh   # smoke
#
# Environment: LATENCY_ROUNDS (slow operations of each kind, default 5), LATENCY_FILL_MIB (the
# buffer each one drains or copies, default 512), LATENCY_RESULTS (where the JSON goes),
# LATENCY_LABEL (a name for this run in the JSON, e.g. the commit), BENCH_KEEP=1 (keep the work
# directory), LATENCY_SKIP_LTTNG=1 (measure Spoor only). Needs root (lttng-sessiond runs in a
# private mount namespace), swift, python3, taskset, gcc, liblttng-ust-dev, liblttng-ctl-dev and
# lttng-tools.
set -euo pipefail

bench=$(cd "$(dirname "$0")" && pwd)
rounds=${LATENCY_ROUNDS:-5}
fill_mib=${LATENCY_FILL_MIB:-512}
results=${LATENCY_RESULTS:-$bench/daemon-latency.json}
label=${LATENCY_LABEL:-$(git -C "$bench" rev-parse --short HEAD 2>/dev/null || echo unknown)}

log() { echo "[daemon-latency] $*" >&2; }
skip_lttng=${LATENCY_SKIP_LTTNG:-0}
tools="swift python3 taskset"
[ "$skip_lttng" = 1 ] || tools="$tools gcc lttng-sessiond unshare"
for tool in $tools; do
    command -v "$tool" >/dev/null || { echo "bench/daemon-latency.sh needs $tool" >&2; exit 1; }
done

swift_package=$bench/spoor-bench
scratch=$swift_package/.build-bench
swift_build() { swift build -c release --package-path "$swift_package" --scratch-path "$scratch" "$@"; }
log "building (release)"
swift_build --product spoor-daemon-latency >&2
swift_build --product spoor-sessiond >&2
bin=$(swift_build --show-bin-path)
c_bin=$bench/.build-bench
if [ "$skip_lttng" != 1 ]; then
    log "building the C program (gcc -O2)"
    mkdir -p "$c_bin"
    gcc -O2 -Wall -Wextra -I"$bench/lttng" -o "$c_bin/lttng-daemon-latency" \
        "$bench/latency/lttng-daemon-latency.c" "$bench/lttng/bench-tp.c" -llttng-ctl -llttng-ust -ldl -lpthread
fi

work=$(mktemp -d /tmp/spoor-daemon-latency.XXXXXX)
daemon_pid=
cleanup() {
    if [ -n "$daemon_pid" ]; then kill "$daemon_pid" 2>/dev/null || true; fi
    if [ "${BENCH_KEEP:-}" = 1 ]; then log "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

export SPOOR_HOME=$work/home SPOOR_SESSIOND_PATH=$bin/spoor-sessiond
mkdir -p "$SPOOR_HOME"
"$bin/spoor-sessiond" --daemonize >"$work/sessiond.log" 2>&1
daemon_pid=$(cat "$SPOOR_HOME/.spoor/spoor-sessiond.pid")
log "spoor-sessiond pid $daemon_pid; $rounds rounds of each slow operation on $fill_mib MiB"

# The app fills the buffer of CPU 0; the daemons and the probes run wherever the kernel puts them.
for slow in stop snapshot; do
    log "spoor: measuring while \`$slow\` works"
    taskset -c 0 "$bin/spoor-daemon-latency" measure "$slow" "$rounds" "$fill_mib" >"$work/spoor-$slow.out"
done
kill "$daemon_pid"
daemon_pid=

if [ "$skip_lttng" != 1 ]; then
    # Root's lttng-sessiond and its apps meet in /run/lttng and /dev/shm: fresh tmpfs mounts in a
    # private mount namespace keep this one away from any other LTTng of the machine.
    LTTNG_HOME=$work/lttng-home HOME=$work/lttng-home unshare --mount --propagation private bash -c '
        set -euo pipefail
        work=$1 c_bin=$2 rounds=$3 fill_mib=$4
        mkdir -p /run/lttng "$LTTNG_HOME"
        mount -t tmpfs none /run/lttng
        mount -t tmpfs none /dev/shm
        lttng-sessiond --daemonize --no-kernel --pidfile="$work/lttng-sessiond.pid" >"$work/lttng-sessiond.log" 2>&1
        pid=$(cat "$work/lttng-sessiond.pid")
        trap "kill $pid 2>/dev/null || true" EXIT
        for slow in stop snapshot; do
            echo "[daemon-latency] lttng: measuring while \`$slow\` works" >&2
            taskset -c 0 "$c_bin/lttng-daemon-latency" measure "$slow" "$rounds" "$fill_mib" >"$work/lttng-$slow.out"
        done
    ' bash "$work" "$c_bin" "$rounds" "$fill_mib"
fi

python3 "$bench/latency/report.py" "$work" "$results" "$label" "$fill_mib"
