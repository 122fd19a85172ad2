"""`falcogen new`: a complete plugin project that builds as it is."""
from __future__ import annotations

from pathlib import Path
from typing import List

from .errors import UserError
from .manifest import names, patterns
from .render import render_scaffold
from .schemacopy import SCHEMA_COPY, schema_copy_text
from .writer import write_atomic, write_new_only


def scaffold(name: str, parent: Path, plugin_id: int = 999) -> List[Path]:
    # The plugin registry's rule, as the manifest schema states it: the new manifest must pass.
    if not patterns.fullmatch(patterns.PLUGIN_NAME, name):
        raise UserError("invalid plugin name '%s': use %s" % (name, patterns.describe(patterns.PLUGIN_NAME)))
    if not 0 < plugin_id < 2**31:
        raise UserError("invalid plugin ID %d: use 999 for development, or an ID from 1 to 2147483647" % plugin_id)
    project = parent / name
    if project.exists() and any(project.iterdir()):
        raise UserError("%s already exists and is not empty: nothing was written" % project)
    # Nothing the project holds names a folder of this machine: CMake finds falcogen by itself
    # (CMakeLists.txt says how) and the manifest's schema comment names a copy in the project.
    values = {
        "namespace": name.replace("-", "_"),
        "camel": names.plugin_camel_case(name),
        # A plugin name without its '-' is a valid source name (lowercase letters, digits and '_').
        "source_name": name.replace("-", "_"),
        "plugin_id": plugin_id,
        "schema_path": SCHEMA_COPY,
    }
    written = []
    for rel, text in render_scaffold(name, values).items():
        path = project / rel
        if write_new_only(path, text):
            written.append(path)
    schema = project / SCHEMA_COPY  # falcogen's file, which `falcogen generate` keeps up to date
    write_atomic(schema, schema_copy_text())
    written.append(schema)
    return written
