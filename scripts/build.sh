#!/usr/bin/env bash
# Configures and builds DCI Planner (Release) in build/ (or $DCI_BUILD_DIR); a second run
# reuses the directory and rebuilds only what changed.
# Environment (all optional; used by `scripts/test.sh --sanitize`):
#   DCI_BUILD_DIR     build folder (default build)
#   DCI_BUILD_TYPE    CMAKE_BUILD_TYPE for a first configure (default Release)
#   DCI_CMAKE_ARGS    more arguments for a first configure, split on spaces
#   CC, CXX           the compilers, read by CMake on a first configure
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${DCI_BUILD_DIR:-build}
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  # shellcheck disable=SC2086 # DCI_CMAKE_ARGS is a list of arguments
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE="${DCI_BUILD_TYPE:-Release}" ${DCI_CMAKE_ARGS:-} >/dev/null
fi
cmake --build "$BUILD_DIR" -j"$(nproc)"
