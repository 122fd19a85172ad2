"""`falcogen new`: a complete plugin project that builds as it is."""
from __future__ import annotations

import re
from pathlib import Path
from typing import List

from .errors import UserError
from .paths import manifest_schema_path
from .render import render_scaffold
from .writer import write_new_only

NAME_RE = re.compile(r"^[a-z]+[a-z0-9_-]*$")  # the plugin registry's rule
SOURCE_RE = re.compile(r"[^a-z0-9_]")


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[-_]", name) if part)


def scaffold(name: str, parent: Path, plugin_id: int = 999) -> List[Path]:
    if not NAME_RE.match(name):
        raise UserError(
            "invalid plugin name '%s': use lowercase letters, digits, '-' and '_', starting with a letter" % name
        )
    if not 0 < plugin_id < 2**31:
        raise UserError("invalid plugin ID %d: use 999 for development, or an ID from 1 to 2147483647" % plugin_id)
    project = parent / name
    if project.exists() and any(project.iterdir()):
        raise UserError("%s already exists and is not empty: nothing was written" % project)
    root = Path(__file__).resolve().parent.parent.parent
    values = {
        "namespace": name.replace("-", "_"),
        "camel": _camel(name),
        "source_name": SOURCE_RE.sub("_", name),
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
