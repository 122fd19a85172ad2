#!/usr/bin/env bash
# The heartbeat example (async events, a field over them, metrics, a rule) in
# the real hosts that ../shared/tools/real-hosts.sh builds: a manual check,
# not a CI stage (docs/async.md, "In the real hosts"). Each step prints what
# it ran and what it saw, and the script fails when a step does not see it.
#
#   scripts/real-hosts-check.sh [BUILD_DIR] [SECONDS]
#
# BUILD_DIR holds the built examples (default: build); HOSTS_DIR the real
# hosts (default ~/.cache/falcogen-hosts, with bin/falco, bin/sinsp-example
# and the libs builds libs-build/ and libs-old-build/ that sinsp-live is
# compiled against, into BUILD_DIR/real-hosts/).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
secs=${2:-4}
H=${HOSTS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/falcogen-hosts}
plugin=$build/examples/heartbeat/libheartbeat.so
work=$(mktemp -d /tmp/falcogen-real-XXXXXX)
[ -f "$plugin" ] || { echo "no $plugin: build the examples first"; exit 1; }
fail() { echo "FAILED: $*"; exit 1; }

# 1. libsinsp with the nodriver engine: sinsp-live, compiled once against each libs build.
compile_live() {  # output, libs source, libs build, extra compiler flags, libraries (word lists)[, program]
    local out=$1 src=$2 bld=$3 flags=$4 libs=$5 program=${6:-$root/scripts/real-hosts/sinsp_live.cpp}
    if [ ! -x "$out" ] || [ "$program" -nt "$out" ]; then
        echo "== compiling $(basename "$out") against $bld"
        # shellcheck disable=SC2086 # flags and libs are word lists
        (cd "$bld" && g++ -std=c++17 -O1 -DHAVE_GRP_H -DHAVE_PWD_H -DPLATFORM_NAME=\"Linux\" -D__STDC_FORMAT_MACROS \
            -I/usr/include/tbb -I/usr/include/jsoncpp -I"$src/userspace/libsinsp" -I"$src/userspace" \
            -I"$src/userspace/libscap" -I"$src" -I"$bld" $flags "$program" -o "$out" \
            libsinsp/libsinsp.a libscap/libscap.a $libs -lz -ljsoncpp -lre2 -ltbb -lrt -ldl -lpthread)
    fi
}
engines="libscap/engine/nodriver/libscap_engine_nodriver.a libscap/engine/savefile/libscap_engine_savefile.a
  libscap/engine/source_plugin/libscap_engine_source_plugin.a libscap/engine/noop/libscap_engine_noop.a"
mkdir -p "$build/real-hosts"
live=$build/real-hosts/sinsp-live
compile_live "$live" "$H/libs" "$H/libs-build" \
    "-I$H/libs-build/libscap -I$H/libs/userspace/libscap/linux -I$H/libs/userspace/libscap/engine/noop" \
    "$engines libscap/engine/kmod/libscap_engine_kmod.a libscap/libscap_event_schema.a libscap/libdriver_event_schema.a
     libscap/linux/libscap_platform.a libscap/libscap_error.a libscap/libscap_platform_util.a
     libscap/libscap_engine_util.a -lanl"
echo "== sinsp-live (libsinsp, nodriver): async events, their fields, the plugin's metrics"
"$live" "$plugin" '{"interval_ms": 200, "message": "from libsinsp"}' 2 \
    "%evt.num %evt.type %evt.is_async %evt.asynctype %heartbeat.seq %heartbeat.message %heartbeat.emitted" \
    | tee "$work/live.out"
grep -q "^[0-9]* heartbeat true heartbeat 3 from libsinsp 3$" "$work/live.out" || fail "no third heartbeat in libsinsp"
grep -Eq "^metric heartbeat.beats = [1-9][0-9]* " "$work/live.out" || fail "no heartbeat.beats metric in libsinsp"

# ... and in libs 0.11.3 (plugin API 3.0, the Falco 0.35 era; no metrics then), when real-hosts.sh built it.
if [ -d "$H/libs-old-build" ]; then
    live_old=$build/real-hosts/sinsp-live-3.0
    compile_live "$live_old" "$H/libs-old" "$H/libs-old-build" \
        "-DSINSP_LIVE_LIBS_0_11 -DMINIMAL_BUILD -DHAS_CAPTURE -I$H/libs-old-build/common -I$H/libs-old/userspace/common
         -I$H/libs-old/userspace/async -I$H/libs-old/userspace/libsinsp/include -I$H/libs-old-build/libsinsp
         -I$H/libs-old/common" \
        "$engines libscap/engine/udig/libscap_engine_udig.a libscap/engine/kmod/libscap_engine_kmod.a
         libscap/linux/libscap_platform.a libscap/libscap_error.a libscap/libscap_event_schema.a
         libscap/libdriver_event_schema.a libscap/libscap_engine_util.a -ljq -lb64"
    echo "== sinsp-live-3.0 (libs 0.11.3, nodriver)"
    "$live_old" "$plugin" '{"interval_ms": 200, "message": "from libs 0.11.3"}' 1 \
        "%evt.num %evt.type %heartbeat.seq %heartbeat.message %heartbeat.emitted" | tee "$work/live-old.out"
    grep -q "^[0-9]* heartbeat 2 from libs 0.11.3 2$" "$work/live-old.out" || fail "no second heartbeat in libs 0.11.3"
fi

# 2. Falco, nodriver engine, the example's rules.
cat > "$work/falco.yaml" <<YAML
engine: {kind: nodriver}
load_plugins: [heartbeat]
plugins:
  - {name: heartbeat, library_path: $plugin, init_config: {interval_ms: 500, message: from falco}}
stdout_output: {enabled: true}
priority: debug
YAML
echo "== falco -c $work/falco.yaml -r examples/heartbeat/rules/heartbeat_rules.yaml (${secs} s)"
timeout -s INT "$secs" "$H/bin/falco" -c "$work/falco.yaml" -r "$root/examples/heartbeat/rules/heartbeat_rules.yaml" \
    >"$work/falco.out" 2>&1 || true
grep -E "heartbeat #|Heartbeat:|Error|error" "$work/falco.out" || true
grep -q "Informational heartbeat #2: from falco (2 emitted so far, async event heartbeat)" "$work/falco.out" ||
    fail "no alert on the second heartbeat in Falco (output: $work/falco.out)"

# 3. A capture replay: libsinsp sets no async handler (docs/async.md), so the producer never runs...
capture=/tmp/plain.scap
[ -f "$capture" ] || zcat "$root/tests/host/data/curl_google.scap" > "$capture"
echo "== sinsp-example -s $capture: the plugin loads, its producer never runs (a replay)"
n=$("$H/bin/sinsp-example" -s "$capture" -p "$plugin|{\"interval_ms\": 1}" -f "evt.type = heartbeat" \
    -o "%evt.num %heartbeat.seq" 2>&1 | grep -c "^[0-9]" || true)
echo "heartbeats in the replay: $n"
[ "$n" = 0 ] || fail "heartbeats in a capture replay"
# 4. ... but async events that a live libsinsp wrote into a capture replay like any other event.
echo "== sinsp-live ... $work/hb.scap (a capture written by libsinsp's dumper), then sinsp-example -s on it"
"$live" "$plugin" '{"interval_ms": 200, "message": "recorded"}' 1 "%evt.num %evt.type" "$work/hb.scap" >/dev/null
"$H/bin/sinsp-example" -s "$work/hb.scap" -p "$plugin" -f "evt.type = heartbeat" \
    -o "%evt.num %evt.type %heartbeat.seq %heartbeat.message" 2>&1 | grep "^[0-9]" | tee "$work/replay.out"
grep -q "^[0-9]* heartbeat 2 recorded$" "$work/replay.out" || fail "no recorded heartbeat in the replay"
# 5. Static plugins (docs/static-plugins.md): hello and meterx built STATIC, linked into one program and
# registered in libsinsp as plugin_api tables (sinsp::register_plugin(const plugin_api*)), hello opened.
if [ -f "$build/tests/e2e/libhello_static.a" ]; then
    static=$build/real-hosts/sinsp-static
    compile_live "$static" "$H/libs" "$H/libs-build" \
        "-I$H/libs-build/libscap -I$H/libs/userspace/libscap/linux -I$H/libs/userspace/libscap/engine/noop" \
        "$build/tests/e2e/libhello_static.a $build/tests/e2e/libmeterx_static.a $build/runtime/libfalcogen_runtime.a
         $engines libscap/engine/kmod/libscap_engine_kmod.a libscap/libscap_event_schema.a
         libscap/libdriver_event_schema.a libscap/linux/libscap_platform.a libscap/libscap_error.a
         libscap/libscap_platform_util.a libscap/libscap_engine_util.a -lanl" \
        "$root/scripts/real-hosts/sinsp_static.cpp"
    echo "== sinsp-static 3: two static plugins registered in libsinsp by their tables"
    "$static" 3 | tee "$work/static.out"
    grep -q "^3 hello, world 3 HELLO, WORLD$" "$work/static.out" || fail "no third event from the static hello"
fi
rm -rf "$work"
echo "OK"
