"""Reads the driver's tables out of a falcosecurity/libs checkout: the parsing that
scripts/gen_scap_tables.py (the host's C++ capture tables) and scripts/gen_event_table.py
(the generator's JSON snapshot) share.

LIBS is a libs work tree or a git directory (a bare mirror: files are read with
`git show HEAD:<path>`). What is read is data, not code: C enums of
driver/ppm_events_public.h and the g_event_info[] initializer of driver/event_table.c.
"""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

EVENTS_H = "driver/ppm_events_public.h"
EVENT_TABLE_C = "driver/event_table.c"


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

    def describe(self, *args: str) -> str:
        """`git describe --tags ARGS` of HEAD, or "unknown" (no git, no tag)."""
        git = ["git", "--git-dir", str(self.path)] if self.is_git_dir else ["git", "-C", str(self.path)]
        res = subprocess.run(git + ["describe", "--tags"] + list(args), capture_output=True, text=True)
        return res.stdout.strip() if res.returncode == 0 and res.stdout.strip() else "unknown"


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


@dataclass
class ParamInfo:
    """One parameter of an event, as event_table.c declares it."""
    name: str
    type: str                      # PT_* name
    format: str                    # PF_* name
    info: Optional[str] = None     # the 4th field as written: a flag table, DIRFD_PARAM(n), a dynamic table
    ninfo: Optional[str] = None    # the 5th field as written (the size of a dynamic table)


@dataclass
class EventInfo:
    """One entry of g_event_info[]."""
    code: int
    enum: str                      # PPME_* name
    name: str
    category: List[str]            # EC_* names as written, in the enum's value order
    flags: int                     # ppm_event_flags value
    params: List[ParamInfo] = field(default_factory=list)


class Enums:
    """The enums of ppm_events_public.h the event table refers to."""

    def __init__(self, header: str):
        self.codes = enum_values(header, "ppm_event_code")
        self.categories = enum_values(header, "ppm_event_category")
        self.flags = enum_values(header, "ppm_event_flags")
        self.ptypes = enum_values(header, "ppm_param_type")
        self.formats = enum_values(header, "ppm_print_format")


def _names_of(expr: str, values: Dict[str, int], what: str) -> List[str]:
    names = [n.strip() for n in expr.split("|")]
    for n in names:
        if n not in values:
            raise SystemExit("unknown %s %s" % (what, n))
    return sorted(names, key=lambda n: (values[n], n))


def _param(text: str, enums: Enums, where: str) -> ParamInfo:
    fields = split_top_level(text[1:-1])
    if len(fields) < 3 or fields[1] not in enums.ptypes or fields[2] not in enums.formats:
        raise SystemExit("%s: unexpected parameter %s" % (where, text))
    return ParamInfo(name=fields[0].strip('"'), type=fields[1], format=fields[2],
                     info=fields[3] if len(fields) > 3 else None, ninfo=fields[4] if len(fields) > 4 else None)


def event_infos(table_c: str, enums: Enums) -> List[EventInfo]:
    """Every entry of g_event_info[], in code order; checks that the table covers 0..PPM_EVENT_MAX-1."""
    text = strip_comments(table_c)
    body, _ = braced(text, text.index("{", text.index("g_event_info[]")))
    entries: Dict[int, EventInfo] = {}
    for m in re.finditer(r"\[(PPME_\w+)\]\s*=\s*", body):
        enum = m.group(1)
        fields = split_top_level(braced(body, m.end())[0])
        params = [_param(p, enums, enum) for p in split_top_level(fields[4][1:-1])] if len(fields) > 4 else []
        if len(params) != int(fields[3]):
            raise SystemExit("%s: %d parameters listed, %s declared" % (enum, len(params), fields[3]))
        code = enums.codes[enum]
        entries[code] = EventInfo(code=code, enum=enum, name=fields[0].strip('"'),
                                  category=_names_of(fields[1], enums.categories, "category"),
                                  flags=eval_c_int(fields[2], enums.flags), params=params)
    count = enums.codes["PPM_EVENT_MAX"]
    if sorted(entries) != list(range(count)):
        raise SystemExit("the event table does not cover codes 0..%d" % (count - 1))
    return [entries[i] for i in range(count)]


def read_event_table(libs: Libs) -> Tuple[Enums, List[EventInfo]]:
    """(Enums, [EventInfo]) of a libs checkout."""
    enums = Enums(libs.read(EVENTS_H))
    return enums, event_infos(libs.read(EVENT_TABLE_C), enums)
