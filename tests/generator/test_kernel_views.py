"""Kernel events by name: event_types names resolve to codes, `param:` bindings to typed views, and the
generated header holds a view for each kernel event the plugin names, and for no other."""
from __future__ import annotations

from pathlib import Path

import pytest

from falcogen.kernel_events import event_table
from falcogen.manifest import load_manifest, load_manifest_text
from falcogen.manifest.eventschema import reads_kernel_events
from falcogen.manifest.kernelviews import make_view, resolve_event_types, view_name
from falcogen.render import render_generated

ROOT = Path(__file__).resolve().parents[2]
BASE = "name: x\nversion: 0.1.0\ndescription: d\ncontact: c\n"


def extract_only(event_types: str, fields: str = "  - {name: x.t, type: uint64, description: d, computed: true}\n"):
    return load_manifest_text(BASE + "fields:\n" + fields + "extract:\n  sources: [syscall]\n  event_types: %s\n"
                              % event_types)


def test_names_resolve_to_codes_in_order_each_once():
    plugin = extract_only("[openat_x, 5, openat, PPME_SYSCALL_OPENAT_E, execve_e, procexit]")
    assert plugin.extract.event_types == (307, 5, 306, 102, 292, 186)


def test_parse_event_types_take_names():
    plugin = load_manifest_text(BASE + "parse:\n  sources: [syscall]\n  event_types: [clone_x, execve]\n")
    current_clone = [e.code for e in event_table().current("clone") if e.direction == "exit"]
    assert plugin.parse.event_types == tuple(current_clone) + (292, 293)
    assert [v.name for v in plugin.kernel_views] == sorted(
        ["clone_x", "execve_e", "execve_x"], key=lambda n: event_table().resolve(n)[0].code)


def test_views_only_for_the_events_the_plugin_names():
    plugin = load_manifest(str(ROOT / "examples/syscalls/plugin.yaml"))
    assert [(v.code, v.cpp_name) for v in plugin.kernel_views] == [(3, "OpenX"), (293, "ExecveX"), (307, "OpenatX")]
    header = render_generated(plugin)["plugin.gen.hpp"]
    assert header.count(": falcogen::KernelView {") == 3
    assert "std::optional<std::string_view> name() const { return param<std::string_view>(2); }" in header
    assert "std::optional<kernel::OpenatX> as_openat_x() const" in header
    no_views = extract_only("[322]")
    assert no_views.kernel_views == ()
    assert "KernelView" not in render_generated(no_views)["plugin.gen.hpp"]


def test_a_field_bound_to_a_parameter_gets_its_view_and_extractor():
    plugin = extract_only("[5, openat_x, PPME_SYSCALL_OPENAT_E]",
                          "  - {name: x.f, type: string, description: d, param: [openat_x.name, "
                          "PPME_SYSCALL_OPENAT_E.name]}\n")
    (field,) = plugin.fields
    assert field.binding == "param"
    assert [(b.view.code, b.param.name, b.param.index, b.param.cpp_type) for b in field.params] == [
        (307, "name", 2, "std::string_view"), (102, "name", 1, "std::string_view")]
    assert [v.code for v in plugin.kernel_views] == [5, 102, 307]
    source = render_generated(plugin)["plugin.gen.cpp"]
    assert ("&runtime::param_field<runtime::ParamBind<&kernel::OpenatX::name>, "
            "runtime::ParamBind<&kernel::PpmeSyscallOpenatE::name>>") in source
    assert "#include <falcogen/detail/kernel_fields.hpp>" in source


def test_old_versions_are_named_by_their_enum_and_every_view_name_is_unique():
    table = event_table()
    assert view_name(table.by_code(307)) == "openat_x"
    assert view_name(table.by_code(103)) == "ppme_syscall_openat_x"
    views = [make_view(e) for e in table.events if not e.placeholder]
    assert len({v.cpp_name for v in views}) == len(views)
    assert all(p.cpp_type != "void" for v in views for p in v.params)
    assert all(p.name not in ("scap", "param") for v in views for p in v.params)


@pytest.mark.parametrize("types, expected", [
    (["openat_x"], True),
    (["pluginevent_e"], False),  # the plugin event by name
    (["PPME_PLUGINEVENT_E", 322], False),
    (["pluginevent", "openat"], True),
    (["no_such_event"], True),  # an error of its own; meant as a kernel event
])
def test_names_count_as_kernel_events_unless_they_name_the_plugin_event(types, expected):
    assert reads_kernel_events({"fields": [{}], "extract": {"sources": ["k8s_audit"], "event_types": types}}) is expected
    assert reads_kernel_events({"parse": {"event_types": types}}) is expected


def test_resolve_event_types_keeps_codes_outside_the_table():
    assert resolve_event_types([9999, "openat_e"]) == (9999, 306)
