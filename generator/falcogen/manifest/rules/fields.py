"""Fields: unique names with one shared prefix that make C++ methods, arguments, one binding each,
and `from` references to layout members of a fitting type."""
from __future__ import annotations

import difflib
from typing import Any, Dict, List, Optional, Tuple

from ...model import FIELD_MEMBER_TYPES, MEMBER_TYPES
from .. import names
from ..describe import quote
from ..diagnostics import KeyPath
from .base import Report, fields_of, layouts_of, member_refs, members_of
from .kernel import check_param_binding
from .tables import check_table_binding

# Field classes of libsinsp (evt.type, proc.name, fd.name, ...): a plugin's field
# prefix must not be one of them (plugin-api.md 3.1, naming best practice).
LIBSINSP_FIELD_CLASSES = frozenset(
    "evt evtin proc procinfo thread fd fdlist fs user group container k8s syslog span mesos plugin".split()
)

BINDINGS = ("from", "param", "json", "table", "computed")


class _FieldNames:
    """What the fields checked so far use: their names, their C++ names, the plugin's field prefix."""

    def __init__(self) -> None:
        self.by_name: Dict[str, int] = {}
        self.by_cpp: Dict[str, int] = {}
        self.prefix: Optional[Tuple[str, int]] = None  # the first field's prefix and index


def check_fields(report: Report) -> None:
    seen = _FieldNames()
    for i, f in fields_of(report.data):
        name = f.get("name")
        if isinstance(name, str) and not report.has_error_under(("fields", i, "name")):
            _check_field_name(report, i, name, seen)
        _check_field_arg(report, i, f)
        _check_binding(report, i, f)


def _check_field_name(report: Report, i: int, name: str, seen: _FieldNames) -> None:
    path = ("fields", i, "name")
    if name in seen.by_name:
        report.at_value(path, "duplicate field name %s (first defined at line %d)"
                        % (quote(name), report.line_of(("fields", seen.by_name[name], "name"))))
        return
    seen.by_name[name] = i
    if _has_the_prefix(report, i, name, seen):
        _check_cpp_name(report, i, name, seen.by_cpp)


def _has_the_prefix(report: Report, i: int, name: str, seen: _FieldNames) -> bool:
    """The first field sets the prefix, which must not be a libsinsp class; the others share it."""
    path = ("fields", i, "name")
    first = name.split(".", 1)[0]
    if seen.prefix is None:
        seen.prefix = (first, i)
        if first in LIBSINSP_FIELD_CLASSES:
            report.at_value(path, "the prefix %s is a libsinsp field class (%s): field names must not reuse a "
                                  "libsinsp class; choose a prefix of your own, such as the plugin name"
                            % (quote(first), ", ".join(sorted(LIBSINSP_FIELD_CLASSES))))
            return False
        return True
    prefix, first_field = seen.prefix
    if first != prefix:
        report.at_value(path, "field %s does not start with %s, the prefix of the first field (line %d): all "
                              "fields of a plugin share one prefix"
                        % (quote(name), quote(prefix + "."), report.line_of(("fields", first_field, "name"))))
        return False
    return True


def _check_cpp_name(report: Report, i: int, name: str, by_cpp: Dict[str, int]) -> None:
    path = ("fields", i, "name")
    cpp_name = names.field_cpp_name(name)
    if "__" in cpp_name:
        report.at_value(path, "field name %s becomes the C++ name '%s', which C++ reserves (names containing "
                              "'__'); do not end a part with '_'" % (quote(name), cpp_name))
    elif cpp_name in by_cpp:
        other = by_cpp[cpp_name]
        report.at_value(path, "field name %s becomes the C++ method extract_%s, like field %s (line %d); "
                              "rename one of them"
                        % (quote(name), cpp_name, quote(report.data["fields"][other]["name"]),
                           report.line_of(("fields", other, "name"))))
    else:
        by_cpp[cpp_name] = i


def _check_field_arg(report: Report, i: int, f: Dict[str, Any]) -> None:
    arg = f.get("arg")
    path = ("fields", i, "arg")
    if not isinstance(arg, dict) or report.has_error_under(path) or report.has_error_above(path):
        return
    if arg.get("index") is True or arg.get("key") is True:
        return
    if arg.get("required") is True:
        report.at_value(path + ("required",), "`required: true` needs `index: true` or `key: true` (the host "
                                              "refuses to load a required argument that is neither)")
    else:
        name = f.get("name") if isinstance(f.get("name"), str) else "the field"
        report.at_key(path, "set `index: true` (%s[0]), `key: true` (%s[text]) or both: an argument that is "
                            "neither means nothing" % (name, name))


def _check_binding(report: Report, i: int, f: Dict[str, Any]) -> None:
    path = ("fields", i)
    computed = f.get("computed")
    if computed is False and not report.has_error_under(path + ("computed",)):
        report.at_value(path + ("computed",), "`computed: false` means nothing: bind the field with `from` or "
                                              "`json`, or write `computed: true`")
    used = [k for k in f if k in BINDINGS and not (k == "computed" and computed is False)]
    if not used:
        if computed is not False:
            report.about_mapping(path, "a field needs one of from, param, json, table, computed")
        return
    if len(used) > 1:
        quoted = ["`%s`" % k for k in used]
        both = "both" if len(used) == 2 else "all"
        report.at_key(path + (used[1],), "%s and %s are %s set: a field has exactly one binding (from, param, json, "
                                         "table or computed); keep one" % (", ".join(quoted[:-1]), quoted[-1], both))
        return
    if "layout" in f:
        _check_computed_layout(report, i, f, used[0])
    if used[0] == "from":
        _check_member_binding(report, i, f)
    elif used[0] == "param":
        check_param_binding(report, i, f)
    elif used[0] == "json":
        _check_json_binding(report, i)
    elif used[0] == "table":
        check_table_binding(report, i, f)


def _check_computed_layout(report: Report, i: int, f: Dict[str, Any], binding: str) -> None:
    path = ("fields", i, "layout")
    if report.has_error_under(path):
        return
    if binding != "computed":
        report.at_key(path, "`layout` goes with `computed: true` (the method then receives the decoded layout); "
                            "a field bound with `%s` reads its own data: remove `layout`" % binding)
        return
    layouts = _layouts_by_name(report)
    name = f["layout"]
    if name not in layouts:
        known = ", ".join(sorted(layouts)) or "none"
        report.at_value(path, "%s is not a layout of this manifest (layouts: %s)" % (quote(name), known))
    elif layouts[name][1].get("encoding", "binary") == "json":
        report.at_value(path, "layout %s is a json layout, read through the Event (event.as_%s()): remove "
                              "`layout`" % (quote(name), name))


# -- from: layout.member ---------------------------------------------------------------------------

Layouts = Dict[str, Tuple[int, Dict[str, Any]]]  # layout name -> (index, layout), the first of that name


def _check_member_binding(report: Report, i: int, f: Dict[str, Any]) -> None:
    path = ("fields", i)
    if f.get("list") is True and not report.has_error_under(path + ("list",)):
        report.at_value(path + ("list",), "a field bound with `from` holds its member's one value: remove "
                                          "`list: true`, or make the field computed")
    if "arg" in f and not report.has_error_under(path + ("arg",)):
        report.at_key(path + ("arg",), "a field bound with `from` takes no argument (a member holds one value): "
                                       "remove `arg`, or make the field computed")
    layouts = _layouts_by_name(report)
    ftype = f.get("type")
    if report.has_error_under(path + ("type",)) or ftype not in FIELD_MEMBER_TYPES:
        ftype = None
    seen: Dict[str, str] = {}  # layout name -> the first reference to it
    for rpath, ref in member_refs(i, f):
        if report.has_error_under(rpath):
            continue
        lname, mname = ref.split(".", 1)
        if lname in seen:
            if seen[lname] != ref:  # (an exact repeat is the schema's duplicate)
                report.at_value(rpath, "%s: the field already reads layout %s (%s); bind at most one member "
                                       "per layout" % (quote(ref), quote(lname), seen[lname]))
            continue
        seen[lname] = ref
        _check_member_ref(report, rpath, lname, mname, layouts, ftype)


def _layouts_by_name(report: Report) -> Layouts:
    layouts: Layouts = {}
    for li, layout in layouts_of(report.data):
        lname = layout.get("name")
        if isinstance(lname, str) and lname not in layouts:
            layouts[lname] = (li, layout)
    return layouts


def _check_member_ref(report: Report, rpath: KeyPath, lname: str, mname: str, layouts: Layouts,
                      ftype: Optional[str]) -> None:
    """The layout and its member exist, and the member's type fits the field's (when both are known)."""
    if lname not in layouts:
        report.at_value(rpath, "no layout %s%s" % (quote(lname), _suggest(lname, list(layouts), "layouts")))
        return
    li, layout = layouts[lname]
    if layout.get("encoding") == "json":
        report.at_value(rpath, "layout %s is a json layout (no members): read it with `json:` and a JSON "
                               "pointer" % quote(lname))
        return
    # The first member of each name; a name or type that is not a string (a list, a mapping) is the
    # schema's error, and cannot be looked up.
    members = {m["name"]: (j, m) for j, m in reversed(members_of(layout)) if isinstance(m.get("name"), str)}
    if mname not in members:
        report.at_value(rpath, "layout %s has no member %s%s"
                        % (quote(lname), quote(mname), _suggest(mname, list(members), "members")))
        return
    j, member = members[mname]
    mtype = member.get("type")
    known_type = isinstance(mtype, str) and mtype in MEMBER_TYPES
    if ftype is None or not known_type or report.has_error_under(("layouts", li, "members", j)):
        return
    allowed = FIELD_MEMBER_TYPES[ftype]
    if mtype in allowed:
        return
    if allowed:
        report.at_value(rpath, "field type %s cannot be bound to member %s (%s) of layout %s; bind it to a "
                               "member of type %s" % (ftype, quote(mname), mtype, quote(lname), ", ".join(allowed)))
    else:
        report.at_value(rpath, "field type %s cannot be bound to a member (no member type holds a network); "
                               "use `json` or `computed`" % ftype)


def _suggest(name: str, known: List[str], what: str) -> str:
    """' (did you mean 'x'?)', ' (layouts: a, b)' or ' (the manifest has no layouts)'."""
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return " (did you mean %s?)" % quote(close[0])
    if not known:
        return " (the manifest has no %s)" % what
    return " (%s: %s)" % (what, ", ".join(known))


# -- json: /pointer --------------------------------------------------------------------------------

def _check_json_binding(report: Report, i: int) -> None:
    path = ("fields", i, "json")
    if report.has_error_under(path):
        return
    if not any(layout.get("encoding") == "json" for _, layout in layouts_of(report.data)):
        report.at_value(path, "a json field needs a layout with encoding: json")
