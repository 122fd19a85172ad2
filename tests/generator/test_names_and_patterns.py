"""Name patterns come from the manifest schema only; one camel-case helper names C++ types."""
from __future__ import annotations

import itertools
import json
import os
import random
import re

import pytest

from falcogen.errors import UserError
from falcogen.manifest import load_manifest, names, patterns
from falcogen.scaffold import scaffold

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
GENERATOR = os.path.join(ROOT, "generator", "falcogen")
LOCATIONS = [value for key, value in vars(patterns).items() if key.isupper() and isinstance(value, tuple)]


@pytest.fixture(scope="module")
def schema():
    with open(os.path.join(ROOT, "schemas", "falcogen-manifest.schema.json"), encoding="utf-8") as f:
        return json.load(f)


def _at(schema, location):
    for key in location:
        schema = schema[key]
    return schema


def _patterns_in(node, path=()):
    """(location, pattern) of every string-valued `pattern` keyword of the schema."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield path, value
            else:
                yield from _patterns_in(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _patterns_in(value, path + (i,))


# ---- Patterns: the schema's, read from it ------------------------------------------------------

def test_every_location_is_a_pattern_of_the_schema_file(schema):
    assert len(LOCATIONS) == 25
    for location in LOCATIONS:
        assert patterns.pattern(location) == _at(schema, location)["pattern"], location


def test_every_name_pattern_of_the_schema_has_a_location(schema):
    # Free text must not be blank (\S); versions, config keys and JSON pointers aside, what the
    # schema checks with a pattern is a name, and the Python side must read it from there.
    others = {("properties", "version"), ("properties", "acknowledge_breaking_change"),
              ("properties", "event_schema_version"),
              ("definitions", "configProperties", "propertyNames")}
    for location, pattern in _patterns_in(schema):
        if pattern != r"\S" and location not in others:
            assert location in LOCATIONS, location


def test_the_plugin_source_and_field_name_patterns(schema):
    # What the registry allows, and what the docs promise; a change here is a format change.
    assert patterns.pattern(patterns.PLUGIN_NAME) == "^[a-z]+[a-z0-9-_]*$"
    assert patterns.pattern(patterns.SOURCE_NAME) == "^[a-z]+[a-z0-9_]*$"
    assert patterns.pattern(patterns.EXTRACT_SOURCE) == patterns.pattern(patterns.SOURCE_NAME)
    assert patterns.pattern(patterns.FIELD_NAME) == "^[a-z]+[a-z0-9_]*(\\.[a-z]+[a-z0-9_]*)+$"


def test_no_python_module_keeps_a_copy_of_a_name_pattern():
    copies = {patterns.pattern(location) for location in LOCATIONS}
    copies |= {p[1:-1] for p in copies if p != patterns.pattern(patterns.NAMESPACE)}  # bodies, unanchored
    copies |= {text.replace("-_", "_-") for text in copies}  # the same class, spelled the other way
    for folder, _, files in os.walk(GENERATOR):
        for name in files:
            if name.endswith(".py"):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    source = f.read()
                found = [c for c in copies if c in source or c.replace("\\", "\\\\") in source]
                assert not found, (name, found)


def test_fullmatch_refuses_the_final_newline_that_the_schema_lets_through():
    assert re.search(patterns.pattern(patterns.PLUGIN_NAME), "hello\n")
    assert not patterns.fullmatch(patterns.PLUGIN_NAME, "hello\n")
    assert patterns.fullmatch(patterns.PLUGIN_NAME, "hello-world_2")
    assert patterns.fullmatch(patterns.FIELD_NAME, "hello.text")
    assert not patterns.fullmatch(patterns.FIELD_NAME, "hello")
    assert patterns.fullmatch(patterns.JSON_POINTER, "")


def test_every_name_pattern_is_described_and_no_two_descriptions_disagree():
    described = {}
    for location in (patterns.PLUGIN_NAME, patterns.NAMESPACE, patterns.SOURCE_NAME, patterns.EXTRACT_SOURCE,
                     patterns.LAYOUT_NAME, patterns.MEMBER_NAME):
        words = patterns.describe(location)
        described.setdefault(patterns.pattern(location), set()).add(words)
        assert patterns.words(patterns.pattern(location)) == words
    assert all(len(words) == 1 for words in described.values()), described
    assert patterns.words("^[0-9]+$") is None


# ---- falcogen new checks names with the schema's pattern ---------------------------------------

@pytest.mark.parametrize("name", ["hello", "my-plugin", "a_b-c", "x9", "k8s-audit_2"])
def test_scaffold_accepts_what_the_schema_accepts(tmp_path, name):
    written = scaffold(name, tmp_path)
    assert tmp_path / name / "plugin.yaml" in written
    plugin = load_manifest(tmp_path / name / "plugin.yaml")
    assert plugin.name == name
    assert plugin.source.name == name.replace("-", "_")
    source = (tmp_path / name / "src" / (name + ".cpp")).read_text()
    assert "class %sPlugin final" % names.plugin_camel_case(name) in source


@pytest.mark.parametrize("name", ["Hello", "9lives", "-x", "_x", "a.b", "a b", "", "hello\n", "héllo"])
def test_scaffold_refuses_what_the_schema_refuses(tmp_path, name):
    with pytest.raises(UserError) as info:
        scaffold(name, tmp_path)
    assert str(info.value) == ("invalid plugin name '%s': use lowercase letters, digits, '-' and '_', starting "
                               "with a letter" % name)
    assert not any(tmp_path.iterdir())


# ---- One camel-case helper ---------------------------------------------------------------------

@pytest.mark.parametrize("name, camel", [
    ("log_line", "LogLine"), ("http2_req", "Http2Req"), ("tlsOpts", "TlsOpts"), ("a__b", "AB"),
    ("_x", "X"), ("x_", "X"), ("maxRPS", "MaxRPS"), ("a2", "A2"), ("a-b", "A-b"),
])
def test_camel_case_of_layout_names_and_config_keys(name, camel):
    assert names.camel_case(name) == camel


def _former_scaffold_camel(name):  # scaffold.py's own helper before there was one
    return "".join(part.capitalize() for part in re.split(r"[-_]", name) if part)


def _former_skeleton_camel(name):  # skeleton.py's own helper before there was one
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", name) if part)


def _plugin_names():
    """Every plugin name the schema allows of up to 5 characters of a, z, 0, 9, '-' and '_',
    and a few hundred longer random ones."""
    short = ("".join(chars) for n in range(1, 6) for chars in itertools.product("az09-_", repeat=n))
    rng = random.Random(7)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_"
    longer = (rng.choice("abcxyz") + "".join(rng.choice(alphabet) for _ in range(rng.randrange(64)))
              for _ in range(500))
    return [n for n in itertools.chain(short, longer) if patterns.fullmatch(patterns.PLUGIN_NAME, n)]


def test_plugin_camel_case_is_what_scaffold_and_skeleton_computed_before():
    checked = 0
    for name in _plugin_names():
        camel = names.plugin_camel_case(name)
        assert camel == _former_scaffold_camel(name) == _former_skeleton_camel(name), name
        checked += 1
    assert checked > 3000
    assert names.plugin_camel_case("my-plugin_2x") == "MyPlugin2x"
