#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test offscreen.
# This is what CI runs (.ci/run) and what README tells developers to run.
#   ./scripts/test.sh              Release build in build/ (or $DCI_BUILD_DIR), every test
#   ./scripts/test.sh --sanitize   clang 14 build with AddressSanitizer + UndefinedBehavior-
#                                  Sanitizer (DCI_SANITIZE) in build-asan/, every test; any
#                                  report fails its test. Suppressions: scripts/sanitizers/.
set -euo pipefail
cd "$(dirname "$0")/.."

SANITIZE=0
case "${1:-}" in
  "") ;;
  --sanitize) SANITIZE=1 ;;
  *) echo "usage: $0 [--sanitize]" >&2; exit 2 ;;
esac

if [ "$SANITIZE" -eq 0 ]; then
  ./scripts/deps.sh
  ./scripts/build.sh
  BUILD_DIR=${DCI_BUILD_DIR:-build}
  cd "$BUILD_DIR"
  QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j"$(nproc)"
  exit 0
fi

./scripts/deps.sh --sanitize
SUPP="$PWD/scripts/sanitizers"
BUILD_DIR=build-asan
DCI_BUILD_DIR=$BUILD_DIR DCI_BUILD_TYPE=RelWithDebInfo DCI_CMAKE_ARGS="-DDCI_SANITIZE=ON" \
  CC=clang-14 CXX=clang++-14 ./scripts/build.sh
cd "$BUILD_DIR"
# halt_on_error: the first report ends the program with a non-zero exit, which fails its
# test. detect_leaks: LeakSanitizer at exit; its only suppressions are allocations inside
# Qt and the libraries under it (lsan.supp gives the reason for each). strict_string_checks,
# check_initialization_order, detect_stack_use_after_return: checks ASan leaves off by default.
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:print_stacktrace=1:strict_string_checks=1:check_initialization_order=1:detect_stack_use_after_return=1:symbolize=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:report_error_type=1"
export LSAN_OPTIONS="suppressions=$SUPP/lsan.supp:print_suppressions=0"
export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$(command -v llvm-symbolizer-14 || true)}
# The per-test timeout is longer in this build (tests/CMakeLists.txt, DCI_SANITIZE).
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j"$(nproc)"
