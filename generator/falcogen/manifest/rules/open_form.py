"""The open params' form (source.open): a config property whose values the
suggestions (source.open_params) must satisfy once read as the runtime reads
the params (open_value mirrors runtime/src/config.cpp's Document::parse_open)."""
from __future__ import annotations

import json
from dataclasses import replace
from typing import Any, Dict, List, Optional

from ..describe import quote
from ..schema import validator_for
from .base import Report
from .config import _check_property, _check_value, property_schema

DEFAULT_SEPARATOR = ","
MISSING = object()  # empty params: the form's default applies


def _read_item(text: str, item_type: str) -> Any:
    """A token as the runtime reads it: strings as they are, other types as JSON (else as a string)."""
    if item_type == "string":
        return text
    try:
        return json.loads(text)
    except ValueError:
        return text


def open_value(text: str, form: Dict[str, Any], separator: str = DEFAULT_SEPARATOR) -> Any:
    """The value the runtime reads from open params `text` for `form` (MISSING for blank params)."""
    if text.strip() == "":
        return MISSING
    ptype = form.get("type")
    if ptype == "string":
        return text
    if ptype == "array":
        item_type = (form.get("items") or {}).get("type", "string")
        return [_read_item(t if item_type == "string" else t.strip(), item_type) for t in text.split(separator)]
    return _read_item(text.strip(), "json")


def check_open_form(report: Report) -> None:
    source = report.data.get("source")
    if not isinstance(source, dict):
        return
    form = source.get("open")
    if "open_separator" in source and not (isinstance(form, dict) and form.get("type") == "array"):
        report.at_key(("source", "open_separator"), "`open_separator` splits the params of an array `open` form; "
                                                    "this source has %s" % ("none" if form is None else
                                                                            "a %s form" % form.get("type")))
    if not isinstance(form, dict) or report.has_error_under(("source", "open")):
        return
    _check_property(report, ("source", "open"), form, "OpenParams", {})
    items = form.get("items")
    if form.get("type") == "array" and isinstance(items, dict) and items.get("type") in ("array", "object"):
        report.at_value(("source", "open", "items", "type"), "the items of open params are split from text: "
                                                             "use a scalar type, or an object form (JSON)")
        return
    if not report.has_error_under(("source", "open")):
        _check_suggestions(report, source, form)


def _suggestion_text(param: Dict[str, Any], separator: str) -> Optional[str]:
    value = param.get("value")
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return param.get("separator", separator).join(value) if isinstance(param.get("separator", ""), str) else None
    return value if isinstance(value, str) else None


def _check_suggestions(report: Report, source: Dict[str, Any], form: Dict[str, Any]) -> None:
    """Each suggestion must open: read as the runtime reads params, it satisfies the form."""
    params: List[Any] = source.get("open_params") if isinstance(source.get("open_params"), list) else []
    schema = property_schema(form)
    separator = source.get("open_separator", DEFAULT_SEPARATOR)
    if schema is None or not isinstance(separator, str):
        return
    validator = validator_for(schema)
    for i, param in enumerate(params):
        path = ("source", "open_params", i, "value")
        if not isinstance(param, dict) or report.has_error_under(path):
            continue
        text = _suggestion_text(param, separator)
        if text is None:
            continue
        value = open_value(text, form, separator)
        if value is MISSING:
            if "default" not in form:
                report.at_value(path, "empty open params have no value: the `open` form has no default")
            continue
        before = len(report.diagnostics)
        _check_value(report, path, value, validator, form.get("type"))
        for j in range(before, len(report.diagnostics)):
            diag = report.diagnostics[j]
            report.diagnostics[j] = replace(diag, message="open params %s, read as `open` says: %s"
                                            % (quote(text), diag.message))
