"""Typed open params (source.open): the form's model, the author's open(), and how params text is read."""
from __future__ import annotations

from falcogen.manifest import load_manifest_text
from falcogen.manifest.rules.open_form import MISSING, open_value
from falcogen.render.engine import render_generated

BASE = "name: p\nversion: 0.1.0\ndescription: d\ncontact: c\nlayouts:\n  - {name: l, members: [{name: n, type: u64}]}\n"


def plugin(open_lines: str):
    return load_manifest_text(BASE + "source:\n  id: 999\n  name: p\n" + open_lines, "plugin.yaml")


def test_open_value_reads_params_as_the_runtime_does():
    assert open_value("", {"type": "integer"}) is MISSING and open_value("  ", {"type": "string"}) is MISSING
    assert open_value(" 10 ", {"type": "integer"}) == 10
    assert open_value("ten", {"type": "integer"}) == "ten"  # not JSON: a string, which the type check refuses
    assert open_value(" a b ", {"type": "string"}) == " a b "  # strings as they are
    assert open_value("a; b", {"type": "array", "items": {"type": "string"}}, ";") == ["a", " b"]
    assert open_value("1; 2", {"type": "array", "items": {"type": "integer"}}, ";") == [1, 2]
    assert open_value('{"a": 1}', {"type": "object"}) == {"a": 1}


def test_each_form_gives_open_its_type():
    cases = {
        "  open: {type: integer, description: n, default: 10}\n": "using OpenParams = int64_t;",
        "  open: {type: string, description: a path}\n": "using OpenParams = std::string;",
        "  open: {type: array, description: a, items: {type: number}}\n": "using OpenParams = std::vector<double>;",
        "  open: {type: object, description: o, properties: {port: {type: integer, description: p}}}\n":
            "struct OpenParams {",
    }
    for lines, declaration in cases.items():
        p = plugin(lines)
        header = render_generated(p)["plugin.gen.hpp"]
        assert declaration in header, lines
        assert "struct OpenParamsDoc {" in header
        open_method = next(m for m in p.methods if m.name == "open")
        assert [x.type for x in open_method.params] == ["const OpenParams&"]
        assert "open_typed<PluginBase, OpenParamsDoc, kOpenForm>" in render_generated(p)["plugin.gen.cpp"]


def test_without_a_form_open_keeps_the_string():
    p = plugin("")
    assert p.source.open_form is None and p.open_structs == ()
    assert [x.type for x in next(m for m in p.methods if m.name == "open").params] == ["std::string_view"]
    assert "OpenParams" not in render_generated(p)["plugin.gen.hpp"]


def test_a_form_without_default_is_required_and_the_separator_reaches_the_runtime():
    p = plugin("  open: {type: array, description: a, items: {type: string}}\n  open_separator: '::'\n")
    assert p.source.open_form.required
    assert 'kOpenForm = {runtime::config::OpenForm::list, "::", true}' in render_generated(p)["plugin.gen.cpp"]
