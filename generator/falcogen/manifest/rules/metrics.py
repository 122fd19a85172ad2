"""Metrics: each name is a member of the generated Metrics struct, so it is a C++ member name,
unique; and metrics need a plugin API host that asks for them (3.6.0, computed from their use)."""
from __future__ import annotations

from typing import Dict

from .. import names
from ..describe import quote
from .base import Report


def check_metrics(report: Report) -> None:
    metrics = report.data.get("metrics")
    if not isinstance(metrics, list):
        return
    seen: Dict[str, int] = {}
    for i, metric in enumerate(metrics):
        if not isinstance(metric, dict) or not isinstance(metric.get("name"), str):
            continue
        path = ("metrics", i, "name")
        if report.has_error_above(path):
            continue
        name = metric["name"]
        problem = names.member_problem(name)
        if problem:
            report.at_value(path, "metric name %s %s" % (quote(name), problem))
        elif name in seen:
            report.at_value(path, "duplicate metric name %s (first defined at line %d)" % (quote(name), seen[name]))
        else:
            seen[name] = report.line_of(path)
