#!/usr/bin/env python3
"""Writes the generator's snapshot of the driver's event table from a falcosecurity/libs checkout.

    python3 scripts/gen_event_table.py LIBS            writes generator/falcogen/data/event_table.json
    python3 scripts/gen_event_table.py LIBS --check    exits 1 if the committed snapshot differs

LIBS is a libs work tree or a git directory (a bare mirror), as for
scripts/gen_scap_tables.py; the parsing is scripts/libs_source.py's. Read from
it: driver/event_table.c and driver/ppm_events_public.h (every event code, its
name, category, flags and parameters), driver/SCHEMA_VERSION and
driver/API_VERSION, and the commit and `git describe` of HEAD.

The output is deterministic: a fixed key order, one event per line, so that a
refresh reads as a diff of the events that changed (docs/kernel-events.md).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import Dict, List, Optional

from libs_source import Enums, EventInfo, Libs, ParamInfo, read_event_table

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "generator" / "falcogen" / "data" / "event_table.json"
GENERATOR = "scripts/gen_event_table.py"
FORMAT_VERSION = 1  # of this file's layout; the loader (falcogen/kernel_events.py) checks it


def flag_names(value: int, flags: Dict[str, int]) -> List[str]:
    """The EF_* names of a ppm_event_flags value, in bit order; unknown bits are an error."""
    names = [n for n, bit in sorted(flags.items(), key=lambda kv: kv[1]) if bit and value & bit == bit]
    rest = value
    for n in names:
        rest &= ~flags[n]
    if rest:
        raise SystemExit("unknown event flag bits 0x%x" % rest)
    return names


def param_record(p: ParamInfo, where: str) -> dict:
    """name, type, format, and what the 4th field of the entry says: the flag table of a flags
    parameter (`flags`), the index of the dirfd parameter a relative path is relative to (`dirfd`),
    or the table of a dynamic parameter (`dynamic`)."""
    rec: dict = {"name": p.name, "type": p.type, "format": p.format}
    if p.info is None or p.info == "0":
        return rec
    dirfd = re.fullmatch(r"DIRFD_PARAM\(\s*(\d+)\s*\)", p.info)
    if dirfd:
        rec["dirfd"] = int(dirfd.group(1))
    elif re.fullmatch(r"\w+_dynamic_param", p.info):
        rec["dynamic"] = p.info
    elif re.fullmatch(r"[a-z]\w*", p.info):
        rec["flags"] = p.info
    else:
        raise SystemExit("%s: parameter %s: unexpected info %s" % (where, p.name, p.info))
    return rec


def is_placeholder(e: EventInfo, flags: Dict[str, int]) -> bool:
    """The "NA" entries that fill the other half of a pair the driver never sends."""
    return e.name == "NA" and bool(e.flags & flags["EF_UNUSED"])


def event_record(e: EventInfo, infos: List[EventInfo], enums: Enums) -> dict:
    """One event: direction from the enum name (_E enter, _X exit; none for placeholders), and the
    code of the other half of its pair (none when that half is a placeholder)."""
    placeholder = is_placeholder(e, enums.flags)
    partner: Optional[int] = e.code ^ 1 if e.code ^ 1 < len(infos) else None
    if partner is not None and (placeholder or is_placeholder(infos[partner], enums.flags)):
        partner = None
    direction = None if placeholder else {"_E": "enter", "_X": "exit"}.get(e.enum[-2:])
    return {
        "code": e.code,
        "enum": e.enum,
        "name": e.name,
        "direction": direction,
        "pair": partner,
        "category": e.category,
        "flags": flag_names(e.flags, enums.flags),
        "large_payload": bool(e.flags & enums.flags["EF_LARGE_PAYLOAD"]),
        "params": [param_record(p, e.enum) for p in e.params],
    }


def snapshot(libs: Libs) -> dict:
    enums, infos = read_event_table(libs)
    return {
        "format": FORMAT_VERSION,
        "generator": GENERATOR,
        "libs": {
            "repository": "falcosecurity/libs",
            "commit": libs.commit(),
            "version": libs.describe("--exclude", "*+driver"),
            "driver_version": libs.describe("--match", "*+driver"),
        },
        "schema_version": libs.read("driver/SCHEMA_VERSION").strip(),
        "api_version": libs.read("driver/API_VERSION").strip(),
        "event_count": len(infos),
        "events": [event_record(e, infos, enums) for e in infos],
    }


def render(snap: dict) -> str:
    """JSON with the header's keys one per line and one event per line."""
    lines = ["{"]
    for key, value in snap.items():
        if key == "events":
            continue
        lines.append("  %s: %s," % (json.dumps(key), json.dumps(value, sort_keys=False)))
    events = snap["events"]
    lines.append('  "events": [')
    for i, event in enumerate(events):
        lines.append("    %s%s" % (json.dumps(event), "," if i + 1 < len(events) else ""))
    lines += ["  ]", "}", ""]
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("libs", nargs="?", default=os.environ.get("FALCOGEN_LIBS_REPO"))
    ap.add_argument("--check", action="store_true", help="compare with the committed snapshot instead of writing")
    ap.add_argument("-o", "--output", type=Path, default=OUT, help="where the snapshot goes (default: %(default)s)")
    args = ap.parse_args()
    if not args.libs:
        ap.error("give the libs checkout (or set FALCOGEN_LIBS_REPO)")
    text = render(snapshot(Libs(args.libs)))
    if args.check:
        if not args.output.exists() or args.output.read_text() != text:
            print("%s differs from what %s generates" % (args.output, args.libs))
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text)
    print("wrote", args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
