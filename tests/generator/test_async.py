"""The `async:` section: the model, the author's methods, the required API version, the generated parts."""
from __future__ import annotations

from falcogen.manifest import load_manifest_text
from falcogen.render.engine import render_generated

MINIMAL = "name: hello\nversion: 0.1.0\ndescription: d\ncontact: c\n"
LAYOUT = "layouts:\n  - name: tick\n    members:\n      - {name: n, type: u64}\n"


def test_async_model_and_methods():
    plugin = load_manifest_text(MINIMAL + LAYOUT + (
        "async:\n"
        "  events:\n"
        "    - {name: hello_tick, layout: tick}\n"
        "    - name: hello_beat\n"
        "  sources: [syscall]\n"))
    spec = plugin.async_
    assert [e.name for e in spec.events] == ["hello_tick", "hello_beat"]
    assert spec.events[0].layout is plugin.layout("tick") and spec.events[1].layout is None
    assert spec.sources == ("syscall",) and not spec.dump_state
    assert [m.name for m in plugin.methods] == ["run_async"]
    assert plugin.required_api_version == "3.0.0"  # async events are in every 3.x host


def test_dump_state_asks_for_its_method_and_no_newer_api():
    plugin = load_manifest_text(MINIMAL + "async:\n  events: [{name: s}]\n  dump_state: true\n")
    assert [m.name for m in plugin.methods] == ["run_async", "dump_state"]
    assert plugin.methods[1].line == 7
    assert plugin.required_api_version == "3.0.0"  # hosts before 3.10 never call plugin_dump_state


def test_generated_parts():
    plugin = load_manifest_text(MINIMAL + LAYOUT + "async:\n  events: [{name: hello_tick, layout: tick}]\n")
    files = render_generated(plugin)
    cpp = files["plugin.gen.cpp"]
    assert '{"hello_tick", Tick::kTag},' in cpp
    assert "FALCOGEN_EXPORT ss_plugin_rc plugin_set_async_event_handler(" in cpp
    assert "plugin_dump_state" not in cpp
    assert "#include <falcogen/async.hpp>" in files["plugin.gen.hpp"]
    assert "virtual void run_async(falcogen::AsyncEmitter& out) = 0;" in files["plugin.gen.hpp"]


def test_no_async_no_exports():
    files = render_generated(load_manifest_text(MINIMAL + LAYOUT + "source: {id: 999, name: hello}\n"))
    assert "plugin_get_async_events" not in files["plugin.gen.cpp"]
    assert "    nullptr,\n};" in files["plugin.gen.cpp"]  # PluginSpec.async


def test_extract_event_types_include_async_events_with_layouts():
    fields = "fields:\n  - {name: hello.n, type: uint64, description: d, from: tick.n}\n"
    own = load_manifest_text(MINIMAL + LAYOUT + "source: {id: 999, name: hello}\n" + fields +
                             "async:\n  events: [{name: hello_tick, layout: tick}]\n")
    assert own.extract.event_types == (322, 402)  # libsinsp's default for a plugin source is 322 only
    syscall = load_manifest_text(MINIMAL + LAYOUT + fields + "extract: {sources: [syscall]}\n"
                                 "async:\n  events: [{name: hello_tick, layout: tick}]\n")
    assert syscall.extract.event_types == ()  # every type already
    listed = load_manifest_text(MINIMAL + LAYOUT + fields + "extract: {sources: [syscall], event_types: [3]}\n"
                                "async:\n  events: [{name: hello_tick, layout: tick}]\n")
    assert listed.extract.event_types == (3, 402)
    raw = load_manifest_text(MINIMAL + LAYOUT + "source: {id: 999, name: hello}\n" + fields +
                             "async:\n  events: [{name: hello_tick}]\n")
    assert raw.extract.event_types == ()  # no layout: nothing for fields to read
