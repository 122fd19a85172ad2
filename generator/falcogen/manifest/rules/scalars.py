"""Scalars anywhere in the manifest: numbers JSON cannot carry, and YAML 1.1 readings of plain scalars."""
from __future__ import annotations

import math
from typing import Any

from ..diagnostics import KeyPath
from .base import Report


def check_numbers(report: Report) -> None:
    """JSON (and so the init schema) has no infinity or NaN."""

    def walk(value: Any, path: KeyPath) -> None:
        if isinstance(value, float) and not math.isfinite(value):
            if not report.has_error_under(path) and not report.has_error_above(path):
                node = report.tree.raw(path)
                report.at_value(path, "%s is not a valid number here (JSON has no infinity or NaN)"
                                % (node.value if node is not None else repr(value)))
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, path + (i,))

    for key, value in report.data.items():
        walk(value, (key,))


def check_ambiguities(report: Report) -> None:
    """Plain scalars that YAML 1.1 (PyYAML) and YAML 1.2 (editors, most tools) read differently."""
    for amb in report.tree.ambiguities:
        if report.has_error_under(amb.path) or report.has_error_above(amb.path):
            continue
        if amb.kind == "bool":
            report.at_value(amb.path, "%s is a YAML 1.1 boolean (%s); write %s, or quote it for a string"
                            % (amb.text, "true" if amb.value else "false", "true" if amb.value else "false"))
        else:
            report.at_value(amb.path, "%s is a YAML 1.1 number (%d) that other YAML readers see differently; "
                                      "write %d, or quote it for a string" % (amb.text, amb.value, amb.value))
