"""Jinja2 set-up, the render context and the list of generated files."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, Sequence, Tuple

import jinja2
import yaml

from .. import __version__, kernel_events
from ..model import AuthorMethod, Plugin
from ..paths import templates_dir
from . import contracts, cpp

HEADER = "plugin.gen.hpp"  # the generated header, which the author's sources include

# Every generated file, always all of them (empty capabilities render small
# files), so a build system can list them as outputs before generation runs:
# `falcogen generate --list` prints them (cmake/FalcogenAddPlugin.cmake asks).
# The header is the author's interface; the source holds the plugin's tables
# and its C ABI exports.
GENERATED_FILES = (HEADER, "plugin.gen.cpp")

# Author-owned files written once by `falcogen new` (path in project -> template).
SCAFFOLD_FILES = {
    "plugin.yaml": "scaffold/plugin.yaml.j2",
    "CMakeLists.txt": "scaffold/CMakeLists.txt.j2",
    "src/{name}.cpp": "scaffold/plugin.cpp.j2",
    "tests/{name}_test.cpp": "scaffold/test.cpp.j2",
    "README.md": "scaffold/README.md.j2",
    ".gitignore": "scaffold/gitignore.j2",
}

FILTERS = {
    "cpp_string": cpp.cpp_string,
    "cpp_raw_string": cpp.cpp_raw_string,
    "cpp_bool": cpp.cpp_bool,
    "documented": cpp.documented,
    "commented": cpp.commented,
    "doc_block": cpp.doc_block,
    "braced": cpp.braced,
    "config_member": cpp.config_member,
    "config_type": cpp.config_type,
    "open_form": cpp.open_form,
    "config_get": cpp.config_get,
    "config_constants": cpp.config_constants,
    "field_spec": cpp.field_spec,
    "direct_call": cpp.direct_call,
    "direct_spec": cpp.direct_spec,
    "table_decl": cpp.table_decl,
    "inline_function": cpp.inline_function,
    "method_tail": cpp.method_tail,
    "view_accessor": cpp.view_accessor,
}


@dataclass(frozen=True)
class AuthorClass:
    name: str  # PluginBase, InstanceBase
    root: str  # its runtime root class
    comment: str
    methods: Tuple[AuthorMethod, ...]
    retired: Tuple[Any, ...]  # lock.Retired: cls, decl, name, asked_by, since
    missing_types: Tuple[str, ...]  # types retired methods use that the manifest no longer declares


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters.update(FILTERS)
    return env


def _declared_types(plugin: Plugin) -> set:
    types = {s.name for s in plugin.config_structs} | {l.cpp_name for l in plugin.layouts} | {"PluginBase"}
    if plugin.has_event:
        types.add("Event")
    if plugin.source:
        types.add("InstanceBase")
    return types


def _author_classes(plugin: Plugin, retired: Sequence[Any]) -> Tuple[AuthorClass, ...]:
    classes = [("PluginBase", "PluginRoot", "The plugin state (plugin_init .. plugin_destroy).")]
    if plugin.source:
        classes.insert(0, ("InstanceBase", "InstanceRoot",
                           "One open capture (plugin_open .. plugin_close); its destructor is the capture's close."))
    declared = _declared_types(plugin)
    out = []
    for name, root, comment in classes:
        gone = tuple(r for r in retired if r.cls == name)
        used = {t for r in gone for t in re.findall(r"\b([A-Z]\w*)\b", r.decl.split("(", 1)[-1])}
        out.append(AuthorClass(name, root, comment, tuple(m for m in plugin.methods if m.cls == name), gone,
                               tuple(sorted(used - declared))))
    return tuple(out)


def _header_includes(plugin: Plugin) -> Tuple[str, ...]:
    includes = ["runtime.hpp", "detail/roots.hpp"]
    if plugin.layouts:
        includes.append("detail/layout.hpp")
    if plugin.has_event:
        includes.append("detail/event.hpp")
    if plugin.kernel_views:
        includes.append("kernel_view.hpp")
    if plugin.imported_tables:
        includes.append("tables.hpp")
    if plugin.exported_tables:
        includes += ["owned_table.hpp", "detail/copy.hpp"]
    if plugin.has_tables:
        includes.append("detail/tables.hpp")
    if plugin.async_:
        includes.append("async.hpp")
    if plugin.capture_listening:
        includes.append("thread_pool.hpp")
    if _computed_fields(plugin):
        includes.append("detail/direct_fields.hpp")
    return tuple(sorted(includes))


def _computed_fields(plugin: Plugin) -> Tuple[Any, ...]:
    return tuple(f for f in plugin.fields if f.binding == "computed")


def _source_includes(plugin: Plugin) -> Tuple[str, ...]:
    includes = ["detail/api_table.hpp", "detail/barrier.hpp", "detail/plugin.hpp"]
    if plugin.fields:
        includes.append("detail/extract.hpp")
    if plugin.parse:
        includes.append("detail/parse.hpp")
    if plugin.has_tables:
        includes.append("detail/table_exports.hpp")
    if any(f.binding == "param" for f in plugin.fields):
        includes.append("detail/kernel_fields.hpp")
    if any(f.binding == "table" for f in plugin.fields):
        includes.append("detail/table_fields.hpp")
    return tuple(sorted(includes))


def _parse_sources(plugin: Plugin) -> list:
    if plugin.parse is None:
        return []
    if plugin.parse.sources:
        return list(plugin.parse.sources)
    return [plugin.source.name] if plugin.source else []


def _event_base_args(plugin: Plugin) -> str:
    plugin_id = "kPluginId" if plugin.source else "0"  # 0: another plugin's events
    offsets = cpp.cpp_bool(bool(plugin.extract and plugin.extract.value_offsets))
    return ", ".join([plugin_id, offsets] + [l.cpp_name for l in plugin.layouts])


def _table_api_version(plugin: Plugin) -> str:
    """The required API version the plugin_api table reports: the plugin's, but at least 3.10.0
    when it has dump_state, which a table of an older layout cannot hold (plugin_load_api clears it)."""
    if plugin.async_ and plugin.async_.dump_state:
        version = tuple(int(p) for p in plugin.required_api_version.split("."))
        if version < (3, 10, 0):
            return "3.10.0"
    return plugin.required_api_version


def _context(plugin: Plugin, retired: Sequence[Any]) -> dict:
    return {
        "plugin": plugin,
        "ns": plugin.cpp_namespace,
        "table_api_version": _table_api_version(plugin),
        "falcogen_version": __version__,
        "init_schema_json": contracts.schema_text(contracts.init_schema(plugin)),
        "open_params_json": contracts.list_text(contracts.open_params(plugin)),
        "fields_json": contracts.list_text(contracts.fields(plugin)),
        "extract_sources_json": contracts.list_text(list(plugin.extract.sources) if plugin.extract else []),
        "plugin_header_includes": _header_includes(plugin),
        "plugin_source_includes": _source_includes(plugin),
        "parse_sources_json": contracts.list_text(_parse_sources(plugin)),
        "async_events_json": contracts.list_text([e.name for e in plugin.async_.events] if plugin.async_ else []),
        "async_sources_json": contracts.list_text(list(plugin.async_.sources) if plugin.async_ else []),
        "event_base_args": _event_base_args(plugin),
        "author_classes": _author_classes(plugin, retired),
        "schema_version": kernel_events.schema_version(),
        "method_picks": _method_picks(plugin, retired),
        "method_refs": _method_refs(_method_picks(plugin, retired)),
        "direct_calls": tuple(m for m in plugin.methods if m.cls == "PluginBase" and m.name in {
            "extract_" + f.cpp_name for f in _computed_fields(plugin)}),
    }


@dataclass(frozen=True)
class MethodPick:
    """A PluginBase method that shares its name with a retired declaration (a deleted overload, lock.py): generated
    code names the current one through a constant of its exact type."""

    name: str
    alias: str  # the member pointer type's name, e.g. ExtractHelloShout
    type: str  # e.g. bool (PluginBase::*)(const Greeting&, std::string&)

    @property
    def constant(self) -> str:
        return "k" + self.alias


def _method_picks(plugin: Plugin, retired: Sequence[Any]) -> Tuple[MethodPick, ...]:
    gone = {r.name for r in retired if r.cls == "PluginBase"}
    return tuple(MethodPick(m.name, "".join(w.title() for w in m.name.split("_")),
                            "%s (PluginBase::*)(%s)" % (m.returns, ", ".join(p.type for p in m.params)))
                 for m in plugin.methods if m.cls == "PluginBase" and m.name in gone)


def _method_refs(picks: Tuple[MethodPick, ...]) -> Dict[str, str]:
    """Method name -> how generated code names it, for those that need more than &PluginBase::name."""
    return {p.name: p.constant for p in picks}


def _yaml_scalar(value: Any) -> str:
    """A YAML scalar that reads back as `value` (strings quoted when plain style would change them)."""
    return yaml.safe_dump(value, default_flow_style=True, width=1 << 20, allow_unicode=True).strip().removesuffix(
        "\n...").removesuffix("...").strip()


def _yaml_flow(value: Any) -> str:
    return _yaml_scalar(value)


def publish_environment() -> jinja2.Environment:
    """The environment of `falcogen docs` (templates/publish/): YAML filters instead of C++ ones."""
    env = _environment()
    env.filters.update({"yaml_scalar": _yaml_scalar, "yaml_flow": _yaml_flow})
    return env


def render_generated(plugin: Plugin, retired: Sequence[Any] = ()) -> Dict[str, str]:
    """File name -> text of every generated file."""
    env = _environment()
    context = _context(plugin, retired)
    return {name: env.get_template(name + ".j2").render(context) for name in GENERATED_FILES}


def render_scaffold(plugin_name: str, values: dict) -> Dict[str, str]:
    """Relative path -> text of a new plugin project's author-owned files."""
    env = _environment()
    context = dict(values, name=plugin_name, falcogen_version=__version__)
    return {
        path.format(name=plugin_name): env.get_template(template).render(context)
        for path, template in SCAFFOLD_FILES.items()
    }
