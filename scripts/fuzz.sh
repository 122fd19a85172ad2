#!/usr/bin/env bash
# Fuzzing (issue 7): builds the libFuzzer targets of tests/fuzz with clang
# (-fsanitize=fuzzer + ASan + UBSan, the runtime and the test plugins with the
# same flags) and runs each one, then the manifest loader's mutation fuzzer.
#
#   bash scripts/fuzz.sh --smoke [build-dir]          CI: a fixed amount of work per target
#   bash scripts/fuzz.sh [--time S] [build-dir] [target...]
#                                                     S seconds per target (default 300)
# --smoke proves the targets build and run, doing as much on a loaded machine
# as on a quiet one: a fixed number of inputs from fixed seeds (20000 runs per
# libFuzzer target, 200 manifest mutations, the same ones every time) instead
# of a time box, and a per-input time limit that only catches hangs (300 s,
# not 10 s: an input's wall-clock time grows with the machine's load).
# Targets: decoders abi_robust abi_json abi_syscalls json config capture tables manifest (default: all).
# Crashes are written to tests/fuzz/regressions/<target>/ (crash-<sha1>), which
# ctest replays from then on: commit them with the fix. New interesting inputs
# go to <build-dir>/corpus/<target>/; copy the good ones to tests/fuzz/corpus/.
# See docs/robustness.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds=300
manifest_seconds=""
smoke=0
unit_timeout=10  # seconds per input: slower inputs are findings of a long run
build=""
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1; unit_timeout=300 ;;
    --time) seconds="$2"; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) if [ -z "$build" ]; then build="$1"; else targets+=("$1"); fi ;;
  esac
  shift
done
build="${build:-$root/build/fuzz}"
manifest_seconds="${manifest_seconds:-$seconds}"
[ ${#targets[@]} -gt 0 ] || targets=(decoders abi_robust abi_json abi_syscalls json config capture tables manifest)
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
    if [ $smoke -eq 1 ]; then
      budget=(-runs=20000 -seed="${FALCOGEN_FUZZ_SEED:-1}")
      echo "=== fuzz $t: 20000 runs"
    else
      budget=(-max_total_time="$seconds")
      echo "=== fuzz $t: ${seconds}s"
    fi
    if ! "$build/tests/fuzz/fuzz_$t" "${budget[@]}" -timeout="$unit_timeout" -rss_limit_mb=2560 \
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
    if [ $smoke -eq 1 ]; then
      budget=(--iterations 200 --seed "${FALCOGEN_FUZZ_SEED:-1}")
      echo "=== fuzz manifest: 200 mutations"
    else
      budget=(--seconds "$manifest_seconds" --seed "${FALCOGEN_FUZZ_SEED:-$RANDOM}")
      echo "=== fuzz manifest: ${manifest_seconds}s"
    fi
    if ! PYTHONPATH="$root/generator" FALCOGEN_DATA_DIR="$root" \
        "$python" "$root/tests/fuzz/manifest_fuzz.py" "${budget[@]}"; then
      status=1
      echo "fuzz.sh: manifest FAILED (input saved under tests/fuzz/regressions/manifest/)"
    fi
  fi
done
[ $status -eq 0 ] && echo "fuzz: no crash found"
exit $status
