"""The manifest JSON Schema file (schemas/falcogen-manifest.schema.json), read once.

The schema is the definition of the manifest format that editors use too:
the validator (schema.py) checks documents against it, and patterns.py reads
the name patterns from it rather than keeping copies.
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Dict, Sequence

from .. import paths


@lru_cache(maxsize=None)
def schema_text() -> str:
    with open(paths.manifest_schema_path(), "r", encoding="utf-8") as f:
        return f.read()


def manifest_schema() -> Dict[str, Any]:
    """The manifest schema (a fresh copy)."""
    return json.loads(schema_text())


@lru_cache(maxsize=None)
def _shared_schema() -> Dict[str, Any]:
    return json.loads(schema_text())


def schema_node(location: Sequence[str]) -> Dict[str, Any]:
    """The subschema at `location`, a path of keys from the root: ("properties", "name").

    Shared, not copied: callers only read it.
    """
    node = _shared_schema()
    for key in location:
        node = node[key]
    return node
