"""The init config: property names that make C++ members and structs, consistent bounds, and
defaults and enum values that satisfy their property's own schema."""
from __future__ import annotations

import re
from typing import Any, Dict, Optional, Set

from .. import names
from ..describe import kind_of, quote, shown
from ..diagnostics import KeyPath, format_key_path
from ..schema import validate_with, validator_for
from .base import Report, is_int, is_number

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1

Structs = Dict[str, KeyPath]  # generated struct name -> the property it is the struct of


def check_config(report: Report) -> None:
    config = report.data.get("config")
    if not isinstance(config, dict):
        return
    props = config.get("properties")
    if not isinstance(props, dict):
        return
    structs: Structs = {}
    _check_properties(report, ("config", "properties"), props, "Config", structs)
    # A member named like a generated struct would hide the type.
    _check_member_vs_structs(report, ("config", "properties"), props, set(structs) | {"Config"})


def _check_member_vs_structs(report: Report, path: KeyPath, props: Dict[str, Any], structs: Set[str]) -> None:
    for key, prop in props.items():
        ppath = path + (key,)
        if key in structs and not report.has_error_under(ppath):
            report.at_key(ppath, "property name %s is also the name of a generated config struct" % quote(key))
        if isinstance(prop, dict):
            if isinstance(prop.get("properties"), dict):
                _check_member_vs_structs(report, ppath + ("properties",), prop["properties"], structs)
            item = prop.get("items")
            while isinstance(item, dict):
                if isinstance(item.get("properties"), dict):
                    _check_member_vs_structs(report, ppath + ("items", "properties"), item["properties"], structs)
                item = item.get("items")
                ppath = ppath + ("items",)


def _check_properties(report: Report, path: KeyPath, props: Dict[str, Any], struct: str, structs: Structs) -> None:
    for key, prop in props.items():
        ppath = path + (key,)
        if names.is_identifier(key):  # else: the schema's propertyNames error
            problem = names.member_problem(key)
            if problem:
                report.at_key(ppath, "property name %s %s" % (quote(key), problem))
        if isinstance(prop, dict):
            _check_property(report, ppath, prop, struct + "_" + names.camel_case(key), structs)


def _check_property(report: Report, path: KeyPath, prop: Dict[str, Any], struct: str, structs: Structs) -> None:
    """One property (or array item) and, depth first, the properties and items inside it."""
    ptype = prop.get("type")
    if ptype == "object":
        if struct in structs:
            report.at_key(path, "the generated struct name '%s' is also the struct of %s"
                          % (struct, format_key_path(structs[struct])))
        else:
            structs[struct] = path
        if isinstance(prop.get("properties"), dict):
            _check_properties(report, path + ("properties",), prop["properties"], struct, structs)
    if ptype == "array" and isinstance(prop.get("items"), dict):
        _check_property(report, path + ("items",), prop["items"], struct + "_Item", structs)

    if "required" in prop and prop.get("required") is True and "default" in prop:
        report.at_value(path + ("required",), "a required property cannot have a default (the default would "
                                              "never be used); remove one of them")
    _check_bounds(report, path, prop, ptype)
    pattern_ok = _check_regex(report, path, prop)
    if ptype in ("string", "integer", "number", "boolean", "array", "object") and pattern_ok:
        _check_values(report, path, prop)


def _check_bounds(report: Report, path: KeyPath, prop: Dict[str, Any], ptype: Any) -> None:
    for lo_key, hi_key in (("minimum", "maximum"), ("minLength", "maxLength")):
        lo, hi = prop.get(lo_key), prop.get(hi_key)
        if is_number(lo) and is_number(hi) and lo > hi and not report.has_error_under(path + (lo_key,)):
            report.at_value(path + (lo_key,), "%s (%s) is greater than %s (%s)"
                            % (lo_key, shown(lo, report.tree.raw(path + (lo_key,))), hi_key,
                               shown(hi, report.tree.raw(path + (hi_key,)))))
    if ptype == "integer":
        for key in ("minimum", "maximum"):
            value = prop.get(key)
            kpath = path + (key,)
            if isinstance(value, float) and not report.has_error_under(kpath):
                report.at_value(kpath, "expected an integer (the property is an integer), got %s"
                                % kind_of(value, report.tree.raw(kpath)))
            elif is_int(value) and not INT64_MIN <= value <= INT64_MAX:
                report.at_value(kpath, "%d is out of the range of an integer property (int64)" % value)


def _check_regex(report: Report, path: KeyPath, prop: Dict[str, Any]) -> bool:
    """False when `pattern` is not a regular expression (then the values cannot be checked against it)."""
    pattern = prop.get("pattern")
    if not isinstance(pattern, str):
        return True
    try:
        re.compile(pattern)
    except re.error as exc:
        report.at_value(path + ("pattern",), "invalid regular expression: %s" % exc)
        return False
    except (RecursionError, OverflowError, ValueError) as exc:  # pragma: no cover - pathological
        report.at_value(path + ("pattern",), "invalid regular expression: %s" % exc)
        return False
    return True


def _check_values(report: Report, path: KeyPath, prop: Dict[str, Any]) -> None:
    """`default` and `enum` values must satisfy the property's own schema."""
    if report.has_error_under(path, except_keys=("default", "enum")):
        return
    schema = property_schema(prop)
    if schema is None:
        return
    if "enum" in prop and isinstance(prop["enum"], list) and not report.has_error_under(path + ("enum",)):
        _check_enum_values(report, path, prop, schema)
    if "default" in prop and not report.has_error_under(path + ("default",)):
        if report.has_error_under(path + ("enum",)):  # a broken enum is no yardstick: check the rest
            schema = dict(schema)
            schema.pop("enum", None)
        _check_value(report, path + ("default",), prop["default"], validator_for(schema), prop.get("type"))


def _check_enum_values(report: Report, path: KeyPath, prop: Dict[str, Any], schema: Dict[str, Any]) -> None:
    without_enum = dict(schema)
    without_enum.pop("enum", None)
    validator = validator_for(without_enum)
    for i, value in enumerate(prop["enum"]):
        _check_value(report, path + ("enum", i), value, validator, prop.get("type"))


def _check_value(report: Report, path: KeyPath, value: Any, validator: Any, ptype: Any) -> None:
    found = validate_with(validator, value, report.translator, path)
    for diag in found:
        report.add(diag)
    if not found and ptype == "integer" and is_int(value) and not INT64_MIN <= value <= INT64_MAX:
        report.at_value(path, "%d is out of the range of an integer property (int64)" % value)


def property_schema(prop: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """The draft-07 schema of a config property's values (as the init schema states them)."""
    ptype = prop.get("type")
    if not isinstance(ptype, str):
        return None
    schema: Dict[str, Any] = {"type": ptype}
    for key in ("enum", "pattern", "minLength", "maxLength", "minimum", "maximum"):
        if key in prop:
            schema[key] = prop[key]
    if ptype == "array":
        items = prop.get("items")
        if isinstance(items, dict):
            item_schema = property_schema(items)
            if item_schema is None:
                return None
            schema["items"] = item_schema
    if ptype == "object":
        props = prop.get("properties")
        if isinstance(props, dict):
            schema["properties"] = {}
            for key, sub in props.items():
                if not isinstance(sub, dict):
                    return None
                sub_schema = property_schema(sub)
                if sub_schema is None:
                    return None
                schema["properties"][key] = sub_schema
            schema["required"] = [k for k, sub in props.items() if sub.get("required") is True]
            schema["additionalProperties"] = False
    return schema
