#!/usr/bin/env bash
# Runs the libFuzzer harnesses (fuzz/, fuzz/README.md) for SECONDS each (default 60), two at a
# time, and prints a table: harness, seconds, executions, exec/s, corpus, crashes.
#
#   scripts/fuzz.sh [SECONDS] [HARNESS...]     (default: every harness)
#
# Builds build-fuzz/ with clang 14 (-DDCI_FUZZ=ON, no GUI, no tests), or uses the build
# directory in $DCI_FUZZ_BUILD_DIR (configured with -DDCI_FUZZ=ON). Each harness keeps a
# working corpus in <build>/corpus/<harness>, seeded from fuzz/seeds.txt and
# tests/data/fuzz/<harness>/; its log is <build>/fuzz-logs/<harness>.log. A crash (or leak,
# timeout, out-of-memory) is copied into tests/data/fuzz/<harness>/ with a line to fill in
# tests/data/fuzz/README.md, and the script exits 1. Violations listed in
# tests/data/fuzz/pending/known.txt (fixes pending) do not stop the fuzzers
# (DCI_FUZZ_KNOWN= empty: they do).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
all=(scenario_bytes scenario_struct import_graphml import_sndlib import_gnpy_topology import_gnpy_equipment lesson_text)

seconds=60
if [ $# -gt 0 ]; then
  if ! [[ $1 =~ ^[0-9]+$ ]] || [ "$1" -eq 0 ]; then
    echo "fuzz.sh: SECONDS must be a whole number of seconds > 0, got \"$1\"" >&2
    echo "usage: scripts/fuzz.sh [SECONDS] [HARNESS...]; harnesses: ${all[*]}" >&2
    exit 2
  fi
  seconds=$1
  shift
fi
harnesses=("$@")
[ ${#harnesses[@]} -eq 0 ] && harnesses=("${all[@]}")
for h in "${harnesses[@]}"; do
  if ! printf '%s\n' "${all[@]}" | grep -qx "$h"; then
    echo "fuzz.sh: unknown harness \"$h\"; the harnesses: ${all[*]}" >&2
    exit 2
  fi
done

"$root/scripts/deps.sh" --sanitize # clang 14, its sanitizer and fuzzer runtimes
build=${DCI_FUZZ_BUILD_DIR:-$root/build-fuzz}
if [ -z "${DCI_FUZZ_BUILD_DIR:-}" ] && [ ! -f "$build/CMakeCache.txt" ]; then
  if ! command -v clang++-14 >/dev/null; then
    echo "fuzz.sh: clang++-14 not found; run scripts/deps.sh (clang-14, libclang-rt-14-dev, llvm-14)" >&2
    exit 2
  fi
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
        -DDCI_FUZZ=ON -DDCI_BUILD_GUI=OFF -DDCI_BUILD_TESTS=OFF >/dev/null
fi
if ! grep -q '^DCI_FUZZ:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then
  echo "fuzz.sh: $build is not configured with -DDCI_FUZZ=ON" >&2
  exit 2
fi
targets=()
for h in "${harnesses[@]}"; do targets+=(--target "fuzz_$h"); done
cmake --build "$build" -j2 "${targets[@]}"

# The symbolizer makes the stack traces readable (llvm-14).
if [ -z "${ASAN_SYMBOLIZER_PATH:-}" ] && [ -x /usr/lib/llvm-14/bin/llvm-symbolizer ]; then
  export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
fi
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# Known violations whose fix is pending: the fuzzers go on past them (fuzz/harnesses.h).
if [ -z "${DCI_FUZZ_KNOWN+set}" ] && [ -f "$root/tests/data/fuzz/pending/known.txt" ]; then
  export DCI_FUZZ_KNOWN=$root/tests/data/fuzz/pending/known.txt
fi

# scenario_struct reads a few bytes per edit: at most 8 edits of ~12 bytes.
extraFor() {
  case $1 in
    scenario_struct) echo "-max_len=128" ;;
    *) echo "" ;;
  esac
}

dictFor() {
  case $1 in
    scenario_bytes) echo "$root/fuzz/dict/scenario.dict" ;;
    import_graphml) echo "$root/fuzz/dict/graphml.dict" ;;
    import_sndlib) echo "$root/fuzz/dict/sndlib.dict" ;;
    import_gnpy_*) echo "$root/fuzz/dict/gnpy.dict" ;;
    lesson_text) echo "$root/fuzz/dict/lesson.dict" ;;
    *) echo "" ;; # scenario_struct reads choices, not text
  esac
}

logs=$build/fuzz-logs
mkdir -p "$logs"

# One harness: seed its corpus, run it, leave the seconds it took in <log>.time.
runOne() {
  local h=$1 corpus=$build/corpus/$1 artifacts=$build/artifacts/$1/ dict
  mkdir -p "$corpus" "$artifacts"
  rm -f "$artifacts"/crash-* "$artifacts"/leak-* "$artifacts"/timeout-* "$artifacts"/oom-*
  while read -r name dir ext; do
    [ "$name" = "$h" ] || continue
    for f in "$root/$dir"/*"$ext"; do [ -f "$f" ] && cp -n "$f" "$corpus/" || true; done
  done < <(grep -v '^#' "$root/fuzz/seeds.txt")
  if [ -d "$root/tests/data/fuzz/$h" ]; then
    for f in "$root/tests/data/fuzz/$h"/*; do [ -f "$f" ] && cp -n "$f" "$corpus/" || true; done
  fi
  dict=$(dictFor "$h")
  local start=$SECONDS
  (cd "$build" && "$build/fuzz/fuzz_$h" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
      -print_final_stats=1 -artifact_prefix="$artifacts" ${dict:+-dict="$dict"} $(extraFor "$h") "$corpus") \
      >"$logs/$h.log" 2>&1 || true
  echo $((SECONDS - start)) >"$logs/$h.time"
}

echo "fuzz.sh: ${#harnesses[@]} harness(es), ${seconds} s each, two at a time; logs in $logs"
running=0
for h in "${harnesses[@]}"; do
  if [ $running -ge 2 ]; then
    wait -n || true
    running=$((running - 1))
  fi
  runOne "$h" &
  running=$((running + 1))
done
wait

stat() { sed -n "s/^stat::$2: *//p" "$logs/$1.log" | tail -1; }
status=0
printf '%-22s %8s %12s %8s %8s %8s\n' harness seconds executions 'exec/s' corpus crashes
for h in "${harnesses[@]}"; do
  found=()
  for a in "$build/artifacts/$h"/crash-* "$build/artifacts/$h"/leak-* "$build/artifacts/$h"/timeout-* \
           "$build/artifacts/$h"/oom-*; do
    [ -f "$a" ] && found+=("$a")
  done
  corpus=$(find "$build/corpus/$h" -type f | wc -l)
  printf '%-22s %8s %12s %8s %8s %8s\n' "$h" "$(cat "$logs/$h.time")" "$(stat "$h" number_of_executed_units)" \
    "$(stat "$h" average_exec_per_sec)" "$corpus" "${#found[@]}"
  for a in "${found[@]}"; do
    mkdir -p "$root/tests/data/fuzz/$h"
    cp "$a" "$root/tests/data/fuzz/$h/"
    echo "| \`$h/$(basename "$a")\` | scripts/fuzz.sh, $(date -u +%Y-%m-%d) | TODO: what broke, the fix |" \
      >>"$root/tests/data/fuzz/README.md"
    echo "  -> tests/data/fuzz/$h/$(basename "$a") (see $logs/$h.log; add what broke to tests/data/fuzz/README.md)"
    status=1
  done
  if [ ${#found[@]} -eq 0 ] && ! grep -q '^stat::number_of_executed_units' "$logs/$h.log"; then
    echo "  -> $h did not finish normally; see $logs/$h.log"
    status=1
  fi
done
exit $status
