"""The patterns of manifest names, read from the manifest schema.

schemas/falcogen-manifest.schema.json is their only definition: editors check
manifests against it, and so does the validator (schema.py). What else needs a
name pattern (the rules, `falcogen new`) asks this module, which reads it from
the loaded schema by its location there: no copy to drift from the schema.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional, Sequence, Tuple

from .schemafile import schema_node

Location = Tuple[str, ...]

# Where each name pattern is in the schema: the keys from its root to the subschema with the `pattern`.
PLUGIN_NAME: Location = ("properties", "name")
NAMESPACE: Location = ("properties", "namespace")
SOURCE_NAME: Location = ("definitions", "source", "properties", "name")
EXTRACT_SOURCE: Location = ("definitions", "extract", "properties", "sources", "items")
LAYOUT_NAME: Location = ("definitions", "layout", "properties", "name")
MEMBER_NAME: Location = ("definitions", "member", "properties", "name")
FIELD_NAME: Location = ("definitions", "field", "properties", "name")
MEMBER_REF: Location = ("definitions", "field", "properties", "from")  # from: layout.member
MEMBER_REF_ITEM: Location = ("definitions", "field", "properties", "from", "items")  # from: [layout.member, ...]
PARAM_REF: Location = ("definitions", "field", "properties", "param")  # param: event.parameter
PARAM_REF_ITEM: Location = ("definitions", "field", "properties", "param", "items")  # param: [event.parameter, ...]
EXTRACT_EVENT_TYPE: Location = ("definitions", "extract", "properties", "event_types", "items")  # a code or a name
PARSE_EVENT_TYPE: Location = ("definitions", "parse", "properties", "event_types", "items")
JSON_POINTER: Location = ("definitions", "field", "properties", "json")
PARSE_SOURCE: Location = ("definitions", "parse", "properties", "sources", "items")
IMPORTED_TABLE: Location = ("definitions", "importedTable", "properties", "name")
IMPORTED_FIELD: Location = ("definitions", "importedField", "properties", "name")
EXPORTED_TABLE: Location = ("definitions", "exportedTable", "properties", "name")
EXPORTED_FIELD: Location = ("definitions", "exportedField", "properties", "name")
BOUND_TABLE: Location = ("definitions", "field", "properties", "table", "properties", "name")  # table: {name}
BOUND_TABLE_FIELD: Location = ("definitions", "field", "properties", "table", "properties", "field")
METRIC_NAME: Location = ("definitions", "metric", "properties", "name")
ASYNC_SOURCE: Location = ("definitions", "async", "properties", "sources", "items")
ASYNC_EVENT_NAME: Location = ("definitions", "async_event", "properties", "name")
ASYNC_EVENT_LAYOUT: Location = ("definitions", "async_event", "properties", "layout")

# How to describe a name pattern to a manifest author (the field name, member
# reference and JSON pointer have messages of their own: schema.pattern_message).
_WORDS = {
    PLUGIN_NAME: "lowercase letters, digits, '-' and '_', starting with a letter",
    SOURCE_NAME: "lowercase letters, digits and '_', starting with a letter",
    EXTRACT_SOURCE: "lowercase letters, digits and '_', starting with a letter",
    LAYOUT_NAME: "lowercase letters, digits and '_', starting with a letter",
    MEMBER_NAME: "lowercase letters, digits and '_', starting with a letter",
    PARSE_SOURCE: "lowercase letters, digits and '_', starting with a letter",
    IMPORTED_TABLE: "lowercase letters, digits and '_', starting with a letter",
    IMPORTED_FIELD: "lowercase letters, digits and '_', starting with a letter",
    EXPORTED_TABLE: "lowercase letters, digits and '_', starting with a letter",
    EXPORTED_FIELD: "lowercase letters, digits and '_', starting with a letter",
    BOUND_TABLE: "lowercase letters, digits and '_', starting with a letter",
    BOUND_TABLE_FIELD: "lowercase letters, digits and '_', starting with a letter",
    METRIC_NAME: "lowercase letters, digits and '_', starting with a letter",
    EXTRACT_EVENT_TYPE: "an event code, or a kernel event name of letters, digits and '_' (e.g. openat_x)",
    PARSE_EVENT_TYPE: "an event code, or a kernel event name of letters, digits and '_' (e.g. openat_x)",
    NAMESPACE: "a C++ identifier: letters, digits and '_', not starting with a digit",
    ASYNC_SOURCE: "lowercase letters, digits and '_', starting with a letter",
    ASYNC_EVENT_NAME: "letters, digits, '_', '.' and '-', not starting with a digit, '.' or '-'",
    ASYNC_EVENT_LAYOUT: "lowercase letters, digits and '_', starting with a letter",
}


def pattern(location: Sequence[str]) -> str:
    """The schema's pattern at `location`, as the schema writes it (anchors included)."""
    return schema_node(location)["pattern"]


def fullmatch(location: Sequence[str], value: str) -> bool:
    """`value` matches the pattern at `location` from its first to its last character.

    JSON Schema's reading (re.search) lets a final newline through, since
    Python's `$` also matches before one: 'hello\\n' passes '^[a-z]+$'. Here it
    does not: fullmatch must consume the newline, which `$` never does.
    """
    return re.fullmatch(pattern(location), value) is not None


def describe(location: Location) -> str:
    """How to describe the name pattern at `location` to an author: 'lowercase letters, ...'."""
    return _WORDS[location]


@lru_cache(maxsize=None)
def _words_by_pattern():
    return {pattern(location): words for location, words in _WORDS.items()}


def words(pattern_text: str) -> Optional[str]:
    """How to describe `pattern_text` to an author, if it is the text of one of the name patterns."""
    return _words_by_pattern().get(pattern_text)
