"""Spelling values as C++ source text (Jinja filters)."""
from __future__ import annotations

import json
from typing import Any


def cpp_string(text: str) -> str:
    """A C++ string literal with the same bytes as `text` (UTF-8)."""
    out = []
    for byte in text.encode("utf-8"):
        ch = chr(byte)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "?":
            out.append("\\?")  # no trigraphs, whatever the compiler flags
        elif 0x20 <= byte < 0x7F:
            out.append(ch)
        else:
            out.append("\\%03o" % byte)  # octal escapes never swallow the next digit
    return '"' + "".join(out) + '"'


def cpp_string_lines(text: str, indent: int = 4) -> str:
    """A long text as adjacent literals, one per line of `text`, for reading."""
    lines = text.split("\n")
    parts = [cpp_string(line + ("\n" if i < len(lines) - 1 else "")) for i, line in enumerate(lines)]
    parts = [p for p in parts if p != '""'] or ['""']
    return ("\n" + " " * indent).join(parts)


def cpp_value(value: Any, type_: str) -> str:
    """A scalar config default as a C++ expression of the config member's type."""
    if type_ == "string":
        return "std::string(" + cpp_string(value) + ")"
    if type_ == "integer":
        return "INT64_C(%d)" % int(value)
    if type_ == "number":
        return repr(float(value))
    if type_ == "boolean":
        return "true" if value else "false"
    raise ValueError("no C++ literal for a %s default" % type_)


def cpp_comment(text: str) -> str:
    """Text safe to put in a // comment (one line)."""
    return " ".join(text.split())


def json_text(value: Any) -> str:
    """Canonical JSON: sorted keys, no spaces (stable across runs)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def config_type(prop) -> str:
    """The C++ type of a config property's member in the generated struct."""
    from ..model import CONFIG_SCALAR_TYPES

    if prop.type == "object":
        return prop.struct_name
    if prop.type == "array":
        return "std::vector<%s>" % config_type(prop.items)
    base = CONFIG_SCALAR_TYPES[prop.type]
    # A scalar the user may leave out and that has no default: absent is a state.
    if not prop.required and prop.default is None and prop.name != "items":
        return "std::optional<%s>" % base
    return base


def config_initializer(prop) -> str:
    """` = value` for the struct member, or '' when the type's default is right."""
    if prop.type in ("object", "array") and prop.default is None:
        return ""
    if prop.default is None:
        # Optional scalars start empty; required ones are zeroed until parsed.
        return "" if config_type(prop).startswith("std::optional") else "{}"
    if prop.type == "array":
        if not prop.default:
            return ""
        if prop.items.type in ("object", "array"):
            return ""  # applied by the parser from the default's JSON
        return "{" + ", ".join(cpp_value(v, prop.items.type) for v in prop.default) + "}"
    return " = " + cpp_value(prop.default, prop.type)


FIELD_VALUE_TYPES = {
    "string": "std::string",
    "uint64": "uint64_t",
    "reltime": "uint64_t",
    "abstime": "uint64_t",
    "bool": "bool",
    "ipaddr": "falcogen::IpAddress",
    "ipnet": "falcogen::IpAddress",
}


def field_value_type(field) -> str:
    """The C++ type a computed field's method fills (a vector for list fields)."""
    base = FIELD_VALUE_TYPES[field.type]
    return "std::vector<%s>" % base if field.is_list else base
