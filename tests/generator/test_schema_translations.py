"""Every check the manifest schema makes has its own wording (schema.TRANSLATIONS)."""
from __future__ import annotations

from falcogen.manifest import manifest_schema
from falcogen.manifest.schema import TRANSLATIONS

# Keywords that only hold subschemas or annotations: the errors come from the keywords inside.
STRUCTURAL = {"$schema", "$id", "$ref", "title", "description", "default", "examples", "definitions",
              "properties", "items", "allOf", "if", "then", "else", "dependencies", "propertyNames", "format"}
# Worded by the error of the alternative that matched best.
ALTERNATIVES = {"anyOf", "oneOf"}
NAMED_SUBSCHEMAS = ("properties", "definitions", "dependencies")  # name -> subschema
SUBSCHEMA = ("items", "not", "if", "then", "else", "propertyNames", "additionalProperties")
SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "items")


def _keywords(schema):
    """The keywords of `schema` and of every subschema inside it."""
    for key, value in schema.items():
        yield key
        if key in NAMED_SUBSCHEMAS and isinstance(value, dict):
            subschemas = list(value.values())
        elif key in SUBSCHEMA and isinstance(value, dict):
            subschemas = [value]
        elif key in SUBSCHEMA_LISTS and isinstance(value, list):
            subschemas = value
        else:
            subschemas = []
        for sub in subschemas:
            if isinstance(sub, dict):
                yield from _keywords(sub)


def test_every_validating_keyword_of_the_schema_is_translated():
    used = set(_keywords(manifest_schema())) - STRUCTURAL - ALTERNATIVES
    assert used <= set(TRANSLATIONS), sorted(used - set(TRANSLATIONS))
    # ...and of the schemas the rules build for config values (enum, pattern, bounds).
    assert {"type", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum", "required",
            "additionalProperties"} <= set(TRANSLATIONS)
