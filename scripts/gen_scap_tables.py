#!/usr/bin/env python3
"""Writes the host's scap event tables from a falcosecurity/libs checkout.

    python3 scripts/gen_scap_tables.py LIBS            writes host/src/capture/{event_table,conversion_table}.cpp
    python3 scripts/gen_scap_tables.py LIBS --check    exits 1 if the committed files differ

LIBS is a libs work tree or a git directory (a bare mirror: the files are read
with `git show HEAD:<path>`). What is taken from it is data, not code:

- driver/ppm_events_public.h: the event codes, flag and parameter type values;
- driver/event_table.c: for each event code its name, flags, parameter count
  and parameter types (what the capture reader needs to size parameter
  lengths, compute the parameter count of old event blocks, and convert);
- userspace/libscap/engine/savefile/converter/table.cpp: libscap's conversion
  rules, keyed by (event code, parameter count): the action, the new event
  code, and where each parameter of the converted event comes from.

The C++ files are then formatted with clang-format (the house style).
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "host" / "src" / "capture"
EVENTS_H = "driver/ppm_events_public.h"
EVENT_TABLE_C = "driver/event_table.c"
CONVERSION_TABLE = "userspace/libscap/engine/savefile/converter/table.cpp"


class Libs:
    """Reads files of a libs work tree or git directory."""

    def __init__(self, path: str):
        self.path = Path(path)
        self.is_git_dir = not (self.path / "driver").is_dir()

    def read(self, rel: str) -> str:
        if not self.is_git_dir:
            return (self.path / rel).read_text()
        return subprocess.run(["git", "--git-dir", str(self.path), "show", "HEAD:" + rel], check=True,
                              capture_output=True, text=True).stdout

    def commit(self) -> str:
        git = ["git", "--git-dir", str(self.path)] if self.is_git_dir else ["git", "-C", str(self.path)]
        res = subprocess.run(git + ["rev-parse", "HEAD"], capture_output=True, text=True)
        return res.stdout.strip() if res.returncode == 0 else "unknown"


def strip_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def enum_values(header: str, enum_name: str) -> dict:
    """NAME -> value of a C enum (`enum name {...}` or `typedef enum {...} name`)."""
    m = re.search(r"enum\s+%s\s*\{(.*?)\}" % enum_name, header, re.S) or \
        re.search(r"typedef\s+enum\s*\{(.*?)\}\s*%s\s*;" % enum_name, header, re.S)
    if not m:
        raise SystemExit("enum %s not found" % enum_name)
    values, nxt = {}, 0
    for item in strip_comments(m.group(1)).split(","):
        item = item.strip()
        if not item:
            continue
        name, _, expr = item.partition("=")
        name = name.strip()
        if expr.strip():
            nxt = eval_c_int(expr, values)
        values[name] = nxt
        nxt += 1
    return values


def eval_c_int(expr: str, names: dict) -> int:
    """An integer constant expression of literals, known names, |, <<, parentheses."""
    py = re.sub(r"[A-Za-z_]\w*", lambda t: str(names[t.group(0)]), " ".join(expr.split()))
    if not re.fullmatch(r"[0-9xXa-fA-F\s|<()+]*", py):
        raise SystemExit("unsupported constant expression: %s" % expr)
    return int(eval(py, {"__builtins__": {}}))  # only digits and operators reach here


def split_top_level(text: str, sep: str = ",") -> list:
    """Splits on `sep` outside braces, parentheses and strings."""
    out, depth, cur, in_str = [], 0, "", False
    for i, ch in enumerate(text):
        if ch == '"' and (i == 0 or text[i - 1] != "\\"):
            in_str = not in_str
        elif not in_str and ch in "{(":
            depth += 1
        elif not in_str and ch in "})":
            depth -= 1
        if ch == sep and depth == 0 and not in_str:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur)
    return [x.strip() for x in out]


def braced(text: str, start: int) -> tuple:
    """(content, end) of the {...} group opening at text[start]."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1:i], i + 1
    raise SystemExit("unbalanced braces")


def event_entries(table_c: str, codes: dict, flags: dict, ptypes: dict) -> list:
    """One (enum name, name, flags, param types) per event code, in code order."""
    text = strip_comments(table_c)
    body, _ = braced(text, text.index("{", text.index("g_event_info[]")))
    entries = {}
    for m in re.finditer(r"\[(PPME_\w+)\]\s*=\s*", body):
        fields = split_top_level(braced(body, m.end())[0])
        name = fields[0].strip('"')
        eflags = eval_c_int(fields[2], flags)
        nparams = int(fields[3])
        types = []
        if len(fields) > 4:
            for param in split_top_level(fields[4][1:-1]):
                types.append(ptypes[split_top_level(param[1:-1])[1]])
        if len(types) != nparams:
            raise SystemExit("%s: %d parameters listed, %d declared" % (m.group(1), len(types), nparams))
        entries[codes[m.group(1)]] = (m.group(1), name, eflags, types)
    count = codes["PPM_EVENT_MAX"]
    if sorted(entries) != list(range(count)):
        raise SystemExit("the event table does not cover codes 0..%d" % (count - 1))
    return [entries[i] for i in range(count)]


ACTIONS = {"C_ACTION_PASS": "kPass", "C_ACTION_STORE": "kStore", "C_ACTION_STORE_AND_PASS": "kStoreAndPass",
           "C_ACTION_ADD_PARAMS": "kAddParams", "C_ACTION_CHANGE_TYPE": "kChangeType"}


def instruction_token(instr: str) -> str:
    """One conversion instruction as a token: o<N> (old event's parameter N), e<N> (the enter
    event's parameter N, or the default value), E<N> (the same, or an empty parameter), d (the
    default value), z (an empty parameter), c/C (the container-JSON callback, falling back to the
    default or to an empty parameter)."""
    parts = split_top_level(instr[1:-1])
    code, num = parts[0], (parts[1] if len(parts) > 1 else "0")
    empty = len(parts) > 2 and parts[2] == "CIF_FALLBACK_TO_EMPTY"
    if code == "C_INSTR_FROM_OLD":
        return "o" + num
    if code == "C_INSTR_FROM_ENTER":
        return ("E" if empty else "e") + num
    if code == "C_INSTR_FROM_DEFAULT":
        return "d"
    if code == "C_INSTR_FROM_EMPTY":
        return "z"
    if code == "C_INSTR_FROM_CALLBACK":
        if not parts[3].startswith("extract_ppme_container_json_e"):
            raise SystemExit("unknown conversion callback %s" % parts[3])
        return "C" if empty else "c"
    raise SystemExit("unknown conversion instruction %s" % code)


def conversion_rules(table_cpp: str, codes: dict) -> list:
    """(code, nparams, action, desired code, instruction tokens), in the table's order."""
    text = strip_comments(table_cpp)
    body, _ = braced(text, text.index("{", text.index("g_conversion_table")))
    rules = []
    for entry in split_top_level(body):
        key = re.match(r"\{\s*conversion_key\s*\{\s*(\w+)\s*,\s*(\d+)\s*\}\s*,(.*)\}$", entry, re.S)
        if not key:
            raise SystemExit("unexpected conversion entry: %s" % entry[:80])
        info = key.group(3)
        action = re.search(r"\.action\(\s*(\w+)\s*\)", info).group(1)
        desired = re.search(r"\.desired_type\(\s*(\w+)\s*\)", info)
        tokens = []
        instrs = re.search(r"\.instrs\(\s*\{", info)
        if instrs:
            inner, _ = braced(info, instrs.end() - 1)
            tokens = [instruction_token(i) for i in split_top_level(inner)]
        rules.append((codes[key.group(1)], int(key.group(2)), ACTIONS[action],
                      codes[desired.group(1)] if desired else 0, " ".join(tokens), key.group(1)))
    return rules


def provenance(libs: Libs) -> str:
    schema = libs.read("driver/SCHEMA_VERSION").strip()
    api = libs.read("driver/API_VERSION").strip()
    return "falcosecurity/libs %s (driver schema %s, API %s)" % (libs.commit(), schema, api)


def param_type_letter(ptype: int) -> str:
    """A ppm_param_type as one letter: a..z for 0..25, A..W for 26..48."""
    return chr(ord("a") + ptype) if ptype < 26 else chr(ord("A") + ptype - 26)


def event_table_cpp(entries: list, origin: str) -> str:
    lines = ["// Generated by scripts/gen_scap_tables.py from %s:" % origin,
             "// driver/event_table.c and driver/ppm_events_public.h. Do not edit: regenerate.",
             '#include "event_table.hpp"', "", "namespace falcogen::host::capture {", "",
             "// name, flags (ppm_event_flags), parameter types (one letter per parameter: a..z = ppm_param_type 0..25, A..W = 26..48)",
             "const EventInfo kEventTable[] = {"]
    for code, (enum, name, flags, types) in enumerate(entries):
        enc = "".join(param_type_letter(t) for t in types)
        lines.append('    {"%s", 0x%x, "%s"},  // %d %s' % (name, flags, enc, code, enum[len("PPME_"):]))
    lines += ["};", "const uint16_t kEventTypeCount = sizeof(kEventTable) / sizeof(kEventTable[0]);", "",
              "}  // namespace falcogen::host::capture", ""]
    return "\n".join(lines)


def conversion_table_cpp(rules: list, origin: str) -> str:
    lines = ["// Generated by scripts/gen_scap_tables.py from %s:" % origin,
             "// userspace/libscap/engine/savefile/converter/table.cpp. Do not edit: regenerate.",
             '#include "conversion.hpp"', "", "namespace falcogen::host::capture {", "",
             "// event type, parameter count -> action, new type, instructions (see conversion.hpp)",
             "const ConversionRule kConversionRules[] = {"]
    for code, nparams, action, desired, tokens, enum in rules:
        lines.append('    {%d, %d, ConversionAction::%s, %d, "%s"},  // %s' % (code, nparams, action, desired, tokens,
                                                                             enum[len("PPME_"):]))
    lines += ["};", "const size_t kConversionRuleCount = sizeof(kConversionRules) / sizeof(kConversionRules[0]);",
              "", "}  // namespace falcogen::host::capture", ""]
    return "\n".join(lines)


def clang_format(text: str, name: str) -> str:
    res = subprocess.run(["clang-format", "--style=file:%s" % (ROOT / ".clang-format"), "--assume-filename", name],
                         input=text, capture_output=True, text=True, check=True)
    return res.stdout


def generate(libs: Libs) -> dict:
    header = libs.read(EVENTS_H)
    codes = enum_values(header, "ppm_event_code")
    flags = enum_values(header, "ppm_event_flags")
    ptypes = enum_values(header, "ppm_param_type")
    origin = provenance(libs)
    entries = event_entries(libs.read(EVENT_TABLE_C), codes, flags, ptypes)
    rules = conversion_rules(libs.read(CONVERSION_TABLE), codes)
    return {
        "event_table.cpp": clang_format(event_table_cpp(entries, origin), "event_table.cpp"),
        "conversion_table.cpp": clang_format(conversion_table_cpp(rules, origin), "conversion_table.cpp"),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("libs", nargs="?", default=os.environ.get("FALCOGEN_LIBS_REPO"))
    ap.add_argument("--check", action="store_true", help="compare with the committed files instead of writing")
    args = ap.parse_args()
    if not args.libs:
        ap.error("give the libs checkout (or set FALCOGEN_LIBS_REPO)")
    files = generate(Libs(args.libs))
    status = 0
    for name, text in files.items():
        path = OUT_DIR / name
        if args.check:
            if not path.exists() or path.read_text() != text:
                print("%s differs from what %s generates" % (path.relative_to(ROOT), args.libs))
                status = 1
        else:
            path.write_text(text)
            print("wrote", path.relative_to(ROOT))
    return status


if __name__ == "__main__":
    sys.exit(main())
