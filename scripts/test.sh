#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test offscreen.
# This is what CI runs (.ci/run) and what README tells developers to run.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh
./scripts/build.sh
BUILD_DIR=${DCI_BUILD_DIR:-build}
cd "$BUILD_DIR"
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j"$(nproc)"
