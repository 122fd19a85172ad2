"""Valid manifests build the expected model."""
from __future__ import annotations

import os

import pytest

from falcogen.manifest import load_manifest, load_manifest_text
from falcogen.model import ConfigProperty, Member, OpenParam, Plugin, Source

HERE = os.path.dirname(os.path.abspath(__file__))
FULL = os.path.join(HERE, "data", "full.yaml")

MINIMAL = "name: hello\nversion: 0.1.0\ndescription: d\ncontact: c\n"


@pytest.fixture(scope="module")
def full() -> Plugin:
    return load_manifest(FULL)


def test_identity(full):
    assert full.manifest_path == FULL
    assert full.manifest_name == "full.yaml"
    assert full.name == "full-demo"
    assert full.version == "1.2.3-rc.1+build.5"
    assert full.description == "Exercises every manifest key"
    assert full.contact == "https://example.com/full"
    assert full.cpp_namespace == "full_demo_ns"
    assert full.host_logging is True
    assert full.required_api_version == "3.11.0"  # extract.value_offsets (host_logging: 3.3, add_output: 3.8)
    assert [f.name for f in full.fields] == ["full.text", "full.seq", "full.words"]
    assert full.extract.value_offsets is True


def test_source(full):
    assert full.source == Source(
        id=1073741824,
        name="full_demo",
        open_params=(
            OpenParam(value="10", desc="Ten events", separator=None),
            OpenParam(value="a.log,b.log", desc="Two files", separator=","),
            OpenParam(value="x", desc="", separator=None),
        ),
        progress=True,
        line=9,
        progress_line=12,
    )


def test_config_scalars(full):
    names = [p.name for p in full.config]
    assert names == ["greeting", "max_events", "ratio", "verbose", "token", "files", "peers", "tls"]  # order kept
    greeting = full.config[0]
    assert greeting == ConfigProperty(
        name="greeting",
        cpp_name="greeting",
        type="string",
        description="Text of each event",
        required=False,
        default="hello",
        enum=("hello", "hi"),
        pattern="^[a-z ]+$",
        min_length=1,
        max_length=32,
    )
    assert greeting.has_default
    max_events = full.config[1]
    assert (max_events.type, max_events.minimum, max_events.maximum, max_events.default) == ("integer", 0, 1000000, 10)
    ratio = full.config[2]
    assert (ratio.type, ratio.minimum, ratio.maximum, ratio.has_default) == ("number", 0.0, 1.5, False)
    verbose = full.config[3]
    assert (verbose.type, verbose.default, verbose.has_default) == ("boolean", False, True)
    token = full.config[4]
    assert (token.required, token.default, token.struct_name) == (True, None, "")


def test_config_arrays_and_objects(full):
    files = full.config[5]
    assert files.type == "array" and files.default == [] and files.has_default
    assert files.items == ConfigProperty(name="items", cpp_name="items", type="string", description="A path")
    assert files.struct_name == ""
    peers = full.config[6]
    assert peers.items.type == "object"
    assert peers.items.struct_name == "Config_Peers_Item"
    assert peers.items.description == ""  # optional for items
    host, port = peers.items.properties
    assert (host.name, host.required, port.default) == ("host", True, 443)
    tls = full.config[7]
    assert tls.struct_name == "Config_Tls"
    enabled, client = tls.properties
    assert (enabled.type, enabled.default, enabled.struct_name) == ("boolean", True, "")
    assert client.struct_name == "Config_Tls_Client"
    assert client.properties[0].cpp_name == "cert_file"


def test_layouts(full):
    assert [(l.name, l.cpp_name, l.tag, l.line) for l in full.layouts] == [("log_line", "LogLine", 1, 73), ("tick", "Tick", 7, 85)]
    log_line = full.layout("log_line")
    assert log_line.description == "A line of a log"
    assert log_line.members[0] == Member(name="text", cpp_name="text", type="string", description="The line", index=0)
    assert [(m.name, m.type, m.index, m.description) for m in log_line.members[1:]] == [
        ("seq", "u64", 1, ""),
        ("ok", "bool", 2, ""),
        ("addr", "ipv6", 3, ""),
    ]
    tick = full.layout("tick")
    assert tick.description == ""
    assert [m.type for m in tick.members] == [
        "abstime", "reltime", "bytes", "u8", "u16", "u32", "i8", "i16", "i32", "i64", "ipv4"]
    assert tick.members[2].fixed_size is None and tick.members[3].cpp_type == "uint8_t"


def test_minimal_manifest_defaults():
    plugin = load_manifest_text(MINIMAL, "x/y/plugin.yaml")
    assert plugin.manifest_path == "x/y/plugin.yaml"
    assert plugin.manifest_name == "plugin.yaml"
    assert plugin.source is None
    assert plugin.config == () and plugin.layouts == () and plugin.fields == ()
    assert plugin.host_logging is False
    assert plugin.required_api_version == "3.0.0"
    assert plugin.cpp_namespace == "hello"


def test_default_namespace_replaces_dashes():
    plugin = load_manifest_text(MINIMAL.replace("hello", "my-cool-plugin"))
    assert plugin.cpp_namespace == "my_cool_plugin"


def test_default_tags_are_positions():
    text = MINIMAL + (
        "layouts:\n"
        "  - {name: a, members: [{name: m, type: u8}]}\n"
        "  - {name: b, tag: 9, members: [{name: m, type: u8}]}\n"
        "  - {name: c, members: [{name: m, type: u8}]}\n"
    )
    plugin = load_manifest_text(text)
    assert [l.tag for l in plugin.layouts] == [1, 9, 3]


def test_yaml_conveniences():
    text = (
        "\ufeffname: 'hello'\r\n"
        "version: \"0.1.0\"\r\n"
        "description: >\r\n  folded\r\n  text\r\n"
        "contact: c  # comment\r\n"
        "host_logging: True\r\n"
        "layouts:\r\n"
        "  - name: a\r\n"
        "    members:\r\n"
        "      - &m {name: x, type: u8, description: shared}\r\n"
        "      - <<: *m\r\n"
        "        name: y\r\n"
        "source: {id: 0x3e7, name: hello}\r\n"
    )
    plugin = load_manifest_text(text)
    assert plugin.description == "folded text\n"
    assert plugin.host_logging is True
    assert plugin.source.id == 999
    assert [(m.name, m.type, m.description) for m in plugin.layouts[0].members] == [
        ("x", "u8", "shared"), ("y", "u8", "shared")]


def test_dates_stay_strings():
    plugin = load_manifest_text(MINIMAL.replace("description: d", "description: 2024-01-01"))
    assert plugin.description == "2024-01-01"


def test_source_line_and_layout_line():
    text = MINIMAL + "\n\nsource:\n  id: 999\n  name: hello\nlayouts:\n\n  - name: a\n    members: [{name: m, type: u8}]\n"
    plugin = load_manifest_text(text)
    assert plugin.source.line == 7
    assert plugin.layouts[0].line == 12


def test_model_is_immutable(full):
    with pytest.raises(Exception):
        full.name = "other"  # type: ignore[misc]
