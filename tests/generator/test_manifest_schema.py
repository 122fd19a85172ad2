"""The manifest JSON Schema: valid draft-07, consistent, documented, and accepting the examples."""
from __future__ import annotations

import copy
import glob
import json
import os
import re

import pytest
import yaml
from jsonschema import Draft7Validator

from falcogen import model, paths
from falcogen.manifest import load_manifest, manifest_schema

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
SCHEMA_PATH = os.path.join(ROOT, "schemas", "falcogen-manifest.schema.json")
EXAMPLES = sorted(glob.glob(os.path.join(ROOT, "examples", "*", "plugin.yaml")))
DOC = os.path.join(ROOT, "docs", "manifest.md")


@pytest.fixture(scope="module")
def schema():
    with open(SCHEMA_PATH, encoding="utf-8") as f:
        return json.load(f)


def test_schema_is_valid_draft7(schema):
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(schema)


def test_loader_uses_the_repository_schema(schema):
    assert os.path.samefile(paths.manifest_schema_path(), SCHEMA_PATH)
    assert manifest_schema() == schema


def _walk(node, path=()):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _walk(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, path + (i,))


def test_every_object_schema_is_closed_and_every_key_described(schema):
    for path, node in _walk(schema):
        if node.get("type") == "object" and "properties" in node:
            assert node.get("additionalProperties") is False, path
            for key, sub in node["properties"].items():
                if isinstance(sub, dict) and "not" not in sub:
                    assert "description" in sub or "$ref" in sub, (path, key)


def test_enums_match_the_model(schema):
    member_types = schema["definitions"]["member"]["properties"]["type"]["enum"]
    assert set(member_types) == set(model.MEMBER_TYPES)
    assert member_types == ["u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "bool", "string", "bytes",
                            "abstime", "reltime", "ipv4", "ipv6"]
    config_types = schema["definitions"]["configProperty"]["properties"]["type"]["enum"]
    assert set(config_types) == set(model.CONFIG_SCALAR_TYPES) | {"array", "object"}


def test_config_item_is_a_property_without_default_and_required(schema):
    prop = copy.deepcopy(schema["definitions"]["configProperty"])
    item = copy.deepcopy(schema["definitions"]["configItem"])
    for key in ("default", "required"):
        prop["properties"].pop(key)
    prop["required"] = ["type"]
    for node in (prop, item):
        node.pop("description")
        node["properties"]["description"].pop("description")
    assert prop == item


def _plain_data(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def test_full_manifest_validates_with_a_plain_validator(schema):
    # What an editor (yaml-language-server) sees: no falcogen code involved.
    errors = list(Draft7Validator(schema).iter_errors(_plain_data(os.path.join(HERE, "data", "full.yaml"))))
    assert errors == []


@pytest.mark.skipif(not EXAMPLES, reason="no examples/*/plugin.yaml yet")
@pytest.mark.parametrize("path", EXAMPLES, ids=[os.path.basename(os.path.dirname(p)) for p in EXAMPLES])
def test_example_manifest_is_valid(schema, path):
    errors = [e.message for e in Draft7Validator(schema).iter_errors(_plain_data(path))]
    assert errors == []
    plugin = load_manifest(path)  # the schema plus every rule
    assert plugin.name


def _schema_keys(schema):
    keys = set()
    for path, node in _walk(schema):
        is_schema = node.get("type") == "object" or path[-2:] == ("dependencies", "source")
        if is_schema and isinstance(node.get("properties"), dict):
            keys.update(node["properties"])
    return keys


def test_every_key_is_documented(schema):
    with open(DOC, encoding="utf-8") as f:
        doc = f.read()
    missing = sorted(k for k in _schema_keys(schema) | set(schema["properties"]) if "`%s`" % k not in doc)
    assert missing == []


def test_documented_member_types(schema):
    with open(DOC, encoding="utf-8") as f:
        doc = f.read()
    for member_type in model.MEMBER_TYPES:
        assert re.search(r"\|\s*`%s`\s*\|" % member_type, doc), member_type
