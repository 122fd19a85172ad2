#!/usr/bin/env bash
# The syscalls example's fields beside libsinsp's own, in the real libsinsp
# (sinsp-example over a capture file): docs/kernel-events.md, "Compared with
# libsinsp". Prints one line per comparison: how many events agree, and the
# events that do not.
#
#   scripts/compare-kernel-fields.sh PLUGIN.so [CAPTURE.scap] [SINSP_EXAMPLE]
set -euo pipefail
plugin=$1
capture=${2:-/tmp/plain.scap}
sinsp=${3:-$HOME/.cache/falcogen-hosts/bin/sinsp-example}
root=$(cd "$(dirname "$0")/.." && pwd)
[ -f "$capture" ] || zcat "$root/tests/host/data/curl_google.scap" > "$capture"

# sinsp-example stops a line at the first field without a value: each run
# prints the event, then the two fields compared, libsinsp's first.
run() { "$sinsp" -s "$capture" -p "$plugin" -o "%evt.num %evt.type [$1] [$2]" 2>/dev/null | grep -E "^[0-9]+ ($3) "; }
compare() {  # title, libsinsp field, plugin field, event types (regex)
    local out agree total
    out=$(run "$2" "$3" "$4" || true)
    total=$(printf '%s\n' "$out" | grep -c . || true)
    agree=$(printf '%s\n' "$out" | awk -F'[][]' 'NF >= 4 && $2 == $4' | grep -c . || true)
    echo "$1: $2 vs $3 on $4: $agree of $total events agree"
    printf '%s\n' "$out" | awk -F'[][]' 'NF >= 4 && $2 != $4 { print "  differs: " $0 } NF < 4 && NF > 1 { print "  no value: " $0 }'
}
compare "file name" "%fd.name" "%sc.name" "open|openat"
compare "opened path" "%fd.name" "%sc.opened" "open|openat"
compare "fd" "%fd.num" "%sc.fd" "open|openat"
compare "executable" "%proc.exe" "%sc.exe" "execve"
