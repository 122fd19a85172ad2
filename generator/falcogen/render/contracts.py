"""The JSON documents a plugin reports to the host, derived from the model.

They are computed here, at generation time, and embedded in the plugin as
string constants: the host's calls to plugin_get_init_schema and
plugin_list_open_params cost nothing and never parse anything at run time.
"""
from __future__ import annotations

import json
from typing import Any, Dict, Iterable

from ..model import ConfigProperty, Plugin

SCHEMA_DIALECT = "http://json-schema.org/draft-07/schema#"


def _property_schema(prop: ConfigProperty) -> Dict[str, Any]:
    schema: Dict[str, Any] = {"type": prop.type}
    if prop.name != "items":
        schema["title"] = prop.name
    if prop.description:
        schema["description"] = prop.description
    if prop.default is not None:
        schema["default"] = prop.default
    if prop.enum:
        schema["enum"] = list(prop.enum)
    if prop.minimum is not None:
        schema["minimum"] = prop.minimum
    if prop.maximum is not None:
        schema["maximum"] = prop.maximum
    if prop.pattern is not None:
        schema["pattern"] = prop.pattern
    if prop.min_length is not None:
        schema["minLength"] = prop.min_length
    if prop.max_length is not None:
        schema["maxLength"] = prop.max_length
    if prop.type == "array" and prop.items is not None:
        schema["items"] = _property_schema(prop.items)
    if prop.type == "object":
        schema.update(_object_schema(prop.properties))
    return schema


def _object_schema(properties: Iterable[ConfigProperty]) -> Dict[str, Any]:
    properties = tuple(properties)
    schema: Dict[str, Any] = {
        "properties": {p.name: _property_schema(p) for p in properties},
        # Unknown keys are most often typos: refuse them rather than ignore them.
        "additionalProperties": False,
    }
    required = [p.name for p in properties if p.required]
    if required:
        schema["required"] = required
    return schema


def init_schema(plugin: Plugin) -> Dict[str, Any]:
    """The draft-07 schema of the init config (what plugin_get_init_schema returns)."""
    schema: Dict[str, Any] = {"$schema": SCHEMA_DIALECT, "type": "object"}
    schema.update(_object_schema(plugin.config))
    return schema


def open_params(plugin: Plugin) -> list:
    """What plugin_list_open_params returns."""
    if plugin.source is None:
        return []
    out = []
    for p in plugin.source.open_params:
        entry: Dict[str, Any] = {"value": p.value, "desc": p.desc}
        if p.separator is not None:
            entry["separator"] = p.separator
        out.append(entry)
    return out


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def list_text(items: list) -> str:
    """A JSON array for embedding, one element per line, each element compact."""
    if not items:
        return "[]"
    return "[\n" + ",\n".join("  " + _compact(item) for item in items) + "\n]"


def schema_text(schema: Dict[str, Any]) -> str:
    """The init schema for embedding: the top level and the property names spread, each property compact."""
    def spread(obj: Dict[str, Any], indent: str, depth: int) -> str:
        lines = []
        for key, value in obj.items():
            shown = spread(value, indent + "  ", depth - 1) if depth > 0 and isinstance(value, dict) and value \
                else _compact(value)
            lines.append("%s  %s: %s" % (indent, json.dumps(key, ensure_ascii=False), shown))
        return "{\n" + ",\n".join(lines) + "\n" + indent + "}"

    return spread(schema, "", 1)


def fields(plugin: Plugin) -> list:
    """What plugin_get_fields returns: the field's position is its id."""
    out = []
    for f in plugin.fields:
        entry: Dict[str, Any] = {"name": f.name, "type": f.type, "desc": f.description}
        if f.display:
            entry["display"] = f.display
        if f.is_list:
            entry["isList"] = True
        if f.arg is not None:
            entry["arg"] = {"isRequired": f.arg.required, "isIndex": f.arg.index, "isKey": f.arg.key}
        if f.properties:
            entry["properties"] = list(f.properties)
        if f.add_output:
            entry["addOutput"] = True
        out.append(entry)
    return out


def pointer_tokens(pointer: str) -> list:
    """RFC 6901: "/a~1b/c" -> ["a/b", "c"] ("" is the whole document)."""
    if pointer == "":
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]
