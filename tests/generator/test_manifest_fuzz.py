"""No input, however broken, makes the loader raise anything but ManifestError."""
from __future__ import annotations

import os
import random

import pytest

from broken_cases import CASES
from falcogen.manifest import ManifestError, load_manifest, load_manifest_text
from falcogen.manifest.yamlio import MAX_DEPTH

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "full.yaml"), encoding="utf-8") as _f:
    FULL = _f.read()

ALPHABET = list(" \t\n:-[]{},#&*!|>'\"%@`?~0123456789abcyzXYZ_.") + ["\u00e9", "\x00", "\x85", "\ufeff", "\u2028"]


def _check(text):
    try:
        load_manifest_text(text, "f.yaml")
    except ManifestError as e:
        assert e.diagnostics, "a ManifestError always carries diagnostics"
        for d in e.diagnostics:
            assert d.file == "f.yaml"
            assert d.line >= 1 and d.col >= 1
            assert d.message and "\n" not in d.format()
            assert "Traceback" not in d.message


def _mutations(seed, text, count):
    rng = random.Random(seed)
    lines = text.split("\n")
    for _ in range(count):
        kind = rng.randrange(6)
        if kind == 0:  # delete a line
            mutated = list(lines)
            del mutated[rng.randrange(len(mutated))]
            yield "\n".join(mutated)
        elif kind == 1:  # duplicate a line elsewhere
            mutated = list(lines)
            mutated.insert(rng.randrange(len(mutated)), rng.choice(lines))
            yield "\n".join(mutated)
        elif kind == 2:  # replace one character
            i = rng.randrange(len(text))
            yield text[:i] + rng.choice(ALPHABET) + text[i + 1:]
        elif kind == 3:  # truncate
            yield text[: rng.randrange(len(text))]
        elif kind == 4:  # swap two lines' indentation
            mutated = list(lines)
            i = rng.randrange(len(mutated))
            mutated[i] = mutated[i].lstrip() if rng.random() < 0.5 else "  " + mutated[i]
            yield "\n".join(mutated)
        else:  # several random characters
            chars = list(text)
            for _ in range(5):
                chars[rng.randrange(len(chars))] = rng.choice(ALPHABET)
            yield "".join(chars)


@pytest.mark.parametrize("seed", range(6))
def test_mutated_full_manifest(seed):
    for text in _mutations(seed, FULL, 100):
        _check(text)


@pytest.mark.parametrize("case", CASES[::4], ids=[c.id for c in CASES[::4]])
def test_mutated_broken_cases(case):
    for text in _mutations(case.id, case.full_text or "name: x\n", 20):
        _check(text)


PATHOLOGICAL = [
    "[" * 2000,
    "a: " + "[" * 2000 + "]" * 2000,
    "a:\n" + "".join("  " * i + "b%d:\n" % i for i in range(300)),
    "x: " + "{a: " * (MAX_DEPTH + 5) + "1" + "}" * (MAX_DEPTH + 5),
    "- " * 500 + "x",
    "&a a: *a",
    "a: &a\n  b: *a\n",
    "<<: 1\n",
    "<<: [1, 2]\n",
    "? - a\n  - b\n: c\n",
    "!!python/object:os.system {}\n",
    "name: !!python/name:os.system\n",
    "--- !!map\n? a\n",
    "%YAML 1.1\n---\nname: a\n",
    "%YAML 2.0\n---\nname: a\n",
    "%TAG ! tag:example.com,2000:\n---\nname: !foo a\n",
    "\x00",
    "\ud800",
    "name: \"\\x\"\n",
    "name: 'a\n",
    "...\n",
    "---\n...\n---\n",
    "config:\n  properties:\n    a: {type: string, description: d, pattern: '(?P<x'}\n",
    "config:\n  properties:\n    a: {type: array, description: d, items: {type: array, items: {type: object, properties: {b: 1}}}, default: [[{b: 1}]]}\n",
    "config:\n  properties:\n    a: {type: object, description: d, properties: {b: {type: number, description: e, minimum: .nan}}, default: {b: .nan}}\n",
    "config:\n  properties:\n    a: {type: integer, description: d, enum: [1, 1], default: 99999999999999999999999999}\n",
    "layouts: [{name: a, members: [{name: m, type: u8}], tag: 99999999999999999999}]\n",
    "source: {id: 99999999999999999999999999999999999, name: a}\n",
]


@pytest.mark.parametrize("text", PATHOLOGICAL, ids=["p%02d" % i for i in range(len(PATHOLOGICAL))])
def test_pathological_inputs(text):
    _check(text)


def test_alias_bomb_is_stopped():
    text = "a: &a [" + ",".join(["x"] * 10) + "]\n"
    for level in "bcdefgh":
        prev = chr(ord(level) - 1)
        text += "%s: &%s [%s]\n" % (level, level, ",".join(["*" + prev] * 10))
    with pytest.raises(ManifestError) as info:
        load_manifest_text(text)
    assert "too large after expanding aliases" in str(info.value)


def test_layout_and_member_limits():
    # 65536 layouts or members: more than a u16 tag or member count can say. Checked on the
    # data directly: a YAML file that large takes pure-Python PyYAML a minute to read.
    from falcogen.manifest import rules, schema
    from falcogen.manifest.yamlio import Tree

    members = [{"name": "m%d" % i, "type": "u8"} for i in range(65536)]
    layouts = [{"name": "l%d" % i, "members": [{"name": "m", "type": "u8"}]} for i in range(65536)]
    data = {"name": "a", "version": "0.1.0", "description": "d", "contact": "c",
            "layouts": [{"name": "a", "members": members}]}
    found = schema.validate("plugin.yaml", data, Tree())
    assert [d.format() for d in found] == [
        "plugin.yaml:1:1: error: layouts[0].members: too many members (65536; at most 65535)"]
    assert rules.check("plugin.yaml", data, Tree(), found) == []
    data["layouts"] = layouts
    found = schema.validate("plugin.yaml", data, Tree())
    assert [d.format() for d in found] == ["plugin.yaml:1:1: error: layouts: too many layouts (65536; at most 65535)"]
    assert rules.check("plugin.yaml", data, Tree(), found) == []


def test_many_layouts_from_yaml():
    layouts = "\n".join("  - {name: l%d, members: [{name: m, type: u8}]}" % i for i in range(2000))
    text = "name: a\nversion: 0.1.0\ndescription: d\ncontact: c\nlayouts:\n%s\n" % layouts
    plugin = load_manifest_text(text)
    assert len(plugin.layouts) == 2000 and plugin.layouts[-1].tag == 2000


def test_random_bytes_files(tmp_path):
    rng = random.Random(7)
    for i in range(40):
        path = tmp_path / ("f%d.yaml" % i)
        path.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200))))
        try:
            load_manifest(str(path))
        except ManifestError as e:
            assert e.diagnostics
