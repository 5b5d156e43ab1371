#!/usr/bin/env bash
# Spoor's main job, from source: build it, trace the example app and show its events.
# Uses a private SPOOR_HOME, so it never touches another Spoor daemon or your own sessions.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release --product spoor
swift build -c release --product spoor-sessiond
swift build -c release --product spoor-example
bin=$(swift build -c release --show-bin-path)

export SPOOR_HOME=$(mktemp -d /tmp/spoor-demo.XXXXXX)
cleanup() {
    [ -f "$SPOOR_HOME/.spoor/spoor-sessiond.pid" ] && kill "$(cat "$SPOOR_HOME/.spoor/spoor-sessiond.pid")" 2>/dev/null
    rm -rf "$SPOOR_HOME"
}
trap cleanup EXIT

"$bin/spoor" create demo
"$bin/spoor" enable-event --userspace 'spoor_example:*'
"$bin/spoor" start
"$bin/spoor-example" "${1:-10}"
"$bin/spoor" stop
"$bin/spoor" view
"$bin/spoor" destroy
