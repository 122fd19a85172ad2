"""The lock file: what a plugin's past promised, kept beside its manifest.

`falcogen generate plugin.yaml` reads and (re)writes `plugin.lock.json` next to
the manifest; the author commits it. It records two things:

* the event layouts (tag, encoding, member names and types): capture files
  written by earlier versions of the plugin hold events in those layouts, and
  the decoder reads members by position and type. A manifest that would make
  them unreadable (a removed or retyped member, a reordering, a changed or
  removed layout tag) is refused with an explanation, unless the version is
  bumped and the manifest says `acknowledge_breaking_change: <new version>`.
* the virtual methods the generated header asks the author to implement. A
  method the manifest stops asking for is kept in the header as a *deleted*
  virtual ("retired"), so the author's leftover override fails to compile with
  a message that says why, instead of lingering as dead code.

Everything here is deterministic: the same manifest and lock give the same
text, byte for byte.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from .model import Plugin
from .render import HEADER

LOCK_FORMAT = 1
LOCK_SUFFIX = ".lock.json"

ABOUT = (
    "Written by `falcogen generate`; commit it with the manifest. It records the event layouts that "
    "capture files depend on and the methods your code implements (docs/workflow.md)."
)


class LockError(Exception):
    """A lock file that cannot be read: one line, printed without a traceback."""


def lock_path_for(manifest: Path) -> Path:
    """plugin.yaml -> plugin.lock.json, in the manifest's folder."""
    name = manifest.name
    for ext in (".yaml", ".yml"):
        if name.endswith(ext) and len(name) > len(ext):
            name = name[: -len(ext)]
            break
    return manifest.with_name(name + LOCK_SUFFIX)


# ---- Author methods, as the generated header declares them -----------------------------------

_CLASS_RE = re.compile(r"^class (\w+)\s*(?:final\s*)?(?::[^{]*)?\{\s*$")
_VIRTUAL_RE = re.compile(
    r"^\s+virtual\s+(?!~)(?P<decl>[^;{]*?\))\s*(?P<const>const)?\s*(?P<pure>=\s*0)?\s*;\s*(?://\s*(?P<comment>.*))?$"
)
_LOCATION_RE = re.compile(r"^[^\s:]+:\d+(?::\d+)?:\s*")


@dataclass(frozen=True)
class Method:
    cls: str  # the generated base class, e.g. PluginBase
    decl: str  # "double progress(std::string& text)" (+ " const"), whitespace normalized
    pure: bool  # the author must implement it (else it has a default)
    asked_by: str = ""  # why the manifest asks for it (the declaration's comment, no file:line)

    @property
    def key(self) -> Tuple[str, str]:
        return self.cls, signature_key(self.decl)


def _split_params(params: str) -> List[str]:
    out, depth, cur = [], 0, ""
    for ch in params:
        if ch in "<([":
            depth += 1
        elif ch in ">)]":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur)
    return [p.strip() for p in out]


def _param_type(param: str) -> str:
    param = param.split("=")[0].strip()
    m = re.match(r"^(.*?[\s&*>])(\w+)$", param)
    if m and m.group(1).strip():
        return " ".join(m.group(1).split()).replace(" &", "&").replace(" *", "*")
    return param


def signature_key(decl: str) -> str:
    """name(param types)[ const]: what C++ overloads on (the return type does not count)."""
    m = re.match(r"^(?P<ret>.*?)\b(?P<name>\w+)\s*\((?P<params>.*)\)(?P<const>\s*const)?$", decl)
    if not m:
        return decl
    types = ", ".join(_param_type(p) for p in _split_params(m.group("params")))
    return "%s(%s)%s" % (m.group("name"), types, " const" if m.group("const") else "")


def method_name(decl: str) -> str:
    m = re.match(r"^.*?\b(\w+)\s*\(", decl)
    return m.group(1) if m else decl


def author_methods(header: str) -> List[Method]:
    """Every virtual method (destructors aside) of every class the header declares."""
    methods: List[Method] = []
    cls: Optional[str] = None
    for line in header.splitlines():
        if cls is None:
            m = _CLASS_RE.match(line)
            if m:
                cls = m.group(1)
            continue
        if line == "};":
            cls = None
            continue
        m = _VIRTUAL_RE.match(line)
        if m:
            decl = " ".join(m.group("decl").split()) + (" const" if m.group("const") else "")
            comment = _LOCATION_RE.sub("", (m.group("comment") or "").strip())
            methods.append(Method(cls, decl, bool(m.group("pure")), comment))
    return methods


def make_plugin_declaration(header: str) -> Optional[str]:
    for line in header.splitlines():
        if re.match(r"^\S.*\bmake_plugin\s*\(.*\);\s*$", line):
            return line.strip()[:-1]
    return None


# ---- Layouts --------------------------------------------------------------------------------

def layouts_of(plugin: Plugin) -> List[dict]:
    out = []
    for layout in plugin.layouts:
        entry = {"name": layout.name, "tag": layout.tag}
        encoding = getattr(layout, "encoding", "binary")
        if encoding != "binary":
            entry["encoding"] = encoding
        entry["members"] = ["%s: %s" % (m.name, m.type) for m in layout.members]
        out.append(entry)
    return out


def _member(text: str) -> Tuple[str, str]:
    name, _, mtype = text.partition(":")
    return name.strip(), mtype.strip()


@dataclass(frozen=True)
class Change:
    line: int  # manifest line (0: none)
    text: str
    breaking: bool


def compare_layouts(old: Sequence[dict], plugin: Plugin) -> List[Change]:
    """What changed in the layouts since the lock, breaking changes first."""
    changes: List[Change] = []
    new_by_tag = {l.tag: l for l in plugin.layouts}
    new_by_name = {l.name: l for l in plugin.layouts}
    for o in old:
        name, tag = o.get("name", "?"), o.get("tag")
        new = new_by_tag.get(tag)
        if new is None or (new.name != name and name in new_by_name):
            moved = new_by_name.get(name)
            if moved is not None:
                changes.append(Change(moved.line, "layout '%s' changed its tag from %s to %s: old events carry tag %s"
                                      % (name, tag, moved.tag, tag), True))
            else:
                changes.append(Change(0, "layout '%s' (tag %s) was removed: old events of that tag could no longer "
                                         "be decoded" % (name, tag), True))
            continue
        where = "layout '%s' (tag %d)" % (new.name, new.tag)
        if new.name != name:
            changes.append(Change(new.line, "layout tag %s was renamed from '%s' to '%s' (the wire format does not "
                                            "carry names: old events stay readable)" % (tag, name, new.name), False))
        old_enc, new_enc = o.get("encoding", "binary"), getattr(new, "encoding", "binary")
        if old_enc != new_enc:
            changes.append(Change(new.line, "%s changed its encoding from %s to %s" % (where, old_enc, new_enc), True))
            continue
        old_members = [_member(m) for m in o.get("members", ())]
        new_members = [(m.name, m.type) for m in new.members]
        new_pos = {n: i for i, (n, _) in enumerate(new_members)}
        for i, (mname, mtype) in enumerate(old_members):
            if i >= len(new_members):
                if mname in new_pos:
                    continue  # reported as moved below
                changes.append(Change(new.line, "%s: member '%s' (%s, position %d) was removed" % (where, mname, mtype, i + 1), True))
                continue
            nname, ntype = new_members[i]
            if (nname, ntype) == (mname, mtype):
                continue
            if nname == mname:
                changes.append(Change(new.line, "%s: member '%s' changed its type from %s to %s"
                                      % (where, mname, mtype, ntype), True))
            elif mname in new_pos:
                changes.append(Change(new.line, "%s: member '%s' moved from position %d to %d (members were "
                                                "reordered, or one was inserted before it)"
                                      % (where, mname, i + 1, new_pos[mname] + 1), True))
            elif ntype == mtype:
                changes.append(Change(new.line, "%s: member %d was renamed from '%s' to '%s' (same type: old events "
                                                "stay readable)" % (where, i + 1, mname, nname), False))
            else:
                changes.append(Change(new.line, "%s: member %d '%s: %s' was replaced by '%s: %s'"
                                      % (where, i + 1, mname, mtype, nname, ntype), True))
    changes.sort(key=lambda c: (not c.breaking,))
    return changes


# ---- Versions --------------------------------------------------------------------------------

def _version_tuple(v: str) -> Tuple[int, int, int]:
    m = re.match(r"^(\d+)\.(\d+)\.(\d+)", v or "")
    return (int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else (0, 0, 0)


def is_breaking_bump(old: str, new: str) -> bool:
    """A semver bump that announces incompatible changes: the major (the minor while in 0.x)."""
    o, n = _version_tuple(old), _version_tuple(new)
    if o[0] == 0:
        return n[0] > 0 or n[1] > o[1]
    return n[0] > o[0]


def suggested_bump(old: str) -> str:
    o = _version_tuple(old)
    return "0.%d.0" % (o[1] + 1) if o[0] == 0 else "%d.0.0" % (o[0] + 1)


# ---- The lock itself ------------------------------------------------------------------------

def read_lock(path: Path) -> Tuple[Optional[dict], Optional[str]]:
    """(parsed lock, its text); (None, None) when there is none yet."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, None
    except (OSError, UnicodeDecodeError) as e:
        raise LockError("cannot read the lock file %s: %s" % (path, e)) from None
    try:
        data = json.loads(text)
    except ValueError as e:
        raise LockError("%s is not valid JSON (%s): restore it from version control, or delete it to start a new "
                        "lock (layout changes are then no longer checked against it)" % (path, e)) from None
    if not isinstance(data, dict) or data.get("falcogen_lock") != LOCK_FORMAT:
        raise LockError("%s is not a falcogen lock file of format %d" % (path, LOCK_FORMAT))
    return data, text


def _method_entry(m: Method, since: Optional[str] = None) -> dict:
    e = {"class": m.cls, "decl": m.decl}
    if m.asked_by:
        e["asked_by"] = m.asked_by
    if since is not None:
        e["since"] = since
    return e


def _method_from(entry: dict, pure: bool = True) -> Method:
    return Method(str(entry.get("class", "")), str(entry.get("decl", "")), pure, str(entry.get("asked_by", "")))


@dataclass(frozen=True)
class Retired:
    method: Method
    since: str  # the plugin version whose manifest stopped asking for it


def retired_methods(old: Optional[dict], current: Sequence[Method], version: str) -> List[Retired]:
    """Methods the lock knew (or already retired) that the header no longer declares."""
    if not old:
        return []
    now = {m.key for m in current}
    now_names = {(m.cls, method_name(m.decl)) for m in current}
    out: Dict[Tuple[str, str], Retired] = {}
    for e in old.get("retired", ()):
        m = _method_from(e)
        if m.key not in now:
            out[m.key] = Retired(m, str(e.get("since", "")))
    for e in old.get("methods", ()):
        m = _method_from(e)
        if m.key in now or m.key in out:
            continue
        out[m.key] = Retired(m, version)
    # A current method with the same name and parameters but another return
    # type has the same key: not retired (its declaration already explains).
    return [r for _, r in sorted(out.items())]


def build_lock(plugin: Plugin, methods: Sequence[Method], retired: Sequence[Retired]) -> dict:
    lock = {
        "falcogen_lock": LOCK_FORMAT,
        "about": ABOUT,
        "plugin": plugin.name,
        "version": plugin.version,
        "layouts": layouts_of(plugin),
        "methods": [_method_entry(m) for m in sorted(methods, key=lambda m: (m.cls, m.decl))],
    }
    if retired:
        lock["retired"] = [_method_entry(r.method, r.since) for r in retired]
    return lock


def dumps(lock: dict) -> str:
    """Stable JSON: fixed key order, one line per method and per layout's member list."""
    def j(value) -> str:
        return json.dumps(value, ensure_ascii=True)

    out = ["{"]
    keys = list(lock)
    for n, key in enumerate(keys):
        value = lock[key]
        comma = "," if n + 1 < len(keys) else ""
        if key == "layouts" and value:
            out.append('  "layouts": [')
            for i, layout in enumerate(value):
                out.append("    {")
                items = list(layout.items())
                for k, (lk, lv) in enumerate(items):
                    out.append("      %s: %s%s" % (j(lk), j(lv), "," if k + 1 < len(items) else ""))
                out.append("    }" + ("," if i + 1 < len(value) else ""))
            out.append("  ]" + comma)
        elif key in ("methods", "retired") and value:
            out.append("  %s: [" % j(key))
            for i, entry in enumerate(value):
                out.append("    %s%s" % (j(entry), "," if i + 1 < len(value) else ""))
            out.append("  ]" + comma)
        else:
            out.append("  %s: %s%s" % (j(key), j(value), comma))
    out.append("}")
    return "\n".join(out) + "\n"


# ---- Retired methods in the header ----------------------------------------------------------

def _declared_types(header: str) -> set:
    return set(re.findall(r"^\s*(?:struct|class|using|enum class|enum)\s+(\w+)", header, re.M))


def apply_retired(header: str, retired: Sequence[Retired], manifest_name: str) -> str:
    """Adds a deleted declaration of each retired method to its class."""
    if not retired:
        return header
    lines = header.split("\n")
    declared = _declared_types(header)
    by_class: Dict[str, List[Retired]] = {}
    for r in retired:
        by_class.setdefault(r.method.cls, []).append(r)
    out: List[str] = []
    cls: Optional[str] = None
    forward: List[str] = []
    for i, line in enumerate(lines):
        m = _CLASS_RE.match(line) if cls is None else None
        if m:
            cls = m.group(1)
            # Types the retired declarations use that no longer exist (a removed layout).
            needed = []
            for r in by_class.get(cls, ()):
                for t in re.findall(r"\b([A-Z]\w*)\b", r.method.decl.split("(", 1)[1]):
                    if t not in declared and t not in needed:
                        needed.append(t)
            for t in sorted(needed):
                out.append("struct %s;  // no longer declared by %s; kept for the retired method below" % (t, manifest_name))
            out.append(line)
            continue
        if cls is not None and line == "};":
            entries = by_class.get(cls, ())
            if entries:
                out.append("")
                out.append("    // Retired: %s no longer asks for these methods. They stay declared as deleted so" % manifest_name)
                out.append("    // that an override left in your class fails to compile; delete it from your class.")
                for r in entries:
                    was = " (it was asked by: %s)" % r.method.asked_by if r.method.asked_by else ""
                    out.append("    virtual %s = delete;  // %s no longer asks for %s() since version %s%s: delete it from your class"
                               % (r.method.decl, manifest_name, method_name(r.method.decl), r.since, was))
            cls = None
        out.append(line)
    return "\n".join(out)


# ---- The evolution guard --------------------------------------------------------------------

@dataclass(frozen=True)
class Verdict:
    errors: List[str]  # non-empty: refuse to generate
    notes: List[str]  # printed, generation goes on


def _at(manifest: str, line: int) -> str:
    return "%s:%d" % (manifest, line) if line else manifest


def check_evolution(old: Optional[dict], plugin: Plugin, acknowledged: Optional[str], manifest: str,
                    lock_name: str) -> Verdict:
    """Compares the manifest with the lock: refuses changes that break old capture files."""
    if not old:
        return Verdict([], [])
    changes = compare_layouts(old.get("layouts", ()), plugin)
    breaking = [c for c in changes if c.breaking]
    notes = ["%s: note: %s" % (_at(manifest, c.line), c.text) for c in changes if not c.breaking]
    old_version = str(old.get("version", "0.0.0"))
    if not breaking:
        return Verdict([], notes)
    if acknowledged is not None and acknowledged == plugin.version and is_breaking_bump(old_version, plugin.version):
        notes = ["%s: warning: %s (acknowledged: acknowledge_breaking_change: %s)" % (_at(manifest, c.line), c.text, acknowledged)
                 for c in breaking] + notes
        return Verdict([], notes)
    errors = ["%s: error: %s" % (_at(manifest, c.line), c.text) for c in breaking]
    why = [
        "falcogen: refusing to generate: these changes would make capture files written by %s %s unreadable."
        % (plugin.name, old_version),
        "  Events are decoded by layout tag, then member by member in order and by type; %s records the layouts"
        % lock_name,
        "  of the plugin's published versions.",
        "How to evolve a layout instead:",
        "  - to add data, append a member at the end of the layout: old events simply lack it (has_<member>() is false);",
        "  - to change a member's type or meaning, append a new member and stop filling the old one, or add a new layout;",
        "  - keep every layout and its tag: old events of a removed tag cannot be decoded. Give new layouts new tags.",
    ]
    bump = suggested_bump(old_version)
    if acknowledged is not None and acknowledged != plugin.version:
        why.append("acknowledge_breaking_change is %s but the manifest's version is %s: they must be equal."
                   % (acknowledged, plugin.version))
    elif acknowledged is not None:
        why.append("acknowledge_breaking_change needs a version that announces the break: %s is not a %s bump of %s "
                   "(e.g. %s)." % (plugin.version, "minor (0.x)" if _version_tuple(old_version)[0] == 0 else "major",
                                   old_version, bump))
    why.append("To break old captures on purpose: set `version: %s` (a %s bump) and add `acknowledge_breaking_change: "
               "\"%s\"` to %s." % (bump, "minor (0.x)" if _version_tuple(old_version)[0] == 0 else "major", bump, manifest))
    return Verdict(errors + why, notes)
