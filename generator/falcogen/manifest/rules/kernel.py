"""Kernel events by name: `event_types` names resolve, and `param:` bindings name a parameter of one
kernel event, of a C++ type the field's type can hold, that the plugin's extraction receives."""
from __future__ import annotations

from typing import Any, Dict, List, Tuple

from ...kernel_events import KernelEventError
from ...model import FIELD_PARAM_TYPES
from ..describe import quote
from ..diagnostics import KeyPath
from ...kernel_events import event_table
from ..kernelviews import PLUGIN_EVENT, codes_of, event_of_ref, known_codes, view_name
from .base import Report, fields_of, layouts_of


def check_event_types(report: Report) -> None:
    """Every name of extract.event_types and parse.event_types is a kernel event of the snapshot."""
    for section in ("extract", "parse"):
        value = report.data.get(section)
        types = value.get("event_types") if isinstance(value, dict) else None
        if not isinstance(types, list):
            continue
        for j, entry in enumerate(types):
            path = (section, "event_types", j)
            if not isinstance(entry, str) or report.has_error_under(path):
                continue
            try:
                codes_of(entry)
            except KernelEventError as e:
                report.at_value(path, str(e))


def param_refs(i: int, f: Dict[str, Any]) -> List[Tuple[KeyPath, str]]:
    """The `param` entries of field i that are strings, with their paths."""
    value = f.get("param")
    if isinstance(value, str):
        return [(("fields", i, "param"), value)]
    if isinstance(value, list):
        return [(("fields", i, "param", j), v) for j, v in enumerate(value) if isinstance(v, str)]
    return []


def check_param_binding(report: Report, i: int, f: Dict[str, Any]) -> None:
    path = ("fields", i)
    for key, what in (("list", "`list: true`"), ("arg", "`arg`")):
        if key in f and not report.has_error_under(path + (key,)):
            report.at_key(path + (key,), "a field bound with `param` holds the parameter's one value: remove %s, "
                                         "or make the field computed" % what)
    ftype = f.get("type") if not report.has_error_under(path + ("type",)) else None
    seen: Dict[int, str] = {}  # event code -> the first reference to it
    for rpath, ref in param_refs(i, f):
        if report.has_error_under(rpath):
            continue
        try:
            event, index = event_of_ref(ref)
        except KernelEventError as e:
            report.at_value(rpath, "%s: %s" % (quote(ref), e))
            continue
        if event.code in seen:
            report.at_value(rpath, "%s: the field already reads %s (%s); bind at most one parameter per event"
                            % (quote(ref), event.manifest_name, seen[event.code]))
            continue
        seen[event.code] = ref
        param = event.params[index]
        allowed = FIELD_PARAM_TYPES.get(ftype) if isinstance(ftype, str) else None
        if allowed is not None and param.cpp_type not in allowed:
            fits = [t for t, cpps in FIELD_PARAM_TYPES.items() if param.cpp_type in cpps]
            hint = "a field of type %s" % " or ".join(fits) if fits else "a computed field over the typed view"
            report.at_value(rpath, "field type %s cannot hold %s (%s, read as %s); use %s"
                            % (ftype, quote(ref), param.type, param.cpp_type, hint))
            continue
        _check_received(report, rpath, ref, event.code)


def _check_received(report: Report, rpath: KeyPath, ref: str, code: int) -> None:
    """The plugin's extraction receives the event: syscall among its sources, the code among its types."""
    extract = report.data.get("extract")
    if not isinstance(extract, dict) or report.has_error_under(("extract",)):
        extract = {}
    sources = extract.get("sources")
    if not (isinstance(sources, list) and "syscall" in sources):
        report.at_value(rpath, "%s is a kernel event parameter, but extract.sources does not list syscall: add "
                               "it" % quote(ref))
        return
    types = extract.get("event_types")
    if isinstance(types, list) and types:
        codes, complete = known_codes(types)
        if complete and code not in codes:
            report.at_value(rpath, "%s: extract.event_types does not include its event (code %d): add %s"
                            % (quote(ref), code, ref.split(".", 1)[0]))


def check_view_names(report: Report) -> None:
    """A layout and a kernel event of the same name would both declare Event::as_<name>()."""
    d = report.data
    codes: List[int] = []
    for section in ("extract", "parse"):
        value = d.get(section)
        types = value.get("event_types") if isinstance(value, dict) else None
        if isinstance(types, list):
            codes += known_codes(types)[0]
    for i, f in fields_of(d):
        for _, ref in param_refs(i, f):
            try:
                codes.append(event_of_ref(ref)[0].code)
            except (KernelEventError, ValueError):
                continue
    table = event_table()
    views = {view_name(table.by_code(c)) for c in codes
             if isinstance(c, int) and c != PLUGIN_EVENT and 0 <= c < len(table.events)}
    for li, layout in layouts_of(d):
        name = layout.get("name")
        path = ("layouts", li, "name")
        if isinstance(name, str) and name in views and not report.has_error_under(path):
            report.at_value(path, "layout %s and the kernel event %s the plugin reads would both be "
                                  "Event::as_%s(); rename the layout" % (quote(name), name, name))
