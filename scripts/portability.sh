#!/usr/bin/env bash
# Portability: the runtime and the example plugins (examples/) cross-built
# for 64-bit Windows with Debian's mingw-w64 (cmake/toolchains/mingw-w64.cmake)
# in ISO C++17 with -Wpedantic as errors, into hello.dll, authlog.dll (IP
# fields, a file source) and the other examples' DLLs (every capability),
# whose exports must be exactly the plugin_* functions of the Linux build
# (tests/e2e/exports/<name>.txt);
# then, when wine is installed, falcogen-load.exe (tests/portable/loader.cpp,
# built by the same toolchain) loads the DLL under wine with LoadLibraryW and
# GetProcAddress and drives it: init, open, next_batch to EOF, event_to_string,
# extract_fields. A stage of scripts/test.sh (`portable`); skipped, saying so,
# when the mingw-w64 compiler is absent.
#   bash scripts/portability.sh [BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build/portable}"
triple=x86_64-w64-mingw32
python="${FALCOGEN_PYTHON:-/usr/bin/python3}"
jobs="${FALCOGEN_JOBS:-2}"

if ! command -v "$triple-g++-posix" >/dev/null; then
  echo "portability.sh: SKIPPED: no $triple-g++-posix (Debian: g++-mingw-w64-x86-64; scripts/deps.sh installs it)"
  exit 0
fi
json_header="$(echo '#include <nlohmann/json.hpp>' | g++ -x c++ -E -M - 2>/dev/null | tr ' \\' '\n\n' | grep '/nlohmann/json.hpp$' | head -1)"
if [ -z "$json_header" ]; then
  echo "portability.sh: nlohmann/json.hpp not found (Debian: nlohmann-json3-dev)" >&2
  exit 1
fi
# The JSON headers alone in a folder: all of /usr/include would shadow mingw's C library.
mkdir -p "$build/json-include"
ln -sfn "$(dirname "$json_header")" "$build/json-include/nlohmann"

echo "portability.sh: cross-building the runtime and the examples for Windows ($triple)"
cmake -S "$root/tests/portable" -B "$build/windows" -G Ninja \
  -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchains/mingw-w64.cmake" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS="-Wpedantic -Werror=pedantic" -DFALCOGEN_PYTHON="$python" \
  -DFALCOGEN_JSON_INCLUDE="$build/json-include" >/dev/null
cmake --build "$build/windows" -j "$jobs"
dll="$build/windows/hello.dll"
loader="$build/windows/falcogen-load.exe"
[ -f "$dll" ] || { echo "portability.sh: FAILED: no $dll" >&2; exit 1; }

# Each DLL's export table: exactly the plugin_* functions of the Linux build; and no
# DLL beside the system's (the toolchain links libstdc++, libgcc and winpthreads in).
for plugin in hello authlog k8sextra opentrack commstats commwatch syscalls; do
  file="$build/windows/$plugin.dll"
  actual="$("$triple-objdump" -p "$file" | awk '/^\[Ordinal\/Name Pointer\] Table/ {t = 1; next} t && /^\t\[/ {print $NF; next} t {t = 0}' | sort)"
  expected="$(sort "$root/tests/e2e/exports/$plugin.txt")"
  if [ "$actual" != "$expected" ]; then
    echo "portability.sh: FAILED: $plugin.dll exports" >&2
    diff <(echo "$expected") <(echo "$actual") >&2 || true
    exit 1
  fi
  echo "portability.sh: $plugin.dll exports the $(wc -l <<<"$actual") plugin_* functions and nothing else"
  deps="$("$triple-objdump" -p "$file" | sed -n 's/^\tDLL Name: //p' | tr 'A-Z' 'a-z' | sort -u | paste -sd' ' -)"
  echo "portability.sh: $plugin.dll imports: $deps"
  if grep -qE 'libstdc|libgcc|libwinpthread' <<<"$deps"; then
    echo "portability.sh: FAILED: $plugin.dll needs the mingw runtime DLLs" >&2
    exit 1
  fi
done

wine="$(command -v wine64 || command -v wine || { [ -x /usr/lib/wine/wine64 ] && echo /usr/lib/wine/wine64; } || true)"
if [ -z "$wine" ]; then
  echo "portability.sh: built, not run: no wine (Debian: wine64; scripts/deps.sh installs it)"
  exit 0
fi
export WINEPREFIX="$build/wineprefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
# run NAME ARGS... -- EXPECTED LINES...: falcogen-load.exe on NAME.dll under wine, then each expected line.
run() {
  local plugin="$1" args=() out line
  shift
  while [ "$1" != "--" ]; do args+=("$1"); shift; done
  shift
  echo "portability.sh: loading $plugin.dll under wine ($wine)"
  out="$("$wine" "$loader" "$build/windows/$plugin.dll" "${args[@]}" 2>&1 | tr -d '\r')" || {
    echo "$out" >&2
    echo "portability.sh: FAILED: falcogen-load.exe $plugin.dll under wine" >&2
    exit 1
  }
  echo "$out"
  for line in "$@"; do
    if ! grep -qxF "$line" <<<"$out"; then
      echo "portability.sh: FAILED: $plugin.dll: expected the line '$line'" >&2
      exit 1
    fi
  done
}
run hello 5 '{"greeting": "hi from windows", "batch_size": 2}' -- \
  "plugin: hello 0.1.0 (requires API 3.0.0)" "events: 5 in 3 batches, then EOF" \
  "first event: hi from windows #1" "hello.text: hi from windows" "hello.seq: 1" "hello.shout: HI FROM WINDOWS"
# authlog reads a file (wine maps the Linux path); IP text and parsing go through ws2_32, times
# through the runtime's calendar.
run authlog "$root/examples/authlog/testdata/auth.log" -- \
  "plugin: authlog 0.1.0 (requires API 3.0.0)" "events: 6 in 1 batches, then EOF" \
  "first event: login time=2026-03-01T10:00:00.000000000Z user=alice address=10.0.0.5 success=true" \
  "authlog.user: alice" "authlog.address: 10.0.0.5" "authlog.time: 1772359200000000000" "authlog.success: true"
echo "portability.sh: OK: hello.dll and authlog.dll loaded and streamed under wine"
