"""`falcogen new`: a complete plugin project that builds as it is."""
from __future__ import annotations

from pathlib import Path
from typing import List

from .errors import UserError
from .manifest import names, patterns
from .paths import manifest_schema_path
from .render import render_scaffold
from .writer import write_new_only


def scaffold(name: str, parent: Path, plugin_id: int = 999) -> List[Path]:
    # The plugin registry's rule, as the manifest schema states it: the new manifest must pass.
    if not patterns.fullmatch(patterns.PLUGIN_NAME, name):
        raise UserError("invalid plugin name '%s': use %s" % (name, patterns.describe(patterns.PLUGIN_NAME)))
    if not 0 < plugin_id < 2**31:
        raise UserError("invalid plugin ID %d: use 999 for development, or an ID from 1 to 2147483647" % plugin_id)
    project = parent / name
    if project.exists() and any(project.iterdir()):
        raise UserError("%s already exists and is not empty: nothing was written" % project)
    root = Path(__file__).resolve().parent.parent.parent
    values = {
        "namespace": name.replace("-", "_"),
        "camel": names.plugin_camel_case(name),
        # A plugin name without its '-' is a valid source name (lowercase letters, digits and '_').
        "source_name": name.replace("-", "_"),
        "plugin_id": plugin_id,
        "schema_path": manifest_schema_path().resolve().as_posix(),
        "falcogen_root": root.as_posix(),
    }
    written = []
    for rel, text in render_scaffold(name, values).items():
        path = project / rel
        if write_new_only(path, text):
            written.append(path)
    return written
