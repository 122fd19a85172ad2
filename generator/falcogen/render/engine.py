"""Jinja2 set-up and the list of generated files."""
from __future__ import annotations

from typing import Dict

import jinja2

from .. import __version__
from ..model import Plugin
from ..paths import templates_dir
from . import contracts, cpp

HEADER = "plugin.gen.hpp"  # the generated header, which the author's sources include

# Every generated file, always all of them (empty capabilities render small
# files), so a build system can list them as outputs before generation runs:
# `falcogen generate --list` prints them (cmake/FalcogenAddPlugin.cmake asks).
GENERATED_FILES = (
    HEADER,
    "exports.gen.cpp",
    "layouts.gen.cpp",
    "config.gen.cpp",
)

# Author-owned files written once by `falcogen new` (path in project -> template).
SCAFFOLD_FILES = {
    "plugin.yaml": "scaffold/plugin.yaml.j2",
    "CMakeLists.txt": "scaffold/CMakeLists.txt.j2",
    "src/{name}.cpp": "scaffold/plugin.cpp.j2",
    "tests/{name}_test.cpp": "scaffold/test.cpp.j2",
    "README.md": "scaffold/README.md.j2",
    ".gitignore": "scaffold/gitignore.j2",
}


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["cpp_string"] = cpp.cpp_string
    env.filters["cpp_string_lines"] = cpp.cpp_string_lines
    env.filters["cpp_value"] = cpp.cpp_value
    env.filters["cpp_comment"] = cpp.cpp_comment
    env.filters["json_text"] = cpp.json_text
    env.filters["config_type"] = cpp.config_type
    env.filters["config_initializer"] = cpp.config_initializer
    env.filters["pointer_tokens"] = contracts.pointer_tokens
    env.filters["field_value_type"] = cpp.field_value_type
    return env


def _context(plugin: Plugin) -> dict:
    return {
        "plugin": plugin,
        "falcogen_version": __version__,
        "init_schema_json": contracts.pretty(contracts.init_schema(plugin)),
        "open_params_json": contracts.pretty(contracts.open_params(plugin)) if plugin.source else "",
        "fields_json": contracts.pretty(contracts.fields(plugin)) if plugin.fields else "",
        "extract_sources_json": (
            contracts.pretty(list(plugin.extract.sources)) if plugin.extract and plugin.extract.sources else ""
        ),
        "json_layout": next((l for l in plugin.layouts if l.encoding == "json"), None),
        "binary_layouts": [l for l in plugin.layouts if l.encoding == "binary"],
    }


def render_generated(plugin: Plugin) -> Dict[str, str]:
    """File name -> text of every generated file."""
    env = _environment()
    context = _context(plugin)
    return {name: env.get_template(name + ".j2").render(context) for name in GENERATED_FILES}


def render_scaffold(plugin_name: str, values: dict) -> Dict[str, str]:
    """Relative path -> text of a new plugin project's author-owned files."""
    env = _environment()
    context = dict(values, name=plugin_name, falcogen_version=__version__)
    return {
        path.format(name=plugin_name): env.get_template(template).render(context)
        for path, template in SCAFFOLD_FILES.items()
    }
