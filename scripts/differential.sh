#!/usr/bin/env bash
# The differential test of event rules: runs the cases of differential/cases.tsv in Spoor and in
# the real LTTng 2.13 (lttng-tools, liblttng-ust) and compares what each records.
#
#   scripts/differential.sh [--keep] [--without-filters] [--cases FILE] [--only REGEX]
#
# Both tracers get the same rules and the same app: differential/lttng-app (C, LTTng-UST) and
# spoor-differential-app (Swift, Spoor) emit one table of events. Each case is one channel, and
# the channels are spread over a few recording sessions, so that one run of each app serves
# every case: an event is recorded once per channel whose rules match it. Each trace is then read
# channel by channel with babeltrace2 (the metadata and that channel's stream files, linked into
# a directory of their own) and normalised: timestamps, deltas, host name and CPU ids dropped,
# events sorted by their field n, the emission counter. A rule that enable-event refuses shows
# as "rule K: rejected". Cases whose note says "differs: REASON" are known, documented
# differences.
#
# --without-filters leaves out every case with a --filter rule; --only keeps the cases whose id
# matches REGEX; --keep keeps the work directory (traces, command logs, outcomes).
#
# Prints one line (and a diff) per disagreeing case, then "N cases, M agree"; exits non-zero
# on any unexpected disagreement, and on a "differs:" case that agrees.
#
# Needs root and unshare(1): LTTng's root session daemon runs in a private mount namespace with
# its own /run/lttng and /dev/shm, so it never meets another session daemon of the machine.
#
# Environment: SPOOR_BIN_DIR, a directory holding spoor, spoor-sessiond and
# spoor-differential-app already built (the default builds them with `swift build`);
# DIFFERENTIAL_WORK, the work directory (default: a new temporary one, removed unless --keep).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SELF="$ROOT/scripts/differential.sh"
CASES_FILE="$ROOT/differential/cases.tsv"
KEEP=0
WITHOUT_FILTERS=0
ONLY=
# Every channel: two sub-buffers per CPU, each far larger than everything the app emits.
CHANNEL_OPTIONS=(--subbuf-size=64k --num-subbuf=2)
# Cases (channels) per recording session.
CASES_PER_SESSION=16
# How long an app may take to register, and how long we wait for it, in seconds.
APP_TIMEOUT=60

fail() {
    echo "differential: $*" >&2
    exit 1
}

# --- Cases -------------------------------------------------------------------------------------

# Reads the cases file into CASE_ID, CASE_NOTE (one entry per case) and RULE_CASE, RULE_NAME,
# RULE_EXCLUDE, RULE_LOGLEVEL, RULE_FILTER (one entry per rule; consecutive lines with the same
# case id are the rules of one case). Columns are separated by tabs; "-" means none.
read_cases() {
    CASE_ID=() CASE_NOTE=() RULE_CASE=() RULE_NAME=() RULE_EXCLUDE=() RULE_LOGLEVEL=() RULE_FILTER=()
    local id name exclude loglevel filter note extra last= line=0
    declare -A seen=() filtered=()
    if [[ "$WITHOUT_FILTERS" == 1 ]]; then
        while IFS=$'\t' read -r id name exclude loglevel filter note; do
            [[ -z "${filter:-}" || "$filter" == "-" ]] || filtered[$id]=1
        done <"$CASES_FILE"
    fi
    while IFS=$'\t' read -r id name exclude loglevel filter note extra; do
        line=$((line + 1))
        [[ -z "$id" || "$id" == \#* ]] && continue
        [[ -n "${extra:-}" ]] && fail "$CASES_FILE:$line: too many columns"
        [[ -n "${filter:-}" ]] || fail "$CASES_FILE:$line: expected 5 or 6 tab-separated columns"
        if [[ -n "$ONLY" && ! "$id" =~ $ONLY ]]; then continue; fi
        if [[ -n "${filtered[$id]:-}" ]]; then continue; fi
        if [[ "$id" != "$last" ]]; then
            [[ -z "${seen[$id]:-}" ]] || fail "$CASES_FILE:$line: case $id appears twice"
            seen[$id]=1
            CASE_ID+=("$id")
            CASE_NOTE+=("${note:-}")
            last=$id
        elif [[ -n "${note:-}" ]]; then
            CASE_NOTE[${#CASE_ID[@]} - 1]="$note"
        fi
        RULE_CASE+=($((${#CASE_ID[@]} - 1)))
        RULE_NAME+=("$name")
        RULE_EXCLUDE+=("$exclude")
        RULE_LOGLEVEL+=("$loglevel")
        RULE_FILTER+=("$filter")
    done <"$CASES_FILE"
    [[ ${#CASE_ID[@]} -gt 0 ]] || fail "no case selected"
}

# The channel of case $1.
channel_name() { printf 'case%03d' "$1"; }

# The recording session of case $1. Cases are spread over several sessions, each with its own
# trace, because babeltrace2 reads the whole metadata of a trace however few streams it reads.
session_name() { printf 's%02d' $(($1 / CASES_PER_SESSION)); }

# --- One tracer's run ----------------------------------------------------------------------------

# Runs every case with the command-line tool $2 (lttng or spoor) and the app $3, with results in
# $1. Writes $1/rules (one line per rule: case index, rule number, exit status of enable-event),
# $1/commands.log (what the tool said, with times) and the traces in $1/trace/s<session>.
run_cases() {
    local dir=$1 cli=$2 app=$3
    mkdir -p "$dir"
    local log="$dir/commands.log"
    : >"$log"
    : >"$dir/rules"
    local i r=0 previous=-1 status channel session sessions=()
    for ((i = 0; i < ${#RULE_CASE[@]}; i++)); do
        local case_index=${RULE_CASE[$i]}
        channel=$(channel_name "$case_index")
        session=$(session_name "$case_index")
        if [[ "$case_index" != "$previous" ]]; then
            if [[ ${#sessions[@]} == 0 || "$session" != "${sessions[-1]}" ]]; then
                "$cli" create "$session" --output="$dir/trace/$session" >>"$log" 2>&1 ||
                    fail "$cli create failed (see $log)"
                sessions+=("$session")
                # Once a session daemon runs (spoor starts its own with the first create), the
                # app starts and registers while the rules are created; it emits once the
                # sessions have started (its --wait-for file).
                if [[ -z "$APP_PID" ]]; then
                    "$app" --ready "$dir/app-ready" --wait-for "$dir/go" >"$dir/app.log" 2>&1 &
                    APP_PID=$!
                fi
            fi
            "$cli" enable-channel -u -s "$session" "${CHANNEL_OPTIONS[@]}" "$channel" >>"$log" 2>&1 ||
                fail "$cli enable-channel failed (see $log)"
            previous=$case_index
            r=0
        fi
        r=$((r + 1))
        local arguments=(enable-event -u -s "$session" -c "$channel" "${RULE_NAME[$i]}")
        [[ "${RULE_EXCLUDE[$i]}" == "-" ]] || arguments+=(--exclude "${RULE_EXCLUDE[$i]}")
        case "${RULE_LOGLEVEL[$i]}" in
        -) ;;
        =*) arguments+=(--loglevel-only "${RULE_LOGLEVEL[$i]#=}") ;;
        *) arguments+=(--loglevel "${RULE_LOGLEVEL[$i]}") ;;
        esac
        [[ "${RULE_FILTER[$i]}" == "-" ]] || arguments+=(--filter "${RULE_FILTER[$i]}")
        echo "## ${CASE_ID[$case_index]} rule $r: $cli ${arguments[*]}" >>"$log"
        status=0
        "$cli" "${arguments[@]}" >>"$log" 2>&1 || status=$?
        echo "$case_index $r $status" >>"$dir/rules"
    done
    echo "## $SECONDS s: rules created" >>"$log"
    local waited=0
    while [[ ! -e "$dir/app-ready" ]]; do
        kill -0 "$APP_PID" 2>/dev/null || fail "the app $app exited before it was ready (see $dir/app.log)"
        ((waited < APP_TIMEOUT * 100)) || fail "the app $app never got ready"
        sleep 0.01
        waited=$((waited + 1))
    done
    echo "## $SECONDS s: app ready" >>"$log"
    for session in "${sessions[@]}"; do
        "$cli" start "$session" >>"$log" 2>&1 || fail "$cli start $session failed (see $log)"
    done
    echo "## $SECONDS s: sessions started" >>"$log"
    touch "$dir/go"
    local app_status=0
    wait "$APP_PID" || app_status=$?
    APP_PID=
    [[ "$app_status" == 0 ]] || fail "the app $app failed (see $dir/app.log)"
    echo "## $SECONDS s: app done" >>"$log"
    for session in "${sessions[@]}"; do
        "$cli" stop "$session" >>"$log" 2>&1 || fail "$cli stop $session failed (see $log)"
    done
    echo "## $SECONDS s: sessions stopped" >>"$log"
    for session in "${sessions[@]}"; do
        "$cli" destroy "$session" >>"$log" 2>&1 || fail "$cli destroy $session failed (see $log)"
    done
    echo "## $SECONDS s: sessions destroyed" >>"$log"
}

# The app of run_cases while it runs.
APP_PID=

# Ends the app of run_cases if it still runs (after a failure), then stops the session daemon
# whose pid file is $1.
clean_up() {
    if [[ -n "$APP_PID" ]]; then
        kill -KILL "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    stop_daemon "$1"
}

# Stops the process whose pid file is $1, and waits for it to end.
stop_daemon() {
    local pid
    pid=$(cat "$1" 2>/dev/null) || return 0
    [[ -n "$pid" ]] || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    local tries=0
    while kill -0 "$pid" 2>/dev/null && ((tries < 500)); do
        sleep 0.01
        tries=$((tries + 1))
    done
    kill -KILL "$pid" 2>/dev/null || true
}

# Inside a private mount namespace (see lttng_run): starts a root lttng-sessiond of our own and
# runs the cases with it.
lttng_inside_namespace() {
    local dir=$1 app=$2
    mount -t tmpfs -o mode=0755 tmpfs /run/lttng || fail "cannot mount a tmpfs on /run/lttng"
    mount -t tmpfs -o mode=1777 tmpfs /dev/shm || fail "cannot mount a tmpfs on /dev/shm"
    export HOME="$dir/home" LTTNG_HOME="$dir/home"
    mkdir -p "$HOME"
    # The app: register however long it takes, and no state dump (Spoor has none).
    export LTTNG_UST_REGISTER_TIMEOUT=$((APP_TIMEOUT * 1000))
    export LTTNG_UST_WITHOUT_BADDR_STATEDUMP=1 LTTNG_UST_WITHOUT_PROCNAME_STATEDUMP=1
    # Every stream holds several descriptors in the consumer daemon and in the app.
    ulimit -n "$(ulimit -Hn)"
    trap 'clean_up /run/lttng/lttng-sessiond.pid' EXIT
    lttng-sessiond --daemonize --no-kernel >"$dir/sessiond.log" 2>&1 ||
        fail "lttng-sessiond did not start (see $dir/sessiond.log)"
    [[ -s /run/lttng/lttng-sessiond.pid ]] || fail "lttng-sessiond wrote no pid file"
    run_cases "$dir" lttng "$app"
}

lttng_run() {
    local dir=$1 app=$2
    mkdir -p "$dir"
    # /var/run is /run on current systems; the session daemon of root uses /var/run/lttng.
    [[ "$(readlink -f /var/run)" == /run ]] || fail "/var/run is not /run: the namespace would not hide it"
    mkdir -p /run/lttng
    unshare --mount --propagation private bash "$SELF" --inside-namespace "$dir" "$app" "${FORWARDED[@]}"
}

spoor_run() {
    local dir=$1 bin=$2
    mkdir -p "$dir/home"
    export SPOOR_HOME="$dir/home"
    unset SPOOR_RUNDIR
    export SPOOR_REGISTER_TIMEOUT=$((APP_TIMEOUT * 1000))
    trap 'clean_up "$SPOOR_HOME/.spoor/spoor-sessiond.pid"' EXIT
    PATH="$bin:$PATH" run_cases "$dir" spoor "$bin/spoor-differential-app"
}

# --- Reading and comparing -----------------------------------------------------------------------

# Writes the normalised events of channel $3 of the trace of $1 to $2.
read_channel() {
    local dir=$1 out=$2 channel=$3 session=$4
    local metadata split="$dir/split/$channel"
    metadata=$(find "$dir/trace/$session" -name metadata -print -quit)
    [[ -n "$metadata" ]] || { echo "no trace" >"$out"; return; }
    mkdir -p "$split"
    ln -f "$metadata" "$split/metadata"
    local streams=("$(dirname "$metadata")/$channel"_*)
    if [[ ! -e "${streams[0]}" ]]; then
        echo "no stream files" >"$out"
        return
    fi
    ln -f "${streams[@]}" "$split/"
    # [time] (+delta) host provider:event: { cpu_id = N }, { fields } -> provider:event { fields },
    # in the order of the field n that every event starts with. LTTng-UST's own state dump
    # events (lttng_ust_statedump:*, which `*` rules match) are not part of the app's table.
    if ! babeltrace2 "$split" 2>"$split.stderr" |
        sed -E 's/^\[[^]]*\] \([^)]*\) [^ ]+ //; s/: \{ cpu_id = [0-9]+ \}, / /; /^lttng_ust_statedump:/d' |
        awk '{ k = -1; if (match($0, /\{ n = [0-9]+/)) k = substr($0, RSTART + 6, RLENGTH - 6); print k "\t" $0 }' |
        sort -s -n -k1,1 | cut -f2- >"$out"; then
        echo "babeltrace2 failed" >>"$out"
    fi
    [[ ! -s "$split.stderr" ]] || echo "babeltrace2 warned: see $split.stderr" >>"$out"
}

# --- Main ----------------------------------------------------------------------------------------

case "${1:-}" in
--inside-namespace)
    shift
    dir=$1 app=$2
    shift 2
    FORWARDED=("$@")
    while [[ $# -gt 0 ]]; do
        case "$1" in
        --cases) CASES_FILE=$2; shift ;;
        --only) ONLY=$2; shift ;;
        --without-filters) WITHOUT_FILTERS=1 ;;
        esac
        shift
    done
    read_cases
    lttng_inside_namespace "$dir" "$app"
    exit 0
    ;;
--read-channel)
    # xargs passes: work directory, case index, channel, session.
    for system in lttng spoor; do
        read_channel "$2/$system" "$2/$system/outcome/$3.events" "$4" "$5"
    done
    exit 0
    ;;
esac

FORWARDED=()
while [[ $# -gt 0 ]]; do
    case "$1" in
    --keep) KEEP=1 ;;
    --without-filters) WITHOUT_FILTERS=1; FORWARDED+=("$1") ;;
    --cases) CASES_FILE=$(realpath "$2"); FORWARDED+=(--cases "$CASES_FILE"); shift ;;
    --only) ONLY=$2; FORWARDED+=(--only "$2"); shift ;;
    -h | --help)
        sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
        exit 0
        ;;
    *) fail "unknown argument: $1 (see --help)" ;;
    esac
    shift
done

[[ "$(id -u)" == 0 ]] || fail "must run as root: LTTng's session daemon runs in a private mount namespace (unshare -m)"
command -v unshare >/dev/null || fail "unshare (util-linux) is missing"
unshare --mount true 2>/dev/null || fail "unshare --mount does not work here; the LTTng half needs a private mount namespace"
for tool in lttng lttng-sessiond babeltrace2 gcc; do
    command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install lttng-tools liblttng-ust-dev babeltrace2 gcc)"
done

read_cases
start_time=$SECONDS

WORK=${DIFFERENTIAL_WORK:-$(mktemp -d /tmp/spoor-differential.XXXXXX)}
mkdir -p "$WORK"
WORK=$(realpath "$WORK")
rm -rf "$WORK/lttng" "$WORK/spoor"
if [[ "$KEEP" == 0 && -z "${DIFFERENTIAL_WORK:-}" ]]; then trap 'rm -rf "$WORK"' EXIT; fi

# The apps and Spoor.
gcc -O1 -Wall -Werror -I"$ROOT/differential/lttng-app" -o "$WORK/diff-app" \
    "$ROOT/differential/lttng-app/app.c" "$ROOT/differential/lttng-app/tp.c" -llttng-ust -ldl ||
    fail "cannot build the LTTng-UST app (is liblttng-ust-dev installed?)"
if [[ -n "${SPOOR_BIN_DIR:-}" ]]; then
    BIN=$(realpath "$SPOOR_BIN_DIR")
else
    for product in spoor spoor-sessiond spoor-differential-app; do
        (cd "$ROOT" && swift build --product "$product" >/dev/null) || fail "swift build --product $product failed"
    done
    BIN=$(cd "$ROOT" && swift build --show-bin-path)
fi
for binary in spoor spoor-sessiond spoor-differential-app; do
    [[ -x "$BIN/$binary" ]] || fail "$BIN/$binary is missing"
done

built_time=$SECONDS
# Both tracers at once: they share nothing (a private namespace for LTTng, SPOOR_HOME for Spoor).
lttng_run "$WORK/lttng" "$WORK/diff-app" >"$WORK/lttng.log" 2>&1 &
lttng_pid=$!
spoor_status=0
(spoor_run "$WORK/spoor" "$BIN") >"$WORK/spoor.log" 2>&1 || spoor_status=$?
lttng_status=0
wait "$lttng_pid" || lttng_status=$?
[[ "$lttng_status" == 0 ]] || { cat "$WORK/lttng.log" >&2; fail "the LTTng run failed"; }
[[ "$spoor_status" == 0 ]] || { cat "$WORK/spoor.log" >&2; fail "the Spoor run failed"; }

traced_time=$SECONDS
mkdir -p "$WORK/lttng/outcome" "$WORK/spoor/outcome"
for ((i = 0; i < ${#CASE_ID[@]}; i++)); do
    echo "$i $(channel_name "$i") $(session_name "$i")"
done | xargs -P "$(nproc)" -n 3 bash "$SELF" --read-channel "$WORK"
for system in lttng spoor; do
    while read -r case_index r status; do
        [[ "$status" == 0 ]] || echo "rule $r: rejected" >>"$WORK/$system/outcome/$case_index.rules"
    done <"$WORK/$system/rules"
    for ((i = 0; i < ${#CASE_ID[@]}; i++)); do
        cat "$WORK/$system/outcome/$i.rules" "$WORK/$system/outcome/$i.events" 2>/dev/null \
            >"$WORK/$system/outcome/$i" || true
    done
done

read_time=$SECONDS
agree=0 expected=0 failures=0
for ((i = 0; i < ${#CASE_ID[@]}; i++)); do
    id=${CASE_ID[$i]} note=${CASE_NOTE[$i]}
    if cmp -s "$WORK/lttng/outcome/$i" "$WORK/spoor/outcome/$i"; then
        if [[ "$note" == differs:* ]]; then
            echo "AGREES BUT MARKED $id: remove its 'differs:' note"
            failures=$((failures + 1))
        else
            agree=$((agree + 1))
        fi
        continue
    fi
    if [[ "$note" == differs:* ]]; then
        expected=$((expected + 1))
        echo "differs as documented $id: ${note#differs: }"
        continue
    fi
    failures=$((failures + 1))
    echo "DIFFERS $id:"
    grep -F "## $id rule" "$WORK/lttng/commands.log" | sed 's/^## [^:]*: lttng /    rule: /' || true
    diff -u "$WORK/lttng/outcome/$i" "$WORK/spoor/outcome/$i" >"$WORK/diff" || true
    # The first 24 lines of the diff (- LTTng, + Spoor), each cut at 220 characters.
    awk 'NR > 2 && NR <= 26 { print "    " substr($0, 1, 220) }' "$WORK/diff"
done

echo "${#CASE_ID[@]} cases, $agree agree, $expected differ as documented, $failures unexpected" \
    "($((SECONDS - start_time)) s: build $((built_time - start_time)), tracing $((traced_time - built_time)), reading $((read_time - traced_time)))"
[[ "$KEEP" == 1 ]] && echo "work directory: $WORK"
[[ "$failures" == 0 ]]
