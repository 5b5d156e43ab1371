#!/usr/bin/env bash
# Fails when a target imports a module of this package (or a package product such as Logging,
# ArgumentParser or Atomics) that Package.swift does not list among its dependencies: SwiftPM on
# Linux compiles such imports as long as the module reaches the build through another target.
# The targets are read from Package.swift each time (see check-imports.py for the rules).
set -euo pipefail
exec python3 "$(dirname "$0")/check-imports.py" "$(cd "$(dirname "$0")/.." && pwd)"
