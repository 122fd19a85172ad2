"""The plugin_api table of every golden plugin names each plugin_* function the file defines, in
the member of its name, and nothing else (a new export without its table entry fails here)."""
import pathlib
import re

import pytest

GOLDEN = pathlib.Path(__file__).resolve().parents[1] / "golden"
SOURCES = sorted(GOLDEN.glob("*/plugin.gen.cpp"))


@pytest.mark.parametrize("source", SOURCES, ids=[p.parent.name for p in SOURCES])
def test_table_has_every_export(source):
    text = source.read_text()
    exports = set(re.findall(r"^FALCOGEN_EXPORT [^(]*?\bplugin_(\w+)\(", text, re.M))
    table = text[text.index("falcogen_plugin_api_"):]
    entries = dict(re.findall(r"^\s+api\.(\w+) = (.*);$", table, re.M))
    assert exports, source
    assert set(entries) == exports
    for member, value in entries.items():
        assert value == "&plugin_" + member or member == "get_required_api_version", (member, value)


def test_table_symbol_is_named_after_the_plugin():
    text = (GOLDEN / "hello" / "plugin.gen.cpp").read_text()
    assert 'extern "C" const plugin_api* falcogen_plugin_api_hello(void) {' in text


def test_dump_state_raises_the_table_version_only():
    text = (GOLDEN / "asyncx" / "plugin.gen.cpp").read_text()
    assert "return asyncx::kSpec.required_api_version;" in text  # loaded by path: 3.3.0
    assert 'api.get_required_api_version = []() -> const char* { return "3.10.0"; };' in text
