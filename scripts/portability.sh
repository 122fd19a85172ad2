#!/usr/bin/env bash
# Portability: the runtime and the example plugins (examples/) cross-built
# for 64-bit Windows with Debian's mingw-w64 (cmake/toolchains/mingw-w64.cmake)
# in ISO C++17 with -Wpedantic as errors, into hello.dll, authlog.dll (IP
# fields, a file source) and the other examples' DLLs (every capability),
# whose exports must be exactly the plugin_* functions of the Linux build
# (tests/e2e/exports/<name>.txt), and falcogen's host, falcogen-host.exe;
# then, when wine is installed, falcogen-load.exe (tests/portable/loader.cpp,
# built by the same toolchain) loads the DLL under wine with LoadLibraryW and
# GetProcAddress and drives it: init, open, next_batch to EOF, event_to_string,
# extract_fields; and falcogen-host.exe runs hello, authlog, syscalls and
# opentrack (streams, a file source, a capture) under wine and must print what
# the Linux host prints for the same command (FALCOGEN_NATIVE_BUILD: a build of
# the whole project to take the Linux host and plugins from; else they are
# built from tests/portable in BUILD_DIR/linux). A stage of scripts/test.sh
# (`portable`); skipped, saying so, when the mingw-w64 compiler is absent.
#   [FALCOGEN_NATIVE_BUILD=DIR] bash scripts/portability.sh [BUILD_DIR]
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

# The DLLs a PE file imports, lower case, on one line.
dll_imports() {
  "$triple-objdump" -p "$1" | sed -n 's/^\tDLL Name: //p' | tr 'A-Z' 'a-z' | sort -u | paste -sd' ' -
}

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
  deps="$(dll_imports "$file")"
  echo "portability.sh: $plugin.dll imports: $deps"
  if grep -qE 'libstdc|libgcc|libwinpthread' <<<"$deps"; then
    echo "portability.sh: FAILED: $plugin.dll needs the mingw runtime DLLs" >&2
    exit 1
  fi
done

# falcogen's host for Windows, self-contained like the DLLs (zlib linked in too).
host_exe="$build/windows/host/falcogen-host.exe"
if [ -f "$host_exe" ]; then
  deps="$(dll_imports "$host_exe")"
  echo "portability.sh: falcogen-host.exe imports: $deps"
  if grep -qE 'libstdc|libgcc|libwinpthread|zlib' <<<"$deps"; then
    echo "portability.sh: FAILED: falcogen-host.exe needs DLLs beside the system's" >&2
    exit 1
  fi
else
  echo "portability.sh: falcogen-host.exe not built: no zlib for $triple (Debian: libz-mingw-w64-dev; scripts/deps.sh installs it)"
fi

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

[ -f "$host_exe" ] || exit 0
# falcogen's host for Windows against the Linux one: the same command, on each platform's
# build of the same plugins, must print the same text. The Linux host and plugins are those of
# a build of the whole project when FALCOGEN_NATIVE_BUILD names one (scripts/test.sh passes its
# unit build), else of tests/portable built natively (the host and four examples only).
native="${FALCOGEN_NATIVE_BUILD:-}"
native_plugins=(hello authlog syscalls opentrack)
native_plugin() {  # NAME: the Linux build's plugin library
  if [ -n "$native" ]; then echo "$native/examples/$1/lib$1.so"; else echo "$build/linux/lib$1.so"; fi
}
native_host="$native/host/falcogen-host"
for plugin in "${native_plugins[@]}"; do
  [ -n "$native" ] && [ -f "$native_host" ] && [ -f "$(native_plugin "$plugin")" ] || native=""
done
if [ -z "$native" ]; then
  echo "portability.sh: building the Linux host and plugins to compare with ($build/linux)"
  cmake -S "$root/tests/portable" -B "$build/linux" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_FLAGS="-Wpedantic -Werror=pedantic" -DFALCOGEN_PYTHON="$python" \
    -DFALCOGEN_JSON_INCLUDE="$build/json-include" >/dev/null
  cmake --build "$build/linux" -j "$jobs" --target falcogen-host "${native_plugins[@]}"
  native_host="$build/linux/host/falcogen-host"
fi
echo "portability.sh: comparing falcogen-host.exe under wine with $native_host"

# normalise FILE [FROM<tab>TO...]: FILE's text as the two hosts are compared, in FILE.norm:
# LF for CRLF, each path FROM read as TO, the rate of "N events, R events/s" left
# out, and with FALCOGEN_ANY_TIME=1 the events' timestamps too (hello stamps its
# events with the time they are made).
normalise() {
  local file="$1"
  shift
  PATHS="$(printf '%s\n' "$@")" ANY_TIME="${FALCOGEN_ANY_TIME:-0}" perl -pe '
    BEGIN { @map = map { [split /\t/, $_, 2] } grep { length } split /\n/, $ENV{PATHS} }
    s/\r$//;
    for my $m (@map) { s/\Q$m->[0]\E/$m->[1]/g }
    s/^(a?[0-9]+) [0-9T:.-]+Z /$1 TIME / if $ENV{ANY_TIME};
    s/, [0-9.e+]+ events\/s, /, R events\/s, /;
  ' "$file" >"$file.norm"
}

# same NAME ARGS...: falcogen-host on each platform with ARGS, where @PLUGIN stands for
# PLUGIN.dll under wine and the Linux build's libPLUGIN.so. Both must exit with status
# FALCOGEN_STATUS (0 unless given) and print the same stdout and stderr, once
# normalised (the plugins' paths read as @PLUGIN). Both outputs stay in
# $build/host-runs/NAME/.
same() {
  local name="$1" dir="$build/host-runs/$1" win_args=() linux_args=() paths=() arg os stream status
  shift
  for arg in "$@"; do
    if [[ "$arg" == @* ]]; then
      win_args+=("$build/windows/${arg#@}.dll")
      linux_args+=("$(native_plugin "${arg#@}")")
      paths+=("$build/windows/${arg#@}.dll"$'\t'"$arg" "$(native_plugin "${arg#@}")"$'\t'"$arg")
    else
      win_args+=("$arg")
      linux_args+=("$arg")
    fi
  done
  mkdir -p "$dir"
  "$native_host" "${linux_args[@]}" >"$dir/linux.out" 2>"$dir/linux.err" && status=0 || status=$?
  if [ "$status" != "${FALCOGEN_STATUS:-0}" ]; then
    cat "$dir/linux.err" >&2
    echo "portability.sh: FAILED: host: $name: the Linux host exited with $status" >&2
    exit 1
  fi
  "$wine" "$host_exe" "${win_args[@]}" >"$dir/windows.out" 2>"$dir/windows.err" && status=0 || status=$?
  if [ "$status" != "${FALCOGEN_STATUS:-0}" ]; then
    tr -d '\r' <"$dir/windows.err" >&2
    echo "portability.sh: FAILED: host: $name: falcogen-host.exe exited with $status under wine" >&2
    exit 1
  fi
  for os in linux windows; do
    for stream in out err; do normalise "$dir/$os.$stream" "${paths[@]}"; done
  done
  for stream in out err; do
    if ! diff -u "$dir/linux.$stream.norm" "$dir/windows.$stream.norm" >"$dir/$stream.diff"; then
      head -40 "$dir/$stream.diff" >&2
      echo "portability.sh: FAILED: host: $name: falcogen-host.exe's std$stream differs from the Linux host's" >&2
      exit 1
    fi
  done
  echo "portability.sh: host: $name: the same $(wc -l <"$dir/linux.out.norm") lines on stdout" \
    "and $(wc -l <"$dir/linux.err.norm") on stderr on Windows and Linux"
}
capture="$root/tests/host/data/curl_google.scap"
FALCOGEN_ANY_TIME=1 same hello @hello --config '{"greeting": "hi from windows", "batch_size": 2}' --open 5 --all-fields
same hello-check @hello --check
same authlog @authlog --open "$root/examples/authlog/testdata/auth.log" --all-fields
same authlog-json @authlog --open "$root/examples/authlog/testdata/auth.log" --json --all-fields \
  --filter authlog.suspicious=true
# A plugin's error (a malformed line of the log) ends both runs alike.
FALCOGEN_STATUS=1 same authlog-malformed @authlog --open "$root/examples/authlog/testdata/malformed.log"
# The capture gzip-compressed (zlib) and plain: syscalls' fields over kernel events, and
# opentrack's over the threads table it fills by parsing them, next to the host's own.
same syscalls-gzip @syscalls --capture "$capture" --all-fields
gzip -dc "$capture" >"$build/curl_google.plain.scap"
same syscalls-plain @syscalls --capture "$build/curl_google.plain.scap" --all-fields
same opentrack @opentrack --plugin @syscalls --capture "$capture" --fields opentrack.opens,opentrack.last,sc.opened \
  --dump-table threads
# Paths outside the ANSI code page (Windows gives argv in it): the host takes its arguments
# from the UTF-16 command line and opens the plugin, the config file and the capture by
# their UTF-16 paths, so it prints what it printed above for the same files. (wine reads
# the Linux arguments in the locale's character set: UTF-8 for these runs.)
utf8="$build/host-runs/utf8/плагин δοκιμή"
mkdir -p "$utf8"
cp "$build/windows/hello.dll" "$utf8/привет.dll"
cp "$capture" "$utf8/захват.scap"
echo '{"greeting": "hi from windows", "batch_size": 2}' >"$utf8/конфиг.json"
utf8_same() {  # RECORDED ARGS...: falcogen-host.exe's stdout must be that of the run RECORDED
  local recorded="$build/host-runs/$1/linux.out.norm" out="$utf8/$1.out"
  shift
  LC_ALL=C.UTF-8 "$wine" "$host_exe" "$@" >"$out" 2>"$utf8/err" || {
    tr -d '\r' <"$utf8/err" >&2
    echo "portability.sh: FAILED: host: non-ASCII paths: falcogen-host.exe failed under wine" >&2
    exit 1
  }
  normalise "$out"
  if ! diff -u "$recorded" "$out.norm" >&2; then
    echo "portability.sh: FAILED: host: non-ASCII paths: falcogen-host.exe printed other events than for $(basename "$(dirname "$recorded")")" >&2
    exit 1
  fi
}
FALCOGEN_ANY_TIME=1 utf8_same hello "$utf8/привет.dll" --config "@$utf8/конфиг.json" --open 5 --all-fields
utf8_same syscalls-gzip "$build/windows/syscalls.dll" --capture "$utf8/захват.scap" --all-fields
echo "portability.sh: host: a plugin, a config file and a capture named outside the ANSI code page: the same events"
# A library that cannot be loaded: the system's reason, in the host's words.
out="$("$wine" "$host_exe" "$build/windows/missing.dll" 2>&1 | tr -d '\r')" && status=0 || status=$?
echo "$out"
if [ "$status" != 1 ] || ! grep -q "^falcogen run: error: can't load plugin dynamic library: .*missing.dll: " <<<"$out"; then
  echo "portability.sh: FAILED: host: a missing DLL: expected exit status 1 and the load error (got $status)" >&2
  exit 1
fi
echo "portability.sh: OK: falcogen-host.exe streamed, extracted and replayed the capture under wine as the Linux host does"
