#!/usr/bin/env bash
# Runs every test of Spoor. First checks that every target declares the modules it imports
# (scripts/check-imports.sh). Installs what the tests need first (babeltrace2 reads the traces
# the integration tests record; xmllint and LTTng's session.xsd check saved sessions; LTTng
# 2.13 and gcc run the differential test), then builds everything and runs `swift test`, the
# differential test against LTTng and a ThreadSanitizer run of the ring buffer tests. With arguments, runs only `swift test` with those arguments.
# A test that needs a missing tool fails and names the package (SpoorTestSupport's RequiredTool):
# none skips, so what this script installs is what lets the suite pass.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
updated=0
install_packages() {
    if [ "$updated" -eq 0 ]; then
        $sudo apt-get update
        updated=1
    fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "$@"
}

# Cheap and independent of the build: an undeclared import fails before anything compiles.
if ! command -v python3 >/dev/null 2>&1; then
    echo "Installing python3 (scripts/check-imports.py reads Package.swift with it)..."
    install_packages python3
fi
scripts/check-imports.sh

if ! command -v babeltrace2 >/dev/null 2>&1; then
    echo "Installing babeltrace2 (the integration tests read traces with it)..."
    install_packages babeltrace2
fi
# xmllint checks saved sessions against the schema LTTng installs (liblttng-ctl0's session.xsd).
if ! command -v xmllint >/dev/null 2>&1 || [ ! -f /usr/share/xml/lttng/session.xsd ]; then
    echo "Installing libxml2-utils and liblttng-ctl0 (the save and load tests validate with them)..."
    install_packages libxml2-utils liblttng-ctl0
fi

swift build --build-tests
swift test "$@"

if [ $# -eq 0 ]; then
    # The differential test runs the same event rules in Spoor and in the real LTTng 2.13.
    missing=()
    for package in lttng-tools liblttng-ust-dev gcc; do
        status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
        [[ "$status" == *"ok installed"* ]] || missing+=("$package")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "Installing ${missing[*]} (the differential test runs LTTng)..."
        install_packages "${missing[@]}"
    fi
    SPOOR_BIN_DIR="$(swift build --show-bin-path)" scripts/differential.sh

    # The ring buffer's lock-free algorithms, once more under ThreadSanitizer (its own build folder).
    swift test --sanitize=thread --scratch-path .build-tsan --filter SpoorRingBufferTests
fi
