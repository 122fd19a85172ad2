"""Extraction: which sources the fields extract from, given whether the plugin has a source of its own."""
from __future__ import annotations

from typing import Any, List

from ..describe import quote
from ..eventschema import reads_kernel_events
from .base import Report


def check_extract(report: Report) -> None:
    d = report.data
    fields = d.get("fields")
    if "extract" in d and "fields" not in d:
        report.about_mapping(("extract",), "`extract` applies to fields: declare `fields`, or remove `extract`")
        return
    if not isinstance(fields, list) or not fields or report.has_error_above(("extract",)):
        return
    if "source" not in d and not _names_sources(report):
        return
    extract = d.get("extract")
    if not isinstance(extract, dict):
        return
    sources = extract.get("sources")
    spath = ("extract", "sources")
    if not isinstance(sources, list) or report.has_error_under(spath):
        return
    if not sources:
        if "source" in d:
            report.at_value(spath, "an empty list: leave `sources` out to extract from the plugin's own source "
                                   "only")
        else:
            report.at_value(spath, "a plugin without a source must name the sources it extracts from "
                                   "(e.g. [syscall])")
        return
    _check_own_source_is_listed(report, sources, fields)


def _names_sources(report: Report) -> bool:
    """A plugin without a source has no events of its own: extract.sources must name other sources."""
    d = report.data
    extract = d.get("extract")
    if extract is None and "extract" not in d:
        report.about_mapping(("fields",), "a plugin without a source extracts from the events of other sources: "
                                          "name them in extract.sources (e.g. [syscall])")
        return False
    if isinstance(extract, dict) and "sources" not in extract:
        report.about_mapping(("extract",), "missing required key 'sources' (a plugin without a source must name "
                                           "the sources it extracts from)")
        return False
    return True


def _check_own_source_is_listed(report: Report, sources: List[Any], fields: List[Any]) -> None:
    """Fields bound to layout members or JSON read only the plugin's own events."""
    source = report.data.get("source")
    own = source.get("name") if isinstance(source, dict) else None
    reads_own = any(isinstance(f, dict) and ("from" in f or "json" in f) for f in fields)
    if isinstance(own, str) and own not in sources and reads_own and not report.has_error_under(("source", "name")):
        report.at_value(("extract", "sources"),
                        "does not list the plugin's own source %s, but fields bound with `from` or `json` read only "
                        "its events; add %s" % (quote(own), quote(own)))


def check_event_schema_version(report: Report) -> None:
    """`event_schema_version` only means something to a plugin that reads kernel events."""
    d = report.data
    if "event_schema_version" not in d or report.has_error_under(("event_schema_version",)):
        return
    if not reads_kernel_events(d):
        report.at_key(("event_schema_version",), "`event_schema_version` applies to plugins that parse or extract "
                                                 "kernel events (sources: [syscall]); remove it")
