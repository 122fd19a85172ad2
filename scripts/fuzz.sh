#!/usr/bin/env bash
# Fuzzing (issue 7): builds the libFuzzer targets of tests/fuzz with clang
# (-fsanitize=fuzzer + ASan + UBSan, the runtime and the test plugins with the
# same flags) and runs each one, then the manifest loader's mutation fuzzer.
#
#   bash scripts/fuzz.sh --smoke [build-dir]          CI: a few seconds per target
#   bash scripts/fuzz.sh [--time S] [build-dir] [target...]
#                                                     S seconds per target (default 300)
# Targets: decoders abi_robust abi_json config manifest (default: all).
# Crashes are written to tests/fuzz/regressions/<target>/ (crash-<sha1>), which
# ctest replays from then on: commit them with the fix. New interesting inputs
# go to <build-dir>/corpus/<target>/; copy the good ones to tests/fuzz/corpus/.
# See docs/robustness.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds=300
manifest_seconds=""
build=""
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) seconds=5; manifest_seconds=8 ;;
    --time) seconds="$2"; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) if [ -z "$build" ]; then build="$1"; else targets+=("$1"); fi ;;
  esac
  shift
done
build="${build:-$root/build/fuzz}"
manifest_seconds="${manifest_seconds:-$seconds}"
[ ${#targets[@]} -gt 0 ] || targets=(decoders abi_robust abi_json config manifest)
python="${FALCOGEN_PYTHON:-/usr/bin/python3}"

native=()
for t in "${targets[@]}"; do [ "$t" = manifest ] || native+=("$t"); done

status=0
if [ ${#native[@]} -gt 0 ]; then
  if ! command -v clang++ >/dev/null; then
    echo "fuzz.sh: clang++ is required (libFuzzer)" >&2
    exit 1
  fi
  CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DFALCOGEN_PYTHON="$python" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFALCOGEN_FUZZ=ON -DFALCOGEN_SANITIZE=ON -DFALCOGEN_BUILD_BENCH=OFF \
    -DCMAKE_C_FLAGS=-fsanitize=fuzzer-no-link -DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link >/dev/null
  targets_to_build=()
  for t in "${native[@]}"; do targets_to_build+=("fuzz_$t"); done
  cmake --build "$build" -j "$(nproc)" --target "${targets_to_build[@]}"

  export ASAN_OPTIONS="detect_leaks=1:${ASAN_OPTIONS:-}"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
  for t in "${native[@]}"; do
    work="$build/corpus/$t"
    crashes="$root/tests/fuzz/regressions/$t"
    mkdir -p "$work" "$crashes"
    echo "=== fuzz $t: ${seconds}s"
    if ! "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$crashes/" \
        "$work" "$root/tests/fuzz/corpus/$t" > "$build/fuzz-$t.log" 2>&1; then
      status=1
      tail -60 "$build/fuzz-$t.log"
      echo "fuzz.sh: $t FAILED (input saved under tests/fuzz/regressions/$t/)"
    else
      grep -E "stat::number_of_executed_units|stat::new_units_added" "$build/fuzz-$t.log" | tr '\n' ' '
      echo
    fi
  done
fi

for t in "${targets[@]}"; do
  if [ "$t" = manifest ]; then
    echo "=== fuzz manifest: ${manifest_seconds}s"
    PYTHONPATH="$root/generator" FALCOGEN_DATA_DIR="$root" \
      "$python" "$root/tests/fuzz/manifest_fuzz.py" --seconds "$manifest_seconds" --seed "${FALCOGEN_FUZZ_SEED:-$RANDOM}" \
      || status=1
  fi
done
[ $status -eq 0 ] && echo "fuzz: no crash found"
exit $status
