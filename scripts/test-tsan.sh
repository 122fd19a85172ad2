#!/usr/bin/env bash
# ThreadSanitizer stage (scripts/test.sh, stage tsan): builds the tree with
# -DFALCOGEN_TSAN=ON and runs the tests labelled `tsan`: two instances pulled
# from two threads while a third renders and extracts; sourcing while the
# event thread parses into and reads exported tables; metrics bumped from the
# plugin's threads while the host reads them. Any data race in the runtime or
# generated code fails.
#   bash scripts/test-tsan.sh [build-dir]      (default: build/tsan)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build/tsan}"
python="${FALCOGEN_PYTHON:-/usr/bin/python3}"

cmake -S "$root" -B "$build" -G Ninja -DFALCOGEN_PYTHON="$python" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DFALCOGEN_TSAN=ON -DFALCOGEN_BUILD_BENCH=OFF >/dev/null
# Only what the tsan tests need: the whole tree would double the stage's time.
cmake --build "$build" -j "$(nproc)" --target robustness_threads robustness_tables_threads e2e_meterx e2e_asyncx_threads e2e_listenx
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ${TSAN_OPTIONS:-}"
# Several rounds: races depend on scheduling.
for round in 1 2 3; do
  echo "tsan: round $round"
  ctest --test-dir "$build" -L tsan --output-on-failure
done
echo "tsan: no data race found"
