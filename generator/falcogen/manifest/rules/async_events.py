"""Async events (`async:`): what the schema cannot say.

- the names of async.events are unique (the host looks events up by name);
- an event's `layout` names a binary layout of the manifest (emit encodes it; JSON layouts have no tag).
"""
from __future__ import annotations

from typing import Dict

from ..describe import quote
from .base import Report, layouts_of


def check_async(report: Report) -> None:
    spec = report.data.get("async")
    if not isinstance(spec, dict) or not isinstance(spec.get("events"), list):
        return
    encodings: Dict[str, str] = {l["name"]: l.get("encoding", "binary") for _, l in layouts_of(report.data)
                                 if isinstance(l.get("name"), str)}
    seen: Dict[str, int] = {}
    for i, event in enumerate(spec["events"]):
        path = ("async", "events", i)
        if not isinstance(event, dict) or report.has_error_under(path):
            continue
        name = event["name"]
        if name in seen:
            report.at_value(path + ("name",), "async event %s is listed twice (also async.events[%d])"
                            % (quote(name), seen[name]))
        seen.setdefault(name, i)
        layout = event.get("layout")
        if layout is None:
            continue
        if layout not in encodings:
            report.at_value(path + ("layout",), "%s is not a layout of this manifest" % quote(layout))
        elif encodings[layout] != "binary":
            report.at_value(path + ("layout",), "layout %s is a json layout: the payload of an async event is a "
                                                "binary layout or raw bytes" % quote(layout))
