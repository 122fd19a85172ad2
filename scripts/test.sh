#!/usr/bin/env bash
# The whole test suite: what CI runs (.ci/run) and what the README's second
# Quick start command runs. Installs its dependencies from Debian first.
#   bash scripts/test.sh            everything
#   FALCOGEN_TEST_STAGES="unit" bash scripts/test.sh   only some stages
# Stages: unit (build + ctest: generator, runtime, host, end-to-end),
#         sanitizers (ASan+UBSan build, whole ctest suite), tsan, fuzz, bench
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/deps.sh"
# Debian's Python: it has the python3-* packages deps.sh installs (pytest too).
export FALCOGEN_PYTHON=/usr/bin/python3
build_root="${FALCOGEN_BUILD_ROOT:-$root/build}"
stages="${FALCOGEN_TEST_STAGES:-unit sanitizers tsan fuzz bench}"
jobs="$(nproc)"

passed=0
failed=0
declare -a failures=()

# ctest, counting its tests into the suite's totals.
run_ctest() {
  local name="$1" dir="$2"
  shift 2
  local log="$dir/ctest-$name.log"
  if ctest --test-dir "$dir" --output-on-failure -j "$jobs" "$@" 2>&1 | tee "$log"; then :; fi
  local line
  line="$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -1 || true)"
  if [ -z "$line" ]; then
    failed=$((failed + 1)); failures+=("$name: ctest did not run")
    return
  fi
  local total bad
  total="$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$line")"
  bad="$(sed -E 's/.*, ([0-9]+) tests? failed.*/\1/' <<<"$line")"
  passed=$((passed + total - bad)); failed=$((failed + bad))
  [ "$bad" -eq 0 ] || failures+=("$name: $bad failed")
}

configure_and_build() {
  local dir="$1"
  shift
  cmake -S "$root" -B "$dir" -G Ninja -DFALCOGEN_PYTHON="$FALCOGEN_PYTHON" "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
}

for stage in $stages; do
  echo "=================== stage: $stage"
  case "$stage" in
    unit)
      configure_and_build "$build_root/unit" -DCMAKE_BUILD_TYPE=RelWithDebInfo
      run_ctest unit "$build_root/unit"
      ;;
    sanitizers)
      configure_and_build "$build_root/asan" -DCMAKE_BUILD_TYPE=Debug -DFALCOGEN_SANITIZE=ON -DFALCOGEN_BUILD_BENCH=OFF
      ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 run_ctest asan "$build_root/asan" -LE "no-sanitizer"
      ;;
    tsan)
      if [ -x "$root/scripts/test-tsan.sh" ]; then bash "$root/scripts/test-tsan.sh" "$build_root/tsan" && passed=$((passed + 1)) || { failed=$((failed + 1)); failures+=("tsan"); }; fi
      ;;
    fuzz)
      if [ -x "$root/scripts/fuzz.sh" ]; then bash "$root/scripts/fuzz.sh" --smoke "$build_root/fuzz" && passed=$((passed + 1)) || { failed=$((failed + 1)); failures+=("fuzz"); }; fi
      ;;
    bench)
      if [ -x "$root/scripts/bench.sh" ]; then bash "$root/scripts/bench.sh" --smoke "$build_root/unit" && passed=$((passed + 1)) || { failed=$((failed + 1)); failures+=("bench smoke"); }; fi
      ;;
    *)
      echo "unknown stage '$stage'" >&2
      exit 2
      ;;
  esac
done

echo "==================="
for f in "${failures[@]+"${failures[@]}"}"; do echo "FAILED: $f"; done
echo "falcogen: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
