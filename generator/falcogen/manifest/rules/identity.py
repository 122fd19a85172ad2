"""The plugin's identity: its name and namespace, its source; and every name's pattern, anchored."""
from __future__ import annotations

import re
from typing import Any, Optional

from .. import names, patterns
from ..describe import quote
from ..diagnostics import KeyPath
from ..schema import pattern_message
from .base import Report, fields_of, layouts_of, member_refs, members_of
from .kernel import param_refs


def check_anchored_patterns(report: Report) -> None:
    """The schema's pattern checks (re.search) let a final newline through ('hello\\n', a block
    scalar): a value that passes them must match its pattern from first to last character too."""
    _anchor_identity(report)
    _anchor_layouts(report)
    _anchor_fields(report)
    _anchor_extract_sources(report)
    metrics = report.data.get("metrics")
    for i, metric in enumerate(metrics if isinstance(metrics, list) else ()):
        if isinstance(metric, dict):
            _anchored(report, ("metrics", i, "name"), metric.get("name"), patterns.METRIC_NAME)


def _anchored(report: Report, path: KeyPath, value: Any, location: patterns.Location) -> None:
    pattern = patterns.pattern(location)
    if isinstance(value, str) and re.search(pattern, value) and not patterns.fullmatch(location, value):
        report.at_value(path, pattern_message(path, value, pattern))


def _anchor_identity(report: Report) -> None:
    d = report.data
    _anchored(report, ("name",), d.get("name"), patterns.PLUGIN_NAME)
    _anchored(report, ("namespace",), d.get("namespace"), patterns.NAMESPACE)
    version = d.get("version")
    if isinstance(version, str) and "\n" in version and not report.has_error_under(("version",)):
        report.at_value(("version",), "invalid version %s: expected a semantic version X.Y.Z (e.g. 0.1.0, "
                                      "1.2.3-rc.1)" % quote(version))
    source = d.get("source")
    if isinstance(source, dict):
        _anchored(report, ("source", "name"), source.get("name"), patterns.SOURCE_NAME)


def _anchor_layouts(report: Report) -> None:
    for i, layout in layouts_of(report.data):
        _anchored(report, ("layouts", i, "name"), layout.get("name"), patterns.LAYOUT_NAME)
        if layout.get("encoding") == "json":
            continue  # members are not allowed (the schema says so)
        for j, member in members_of(layout):
            _anchored(report, ("layouts", i, "members", j, "name"), member.get("name"), patterns.MEMBER_NAME)


def _anchor_fields(report: Report) -> None:
    for i, f in fields_of(report.data):
        _anchored(report, ("fields", i, "name"), f.get("name"), patterns.FIELD_NAME)
        _anchored(report, ("fields", i, "json"), f.get("json"), patterns.JSON_POINTER)
        for path, ref in member_refs(i, f):
            # `from: layout.member` has the field's own pattern; `from: [...]` its items'.
            _anchored(report, path, ref, patterns.MEMBER_REF if len(path) == 3 else patterns.MEMBER_REF_ITEM)
        for path, ref in param_refs(i, f):
            _anchored(report, path, ref, patterns.PARAM_REF if len(path) == 3 else patterns.PARAM_REF_ITEM)


def _anchor_extract_sources(report: Report) -> None:
    extract = report.data.get("extract")
    sources = extract.get("sources") if isinstance(extract, dict) else None
    if isinstance(sources, list):
        for j, name in enumerate(sources):
            _anchored(report, ("extract", "sources", j), name, patterns.EXTRACT_SOURCE)


def check_namespace(report: Report) -> None:
    """The namespace, or the default one made of the plugin name, must be usable in C++."""
    d = report.data
    if "namespace" in d:
        ns = d["namespace"]
        if not isinstance(ns, str) or report.has_error_under(("namespace",)):
            return
        problem = _namespace_problem(ns)
        if problem:
            report.at_value(("namespace",), "%s %s" % (quote(ns), problem))
        return
    name = d.get("name")
    if not isinstance(name, str) or report.has_error_under(("name",)):
        return
    ns = name.replace("-", "_")
    problem = _namespace_problem(ns)
    if problem:
        report.at_value(("name",), "the default C++ namespace %s %s; set 'namespace' to another name"
                        % (quote(ns), problem))


def _namespace_problem(ns: str) -> Optional[str]:
    if ns in names.RESERVED_NAMESPACES:
        return "is reserved (the generated code uses the namespaces falcogen and std)"
    return names.identifier_problem(ns)


def check_source(report: Report) -> None:
    """An open parameter's list value is joined with its separator: no item may contain it."""
    source = report.data.get("source")
    if not isinstance(source, dict):
        return
    params = source.get("open_params")
    if not isinstance(params, list):
        return
    for i, param in enumerate(params):
        if not isinstance(param, dict):
            continue
        value, sep = param.get("value"), param.get("separator")
        path = ("source", "open_params", i)
        if isinstance(value, list) and isinstance(sep, str) and sep:
            for j, item in enumerate(value):
                if isinstance(item, str) and sep in item:
                    report.at_value(path + ("value", j), "%s contains the separator %s" % (quote(item), quote(sep)))
