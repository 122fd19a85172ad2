"""Field extraction in the model: fields, bindings, extract options, json layouts, API versions."""
from __future__ import annotations

import os

import pytest

from falcogen.manifest import load_manifest, load_manifest_text
from falcogen.manifest.builder import plugin_facts
from falcogen.model import FIELD_MEMBER_TYPES, FIELD_TYPES, Extract, Field, FieldArg, MemberBinding, Plugin

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")

MINIMAL = "name: hello\nversion: 0.1.0\ndescription: d\ncontact: c\n"
SOURCE = (
    "source: {id: 999, name: hello}\n"
    "layouts:\n"
    "  - name: greeting\n"
    "    members: [{name: text, type: string}]\n"
)


@pytest.fixture(scope="module")
def greet() -> Plugin:
    return load_manifest(os.path.join(DATA, "fields.yaml"))


@pytest.fixture(scope="module")
def audit() -> Plugin:
    return load_manifest(os.path.join(DATA, "fields_json.yaml"))


@pytest.fixture(scope="module")
def greetx() -> Plugin:
    return load_manifest(os.path.join(DATA, "fields_extract_only.yaml"))


def _field(plugin: Plugin, name: str) -> Field:
    return next(f for f in plugin.fields if f.name == name)


# -- member and computed bindings (fields.yaml) ----------------------------------------------------

def test_ids_names_cpp_names_and_lines(greet):
    assert [(f.id, f.name, f.cpp_name, f.line) for f in greet.fields] == [
        (0, "greet.text", "greet_text", 29),
        (1, "greet.count", "greet_count", 36),
        (2, "greet.delta", "greet_delta", 40),
        (3, "greet.ok", "greet_ok", 44),
        (4, "greet.at", "greet_at", 48),
        (5, "greet.raw_at", "greet_raw_at", 52),
        (6, "greet.took", "greet_took", 56),
        (7, "greet.peer", "greet_peer", 60),
        (8, "greet.words", "greet_words", 64),
        (9, "greet.header", "greet_header", 70),
        (10, "greet.length", "greet_length", 75),
        (11, "greet.counts", "greet_counts", 79),
        (12, "greet.long", "greet_long", 85),
        (13, "greet.seen", "greet_seen", 89),
        (14, "greet.age", "greet_age", 94),
        (15, "greet.addr", "greet_addr", 98),
        (16, "greet.net", "greet_net", 102),
        (17, "greet.nets", "greet_nets", 106),
    ]


def test_every_field_type_is_used(greet, audit):
    assert {f.type for f in greet.fields} == set(FIELD_TYPES)
    assert {f.type for f in audit.fields} == set(FIELD_TYPES)
    assert [f.ftype for f in greet.fields[:2]] == ["FTYPE_STRING", "FTYPE_UINT64"]


def test_member_field_with_every_option(greet):
    greeting, farewell = greet.layouts
    assert _field(greet, "greet.text") == Field(
        id=0,
        name="greet.text",
        cpp_name="greet_text",
        type="string",
        description="The text of a greeting or a farewell",
        display="Text",
        is_list=False,
        arg=None,
        properties=("info", "conversation"),
        add_output=True,
        binding="member",
        members=(
            MemberBinding(layout=greeting, member=greeting.members[0]),
            MemberBinding(layout=farewell, member=farewell.members[0]),
        ),
        json_pointer=None,
        line=29,
    )


def test_member_bindings_are_the_plugins_own_objects(greet):
    for f in greet.fields:
        for b in f.members:
            assert any(b.layout is layout for layout in greet.layouts)
            assert any(b.member is m for m in b.layout.members)


def test_member_bindings_by_type(greet):
    bound = {f.name: [(b.layout.name, b.member.name, b.member.type) for b in f.members]
             for f in greet.fields if f.binding == "member"}
    assert bound == {
        "greet.text": [("greeting", "text", "string"), ("farewell", "text", "string")],
        "greet.count": [("greeting", "count", "u32"), ("farewell", "small", "u8")],
        "greet.delta": [("greeting", "delta", "i64")],
        "greet.ok": [("greeting", "ok", "bool")],
        "greet.at": [("greeting", "at", "abstime")],
        "greet.raw_at": [("greeting", "raw", "u64")],
        "greet.took": [("greeting", "took", "reltime")],
        "greet.peer": [("greeting", "peer", "ipv4"), ("farewell", "peer6", "ipv6")],
    }
    for f in greet.fields:
        for b in f.members:
            assert b.member.type in FIELD_MEMBER_TYPES[f.type]
        if f.binding == "member":
            assert (f.is_list, f.arg, f.json_pointer) == (False, None, None)


def test_computed_fields(greet):
    computed = [f for f in greet.fields if f.binding == "computed"]
    assert [(f.name, f.type, f.is_list, f.arg) for f in computed] == [
        ("greet.words", "string", True, FieldArg(index=True, key=False, required=False)),
        ("greet.header", "string", False, FieldArg(index=False, key=True, required=True)),
        ("greet.length", "uint64", False, None),
        ("greet.counts", "uint64", True, FieldArg(index=True, key=True, required=False)),
        ("greet.long", "bool", False, None),
        ("greet.seen", "abstime", True, None),
        ("greet.age", "reltime", False, None),
        ("greet.addr", "ipaddr", False, None),
        ("greet.net", "ipnet", False, None),
        ("greet.nets", "ipnet", True, None),
    ]
    for f in computed:
        assert (f.members, f.json_pointer, f.display, f.add_output) == ((), None, "", False)
    assert _field(greet, "greet.nets").properties == ("hidden",)
    assert _field(greet, "greet.words").properties == ()


def test_extract_options_and_version(greet):
    assert greet.extract == Extract(sources=(), event_types=(322,), value_offsets=False)
    assert greet.required_api_version == "3.0.0"  # add_output on greet.text: older hosts ignore addOutput


# -- json layout and JSON-pointer fields (fields_json.yaml) ----------------------------------------

def test_json_layout(audit):
    (record,) = audit.layouts
    assert (record.name, record.cpp_name, record.encoding, record.members, record.tag, record.line) == (
        "record", "Record", "json", (), 1, 11)
    assert record.description == "One JSON audit record"


def test_json_fields(audit):
    got = [(f.id, f.name, f.type, f.binding, f.json_pointer, f.is_list, f.arg, f.line) for f in audit.fields]
    assert got == [
        (0, "audit.user", "string", "json", "/user/name", False, None, 15),
        (1, "audit.document", "string", "json", "", False, None, 19),
        (2, "audit.escaped", "string", "json", "/a~1b/c~0d", False, None, 23),
        (3, "audit.groups", "string", "json", "/user/groups", True, None, 27),
        (4, "audit.header", "string", "json", "/request/headers", False, FieldArg(key=True, required=True), 32),
        (5, "audit.item", "uint64", "json", "/items", False, FieldArg(index=True), 37),
        (6, "audit.ok", "bool", "json", "/ok", False, None, 42),
        (7, "audit.at", "abstime", "json", "/ts", False, None, 46),
        (8, "audit.took", "reltime", "json", "/duration", False, None, 50),
        (9, "audit.ip", "ipaddr", "json", "/client/ip", False, None, 54),
        (10, "audit.net", "ipnet", "json", "/client/net", False, None, 58),
        (11, "audit.summary", "string", "computed", None, False, None, 62),
    ]
    for f in audit.fields:
        assert (f.members, f.display, f.properties, f.add_output) == ((), "", (), False)
        assert f.cpp_name == f.name.replace(".", "_")


def test_fields_without_extract_key_get_the_defaults(audit):
    assert audit.extract == Extract()
    assert audit.extract == Extract(sources=(), event_types=(), value_offsets=False)
    assert audit.required_api_version == "3.0.0"


# -- extract-only plugin (fields_extract_only.yaml) ------------------------------------------------

def test_extract_only_plugin(greetx):
    assert greetx.source is None
    (greeting,) = greetx.layouts
    assert greeting.encoding == "binary" and greeting.tag == 1
    assert [(f.name, f.binding) for f in greetx.fields] == [
        ("greetx.text", "member"), ("greetx.count", "member"), ("greetx.process", "computed")]
    assert _field(greetx, "greetx.count").members == (MemberBinding(layout=greeting, member=greeting.members[1]),)
    assert greetx.extract == Extract(sources=("greet", "syscall"), event_types=(322, 3), value_offsets=True)
    assert greetx.required_api_version == "3.11.0"  # value_offsets


# -- small manifests -------------------------------------------------------------------------------

def test_no_fields_no_extract():
    plugin = load_manifest_text(MINIMAL)
    assert plugin.fields == () and plugin.extract is None


def test_one_computed_field():
    plugin = load_manifest_text(MINIMAL + SOURCE + "fields:\n  - {name: hello.n, type: uint64, description: d, "
                                                    "computed: true}\n")
    (field,) = plugin.fields
    assert field == Field(id=0, name="hello.n", cpp_name="hello_n", type="uint64", description="d",
                          binding="computed", line=10)
    assert plugin.extract == Extract()
    assert plugin.required_api_version == "3.0.0"


def test_from_a_one_item_list_is_a_member_binding():
    plugin = load_manifest_text(MINIMAL + SOURCE + "fields:\n  - {name: hello.t, type: string, description: d, "
                                                    "from: [greeting.text]}\n")
    (field,) = plugin.fields
    assert field.binding == "member" and len(field.members) == 1
    assert field.members[0].layout is plugin.layouts[0]


def test_arg_defaults_and_false_options():
    text = MINIMAL + SOURCE + (
        "fields:\n"
        "  - name: hello.n\n"
        "    type: uint64\n"
        "    description: d\n"
        "    arg: {index: true}\n"
        "    list: false\n"
        "    add_output: false\n"
        "    properties: []\n"
        "    display: ''\n"
        "    computed: true\n"
        "extract: {value_offsets: false, sources: [hello], event_types: []}\n"
    )
    plugin = load_manifest_text(text)
    (field,) = plugin.fields
    assert field.arg == FieldArg(index=True, key=False, required=False)
    assert (field.is_list, field.add_output, field.properties, field.display) == (False, False, (), "")
    assert plugin.extract == Extract(sources=("hello",), event_types=(), value_offsets=False)
    assert plugin.required_api_version == "3.0.0"


@pytest.mark.parametrize("field_extra, extract, version", [
    ("", "", "3.0.0"),
    ("    add_output: true\n", "", "3.0.0"),  # older hosts ignore addOutput
    ("", "extract: {value_offsets: true}\n", "3.11.0"),
    ("    add_output: true\n", "extract: {value_offsets: true}\n", "3.11.0"),
    ("    add_output: false\n", "extract: {value_offsets: false}\n", "3.0.0"),
])
def test_required_api_version(field_extra, extract, version):
    text = MINIMAL + SOURCE + "fields:\n  - name: hello.t\n    type: string\n    description: d\n    from: greeting.text\n"
    plugin = load_manifest_text(text + field_extra + extract)
    assert plugin.required_api_version == version
    assert load_manifest_text(text + field_extra + extract + "host_logging: true\n").required_api_version == (
        max(version, "3.3.0", key=lambda v: tuple(int(x) for x in v.split("."))))


def test_plugin_facts():
    data = {"source": {}, "fields": [{"add_output": True}], "extract": {"value_offsets": True}}
    assert plugin_facts(data) == {"sourcing": True, "host_logging": False, "extraction": True,
                                  "add_output": True, "value_offsets": True, "parsing": False,
                                  "state_tables": False, "subtables": False, "metrics": False, "set_config": False,
                                  "async_events": False, "dump_state": False, "capture_listening": False}
    assert plugin_facts({}) == {"sourcing": False, "host_logging": False, "extraction": False,
                                "add_output": False, "value_offsets": False, "parsing": False,
                                "state_tables": False, "subtables": False, "metrics": False, "set_config": False,
                                "async_events": False, "dump_state": False, "capture_listening": False}
    tables = {"parse": {}, "tables": {"import": [{"name": "threads", "fields": [
        {"name": "file_descriptors", "type": "table", "fields": []}]}]}}
    assert plugin_facts(tables) == {"sourcing": False, "host_logging": False, "extraction": False,
                                    "add_output": False, "value_offsets": False, "parsing": True,
                                    "state_tables": True, "subtables": True, "metrics": False, "set_config": False,
                                    "async_events": False, "dump_state": False, "capture_listening": False}


def test_capture_listening_asks_for_api_3_7_and_two_methods():
    base = "name: m\nversion: 0.1.0\ndescription: d\ncontact: c\n"
    plugin = load_manifest_text(base + "capture_listening: true\n", "plugin.yaml")
    assert plugin.capture_listening and plugin.required_api_version == "3.7.0"  # older hosts never notify it
    open_, close = plugin.methods
    assert (open_.name, open_.pure, open_.line) == ("capture_open", True, 5)
    assert (close.name, close.pure) == ("capture_close", False)  # a default that does nothing
    assert [p.type for p in open_.params] == ["falcogen::ThreadPool&"]
    off = load_manifest_text(base + "capture_listening: false\n", "plugin.yaml")
    assert not off.capture_listening and off.methods == () and off.required_api_version == "3.0.0"


def test_metrics_and_reloadable_config_do_not_raise_the_api_version():
    base = "name: m\nversion: 0.1.0\ndescription: d\ncontact: c\n"
    reload = "config:\n  reloadable: true\n  properties: {}\n"
    plugin = load_manifest_text(base + reload, "plugin.yaml")
    assert plugin.config_reloadable and plugin.required_api_version == "3.0.0"  # older hosts never call it
    assert [m.name for m in plugin.methods] == ["set_config"]
    assert plugin_facts({"metrics": [{"name": "n"}], "config": {"reloadable": True}})["set_config"]
    metrics = "metrics:\n  - {name: seen}\n  - {name: load, type: non_monotonic, value: float}\n"
    plugin = load_manifest_text(base + metrics, "plugin.yaml")
    assert plugin.required_api_version == "3.0.0" and not plugin.config_reloadable  # older hosts never ask
    assert [(m.name, m.api_type, m.cpp_type) for m in plugin.metrics] == [
        ("seen", "SS_PLUGIN_METRIC_TYPE_MONOTONIC", "falcogen::Metric<uint64_t>"),
        ("load", "SS_PLUGIN_METRIC_TYPE_NON_MONOTONIC", "falcogen::Metric<float>")]
    assert load_manifest_text(base + "config:\n  reloadable: false\n  properties: {}\n",
                              "plugin.yaml").required_api_version == "3.0.0"


def test_syscall_extractor_without_layouts():
    text = MINIMAL + (
        "fields:\n"
        "  - {name: hello.proc, type: string, description: d, computed: true}\n"
        "extract:\n"
        "  sources: [syscall]\n"
    )
    plugin = load_manifest_text(text)
    assert plugin.source is None and plugin.layouts == ()
    assert plugin.extract.sources == ("syscall",)


def test_field_line_of_flow_and_block_items():
    text = MINIMAL + SOURCE + (
        "fields:\n"
        "\n"
        "  - {name: hello.a, type: string, description: d, computed: true}\n"  # line 11
        "  -\n"                                                                # line 12
        "    name: hello.b\n"                                                  # line 13
        "    type: string\n"
        "    description: d\n"
        "    computed: true\n"
    )
    plugin = load_manifest_text(text)
    assert [f.line for f in plugin.fields] == [11, 13]


@pytest.mark.parametrize("name", ["fields.yaml", "fields_json.yaml", "fields_extract_only.yaml",
                                  "fields_syscall.yaml"])
def test_field_manifests_validate_with_a_plain_validator(name):
    # What an editor (yaml-language-server) sees: the schema alone accepts them.
    import yaml
    from jsonschema import Draft7Validator

    from falcogen.manifest import manifest_schema

    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        data = yaml.safe_load(f)
    assert [e.message for e in Draft7Validator(manifest_schema()).iter_errors(data)] == []
    assert load_manifest(os.path.join(DATA, name)).fields
