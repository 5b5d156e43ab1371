#!/usr/bin/env bash
# Runs every test of Spoor. Installs what the tests need first (babeltrace2 reads the traces
# the integration tests record), then builds everything and runs `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v babeltrace2 >/dev/null 2>&1; then
    echo "Installing babeltrace2 (the integration tests read traces with it)..."
    if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y babeltrace2
fi

swift build --build-tests
swift test "$@"

# The ring buffer's lock-free algorithms, once more under ThreadSanitizer (its own build folder).
if [ $# -eq 0 ]; then
    swift test --sanitize=thread --scratch-path .build-tsan --filter SpoorRingBufferTests
fi
