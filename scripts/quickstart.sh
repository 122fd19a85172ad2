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
# The checkout's bin/falcogen on PATH: the new project finds falcogen through it
# (`falcogen cmake-dir`) and builds falcogen's runtime and host with the plugin.
export PATH="$root/bin:$PATH"

echo "== falcogen new demo"
rm -rf "$work/demo"
falcogen new demo --dir "$work"

echo "== building the demo plugin (and falcogen's runtime and host with it)"
cmake -S "$work/demo" -B "$work/demo/build" -G Ninja >/dev/null
cmake --build "$work/demo/build"

echo "== its tests"
ctest --test-dir "$work/demo/build" --output-on-failure

echo "== falcogen run $work/demo/build/libdemo.so --open 5"
falcogen run "$work/demo/build/libdemo.so" --open 5
