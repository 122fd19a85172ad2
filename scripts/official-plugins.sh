#!/usr/bin/env bash
# Builds the official dummy_c plugin (falcosecurity/plugins, with the
# plugin-sdk-cpp ref its Makefile pins) and runs it under falcogen-host: the
# plugin asks for the state tables at init, so this proves the host offers
# them as libsinsp does. Then the C++ SDK's syscall examples (its HEAD) over
# tests/host/data/curl_google.scap, with what libsinsp (libs 48dfd53,
# sinsp-example -s) does with them: syscall_subtables runs and lists every
# opening thread's args, fds and cgroups; syscall_parse and syscall_extract
# fail at init with libsinsp's own messages (the first asks the threads
# table's tid as uint64, which is int64; the second needs the field the
# first would add). Sources come from local mirrors of the two
# repositories (a git dir each), no network needed:
#   FALCOGEN_PLUGINS_GIT  default /work/.mirror/falcosecurity+plugins/repo
#   FALCOGEN_SDK_CPP_GIT  default /work/.mirror/falcosecurity+plugin-sdk-cpp/repo
#   FALCOGEN_HOST_BIN     default build/host/falcogen-host
# Usage: bash scripts/official-plugins.sh [WORKDIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
plugins_git="${FALCOGEN_PLUGINS_GIT:-/work/.mirror/falcosecurity+plugins/repo}"
sdk_git="${FALCOGEN_SDK_CPP_GIT:-/work/.mirror/falcosecurity+plugin-sdk-cpp/repo}"
host_bin="${FALCOGEN_HOST_BIN:-$root/build/host/falcogen-host}"
work="${1:-$(mktemp -d /tmp/falcogen-official-XXXXXX)}"
mkdir -p "$work"

for g in "$plugins_git" "$sdk_git"; do
  git --git-dir="$g" rev-parse -q --verify HEAD >/dev/null || { echo "not a git dir: $g" >&2; exit 1; }
done
[ -x "$host_bin" ] || { echo "falcogen-host not found: $host_bin (build it, or set FALCOGEN_HOST_BIN)" >&2; exit 1; }

# dummy_c at the mirror's HEAD, and the SDK ref its Makefile pins (HEAD if the mirror lacks it).
git --git-dir="$plugins_git" archive HEAD plugins/dummy_c | tar -x -C "$work"
src="$work/plugins/dummy_c"
ref="$(sed -n 's/^PLUGIN_SDK_CPP_GIT_REF=//p' "$src/Makefile")"
git --git-dir="$sdk_git" cat-file -e "${ref}^{commit}" 2>/dev/null || ref=HEAD
git --git-dir="$sdk_git" archive "$ref" include | tar -x -C "$src"
g++ -std=c++17 -O1 -fPIC -shared -I"$src/include" -o "$src/libdummy_c.so" "$src/dummy.cpp"

out="$work/dummy_c.out"
"$host_bin" "$src/libdummy_c.so" --config '{"jitter": 0}' --open '{"start": 1, "maxEvents": 5}' \
  --fields dummy.value,dummy.strvalue,dummy.divisible[2] --dump-table threads >"$out"
cat "$out"
# 5 events then the (empty) threads table; values start+1..start+5 with jitter 0.
[ "$(grep -c ' dummy.value=' "$out")" = 5 ] || { echo "FAIL: expected 5 events" >&2; exit 1; }
grep -q '^1 .* dummy.value=2 dummy.strvalue=2 dummy.divisible\[2\]=1$' "$out" || { echo "FAIL: first event" >&2; exit 1; }
grep -q '^{"entries":\[\],"name":"threads"}$' "$out" || { echo "FAIL: threads dump" >&2; exit 1; }
echo "official-plugins: dummy_c OK (sdk-cpp $ref)"

capture="$root/tests/host/data/curl_google.scap"
sdk="$work/sdk-cpp"
mkdir -p "$sdk"
git --git-dir="$sdk_git" archive HEAD include examples/syscall_parse examples/syscall_subtables \
  examples/syscall_extract | tar -x -C "$sdk"
for ex in syscall_parse syscall_subtables syscall_extract; do
  g++ -std=c++17 -O1 -fPIC -shared -I"$sdk/include" -o "$sdk/lib$ex.so" "$sdk/examples/$ex/plugin.cpp"
done

out="$work/syscall_subtables.out"
"$host_bin" "$sdk/libsyscall_subtables.so" --capture "$capture" >"$out" 2>&1 || { cat "$out"; exit 1; }
# libsinsp prints these counts for the same capture (the fd listing order is its hash map's).
[ "$(grep -c '^Listing args for TID' "$out")" = 96 ] || { echo "FAIL: syscall_subtables: opens" >&2; exit 1; }
[ "$(grep -c '^ARG: ' "$out")" = 192 ] || { echo "FAIL: syscall_subtables: args" >&2; exit 1; }
[ "$(grep -c '^CGROUP NAME: blkio  - CGROUP VALUE: /user.slice' "$out")" = 96 ] || {
  echo "FAIL: syscall_subtables: cgroups" >&2; exit 1; }
grep -q '^ARG: http://www.google.com $' "$out" || { echo "FAIL: syscall_subtables: curl's args" >&2; exit 1; }

expect_init_error() {  # plugin, message libsinsp gives
  local got
  got="$("$host_bin" "$sdk/lib$1.so" --capture "$capture" -n 1 2>&1 >/dev/null || true)"
  case "$got" in *"$2"*) ;; *) echo "FAIL: $1: expected '$2', got '$got'" >&2; exit 1 ;; esac
}
expect_init_error syscall_parse "can't get field: incompatible data types for static field: tid"
expect_init_error syscall_extract "can't get field: undefined field 'open_evt_count' in table 'threads'"
echo "official-plugins: sdk-cpp syscall_subtables, syscall_parse, syscall_extract as in libsinsp OK"
