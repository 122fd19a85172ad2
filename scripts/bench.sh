#!/usr/bin/env bash
# falcogen's benchmark suite (issue 6; docs/performance.md explains the table).
#   bash scripts/bench.sh [--smoke] [BUILD_DIR]
# Builds what the benchmarks need (reusing BUILD_DIR when given, else
# build/bench, configured RelWithDebInfo: -O2) and prints one table:
# generated vs hand-written plugins through the C ABI (A/B alternated,
# medians), heap allocations per event, generator and compile times.
# --smoke: small N and single runs, to prove the suite builds and runs (CI).
# Exit status: 0 unless something crashed or a correctness check failed;
# missed targets are reported in the table, not as a failure.
# Extra options for bench/run.py: FALCOGEN_BENCH_ARGS="--markdown out.md".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
smoke=()
build=""
for arg in "$@"; do
  case "$arg" in
    --smoke) smoke=(--smoke) ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}"; exit 0 ;;
    -*) echo "bench.sh: unknown option $arg" >&2; exit 2 ;;
    *) build="$arg" ;;
  esac
done
build="${build:-$root/build/bench}"
export FALCOGEN_PYTHON="${FALCOGEN_PYTHON:-/usr/bin/python3}"

if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFALCOGEN_PYTHON="$FALCOGEN_PYTHON" \
    -DFALCOGEN_BUILD_TESTS=OFF -DFALCOGEN_BUILD_BENCH=ON >/dev/null
elif ! grep -q '^FALCOGEN_BUILD_BENCH:BOOL=ON' "$build/CMakeCache.txt"; then
  cmake "$build" -DFALCOGEN_BUILD_BENCH=ON >/dev/null
fi
cmake --build "$build" --target falcogen_bench_all falcogen_runtime -j "$(nproc)" >/dev/null ||
  cmake --build "$build" --target falcogen_bench_all falcogen_runtime -j 1
# shellcheck disable=SC2086
exec "$FALCOGEN_PYTHON" "$root/bench/run.py" --build-dir "$build" "${smoke[@]+"${smoke[@]}"}" ${FALCOGEN_BENCH_ARGS:-}
