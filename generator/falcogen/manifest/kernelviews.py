"""Kernel events by name: `event_types` entries, `param:` bindings and the typed views they ask for.

An `event_types` entry is a code or a name that kernel_events resolves: `openat_x`, `openat_e`,
`openat` (its current enter and exit pair), or an enum name (`PPME_SYSCALL_OPEN_X`, any version).
A `param:` binding is `event.parameter`, where the event names one event. The plugin gets a typed
view (model.KernelView) of every kernel event its event_types and bindings name, and of no other:
generated code grows with what the plugin reads, not with the driver's table.
"""
from __future__ import annotations

from typing import Any, Dict, Iterable, List, Tuple

from ..kernel_events import KernelEvent, KernelEventError, event_table
from ..model import KernelView, ViewParam
from .names import camel_case

PLUGIN_EVENT = 322  # PPME_PLUGINEVENT_E: a plugin's own events, not a kernel event

# Names KernelView declares itself: a parameter of that name gets a trailing '_'.
_RESERVED = frozenset(("scap", "param", "kCode", "KernelView"))


def codes_of(entry: Any) -> Tuple[int, ...]:
    """The event codes of one event_types entry (raises KernelEventError for an unknown name)."""
    if isinstance(entry, str):
        return tuple(e.code for e in event_table().resolve(entry))
    return (entry,)


def resolve_event_types(entries: Iterable[Any]) -> Tuple[int, ...]:
    """The codes of a checked event_types list, in order, each once (`openat` and `openat_x` overlap)."""
    out: List[int] = []
    for entry in entries:
        out += [c for c in codes_of(entry) if c not in out]
    return tuple(out)


def known_codes(entries: Iterable[Any]) -> Tuple[Tuple[int, ...], bool]:
    """(the codes of the entries that resolve, whether every entry did): for rules, on unchecked data."""
    out: List[int] = []
    complete = True
    for entry in entries:
        try:
            out += codes_of(entry)
        except KernelEventError:
            complete = False
    return tuple(out), complete


def event_of_ref(ref: str) -> Tuple[KernelEvent, int]:
    """`openat_x.name` -> (the event, the parameter's index); KernelEventError when either is unknown
    or the name stands for more than one event."""
    name, pname = ref.split(".", 1)
    events = event_table().resolve(name)
    if len(events) > 1:
        raise KernelEventError("%s is %s: name one event" % (name, " and ".join(e.manifest_name for e in events)))
    event = events[0]
    if event.code == PLUGIN_EVENT:
        raise KernelEventError("%s is the plugin event, not a kernel event" % name)
    index = event.param_index(pname)
    if event.params[index].cpp_type == "void":
        raise KernelEventError("%s of %s has no value (%s)" % (pname, name, event.params[index].type))
    return event, index


def view_name(event: KernelEvent) -> str:
    """`openat_x` for the current version of a name; an older version by its enum (`ppme_syscall_openat_x`)."""
    if event.placeholder or event not in event_table().current(event.name):
        return event.enum.lower()
    return event.manifest_name


def make_view(event: KernelEvent) -> KernelView:
    params = tuple(ViewParam(name=p.name + "_" if p.name in _RESERVED else p.name, cpp_type=p.cpp_type, index=i)
                   for i, p in enumerate(event.params) if p.cpp_type != "void")
    name = view_name(event)
    return KernelView(code=event.code, enum=event.enum, name=name, cpp_name=camel_case(name), params=params)


def kernel_views(data: Dict[str, Any]) -> Dict[int, KernelView]:
    """code -> typed view, for every kernel event of a checked manifest's event_types and `param:` bindings."""
    codes: List[int] = []
    for section in ("extract", "parse"):
        if (section == "extract" and not data.get("fields")) or not isinstance(data.get(section), dict):
            continue
        codes += resolve_event_types(data[section].get("event_types", ()))
    for f in data.get("fields") or ():
        refs = f.get("param", ())
        codes += [event_of_ref(r)[0].code for r in ([refs] if isinstance(refs, str) else refs)]
    table = event_table()
    wanted = sorted({c for c in codes if c != PLUGIN_EVENT and 0 <= c < len(table.events)})
    return {c: make_view(table.by_code(c)) for c in wanted if not table.by_code(c).placeholder}
