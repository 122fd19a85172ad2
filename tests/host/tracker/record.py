#!/usr/bin/env python3
"""Records what the real libsinsp extracts over a capture, for the state tracker test.

    python3 tests/host/tracker/record.py SINSP_EXAMPLE CAPTURE.scap OUT.tsv PLUGIN.so... -- FIELD...

Runs libsinsp's sinsp-example once per field over CAPTURE (gzip or plain)
with the plugins loaded (the field's plugin last: sinsp-example knows the
fields of its last -p plugin only) and writes, per event number, each
field's value or (none). test_tracker.cpp replays the capture in
falcogen-host with the same plugins and must read the same values: libsinsp
runs its parser before the plugins', so the plugins see its threads table.

The text formatter of sinsp-example stops at the first field without a
value, so each field is printed as "[%field]": no closing bracket, no value.
"""
import gzip
import os
import subprocess
import sys
import tempfile

NONE = "(none)"


def plain_copy(capture):
    with open(capture, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    out = tempfile.NamedTemporaryFile(suffix=".scap", delete=False)
    out.write(data)
    out.close()
    return out.name


def plugin_order(plugins, field):
    prefix = field.split(".")[0]
    return [p for p in plugins if prefix not in os.path.basename(p)] + \
           [p for p in plugins if prefix in os.path.basename(p)]


def extract(sinsp, scap, plugins, field):
    cmd = [sinsp, "-s", scap]
    for p in plugin_order(plugins, field):
        cmd += ["-p", p]
    cmd += ["-a", "-o", "%evt.num [%" + field + "]"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=600).stdout
    values = {}
    for line in out.splitlines():
        head, _, rest = line.partition(" ")
        if head.isdigit():
            values[int(head)] = rest[1:-1] if rest.endswith("]") else NONE
    if not values:
        sys.exit(f"sinsp-example printed no event for {field}")
    return values


def main(argv):
    sep = argv.index("--")
    sinsp, capture, out_path, plugins, fields = argv[0], argv[1], argv[2], argv[3:sep], argv[sep + 1:]
    scap = plain_copy(capture)
    try:
        columns = [extract(sinsp, scap, plugins, f) for f in fields]
    finally:
        os.unlink(scap)
    events = sorted(columns[0])
    if any(sorted(c) != events for c in columns):
        sys.exit("the runs printed different events")
    with open(out_path, "w") as out:
        out.write("evt.num\t" + "\t".join(fields) + "\n")
        for n in events:
            out.write(str(n) + "\t" + "\t".join(c[n] for c in columns) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
