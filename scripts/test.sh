#!/usr/bin/env bash
# Runs every test of Spoor. Installs what the tests need first, then builds everything and
# runs `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."

# babeltrace2 reads the traces the integration tests record; xmllint (libxml2-utils) checks
# saved sessions against the schema LTTng installs (liblttng-ctl0's session.xsd).
missing=()
command -v babeltrace2 >/dev/null 2>&1 || missing+=(babeltrace2)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
[ -f /usr/share/xml/lttng/session.xsd ] || missing+=(liblttng-ctl0)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} (the tests need them)..."
    if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${missing[@]}"
fi

swift build --build-tests
swift test "$@"

# The ring buffer's lock-free algorithms, once more under ThreadSanitizer (its own build folder).
if [ $# -eq 0 ]; then
    swift test --sanitize=thread --scratch-path .build-tsan --filter SpoorRingBufferTests
fi
