#!/usr/bin/env bash
# Notification latency (issue #5): the time from a matching event in an app to the
# notification in a subscriber, with LTTng 2.13 and with Spoor, on the same machine in the
# same run. Prints a table (system, received/sent, median_us, p99_us) and writes
# bench/notify-results.json. See bench/README.md, "Notification latency".
#
#   sudo bench/notify.sh
#   NOTIFY_COUNT=200 NOTIFY_RESULTS=/tmp/notify-smoke.json sudo -E bench/notify.sh   # a smoke run
#
# Environment: NOTIFY_COUNT (measured events, default 2000), NOTIFY_INTERVAL_US (between two
# events, default 2000: far above either latency, so notifications never queue),
# NOTIFY_IDLE_S (a subscriber gives up after that long without a notification, default 5),
# NOTIFY_RESULTS (where the JSON goes), NOTIFY_SKIP_SPOOR=1 (do not build or measure Spoor),
# BENCH_KEEP=1 (keep the work directory with the raw outputs).
#
# Needs root (the LTTng session daemon runs in a private mount namespace), gcc,
# liblttng-ust-dev, liblttng-ctl-dev, lttng-tools, python3; swift for the Spoor half.
set -euo pipefail

bench=$(cd "$(dirname "$0")" && pwd)
count=${NOTIFY_COUNT:-2000}
interval_us=${NOTIFY_INTERVAL_US:-2000}
idle_s=${NOTIFY_IDLE_S:-5}
results=${NOTIFY_RESULTS:-$bench/notify-results.json}
# The trigger both systems register, and what it matches and captures.
trigger_name=notify-bench

log() { echo "[notify] $*" >&2; }

# Polls for PATH every 10 ms, for at most SECONDS: a bounded wait.
wait_for_file() {  # PATH SECONDS
    local tries=$(($2 * 100))
    while [ ! -e "$1" ]; do
        tries=$((tries - 1))
        [ $tries -gt 0 ] || return 1
        sleep 0.01
    done
}

# Stops a process we started, by its pid: SIGTERM, then SIGKILL after 10 s.
stop_pid() {  # PID NAME
    [ -n "$1" ] || return 0
    kill "$1" 2>/dev/null || return 0
    for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
    log "$2 (pid $1) did not exit on SIGTERM; killing it"
    kill -9 "$1" 2>/dev/null || true
}

# A system that could not be measured leaves WORK/SYSTEM.skip with the reason; a measured one
# leaves WORK/SYSTEM.out, its subscriber's output.
not_measured() {  # SYSTEM REASON
    echo "$2" >"$work/$1.skip"
    log "$1 not measured: $2"
}

# --- LTTng 2.13 ----------------------------------------------------------------------------
# lttng-sessiond (root's, --no-kernel) on the private /run/lttng and /dev/shm of this
# namespace; lttng-notify-subscriber registers the trigger and subscribes through
# liblttng-ctl, lttng-notify-app (LTTng-UST) emits the events.
lttng_pid=
measure_lttng() {
    local sync=$work/sync-lttng subscriber_pid
    mkdir -p "$sync"
    export LTTNG_HOME=$work/lttng-home HOME=$work/lttng-home
    mkdir -p "$LTTNG_HOME"
    if ! lttng-sessiond --daemonize --no-kernel --pidfile="$work/lttng-sessiond.pid" \
        >"$work/lttng-sessiond.log" 2>&1; then
        not_measured lttng "lttng-sessiond did not start (see $work/lttng-sessiond.log)"
        return 0
    fi
    lttng_pid=$(cat "$work/lttng-sessiond.pid")
    log "lttng: lttng-sessiond pid $lttng_pid; $count events, one every $interval_us us"

    timeout 600 "$c_bin/lttng-notify-subscriber" "$count" "$sync" "$idle_s" "$trigger_name" \
        >"$work/lttng.partial" 2>"$work/lttng-subscriber.err" &
    subscriber_pid=$!
    # The subscriber creates `ready` once it has registered the trigger and subscribed; the app
    # registers with the daemon in its constructor, so it starts with the event notifier set.
    if ! wait_for_file "$sync/ready" 30; then
        stop_pid "$subscriber_pid" lttng-notify-subscriber
        not_measured lttng "the subscriber did not subscribe: $(tr '\n' ' ' <"$work/lttng-subscriber.err")"
    elif ! timeout 600 "$c_bin/lttng-notify-app" "$count" "$interval_us" "$sync" \
        >"$work/lttng-app.out" 2>"$work/lttng-app.err"; then
        stop_pid "$subscriber_pid" lttng-notify-subscriber
        not_measured lttng "lttng-notify-app failed: $(tr '\n' ' ' <"$work/lttng-app.err")"
    elif ! wait "$subscriber_pid"; then
        not_measured lttng "lttng-notify-subscriber failed: $(tr '\n' ' ' <"$work/lttng-subscriber.err")"
    else
        mv "$work/lttng.partial" "$work/lttng.out"
    fi
    stop_pid "$lttng_pid" lttng-sessiond
    lttng_pid=
}

# --- Spoor ---------------------------------------------------------------------------------
# spoor-sessiond with a private SPOOR_HOME; the trigger is added with `spoor add-trigger`,
# `spoor notifications --trigger NAME` prints one JSON object per notification, flushed per
# line, read and timestamped on receipt by notify/notification-reader.c; spoor-notify-bench emits
# the events. Measured only when `spoor help` lists a `notifications` command.
spoor_pid= notifications_pid=
measure_spoor() {
    local sync=$work/sync-spoor fifo=$work/spoor-notifications.fifo reader_pid spoor=$swift_bin/spoor
    if [ -n "$spoor_unavailable" ]; then
        not_measured spoor "$spoor_unavailable"
        return 0
    fi
    # Read whole first: with pipefail, `spoor help | grep -q` could fail on spoor's SIGPIPE.
    local help
    help=$("$spoor" help 2>&1 || true)
    if ! grep -qE '^[[:space:]]+notifications([[:space:]]|$)' <<<"$help"; then
        not_measured spoor "\`spoor help\` lists no \`notifications\` command yet"
        return 0
    fi
    mkdir -p "$sync"
    export SPOOR_HOME=$work/spoor-home SPOOR_SESSIOND_PATH=$swift_bin/spoor-sessiond
    mkdir -p "$SPOOR_HOME"
    if ! "$swift_bin/spoor-sessiond" --daemonize >"$work/spoor-sessiond.log" 2>&1; then
        not_measured spoor "spoor-sessiond did not start (see $work/spoor-sessiond.log)"
        return 0
    fi
    spoor_pid=$(cat "$SPOOR_HOME/.spoor/spoor-sessiond.pid")
    log "spoor: spoor-sessiond pid $spoor_pid; $count events, one every $interval_us us"

    # The same trigger as lttng-notify-subscriber registers through liblttng-ctl.
    if ! timeout 60 "$spoor" add-trigger --name="$trigger_name" \
        --condition=event-rule-matches --type=user --name=notify_bench:ping --capture=sent_ns --capture=seq \
        --action=notify >"$work/spoor-add-trigger.out" 2>&1; then
        not_measured spoor "spoor add-trigger failed: $(tr '\n' ' ' <"$work/spoor-add-trigger.out")"
    else
        # A fifo rather than a pipeline, so that `spoor notifications` has a pid of its own to stop.
        mkfifo "$fifo"
        "$spoor" notifications --trigger "$trigger_name" >"$fifo" 2>"$work/spoor-notifications.err" &
        notifications_pid=$!
        timeout 600 "$c_bin/notification-reader" "$count" "$sync" "$idle_s" "$work/spoor.raw" \
            <"$fifo" >"$work/spoor.partial" 2>"$work/spoor-reader.err" &
        reader_pid=$!
        # The reader cannot know when `spoor notifications` has subscribed: the app's priming
        # events (seq 0), repeated until one reaches the reader, cover that.
        if ! wait_for_file "$sync/ready" 30; then
            stop_pid "$reader_pid" notification-reader
            not_measured spoor "the reader did not start: $(tr '\n' ' ' <"$work/spoor-reader.err")"
        elif ! timeout 600 "$swift_bin/spoor-notify-bench" "$count" "$interval_us" "$sync" \
            >"$work/spoor-app.out" 2>"$work/spoor-app.err"; then
            stop_pid "$reader_pid" notification-reader
            not_measured spoor "spoor-notify-bench failed: $(cat "$work/spoor-app.err" \
                "$work/spoor-notifications.err" | tr '\n' ' ')"
        elif ! wait "$reader_pid"; then
            not_measured spoor "notification-reader failed: $(tr '\n' ' ' <"$work/spoor-reader.err")"
        else
            mv "$work/spoor.partial" "$work/spoor.out"
        fi
        stop_pid "$notifications_pid" "spoor notifications"
        notifications_pid=
    fi
    stop_pid "$spoor_pid" spoor-sessiond
    spoor_pid=
}

# --- Spoor, through its API -----------------------------------------------------------------
# As above, but the subscriber is spoor-notify-subscriber, which receives through SpoorControl
# as lttng-notify-subscriber does through liblttng-ctl: no CLI process, no pipe.
measure_spoor_api() {
    local sync=$work/sync-spoor-api subscriber_pid spoor=$swift_bin/spoor
    if [ -n "$spoor_unavailable" ]; then
        not_measured spoor-api "$spoor_unavailable"
        return 0
    fi
    mkdir -p "$sync"
    export SPOOR_HOME=$work/spoor-api-home SPOOR_SESSIOND_PATH=$swift_bin/spoor-sessiond
    mkdir -p "$SPOOR_HOME"
    if ! "$swift_bin/spoor-sessiond" --daemonize >"$work/spoor-api-sessiond.log" 2>&1; then
        not_measured spoor-api "spoor-sessiond did not start (see $work/spoor-api-sessiond.log)"
        return 0
    fi
    spoor_pid=$(cat "$SPOOR_HOME/.spoor/spoor-sessiond.pid")
    log "spoor-api: spoor-sessiond pid $spoor_pid; $count events, one every $interval_us us"
    if ! timeout 60 "$spoor" add-trigger --name="$trigger_name" \
        --condition=event-rule-matches --type=user --name=notify_bench:ping --capture=sent_ns --capture=seq \
        --action=notify >"$work/spoor-api-add-trigger.out" 2>&1; then
        not_measured spoor-api "spoor add-trigger failed: $(tr '\n' ' ' <"$work/spoor-api-add-trigger.out")"
    else
        timeout 600 "$swift_bin/spoor-notify-subscriber" "$count" "$sync" "$trigger_name" \
            >"$work/spoor-api.partial" 2>"$work/spoor-api-subscriber.err" &
        subscriber_pid=$!
        if ! wait_for_file "$sync/ready" 30; then
            stop_pid "$subscriber_pid" spoor-notify-subscriber
            not_measured spoor-api "the subscriber did not subscribe: $(tr '\n' ' ' <"$work/spoor-api-subscriber.err")"
        elif ! timeout 600 "$swift_bin/spoor-notify-bench" "$count" "$interval_us" "$sync" \
            >"$work/spoor-api-app.out" 2>"$work/spoor-api-app.err"; then
            stop_pid "$subscriber_pid" spoor-notify-subscriber
            not_measured spoor-api "spoor-notify-bench failed: $(tr '\n' ' ' <"$work/spoor-api-app.err")"
        elif ! wait "$subscriber_pid"; then
            not_measured spoor-api "spoor-notify-subscriber failed: $(tr '\n' ' ' <"$work/spoor-api-subscriber.err")"
        else
            mv "$work/spoor-api.partial" "$work/spoor-api.out"
        fi
    fi
    stop_pid "$spoor_pid" spoor-sessiond
    spoor_pid=
}

# --- Inside the private mount namespace ----------------------------------------------------
if [ "${1:-}" = --in-namespace ]; then
    work=$2 c_bin=$3 swift_bin=$4 spoor_unavailable=$5
    stop_everything() {
        stop_pid "$notifications_pid" "spoor notifications"
        stop_pid "$lttng_pid" lttng-sessiond
        stop_pid "$spoor_pid" spoor-sessiond
    }
    trap stop_everything EXIT
    # Root's lttng-sessiond and LTTng-UST apps meet in /run/lttng and use /dev/shm: fresh tmpfs
    # mounts there are visible only in this namespace.
    if [ -d /run/lttng ]; then mount -t tmpfs none /run/lttng; else mount -t tmpfs none /run; fi
    mount -t tmpfs none /dev/shm
    measure_lttng
    measure_spoor
    measure_spoor_api
    exit 0
fi

# --- Build ---------------------------------------------------------------------------------
if [ "$(id -u)" -ne 0 ]; then
    echo "bench/notify.sh must run as root: lttng-sessiond runs in a private mount namespace" >&2
    exit 1
fi
for tool in gcc lttng-sessiond unshare python3; do
    command -v "$tool" >/dev/null || { echo "bench/notify.sh needs $tool" >&2; exit 1; }
done

c_bin=$bench/.build-bench
mkdir -p "$c_bin"
log "building the C programs (gcc -O2)"
gcc -O2 -Wall -Wextra -I"$bench/notify" -o "$c_bin/lttng-notify-app" \
    "$bench/notify/lttng-notify-app.c" "$bench/notify/notify-tp.c" -llttng-ust -ldl -lpthread
gcc -O2 -Wall -Wextra -o "$c_bin/lttng-notify-subscriber" "$bench/notify/lttng-notify-subscriber.c" -llttng-ctl
gcc -O2 -Wall -Wextra -o "$c_bin/notification-reader" "$bench/notify/notification-reader.c"

# The Swift side, as bench/run.sh builds it: release mode, one scratch path, so Spoor is
# compiled once for both benchmarks.
swift_bin= spoor_unavailable=
if [ "${NOTIFY_SKIP_SPOOR:-0}" = 1 ]; then
    spoor_unavailable="NOTIFY_SKIP_SPOOR=1"
elif ! command -v swift >/dev/null; then
    spoor_unavailable="swift is not installed"
else
    swift_build() {
        swift build -c release --package-path "$bench/spoor-bench" --scratch-path "$bench/spoor-bench/.build-bench" "$@"
    }
    log "building the Swift programs (release)"
    for product in spoor-notify-bench spoor-notify-subscriber spoor-sessiond spoor; do
        if ! swift_build --product "$product" >"$c_bin/notify-$product-build.log" 2>&1; then
            spoor_unavailable="$product does not build (see $c_bin/notify-$product-build.log)"
            break
        fi
    done
    swift_bin=$(swift_build --show-bin-path)
fi

# --- Measure, report -----------------------------------------------------------------------
work=$(mktemp -d /tmp/spoor-notify-bench.XXXXXX)
log "measuring in $work"
unshare --mount --propagation private bash "$bench/notify.sh" --in-namespace \
    "$work" "$c_bin" "$swift_bin" "$spoor_unavailable"
python3 "$bench/notify/report.py" "$work" "$results" "$count" "$interval_us" lttng spoor spoor-api
if [ "${BENCH_KEEP:-0}" = 1 ]; then log "raw outputs kept in $work"; else rm -rf "$work"; fi
