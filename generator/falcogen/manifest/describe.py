"""Wording of values and types in messages."""
from __future__ import annotations

import re
from typing import Any, Optional, Sequence, Union

from yaml.nodes import ScalarNode

# 1e3, -2E-5: numbers in YAML 1.2 and JSON, strings for PyYAML (YAML 1.1 wants a dot).
_FLOAT_WITHOUT_DOT = re.compile(r"[-+]?[0-9]+[eE][-+]?[0-9]+")

JSON_TYPE_NAMES = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean (true or false)",
    "array": "a list",
    "object": "a mapping",
    "null": "null",
}

MAX_SHOWN = 60


def quote(text: str) -> str:
    """A string as shown in messages: 'abc' (Python repr, shortened)."""
    if len(text) > MAX_SHOWN:
        text = text[: MAX_SHOWN - 3] + "..."
    return repr(text)


def shown(value: Any, node: Optional[ScalarNode] = None) -> str:
    """A scalar as written: strings quoted ('abc'), others as in the file (yes, 1.0)."""
    if isinstance(value, str):
        return quote(value)
    if node is not None and isinstance(node, ScalarNode) and node.value != "":
        return node.value if len(node.value) <= MAX_SHOWN else node.value[: MAX_SHOWN - 3] + "..."
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return repr(value)


def kind_of(value: Any, node: Optional[ScalarNode] = None) -> str:
    """'a string ('abc')', 'an integer (10)', 'a boolean (yes)', 'a list', 'an empty value'."""
    if value is None:
        if node is not None and isinstance(node, ScalarNode) and node.value == "" and node.style is None:
            return "an empty value"
        return "null"
    if isinstance(value, bool):
        return "a boolean (%s)" % shown(value, node)
    if isinstance(value, int):
        return "an integer (%s)" % shown(value, node)
    if isinstance(value, float):
        return "a number (%s)" % shown(value, node)
    if isinstance(value, str):
        return "a string (%s)" % quote(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "a %s" % type(value).__name__


def expected_types(types: Union[str, Sequence[str]]) -> str:
    if isinstance(types, str):
        types = [types]
    names = [JSON_TYPE_NAMES.get(t, t) for t in types]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " or " + names[-1]


def type_mismatch(types: Union[str, Sequence[str]], value: Any, node: Optional[ScalarNode] = None) -> str:
    """expected a string, got a number (1.0); quote it: "1.0" """
    message = "expected %s, got %s" % (expected_types(types), kind_of(value, node))
    wanted = [types] if isinstance(types, str) else list(types)
    if (
        "string" in wanted
        and node is not None
        and isinstance(node, ScalarNode)
        and node.style is None
        and node.value != ""
        and value is not None
        and not isinstance(value, str)
    ):
        message += '; quote it: "%s"' % node.value.replace("\\", "\\\\").replace('"', '\\"')
    elif (
        ("number" in wanted or "integer" in wanted)
        and isinstance(value, str)
        and node is not None
        and node.style is None
        and _FLOAT_WITHOUT_DOT.fullmatch(value)
    ):
        message += "; YAML 1.1 reads %s as a string: write it with a dot, e.g. %r" % (value, float(value))
    return message


def shown_or_kind(value: Any, node: Optional[ScalarNode] = None) -> str:
    """A scalar as written, or 'a list' / 'a mapping'."""
    if isinstance(value, (list, dict)):
        return kind_of(value)
    return shown(value, node)


def one_of(values: Sequence[Any]) -> str:
    return ", ".join(v if isinstance(v, str) else shown(v) for v in values)
