#!/usr/bin/env bash
# Quick start: scaffold a plugin with `falcogen new`, build it, and run it in
# falcogen's host (which loads it the way Falco does), showing its events.
#   bash scripts/quickstart.sh [WORKDIR]   (default: a new temporary folder)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/deps.sh"
export FALCOGEN_PYTHON=/usr/bin/python3   # Debian's, which has the python3-* packages

work="${1:-$(mktemp -d /tmp/falcogen-quickstart.XXXXXX)}"
mkdir -p "$work"
echo "== building falcogen (runtime and host) in $work/falcogen-build"
cmake -S "$root" -B "$work/falcogen-build" -G Ninja -DFALCOGEN_BUILD_TESTS=OFF -DFALCOGEN_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$work/falcogen-build" --target falcogen-host
export FALCOGEN_HOST="$work/falcogen-build/host/falcogen-host"

echo "== falcogen new demo"
rm -rf "$work/demo"
"$root/bin/falcogen" new demo --dir "$work"

echo "== building the demo plugin"
cmake -S "$work/demo" -B "$work/demo/build" -G Ninja >/dev/null
cmake --build "$work/demo/build"

echo "== its tests"
ctest --test-dir "$work/demo/build" --output-on-failure

echo "== falcogen run $work/demo/build/libdemo.so --open 5"
"$root/bin/falcogen" run "$work/demo/build/libdemo.so" --open 5
