#!/usr/bin/env bash
# Configures and builds DCI Planner (Release) in build/ (or $DCI_BUILD_DIR); a second run
# reuses the directory and rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${DCI_BUILD_DIR:-build}
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$BUILD_DIR" -j"$(nproc)" -- --no-print-directory | grep -vE '^\[ *[0-9]+%\] (Building|Linking|Built|Automatic|Generating|Embedding|Checking)' || true
test "${PIPESTATUS[0]}" -eq 0
