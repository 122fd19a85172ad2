#!/usr/bin/env bash
# The whole test suite: what CI runs (.ci/run) and what the README's second
# Quick start command runs. Installs its dependencies from Debian first.
#   bash scripts/test.sh            everything
#   FALCOGEN_TEST_STAGES="unit" bash scripts/test.sh   only some stages
# Stages: unit (build + ctest: generator, runtime, host, end-to-end),
#         sanitizers (ASan+UBSan build, whole ctest suite), tsan, fuzz, bench,
#         portable (scripts/portability.sh: Windows DLLs and falcogen's host
#         cross-built with mingw-w64 and run under wine, the host's output
#         compared with the Linux host's; skipped, saying so, without mingw-w64)
# The summary names every failed test, one "FAILED: <stage>: <test>" line each
# (ctest's name; below it, indented, the failing pytest node ids or doctest
# cases found in its output), then "falcogen: N passed, M failed". Stage logs stay in the build
# folders (ctest-unit.log, ctest-asan.log, tsan.log, fuzz.log, bench-smoke.log).
# No test depends on timing: time limits are hang guards (ctest's TIMEOUT of
# the suites that build projects is FALCOGEN_TEST_TIMEOUT, 3600 s), so a
# loaded machine makes the suite slower, never red.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/deps.sh"
# Debian's Python: it has the python3-* packages deps.sh installs (pytest too).
export FALCOGEN_PYTHON=/usr/bin/python3
build_root="${FALCOGEN_BUILD_ROOT:-$root/build}"
stages="${FALCOGEN_TEST_STAGES:-unit sanitizers tsan fuzz bench portable}"
jobs="$(nproc)"

passed=0
failed=0
declare -a failures=()  # one entry per failed test: "stage: name", maybe more lines
unit_built=""  # the unit stage's build folder, once this run has built it

# The failed tests of a ctest log, one per line: "NAME" ("NAME (STATUS)" when
# the status says more than Failed: Timeout, SEGFAULT, Not Run...), followed by
# what failed inside it, each on an indented line: the pytest node ids of a
# pytest suite, the "file:line: test case" of a doctest program. Reads ctest's
# "The following tests FAILED:" list, and each failed test's output
# (--output-on-failure), which follows the line announcing its end.
ctest_failures() {
  awk -v root="$root/" '
    function trim(s) { sub(/^[[:space:]]+/, "", s); sub(/[[:space:]]+$/, "", s); return s }
    function add(id) {
      if (!((cur, id) in seen)) { seen[cur, id] = 1; ids[cur] = ids[cur] "\n    " id }
    }
    { before = last; last = $0 }
    /^ *[0-9]+\/[0-9]+ +Test +#[0-9]+: / {
      cur = $0; sub(/^[^#]*#/, "", cur); sub(/:.*/, "", cur); next
    }
    /^ *Start +[0-9]+: / || /^[0-9]+% tests passed/ { cur = ""; next }
    cur != "" && /^(FAILED|ERROR) [^ ]+\.py(::| |$)/ {
      id = $0; sub(/^[A-Z]+ /, "", id); sub(/ - .*/, "", id); add(id); next
    }
    cur != "" && /^TEST CASE:  / {
      id = $0; sub(/^TEST CASE:  /, "", id)
      if (before ~ /:[0-9]+:$/) {
        where = before; if (index(where, root) == 1) where = substr(where, length(root) + 1)
        id = where " " id
      }
      add(id); next
    }
    /^The following tests FAILED:/ { listing = 1; next }
    listing && /^[[:space:]]+[0-9]+ - / {
      line = trim($0); num = line; sub(/ .*/, "", num); sub(/^[0-9]+ - /, "", line)
      name = line; status = "Failed"
      if (match(line, / \([A-Za-z_ ]+\)/)) {
        name = substr(line, 1, RSTART - 1); status = substr(line, RSTART + 2, RLENGTH - 3)
      }
      print name (status == "Failed" ? "" : " (" status ")") ids[num]
      next
    }
    listing { listing = 0 }
  ' "$1"
}

# ctest, counting its tests into the suite's totals and naming the failed ones.
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
  [ "$bad" -eq 0 ] && return
  local named=0 entry=""
  while IFS= read -r line; do
    if [[ "$line" == "    "* ]]; then entry+=$'\n'"$line"; continue; fi
    [ -z "$entry" ] || failures+=("$entry")
    entry="$name: $line"; named=$((named + 1))
  done < <(ctest_failures "$log")
  [ -z "$entry" ] || failures+=("$entry")
  [ "$named" -eq "$bad" ] || failures+=("$name: $bad failed ($named named above)")
}

# A stage run by its own script: one test of the suite. Its output goes to
# $build_root/<stage>.log too; `detail` names what failed inside it.
run_script_stage() {
  local stage="$1" detail="$2"
  shift 2
  local log="$build_root/${stage// /-}.log"
  mkdir -p "$build_root"
  if "$@" 2>&1 | tee "$log"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    local what
    what="$("$detail" "$log" || true)"
    failures+=("$stage${what:+: $what}")
  fi
}

# What failed inside the tsan stage: the tests of the failing ctest round.
tsan_failures() {
  local round tests
  round="$(grep -E '^tsan: round [0-9]+$' "$1" | tail -1 | sed -E 's/.* //' || true)"
  tests="$(ctest_failures "$1" | grep -v '^    ' | paste -sd, - | sed 's/,/, /g' || true)"
  [ -z "$tests" ] || echo "$tests${round:+ (round $round)}"
}

# What failed inside the fuzz stage: the targets that found something.
fuzz_failures() {
  grep -E '^fuzz\.sh: [a-z_]+ FAILED' "$1" | sed -E 's/^fuzz\.sh: ([a-z_]+) FAILED.*/\1/' | paste -sd, - | sed 's/,/, /g' || true
}

# What failed inside the portable stage: its FAILED line.
portable_failures() {
  grep -E '^portability\.sh: FAILED' "$1" | tail -1 | sed -E 's/^portability\.sh: FAILED: //' || true
}

# What failed inside the bench stage: its error message.
bench_failures() {
  grep -E '^(bench|falcogen-bench): ' "$1" | tail -1 | sed -E 's/^bench: //' || true
}

configure_and_build() {
  local dir="$1"
  shift
  cmake -S "$root" -B "$dir" -G Ninja -DFALCOGEN_PYTHON="$FALCOGEN_PYTHON" "$@" >/dev/null || return 1
  cmake --build "$dir" -j "$jobs"
}

for stage in $stages; do
  echo "=================== stage: $stage"
  case "$stage" in
    unit)
      if configure_and_build "$build_root/unit" -DCMAKE_BUILD_TYPE=RelWithDebInfo; then
        unit_built="$build_root/unit"
        run_ctest unit "$build_root/unit"
      else
        failed=$((failed + 1)); failures+=("unit: the build")
      fi
      ;;
    sanitizers)
      if configure_and_build "$build_root/asan" -DCMAKE_BUILD_TYPE=Debug -DFALCOGEN_SANITIZE=ON -DFALCOGEN_BUILD_BENCH=OFF; then
        ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 run_ctest asan "$build_root/asan" -LE "no-sanitizer"
      else
        failed=$((failed + 1)); failures+=("asan: the build")
      fi
      ;;
    tsan)
      if [ -x "$root/scripts/test-tsan.sh" ]; then run_script_stage tsan tsan_failures bash "$root/scripts/test-tsan.sh" "$build_root/tsan"; fi
      ;;
    fuzz)
      if [ -x "$root/scripts/fuzz.sh" ]; then run_script_stage fuzz fuzz_failures bash "$root/scripts/fuzz.sh" --smoke "$build_root/fuzz"; fi
      ;;
    bench)
      if [ -x "$root/scripts/bench.sh" ]; then run_script_stage "bench smoke" bench_failures bash "$root/scripts/bench.sh" --smoke "$build_root/unit"; fi
      ;;
    portable)
      # The Linux host and plugins the Windows host is compared with: those of the unit
      # build of this run, if any (else the script builds its own).
      FALCOGEN_JOBS="$jobs" FALCOGEN_NATIVE_BUILD="$unit_built" \
        run_script_stage portable portable_failures bash "$root/scripts/portability.sh" "$build_root/portable"
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
