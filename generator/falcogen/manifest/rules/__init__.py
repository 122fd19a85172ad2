"""Rules beyond the JSON Schema: names that become C++, uniqueness, defaults, YAML 1.1 traps.

Every rule reads the document as it is (the schema may have found problems
already), so each one checks the types it relies on and skips what is not
there. All rules run; all their problems are reported together.

One module per part of the manifest: identity (name, namespace, source, and
every name's pattern, anchored), layouts, fields, extract, tables (parse too), async_events, config, scalars
(numbers and YAML 1.1 ambiguities); base has the report they share.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, Iterable, List, Tuple

from ..diagnostics import Diagnostic
from ..yamlio import Tree
from . import (async_events, config, extract, fields, identity, kernel, layouts, metrics, open_form, scalars,
               tables)
from .base import Report
from .config import property_schema
from .fields import LIBSINSP_FIELD_CLASSES

# In this order: a rule skips the values that the rules before it reported a problem with
# (one problem per value), so moving a rule changes which problem a value gets.
RULES: Tuple[Callable[[Report], None], ...] = (
    identity.check_anchored_patterns,
    identity.check_namespace,
    identity.check_source,
    layouts.check_layouts,
    config.check_config,
    open_form.check_open_form,
    kernel.check_event_types,
    kernel.check_view_names,
    fields.check_fields,
    extract.check_extract,
    extract.check_event_schema_version,
    tables.check_parse,
    tables.check_tables,
    metrics.check_metrics,
    async_events.check_async,
    scalars.check_numbers,
    scalars.check_ambiguities,
)


def check(filename: str, data: Dict[str, Any], tree: Tree, schema_errors: Iterable[Diagnostic]) -> List[Diagnostic]:
    """The problems of `data` (a manifest the schema found `schema_errors` in) that the rules find."""
    report = Report(filename, data, tree, schema_errors)
    for rule in RULES:
        rule(report)
    return report.diagnostics


__all__ = ["LIBSINSP_FIELD_CLASSES", "RULES", "Report", "check", "property_schema"]
